"""VAL001: a target that cannot fail (≥0) or a zero ceiling written as a bound (≤0次)."""
from __future__ import annotations

from typing import Iterator

from auditor.models import Document
from auditor.rule import Issue, Rule

from ._indicators import indicator_rows


class ZeroValueTarget(Rule):
    id = "VAL001"
    name = "zero-value-target"
    severity = "warning"
    summary = "指标值为零下限（≥0）或以上限形式写零（≤0次） / a lower bound of zero, or a zero ceiling written as a bound."
    why = "≥0 的目标必然达成，无法衡量绩效；零容忍目标应写成 =0 或 0次。A target of ≥0 cannot fail and measures nothing."
    bad = "非财政拨款收支结余 ≥0元；人为故障次数 ≤0次"
    good = "非财政拨款收支结余 ≥5万元；人为故障次数 0次"
    fix = "设定有意义的下限，零容忍目标写作 =0 / set a meaningful bound; write zero tolerance as =0."
    policy = "财预〔2021〕101号：指标值应可衡量、可考核"
    anchor = "the value"

    def check(self, doc: Document) -> Iterator[Issue]:
        for table, ind in indicator_rows(doc):
            v = ind.value
            if v.kind != "number" or v.number != 0:
                continue
            if v.op == ">=":
                msg = f"“{ind.name}”指标值 {ind.value_raw} 为零下限，必然达成 / a lower bound of zero cannot fail; set a real target"
            elif v.op == "<=":
                msg = f"“{ind.name}”指标值 {ind.value_raw} 以上限形式写零，应写作 =0{v.unit or ''} / a zero ceiling should read =0{v.unit or ''}"
            else:
                continue
            yield self.issue(ind, msg, where=table, evidence=ind.value_raw, field=ind.name)
