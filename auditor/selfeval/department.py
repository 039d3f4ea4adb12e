"""Rows of cells → :class:`~auditor.models.DepartmentTable` (部门整体支出绩效目标表).

The indicator part and the fields are those of any target table (read by
:func:`auditor.readers.performance.read_table`); this module adds what only a
department's table has: its money split by source (财政拨款, 其他资金 …) and by use
(基本支出, 项目支出) against one total, and its 年度主要任务.  Fund lines are found
by their labels wherever the template puts the amount: in the same cell
(``一般公共预算：1200``), in the next cell, or in the cell below (a row of labels
over a row of amounts).
"""
from __future__ import annotations

import re
from typing import Dict, List, Optional, Sequence, Tuple

from ..models import Amount, Cell, DepartmentTable, FundLine, PerformanceTable, Task
from ..values import compact, halfwidth, parse_amount
from ..readers.blocks import GCell, Row, value_index
from ..vocabulary import Vocabulary
from .vocabulary import department_vocabulary, normalise, role_of, roles, words

_AMOUNT = re.compile(r"^[-+]?(?:\d[\d,]*(?:\.\d+)?|\.\d+)(?:亿元|万元|千元|元)?$")
_INLINE = re.compile(r"^\s*(?:其中\s*[:：])?\s*([^:：]{2,16})\s*[:：]\s*(.+?)\s*$")


def is_department_table(title: str, vocab: Optional[Vocabulary] = None) -> bool:
    return (vocab or department_vocabulary()).is_title(compact(title))


def _is_amount(text: str) -> bool:
    return bool(_AMOUNT.match(compact(halfwidth(text))))


def department_from(table: PerformanceTable, rows: Sequence[Row], header_row: int,
                    vocab: Optional[Vocabulary] = None) -> DepartmentTable:
    """A target table read by the performance reader, with its department parts added.

    ``header_row`` is the index of the indicator header in ``rows`` (len(rows) if none)."""
    vocab = vocab or department_vocabulary()
    data = {k: getattr(table, k) for k in PerformanceTable.model_fields if k != "kind"}
    dept = DepartmentTable(**data)
    head = list(rows[:header_row])
    task_rows = _task_block(head, vocab)
    tasks, used = _tasks(head, task_rows, table.unit, vocab)
    dept.tasks = tasks
    total, sources, uses = _fund_lines(head, used, table.unit, vocab)
    dept.sources, dept.uses = sources, uses
    if total is not None:
        dept.budget = total
    dept.department = _department(head, vocab)
    return dept


def _department(rows: Sequence[Row], vocab: Vocabulary) -> Optional[Cell]:
    for row in rows:
        for idx, cell in enumerate(row.cells):
            if normalise(cell.text) in words(vocab, "department_label"):
                value = next((c for c in row.cells[idx + 1:] if not c.blank), None)
                if value is not None:
                    return Cell(text=value.text.strip(), line=value.line, location=value.location, ref=value.ref)
    return None


def _task_block(rows: Sequence[Row], vocab: Vocabulary) -> Tuple[int, int]:
    """(first, end) row indices of the 年度主要任务 list (the label row included)."""
    start = None
    for i, row in enumerate(rows):
        first = row.first()
        label = normalise(first.text) if first else ""
        if start is None:
            if label in words(vocab, "task_label"):
                start = i
            continue
        if label in words(vocab, "task_label") or _task_header(row, vocab):
            continue
        # a new block: its label in the first column (金额合计, 年度总体目标 …), or a fund label anywhere
        opens = not row.cells[0].blank and role_of(label, roles(vocab, "row")) is not None
        if opens or label in words(vocab, "stop_label") or label in words(vocab, "split_heading") or (
                role_of(label, roles(vocab, "row"), contains=False) is not None):
            return start, i
    return (start, len(rows)) if start is not None else (0, 0)


def _task_header(row: Row, vocab: Vocabulary) -> Dict[str, int]:
    found: Dict[str, int] = {}
    for idx, cell in enumerate(row.cells):
        role = role_of(cell.text, roles(vocab, "task"), contains=False)
        if role is not None and role not in found:
            found[role] = idx
    return found if "name" in found and len(found) >= 2 else {}


def _tasks(rows: Sequence[Row], block: Tuple[int, int], unit: str, vocab: Vocabulary) -> Tuple[List[Task], set]:
    start, end = block
    tasks: List[Task] = []
    used: set = set(range(start, end))
    cols: Dict[str, int] = {}
    width = 0
    for row in rows[start:end]:
        header = _task_header(row, vocab)
        if header:
            cols, width = header, len(row.cells)
            continue
        if not cols:
            continue
        cells = list(row.cells)
        if len(cells) < width:
            cells = [GCell("", row.line)] * (width - len(cells)) + cells
        def at(key: str) -> Optional[GCell]:
            i = cols.get(key)
            return cells[i] if i is not None and i < len(cells) else None
        name, content, amount = at("name"), at("content"), at("amount")
        if name is None or name.blank or normalise(name.text) in words(vocab, "task_label"):
            continue
        tasks.append(Task(name=Cell(text=name.text.strip(), line=name.line, location=name.location, ref=name.ref),
                          content=content.text.strip() if content else "",
                          amount=parse_amount(amount.text, amount.line, unit, amount.location, amount.ref) if amount is not None and not amount.blank else None))
    return tasks, used


def _fund_lines(rows: Sequence[Row], skip: set, unit: str, vocab: Vocabulary) -> Tuple[Optional[Amount], List[FundLine], List[FundLine]]:
    """The total and the lines of each split, each amount read once."""
    total: Optional[Amount] = None
    sources: List[FundLine] = []
    uses: List[FundLine] = []
    taken: set = set()
    for r, row in enumerate(rows):
        if r in skip:
            continue
        for c, cell in enumerate(row.cells):
            if cell.blank or (r, c) in taken:
                continue
            label, value = cell.text, None
            m = _INLINE.match(cell.text)
            if m and _is_amount(m.group(2)):
                label, value = m.group(1), GCell(m.group(2), cell.line, cell.location, cell.ref)
            role = role_of(label, roles(vocab, "row"))
            if role is None or _is_amount(label):
                continue
            if value is None:
                value, at = _value_for(rows, r, c, taken)
                if value is None:
                    continue
                taken.add(at)
            amount = parse_amount(value.text, value.line, unit, value.location, value.ref)
            if amount.wan is None:
                continue
            if role == "total":
                if total is None:
                    total = amount
            elif role == "source":
                sources.append(FundLine(label=normalise(label), amount=amount))
            else:
                uses.append(FundLine(label=normalise(label), amount=amount))
    return total, sources, uses


def _value_for(rows: Sequence[Row], r: int, c: int, taken: set) -> Tuple[Optional[GCell], Tuple[int, int]]:
    """The amount of the label at (r, c): the next cell, else the cell below (a row of amounts)."""
    row = rows[r]
    n = value_index(row.cells, c)  # past the blank cells of a label merged over two columns
    while n < len(row.cells) and row.cells[n].blank:
        n += 1  # past a column this row leaves empty (a task list's 主要内容 above the fund rows)
    if n < len(row.cells) and _is_amount(row.cells[n].text) and (r, n) not in taken:
        return row.cells[n], (r, n)
    if r + 1 < len(rows):
        below = rows[r + 1]
        if c < len(below.cells) and _is_amount(below.cells[c].text) and (r + 1, c) not in taken:
            filled = [x for x in below.cells if not x.blank]
            if filled and all(_is_amount(x.text) for x in filled):
                return below.cells[c], (r + 1, c)
    return None, (r, c)

