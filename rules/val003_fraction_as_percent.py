"""VAL003: a rate written as a bare fraction (≥0.95) instead of a percent."""
from __future__ import annotations

from typing import Any, Dict, Iterator, Optional

from auditor.models import Document
from auditor.names import is_rate_name, is_satisfaction
from auditor.rule import Issue, Rule

from auditor.fixes.model import SAFE, make_fix, replace_number

from ._common import fmt
from ._fixes import value_edit
from ._indicators import indicator_rows


def _fix(ind) -> Optional[Dict[str, Any]]:
    """``≥0.95`` → ``≥95%``: the number × 100 with a percent sign; the operator as written."""
    new = replace_number(ind.value_raw.rstrip(), fmt(ind.value.number * 100) + "%")
    if new is None:
        return None
    return make_fix("小数改写为百分比 / the fraction written as a percent", SAFE, [value_edit(ind, new)])


class FractionAsPercent(Rule):
    id = "VAL003"
    name = "fraction-as-percent"
    severity = "warning"
    summary = "比率以无单位小数表示 / a rate given as a bare fraction without unit."
    why = "无单位的 0.95 可被读作 0.95% 或 95%，考核口径不明。A bare 0.95 can be read as 0.95% or 95%."
    bad = "食堂供餐达标率 ≥0.95"
    good = "食堂供餐达标率 ≥95%"
    fix = "写成百分比 / write the value as a percent."
    policy = "财预〔2021〕101号：指标值应明确计量单位"
    anchor = "the value"
    fixable = ("safe",)

    def check(self, doc: Document) -> Iterator[Issue]:
        for table, ind in indicator_rows(doc):
            v = ind.value
            if v.kind != "number" or v.unit is not None or v.number is None:
                continue
            if not (is_rate_name(ind.name) or is_satisfaction(ind.level1, ind.level2)):
                continue
            if 0 < v.number < 1 or (v.number == 1 and v.op in (">=", "=", None) and "." in v.text):
                op = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": "="}.get(v.op or "", "")
                yield self.issue(ind,
                    f"“{ind.name}”指标值 {ind.value_raw} 为无单位小数，应写作 {op}{fmt(v.number * 100)}% / rate given as a bare fraction; expected {op}{fmt(v.number * 100)}%",
                    where=table, evidence=ind.value_raw, field=ind.name, fix=_fix(ind),
                )
