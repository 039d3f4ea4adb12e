"""BUD005: a 成本指标 ceiling above the table's own budget."""
from __future__ import annotations

from typing import Iterator, Optional, Tuple

from auditor.models import Amount, Document, PerformanceTable
from auditor.names import is_cost
from auditor.rule import Issue, Rule, performance_tables
from auditor.values import MONEY_IN_BRACKETS, compact, parse_amount, to_wan
from auditor.vocabulary import vocabulary

from ._common import written, TOLERANCE, fmt

_ANNUAL = ("年", "年度", "全年")


def application_budget(doc: Document, table: PerformanceTable) -> Tuple[Optional[Amount], str]:
    """In an application, the budget a cost ceiling is compared with: 项目总投资, else 申请金额
    (RULES.md v2 "Budget of an application"), from the form the table belongs to."""
    vocab = vocabulary("form")
    own = [f for f in doc.forms if f.title_line == table.title_line]
    # an application in two parts (…申报表 with the amounts, then its own 项目绩效评价表 title over the
    # indicators): the nearest form above the table
    above = [f for f in doc.forms if f.title_line < table.title_line]
    for form in own + sorted(above, key=lambda f: f.title_line, reverse=True)[:1]:  # its own form first
        for role, shown in (("total_investment", "项目总投资"), ("requested", "申请金额")):
            for f in form.fields:
                key = MONEY_IN_BRACKETS.sub("", compact(f.label))
                if vocab.key_role(key) != role or not f.value.strip():
                    continue
                unit = MONEY_IN_BRACKETS.search(compact(f.label))
                amount = parse_amount(f.value, f.value_line or f.line, unit.group(1) if unit else getattr(form, "unit", "万元"), ref=f.ref)
                if amount.wan is not None:
                    return amount, shown
    return None, ""


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
            amount, label = (table.budget, "预算数") if table.budget is not None and table.budget.wan is not None else application_budget(doc, table)
            budget = amount.wan if amount is not None else None
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
                        f"成本指标“{ind.name}”上限 {ind.value_raw}（{fmt(ceiling)} 万元）高于{label} {written([amount], budget)} / cost ceiling above the budget",
                        where=table, evidence=ind.value_raw, field=ind.name,
                    )
