"""VAL002: a rate or degree measured in a count unit (符合度 → 1家)."""
from __future__ import annotations

from typing import Any, Dict, Iterator, Optional

from auditor.models import Document
from auditor.names import is_rate_name
from auditor.rule import Issue, Rule

from auditor.fixes.model import UNSAFE, make_fix

from ._fixes import value_edit
from ._indicators import indicator_rows


def _fix(ind) -> Optional[Dict[str, Any]]:
    """``1家`` on a rate → ``100%``, ``零次`` → ``0%``: a guess at what the count meant."""
    v = ind.value
    if v.kind != "number" or v.op not in (None, "=", ">=") or v.number not in (0, 1):
        return None
    new = "100%" if v.number == 1 else "0%"
    lead = ind.value_raw[: len(ind.value_raw) - len(ind.value_raw.lstrip())]
    return make_fix(f"计数改为 {new}（请确认本意） / the count replaced by {new} (confirm the intent)", UNSAFE, [value_edit(ind, lead + new)])


class RateWithCountUnit(Rule):
    id = "VAL002"
    name = "rate-with-count-unit"
    severity = "error"
    summary = "比率类指标使用了计数单位 / the indicator names a rate or degree but its value carries a count unit."
    why = "率、度、占比类指标应以百分比衡量；填“1家”“零次”无法考核。A rate must be given in percent to be assessed."
    bad = "拨付搬迁企业资金政策符合度 → 1家"
    good = "拨付搬迁企业资金政策符合度 → 100%"
    fix = "改为百分比（如 =100%、≥95%），或把指标名改为数量 / give the value in percent, or rename the indicator as a count."
    policy = "财预〔2021〕101号：质量指标一般以达标率、合格率等百分比表述"
    anchor = "the value"
    fixable = ("unsafe",)

    def check(self, doc: Document) -> Iterator[Issue]:
        for table, ind in indicator_rows(doc):
            v = ind.value
            if v.kind not in ("number", "range") or not is_rate_name(ind.name):
                continue
            if v.unit_kind == "count" or v.count_word:
                yield self.issue(ind,
                    f"“{ind.name}”是比率类指标，指标值却为 {ind.value_raw}（计数单位），应为百分比 / a rate given as a count ({v.unit}); expected a percent",
                    where=table, evidence=ind.value_raw, field=ind.name, fix=_fix(ind),
                )
