"""PLAN004: no spend plan at all."""
from __future__ import annotations

from typing import Iterator

from auditor.models import Document, PerformanceTable
from auditor.rule import Issue, Rule, target_tables


class PlanMissing(Rule):
    id = "PLAN004"
    name = "plan-missing"
    severity = "warning"
    summary = "资金支出计划各时点均为空，或本表缺少而同文件其他项目表有该行 / every checkpoint of the spend plan is empty, or the row is absent while the other project tables of the document carry it."
    why = "没有支出计划就无法监控预算执行进度。Without a plan, execution cannot be monitored."
    bad = "资金支出计划（%）3月底 — 6月底 — 10月底 — 12月底 —"
    good = "资金支出计划（%）10, 30, 80, 100"
    fix = "按季度填报累计支出百分比 / fill the cumulative percent at each checkpoint."
    policy = "预算执行进度管理要求"
    anchor = "the row header, else the table's first line"
    version = "2"

    def check(self, doc: Document) -> Iterator[Issue]:
        tables = [t for t in target_tables(doc) if _project_table(t)]
        # the template of the document carries a plan row when any of its 项目支出 tables does
        # (RULES.md "Layouts met in other offices"): the national template has none at all
        template_has_plan = any(t.plan.present for t in tables)
        for table in tables:
            if not table.plan.present:
                if template_has_plan:
                    yield self.issue(table.title_line, "缺少资金支出计划（%）行（本文件其他项目表均有） / no spend-plan row, while the other tables of the document have one",
                                     where=table, field="plan")
            elif not table.plan.filled():
                yield self.issue(table.plan.line or table.title_line, "资金支出计划（%）各时点均为空 / every checkpoint of the spend plan is empty", where=table, field="plan")


def _project_table(table: PerformanceTable) -> bool:
    """A 项目支出 table: not an evaluation form's indicators (部门整体 tables and self-evaluations
    are other kinds, never handed here by :func:`target_tables`; a 整体 title without a code is one too)."""
    if table.budget is None and table.project_code is None:
        return False  # not a performance-target table (an evaluation form's indicators)
    return not (table.project_code is None and "整体" in table.title)
