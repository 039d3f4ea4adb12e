"""VAL006: a 成本指标 written as a lower bound (≥200万元)."""
from __future__ import annotations

from typing import Any, Dict, Iterator, Optional

from auditor.models import Document
from auditor.names import is_cost
from auditor.rule import Issue, Rule

from auditor.fixes.model import UNSAFE, flip_lower_bound, make_fix

from ._fixes import value_edit
from ._indicators import indicator_rows


def _fix(ind) -> Optional[Dict[str, Any]]:
    """``≥200万元`` → ``≤200万元``: a guess that the bound was meant as a ceiling."""
    new = flip_lower_bound(ind.value_raw)
    if new is None:
        return None
    return make_fix("下限改为上限（请确认金额） / the lower bound written as a ceiling (confirm the amount)", UNSAFE, [value_edit(ind, new)])


class CostLowerBound(Rule):
    id = "VAL006"
    name = "cost-lower-bound"
    severity = "error"
    summary = "成本指标使用了下限（≥） / a cost indicator written as a lower bound."
    why = "成本指标是支出上限，写成“≥”等于鼓励多花钱。Cost targets are ceilings; a lower bound rewards spending more."
    bad = "推动更高水平对外开放专项预算控制数 ≥200万元"
    good = "推动更高水平对外开放专项预算控制数 ≤200万元"
    fix = "改为“≤”上限 / write the cost as a ceiling (≤)."
    policy = "财预〔2021〕101号：成本指标一般设定为上限值"
    anchor = "the value"
    fixable = ("unsafe",)

    def check(self, doc: Document) -> Iterator[Issue]:
        for table, ind in indicator_rows(doc):
            v = ind.value
            if is_cost(ind.level1, ind.level2) and v.op in (">=", ">") and v.kind in ("number", "range"):
                yield self.issue(ind,
                    f"成本指标“{ind.name}”写作下限 {ind.value_raw}，成本应为上限（≤） / a cost target must be a ceiling (≤)",
                    where=table, evidence=ind.value_raw, field=ind.name, fix=_fix(ind),
                )
