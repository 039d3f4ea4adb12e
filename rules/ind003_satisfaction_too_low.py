"""IND003: a satisfaction target below the minimum (80% by default)."""
from __future__ import annotations

from typing import Iterator

from auditor.models import Document
from auditor.names import is_satisfaction
from auditor.rule import Issue, Rule
from auditor.values import percent_of

from ._common import fmt
from ._indicators import indicator_rows


class SatisfactionTooLow(Rule):
    id = "IND003"
    name = "satisfaction-too-low"
    severity = "warning"
    summary = "满意度目标低于下限（默认80%） / a satisfaction target below the configured minimum (default 80%)."
    why = "满意度目标过低说明目标设置不积极，难以反映服务质量。A low satisfaction target sets no real bar."
    bad = "参会企业满意度 ≥50%"
    good = "参会企业满意度 ≥90%"
    fix = "按历史水平或行业标准提高目标 / raise the target to the historical or sector level."
    policy = "财预〔2021〕101号：满意度指标一般不低于80%（可在配置中调整 IND003.minimum）"
    anchor = "the value"
    parameters = {"minimum": 80}

    def check(self, doc: Document) -> Iterator[Issue]:
        minimum = float(self.params["minimum"])
        for table, ind in indicator_rows(doc):
            v = ind.value
            pct = percent_of(v)
            if not is_satisfaction(ind.level1, ind.level2) or pct is None:
                continue
            if v.op in (">=", ">", "=", None) and pct < minimum:
                yield self.issue(ind, f"满意度指标“{ind.name}”目标 {ind.value_raw} 低于 {fmt(minimum)}% / satisfaction target below {fmt(minimum)}%",
                                 where=table, evidence=ind.value_raw, field=ind.name)
