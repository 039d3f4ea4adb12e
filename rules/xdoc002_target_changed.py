"""XDOC002: a 自评表 states another 年度指标值 than the 绩效目标表 set for the same indicator."""
from __future__ import annotations

from typing import Iterator

from auditor.corpus.index import FactsIndex
from auditor.corpus.rule import CorpusIssue, CorpusRule
from auditor.models import PerformanceTable

from ._corpus import find_indicator, indicator_lookup, shown, values_differ


class TargetChanged(CorpusRule):
    id = "XDOC002"
    name = "target-changed"
    severity = "warning"
    summary = "自评表的年度指标值与同年绩效目标表的指标值不同 / a self-evaluation's 年度指标值 differs from the target the 绩效目标表 set."
    why = ("自评应对照年初批复的目标；事后改写目标值会让未完成的任务显得已完成。"
           " A self-evaluation measures against the approved targets; rewriting them afterwards hides a miss.")
    bad = "绩效目标表：补贴老人人数 ≥1200人；自评表 年度指标值：≥1000人"
    good = "自评表 年度指标值 照抄 ≥1200人，实际完成值如实填写"
    fix = "年度指标值照录批复的绩效目标 / copy the approved target; report the actual value beside it."
    policy = "《项目支出绩效评价管理办法》(财预〔2020〕10号)"
    anchor = "the 年度指标值 cell of the 自评表"
    parts = (PerformanceTable,)  # its facts come from target tables and self-evaluations (a subclass)

    def check(self, index: FactsIndex) -> Iterator[CorpusIssue]:  # type: ignore[override]
        for item in index.of_kind("self-evaluation"):
            target = index.same_project(item, "target", item.fact.year)
            if target is None:
                continue
            lookup = indicator_lookup(index.indicators(target))
            for ind in index.indicators(item):
                set_ = find_indicator(ind.name, lookup)
                if set_ is None or not values_differ(set_, ind):
                    continue
                yield self.issue_at(
                    item.file, ind.ref,
                    f"“{ind.name}”年度指标值 {ind.value}，绩效目标表（{shown(target.file)}）为 {set_.value} / "
                    f"“{ind.name}”: target {ind.value} here, {set_.value} in the target table ({shown(target.file)})",
                    table=item.fact.name or item.fact.title, code=item.fact.code or target.fact.code, evidence=ind.value, field=ind.name,
                )
