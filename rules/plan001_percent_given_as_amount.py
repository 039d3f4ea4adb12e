"""PLAN001: the 资金支出计划（%） row is filled with 万元 amounts."""
from __future__ import annotations

from typing import Iterator, Optional

from auditor.models import Checkpoint, Document, PerformanceTable
from auditor.rule import Issue, Rule, target_tables

from ._common import TOLERANCE, fmt, fmt_list


def amounts_anchor(table: PerformanceTable) -> Optional[Checkpoint]:
    """The checkpoint that shows the plan holds amounts, or None if it holds percent."""
    filled = table.plan.filled()
    if not filled:
        return None
    over = next((c for c in filled if c.value is not None and c.value > 100 + 1e-9), None)
    if over is not None:
        return over
    budget = table.budget.value if table.budget else None  # the plan is written in the table's own unit
    if budget is None or budget <= TOLERANCE or abs(budget - 100) <= TOLERANCE:
        return None
    last = filled[-1]
    if abs((last.value or 0) - budget) <= TOLERANCE:
        return last
    if all(abs((c.value or 0) - budget) <= TOLERANCE for c in filled):
        return last
    return None


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

    def check(self, doc: Document) -> Iterator[Issue]:
        for table in target_tables(doc, filled_only=False):
            anchor = amounts_anchor(table)
            if anchor is None:
                continue
            filled = table.plan.filled()
            budget = table.budget.value if table.budget else None
            message = f"资金支出计划（%）填写为金额而非百分比 / spend plan given as amounts: {fmt_list(c.value for c in filled)}"
            if budget:
                percents = ", ".join(f"{round((c.value or 0) / budget * 100)}%" for c in filled)
                message += f" (预算数 {fmt(budget)}) ≈ {percents}"
            yield self.issue(anchor, message, where=table, evidence=anchor.raw, field="plan")
