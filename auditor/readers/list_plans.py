"""Spend plans in a list of projects, a row a project (a 项目库 export).

A project list (…项目清单, a row a project under 序号 | 项目编码 | 项目名称 | 预算数 | 财政拨款 | 其他资金)
is read as a form's list: DOC002 on its codes, BUD006 row by row.  When it also gives each
project's spend plan in checkpoint columns (一季度 … 四季度, under 资金支出计划（%） or with it in the
label), each row is also a plan to judge: here each becomes a target table holding the project's
name, its 预算数 and its plan, so the PLAN rules read it like any other.  The codes and the fund
sources stay the list's (the rules that read them there would otherwise report them twice).
"""
from __future__ import annotations

from typing import Dict, List

from ..models import Form, FormField, ParseIssue, PerformanceTable
from .blocks import GCell, Row
from .performance import _key_of, checkpoint_in_label, read_table

#: the plan label the rows are given (the list names its plan in its header, or only its checkpoints)
_PLAN_LABEL = "资金支出计划（%）"


def plan_tables(form: Form, issues: List[ParseIssue], unit: str) -> List[PerformanceTable]:
    """A target table for each row of a project list that gives the project's plan (none otherwise)."""
    rows: Dict[int, List[FormField]] = {}
    for f in form.fields:
        rows.setdefault(f.value_line or f.line, []).append(f)
    if len(rows) < 2:
        return []  # a form, not a list
    tables: List[PerformanceTable] = []
    for line in sorted(rows):
        fields = rows[line]
        checkpoints = [(f, found[1]) for f, found in ((f, checkpoint_in_label(f.label)) for f in fields) if found is not None]
        name = next((f for f in fields if _key_of(f.label) == "name" and f.value.strip()), None)
        budget = next((f for f in fields if _key_of(f.label) == "budget"), None)
        if len(checkpoints) < 2 or name is None or budget is None:
            continue
        cells = [
            Row(cells=[_cell(name.label, name), _cell(name.value, name)], line=line),
            Row(cells=[_cell(budget.label, budget), _cell(budget.value, budget)], line=line),
            # the plan's label is placed at its first checkpoint: a finding on the plan as a whole (PLAN004)
            # names a cell of the project's row
            Row(cells=[_cell(_PLAN_LABEL, checkpoints[0][0])] + [GCell(written, line) for _, written in checkpoints], line=line),
            Row(cells=[GCell("", line)] + [_cell(f.value, f) for f, _ in checkpoints], line=line),
        ]
        table = read_table("", line, cells, issues, unit)
        if table is not None:
            table.title = name.value.strip()
            tables.append(table)
    return tables


def _cell(text: str, field: FormField) -> GCell:
    """``text`` at the field's place (its line, and its cell in a native file)."""
    ref = field.ref
    return GCell(text, field.value_line or field.line, ref.location() if ref is not None else None, ref)
