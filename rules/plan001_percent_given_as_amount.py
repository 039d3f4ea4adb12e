"""PLAN001: the 资金支出计划（%） row is filled with 万元 amounts."""
from __future__ import annotations

from typing import Any, Dict, Iterator, List, Optional

from auditor.models import Checkpoint, Document, PerformanceTable
from auditor.rule import Issue, Rule, target_tables

from auditor.fixes.model import SAFE, like, make_fix
from auditor.values import parse_amount, to_wan

from ._common import TOLERANCE, fmt, fmt_list
from ._fixes import cell_edit


def plan_budget(table: PerformanceTable) -> Optional[float]:
    """预算数 in the unit the plan's amounts are written in: the table's own, or the one the plan's label
    declares (资金支出计划（元） under a 万元 budget); None when there is no budget or no conversion."""
    if table.budget is None or table.budget.value is None:
        return None
    unit = table.plan.unit
    if unit is None or unit == (table.budget.unit or table.unit):
        return table.budget.value
    per_wan = to_wan(1.0, unit)
    return table.budget.wan / per_wan if table.budget.wan is not None and per_wan else None


def amounts_anchor(table: PerformanceTable) -> Optional[Checkpoint]:
    """The checkpoint that shows the plan holds amounts, or None if it holds percent."""
    filled = table.plan.filled()
    if not filled:
        return None
    over = next((c for c in filled if c.value is not None and c.value > 100 + 1e-9), None)
    if over is not None:
        return over
    if table.plan.unit is not None:
        return filled[-1]  # 资金支出计划（万元）: amounts by its own label, whatever they add up to
    budget = plan_budget(table)
    if budget is None or budget <= TOLERANCE or abs(budget - 100) <= TOLERANCE:
        return None
    last = filled[-1]
    if abs((last.value or 0) - budget) <= TOLERANCE:
        return last
    if all(abs((c.value or 0) - budget) <= TOLERANCE for c in filled):
        return last
    return None


def plan_fix(filled: List[Checkpoint], budget: Optional[float]) -> Optional[Dict[str, Any]]:
    """Each amount as written → percent of 预算数 (in the plan's unit), two decimals (the meaning cannot change)."""
    if not budget or budget <= TOLERANCE:
        return None
    edits = []
    for c in filled:
        amount = parse_amount(c.raw).value
        if amount is None:  # a value the reader computed (one-cell plans): nothing written to replace
            return None
        edits.append(cell_edit(c, like(c.raw, amount / budget * 100)))
    return make_fix(f"按预算数 {fmt(budget)} 换算为累计百分比 / amounts rewritten as percent of the budget {fmt(budget)}", SAFE, edits)


class PercentGivenAsAmount(Rule):
    id = "PLAN001"
    name = "percent-given-as-amount"
    severity = "error"
    summary = "资金支出计划（%）填写为金额而非百分比 / the spend plan is filled with 万元 amounts instead of percent."
    why = "支出计划是累计支出进度（%），用于预算执行监控；填金额使进度无法比较。The plan is a cumulative percent used to monitor budget execution."
    bad = "预算数 170；资金支出计划（%）5, 40, 70, 170"
    good = "预算数 170；资金支出计划（%）3, 24, 41, 100"
    fix = "按 金额 ÷ 预算数 × 100 换算为百分比，12月底为 100 / convert each amount to percent of 预算数; 12月底 should be 100."
    policy = "财预〔2021〕101号；预算执行进度管理要求（资金支出计划按累计百分比填报）"
    anchor = "the first value above 100; if none, the last value present"
    fixable = ("safe",)

    def check(self, doc: Document) -> Iterator[Issue]:
        for table in target_tables(doc, filled_only=False):
            anchor = amounts_anchor(table)
            if anchor is None:
                continue
            filled = table.plan.filled()
            budget = plan_budget(table)
            unit = table.plan.unit
            row = f"资金支出计划（{unit}）" if unit else "资金支出计划（%）"
            written = f"{fmt_list(c.value for c in filled)}{' ' + unit if unit else ''}"
            message = f"{row}填写为金额而非百分比 / spend plan given as amounts: {written}"
            if budget:
                percents = ", ".join(f"{round((c.value or 0) / budget * 100)}%" for c in filled)
                shown = f"{fmt(budget)} {unit}" if unit and table.budget is not None and unit != (table.budget.unit or table.unit) else fmt(budget)
                message += f" (预算数 {shown}) ≈ {percents}"
            yield self.issue(anchor, message, where=table, evidence=anchor.raw, field="plan", fix=plan_fix(filled, budget))
