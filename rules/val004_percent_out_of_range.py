"""VAL004: a percent above 100, negative, or a bound that makes the target a point."""
from __future__ import annotations

import re
from typing import Any, Dict, Iterator, Optional

from auditor.models import Document
from auditor.rule import Issue, Rule
from auditor.values import percent_of

from auditor.fixes.model import DISPLAY_ONLY, UNSAFE, bound_to_equal, make_fix

from ._common import fmt
from ._fixes import value_edit
from ._indicators import indicator_rows


#: a ≥ sign that a font or an export turned into a leading 2 (``≥92%`` read as ``292%``)
_MISREAD = re.compile(r"^(\s*)2(\d{1,2}(?:\.\d+)?)(\s*(?:%|％|百分比))(\s*)$")


def _misread_bound(ind) -> Optional[Dict[str, Any]]:
    """``292%`` with no operator: probably ``≥92%`` (a hint only: a person must look)."""
    if ind.value.op is not None:
        return None
    m = _MISREAD.match(ind.value_raw)
    if not m:
        return None
    new = f"{m.group(1)}≥{m.group(2)}{m.group(3)}{m.group(4)}"
    return make_fix(f"可能是 ≥{m.group(2)}% 被读成了 2{m.group(2)}% / probably ≥{m.group(2)}% with the ≥ read as a 2", DISPLAY_ONLY, [value_edit(ind, new)])


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
    fixable = ("unsafe", "display-only")

    def check(self, doc: Document) -> Iterator[Issue]:
        for table, ind in indicator_rows(doc):
            v = ind.value
            low = percent_of(v)
            if low is None:
                continue
            top = percent_of(v, v.high) if v.high is not None else low
            fix = None
            if low < 0:
                msg = f"“{ind.name}”指标值 {ind.value_raw} 为负百分比 / a negative percent"
            elif top is not None and top > 100 + 1e-9:
                msg = f"“{ind.name}”指标值 {ind.value_raw} 超过100% / a percent above 100"
                fix = _misread_bound(ind)
            elif v.op == ">=" and abs(low - 100) < 1e-9:
                msg = f"“{ind.name}”指标值 {ind.value_raw} 只能等于100%，应写作 =100% / ≥100% should read =100%"
                new = bound_to_equal(ind.value_raw)
                if new is not None:
                    fix = make_fix("≥100% 改为 =100%（请确认本意） / ≥100% written as =100% (confirm the intent)", UNSAFE, [value_edit(ind, new)])
            elif v.op == ">" and low >= 100:
                msg = f"“{ind.name}”指标值 {ind.value_raw} 不可能达到 / >{fmt(low)}% cannot be met"
            else:
                continue
            yield self.issue(ind, msg, where=table, evidence=ind.value_raw, field=ind.name, fix=fix)
