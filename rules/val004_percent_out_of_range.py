"""VAL004: a percent above 100, negative, or a bound that makes the target a point."""
from __future__ import annotations

from typing import Iterator

from auditor.models import Document
from auditor.rule import Issue, Rule
from auditor.values import percent_of

from ._common import fmt
from ._indicators import indicator_rows


class PercentOutOfRange(Rule):
    id = "VAL004"
    name = "percent-out-of-range"
    severity = "warning"
    summary = "百分比超出0–100或以≥100%表述 / a percent above 100, negative, or ≥100% (a point written as a bound)."
    why = "完成率类指标不能超过100%；≥100%实际只能等于100%，应写作 =100%。Rates cannot exceed 100%; ≥100% can only mean =100%."
    bad = "收支记账率 ≥100%"
    good = "收支记账率 =100%"
    fix = "改为 =100% 或合理的区间 / write =100% or a meaningful bound."
    policy = "财预〔2021〕101号：指标值应科学合理"
    anchor = "the value"

    def check(self, doc: Document) -> Iterator[Issue]:
        for table, ind in indicator_rows(doc):
            v = ind.value
            low = percent_of(v)
            if low is None:
                continue
            top = percent_of(v, v.high) if v.high is not None else low
            if low < 0:
                msg = f"“{ind.name}”指标值 {ind.value_raw} 为负百分比 / a negative percent"
            elif top is not None and top > 100 + 1e-9:
                msg = f"“{ind.name}”指标值 {ind.value_raw} 超过100% / a percent above 100"
            elif v.op == ">=" and abs(low - 100) < 1e-9:
                msg = f"“{ind.name}”指标值 {ind.value_raw} 只能等于100%，应写作 =100% / ≥100% should read =100%"
            elif v.op == ">" and low >= 100:
                msg = f"“{ind.name}”指标值 {ind.value_raw} 不可能达到 / >{fmt(low)}% cannot be met"
            else:
                continue
            yield self.issue(ind, msg, where=table, evidence=ind.value_raw, field=ind.name)
