"""VAL007: an indicator row without a 指标值."""
from __future__ import annotations

from typing import Iterator

from auditor.models import Document
from auditor.rule import Issue, Rule

from ._indicators import indicator_rows


class MissingValue(Rule):
    id = "VAL007"
    name = "missing-value"
    severity = "error"
    summary = "指标值为空 / an indicator row with an empty 指标值."
    why = "没有指标值的指标无法考核。An indicator without a target cannot be assessed."
    bad = "资金拨付及时率 | （空）"
    good = "资金拨付及时率 | ≥95%"
    fix = "填写可衡量的指标值 / fill in a measurable target."
    policy = "财预〔2021〕101号：绩效指标应细化、量化"
    anchor = "the row's 三级指标"

    def check(self, doc: Document) -> Iterator[Issue]:
        for table, ind in indicator_rows(doc):
            if ind.name and not ind.value_raw.strip():
                yield self.issue(ind.name_ref or ind.name_line, f"“{ind.name}”没有指标值 / no target value", where=table, evidence=ind.name, field=ind.name)
