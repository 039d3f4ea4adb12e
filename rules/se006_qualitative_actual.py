"""SE006: a numeric target answered by a word (完成, 已完成)."""
from __future__ import annotations

from typing import Iterator

from auditor.models import Document, SelfEvaluation
from auditor.rule import Issue, Rule, self_evaluations
from auditor.selfeval.scoring import empty

from ._selfeval import POLICY, actual_cell, row_name


class QualitativeActual(Rule):
    id = "SE006"
    name = "qualitative-actual"
    severity = "warning"
    summary = "年度指标值为数值，实际完成值却没有数值 / a numeric target whose actual value has no number (完成, 已完成)."
    why = "定量指标应以实际数值与目标比较；“完成”无法核实是否达标，也无法计算得分。A number target needs a number actual to be scored."
    bad = "道路养护面积：年度指标值 ≥50万平方米，实际完成值 完成"
    good = "道路养护面积：年度指标值 ≥50万平方米，实际完成值 52万平方米"
    fix = "按年度指标值的单位填写实际完成数值 / write the actual figure in the target's unit."
    policy = POLICY
    anchor = "the 实际完成值 cell"
    parts = (SelfEvaluation,)

    def check(self, doc: Document) -> Iterator[Issue]:
        for se in self_evaluations(doc):
            for ind in se.indicators:
                if ind.value.kind not in ("number", "range") or empty(ind.actual_raw) or ind.actual.kind != "text":
                    continue
                yield self.issue(actual_cell(ind), f"“{row_name(ind)}”年度指标值 {ind.value_raw} 为数值，实际完成值“{ind.actual_raw}”无数值，无法核对得分 {ind.score.raw if ind.score else '—'} / "
                                 f"numeric target {ind.value_raw}, actual {ind.actual_raw!r} has no number",
                                 where=se, evidence=ind.actual_raw, field=row_name(ind))
