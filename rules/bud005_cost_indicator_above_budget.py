"""BUD005: a 成本指标 ceiling above the table's own budget."""
from __future__ import annotations

from typing import Iterator

from auditor.models import Document
from auditor.names import is_cost
from auditor.rule import Issue, Rule, performance_tables
from auditor.values import to_wan

from ._common import TOLERANCE, fmt

_ANNUAL = ("年", "年度", "全年")


class CostIndicatorAboveBudget(Rule):
    id = "BUD005"
    name = "cost-indicator-above-budget"
    severity = "error"
    summary = "成本指标的上限高于本表预算数 / a cost indicator's ceiling exceeds the table's 预算数."
    why = "成本指标是对预算的控制，上限超过预算数的目标不能约束支出。A cost ceiling above the budget controls nothing."
    bad = "预算数 44.10 万元；平台运维费用 ≤180万元"
    good = "预算数 44.10 万元；平台运维费用 ≤44.1万元"
    fix = "按预算数或测算标准改写成本上限 / set the ceiling from the budget or a costed standard."
    policy = "财预〔2021〕101号《中央部门项目支出核心绩效目标和指标设置及取值指引（试行）》成本指标"
    anchor = "the 指标值 cell"

    def check(self, doc: Document) -> Iterator[Issue]:
        for table in performance_tables(doc):
            budget = table.budget.wan if table.budget else None
            if budget is None:
                continue
            for ind in table.indicators:
                v = ind.value
                if not is_cost(ind.level1, ind.level2) or v.number is None or v.kind not in ("number", "range"):
                    continue
                unit = v.unit if v.unit_kind == "money" else (table.unit if v.unit is None else None)
                if unit is None:
                    continue
                if v.op not in ("<=", "<", "=", None):
                    continue
                if v.per and v.per not in _ANNUAL:
                    continue  # a unit cost (per person, per day …) is not the project total
                ceiling = to_wan(v.high if v.high is not None else v.number, unit)
                if ceiling is not None and ceiling > budget + TOLERANCE:
                    yield self.issue(ind,
                        f"成本指标“{ind.name}”上限 {ind.value_raw}（{fmt(ceiling)} 万元）高于预算数 {fmt(budget)} 万元 / cost ceiling above the budget",
                        where=table, evidence=ind.value_raw, field=ind.name,
                    )
