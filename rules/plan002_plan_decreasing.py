"""PLAN002: a later checkpoint of the cumulative plan is lower than an earlier one."""
from __future__ import annotations

from typing import Iterator

from auditor.models import Document
from auditor.rule import Issue, Rule, target_tables

from ._common import fmt


class PlanDecreasing(Rule):
    id = "PLAN002"
    name = "plan-decreasing"
    severity = "error"
    summary = "资金支出计划出现递减 / a later checkpoint of the cumulative spend plan is lower than an earlier one."
    why = "支出计划为累计数，只能持平或增加；递减说明填报错误。Cumulative spending cannot go down."
    bad = "资金支出计划（%）30, 60, 50, 100"
    good = "资金支出计划（%）30, 50, 60, 100"
    fix = "按累计口径重填各时点 / fill each checkpoint with the cumulative percent."
    policy = "预算执行进度管理要求（资金支出计划按累计百分比填报）"
    anchor = "the lower value"

    def check(self, doc: Document) -> Iterator[Issue]:
        for table in target_tables(doc, filled_only=False):
            highest = None
            for cp in table.plan.filled():
                if highest is not None and cp.value is not None and cp.value < (highest.value or 0) - 1e-9:
                    yield self.issue(
                        cp,
                        f"{cp.shown} {fmt(cp.value)} 低于 {highest.shown} {fmt(highest.value)}，累计支出计划不应递减 / cumulative plan decreases",
                        where=table, evidence=cp.raw, field=f"plan:{cp.label}",
                    )
                if highest is None or (cp.value or 0) > (highest.value or 0):
                    highest = cp
