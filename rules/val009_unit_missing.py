"""VAL009: a number with no unit where the name implies one."""
from __future__ import annotations

from typing import Iterator

from auditor.models import Document
from auditor.names import is_count_name, is_money_name, is_rate_name, is_satisfaction, is_unitless_name
from auditor.rule import Issue, Rule

from ._indicators import indicator_rows


class UnitMissing(Rule):
    id = "VAL009"
    name = "unit-missing"
    severity = "warning"
    summary = "指标值缺少计量单位 / a number with no unit where the indicator implies one."
    why = "没有单位的数值含义不明（面积？金额？）。A number without a unit is ambiguous."
    bad = "新增各类商业网点面积 → ≥100000"
    good = "新增各类商业网点面积 → ≥100000平方米"
    fix = "补充计量单位 / add the unit."
    policy = "财预〔2021〕101号：指标值应明确计量单位"
    anchor = "the value"

    def check(self, doc: Document) -> Iterator[Issue]:
        for table, ind in indicator_rows(doc):
            v = ind.value
            if v.kind not in ("number", "range") or v.unit is not None:
                continue
            if is_rate_name(ind.name) or is_count_name(ind.name) or is_money_name(ind.name) or is_unitless_name(ind.name) \
                    or is_satisfaction(ind.level1, ind.level2):
                continue
            yield self.issue(ind, f"“{ind.name}”指标值 {ind.value_raw} 缺少计量单位 / number without a unit",
                             where=table, evidence=ind.value_raw, field=ind.name)
