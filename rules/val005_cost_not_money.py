"""VAL005: a 成本指标 whose value is not an amount of money."""
from __future__ import annotations

from typing import Iterator

from auditor.models import Document
from auditor.names import is_cost
from auditor.rule import Issue, Rule
from auditor.values import compact
from auditor.vocabulary import vocabulary

from ._indicators import indicator_rows

#: what a non-money value is, in Chinese and in English (each half of the bilingual message)
_LABELS = {"percent": ("百分比", "a percent"), "count": ("计数", "a count"), "time": ("时间", "a time"), "physical": ("实物量", "a physical quantity")}


class CostNotMoney(Rule):
    id = "VAL005"
    name = "cost-not-money"
    severity = "error"
    summary = "成本指标的指标值不是金额 / a cost indicator's value is not an amount of money."
    why = "成本指标衡量资金成本，应以元、万元等货币单位表述。Cost indicators measure money."
    bad = "新能源汽车单辆补助标准 → 100百分比"
    good = "新能源汽车单辆补助标准 → ≤1.5万元/辆"
    fix = "改为金额上限（≤X万元）/ give a money ceiling such as ≤X万元."
    policy = "财预〔2021〕101号：成本指标包括经济成本指标、社会成本指标等，以货币计量"
    anchor = "the value"
    version = "2"

    def check(self, doc: Document) -> Iterator[Issue]:
        for table, ind in indicator_rows(doc):
            v = ind.value
            if not is_cost(ind.level1, ind.level2) or v.kind not in ("number", "range"):
                continue
            if compact(ind.level2) in vocabulary("performance").word_set("qualitative_cost"):
                continue  # 社会 / 生态环境成本指标 need not be money (RULES.md v2 "Cost rows")
            if v.unit_kind in _LABELS:
                yield self.issue(ind,
                    f"成本指标“{ind.name}”的指标值 {ind.value_raw} 是{_LABELS[v.unit_kind][0]}，应为金额（元/万元） / "
                    f"the value is {_LABELS[v.unit_kind][1]}; expected money",
                    where=table, evidence=ind.value_raw, field=ind.name,
                )
