"""PLAN004: no spend plan at all."""
from __future__ import annotations

from typing import Iterator

from auditor.models import Document
from auditor.rule import Issue, Rule, target_tables


class PlanMissing(Rule):
    id = "PLAN004"
    name = "plan-missing"
    severity = "warning"
    summary = "缺少资金支出计划或各时点均为空 / the spend plan row is absent or every checkpoint is empty."
    why = "没有支出计划就无法监控预算执行进度。Without a plan, execution cannot be monitored."
    bad = "资金支出计划（%）3月底 — 6月底 — 10月底 — 12月底 —"
    good = "资金支出计划（%）10, 30, 80, 100"
    fix = "按季度填报累计支出百分比 / fill the cumulative percent at each checkpoint."
    policy = "预算执行进度管理要求"
    anchor = "the row header, else the table's first line"

    def check(self, doc: Document) -> Iterator[Issue]:
        for table in target_tables(doc):
            if table.budget is None and table.project_code is None:
                continue  # not a performance-target table (an evaluation form's indicators)
            if not table.plan.present:
                yield self.issue(table.title_line, "缺少资金支出计划（%）行 / no spend-plan row", where=table, field="plan")
            elif not table.plan.filled():
                yield self.issue(table.plan.line or table.title_line, "资金支出计划（%）各时点均为空 / every checkpoint of the spend plan is empty", where=table, field="plan")
