"""XDOC003: an indicator of the 绩效目标表 is absent from the project's 自评表 of that year."""
from __future__ import annotations

from typing import Iterator

from auditor.corpus.index import FactsIndex
from auditor.corpus.rule import CorpusIssue, CorpusRule
from auditor.models import PerformanceTable

from ._corpus import find_indicator, indicator_lookup, shown


class IndicatorDropped(CorpusRule):
    id = "XDOC003"
    name = "indicator-dropped"
    severity = "info"
    summary = "绩效目标表中的指标未出现在同年自评表中 / an indicator of the target table is absent from the project's self-evaluation."
    why = ("自评应逐项对照年初设定的指标；悄悄删去的指标往往正是没有完成的那一项。"
           " An indicator that quietly disappears from the self-evaluation is often the one that was missed.")
    bad = "绩效目标表有“补贴发放准确率 ≥98%”，自评表没有这一行"
    good = "自评表列出绩效目标表的每一项指标"
    fix = "补列该指标及其实际完成值 / add the indicator with its actual value."
    policy = "《项目支出绩效评价管理办法》(财预〔2020〕10号)"
    anchor = "the 自评表's title line"
    parts = (PerformanceTable,)  # its facts come from target tables and self-evaluations (a subclass)

    def check(self, index: FactsIndex) -> Iterator[CorpusIssue]:  # type: ignore[override]
        for item in index.of_kind("self-evaluation"):
            reported = index.indicators(item)
            if not reported:
                continue  # nothing read from its indicator part: no claim about what is missing
            target = index.same_project(item, "target", item.fact.year)
            if target is None:
                continue
            lookup = indicator_lookup(reported)
            for ind in index.indicators(target):
                if not ind.name.strip() or find_indicator(ind.name, lookup) is not None:
                    continue
                yield self.issue_at(
                    item.file, item.fact.title_ref,
                    f"绩效目标表（{shown(target.file)}）的指标“{ind.name}”（{ind.value}）未出现在自评表中 / "
                    f"indicator “{ind.name}” ({ind.value}) of the target table ({shown(target.file)}) is missing from the self-evaluation",
                    table=item.fact.name or item.fact.title, code=item.fact.code or target.fact.code, evidence=ind.name, field=ind.name,
                )
