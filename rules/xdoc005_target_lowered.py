"""XDOC005: the next year's table lowers a quantitative target while the budget grew by more than 10%."""
from __future__ import annotations

from typing import Iterator

from auditor.corpus.index import FactsIndex
from auditor.corpus.rule import CorpusIssue, CorpusRule
from auditor.models import PerformanceTable
from auditor.names import is_cost

from ._common import fmt
from ._corpus import find_indicator, indicator_lookup, lowered, shown


class TargetLowered(CorpusRule):
    id = "XDOC005"
    name = "target-lowered"
    severity = "info"
    summary = ("同一项目次年预算增长超过10%而数量型目标反而降低 / the same project in the next year: a quantitative target "
               "lowered while the budget grew by more than 10% (a per-unit cost ceiling that rises is one; a total-cost "
               "ceiling rising no faster than the budget is not).")
    why = ("钱多了、目标却低了，说明绩效目标没有随投入提高，或上一年的目标没有完成而被下调。"
           " More money for a lower target means the targets do not follow the funding, or last year's target was missed.")
    bad = "2023年 预算 100 万元、培训人次 ≥500；2024年 预算 130 万元、培训人次 ≥400"
    good = "预算增长时目标同步提高，或说明下调理由"
    fix = "核实目标下调的理由，或按预算增幅调整目标 / justify the lower target or raise it with the budget."
    policy = "财预〔2021〕101号：绩效指标应与预算资金相匹配"
    anchor = "the later year's value"
    parts = (PerformanceTable,)  # its facts come from target tables and self-evaluations (a subclass)
    parameters = {"growth": 0.10}

    def check(self, index: FactsIndex) -> Iterator[CorpusIssue]:  # type: ignore[override]
        growth = float(self.params["growth"])
        for item in index.of_kind("target"):
            fact = item.fact
            if fact.year is None or not fact.budget:
                continue
            later = index.same_project(item, "target", fact.year + 1, any_year_code=True)
            if later is None or later.fact.budget is None or later.fact.budget <= fact.budget * (1 + growth) + 1e-9:
                continue
            before = indicator_lookup(index.indicators(item))
            rise = later.fact.budget / fact.budget - 1
            for ind in index.indicators(later):
                old = find_indicator(ind.name, before)
                if old is None or not lowered(old, ind):
                    continue
                if is_cost(ind.level1, ind.level2) and _total_within(old, ind, rise):
                    continue  # a total-cost ceiling rising no faster than the budget follows the money
                yield self.issue_at(
                    later.file, ind.ref,
                    f"“{ind.name}” {fact.year}年为 {old.value}，{fact.year + 1}年降为 {ind.value}，而预算由 {fmt(fact.budget)} 增至 "
                    f"{fmt(later.fact.budget)} 万元（+{rise:.0%}） / “{ind.name}” lowered from {old.value} ({fact.year}, {shown(item.file)}) "
                    f"to {ind.value} while the budget grew {fmt(fact.budget)} → {fmt(later.fact.budget)} (+{rise:.0%})",
                    table=later.fact.name or later.fact.title, code=later.fact.code, evidence=ind.value, field=ind.name,
                )


def _total_within(before: "object", after: "object", rise: float) -> bool:
    """A total-cost ceiling (money, not per unit: ≤200万元 → ≤240万元) that grew no more than the budget did."""
    raw = f"{getattr(before, 'value', '')}{getattr(after, 'value', '')}"
    if "/" in raw or "每" in raw:
        return False  # 万元/公里, 元/人: a unit cost rising is a lower efficiency target (RULES.md: a ≤ ceiling rises)
    old, new = getattr(before, "number", None), getattr(after, "number", None)
    if not old or new is None:
        return False
    return new / old - 1 <= rise + 1e-9
