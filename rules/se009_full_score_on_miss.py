"""SE009: full marks for a row whose actual misses its target."""
from __future__ import annotations

from typing import Iterator

from auditor.models import Document, SelfEvaluation
from auditor.rule import Issue, Rule, self_evaluations
from auditor.selfeval.scoring import fmt, fmt2, misses

from ._selfeval import POLICY, row_name


class FullScoreOnMiss(Rule):
    id = "SE009"
    name = "full-score-on-miss"
    severity = "warning"
    summary = "未达目标却得满分 / a row gets its full weight while its actual misses its target."
    why = ("定量指标未达目标应按完成比例扣分（≥ 目标：实际÷目标×分值；≤ 目标：目标÷实际×分值）；满分掩盖了未完成。"
           "A missed target scores in proportion; full marks hide the shortfall.")
    bad = "道路完好率：≥90%，实际 85.5%，分值 20，得分 20"
    good = "道路完好率：≥90%，实际 85.5%，分值 20，得分 19（85.5 ÷ 90 × 20）"
    fix = "按完成比例计分 / score the row in proportion to what was achieved."
    policy = POLICY
    anchor = "the 得分 cell"
    parts = (SelfEvaluation,)

    def check(self, doc: Document) -> Iterator[Issue]:
        for se in self_evaluations(doc):
            for ind in se.indicators:
                w, s = ind.weight, ind.score
                if w is None or s is None or w.value is None or s.value is None or w.value <= 0 or s.value < w.value - 1e-9:
                    continue
                if misses(ind) is not True:
                    continue
                due = _proportional(ind, w.value)
                hint = f"，按完成比例应为 {fmt2(due)}" if due is not None else ""
                yield self.issue(s, f"“{row_name(ind)}”实际完成值 {ind.actual_raw} 未达到年度指标值 {ind.value_raw}，却得满分 {s.raw}（分值 {fmt(w.value)}）{hint} / "
                                 f"full score on a missed target" + (f"; proportional score {fmt2(due)}" if due is not None else ""),
                                 where=se, evidence=s.raw, field=row_name(ind))


def _proportional(ind, weight: float):
    t, a = ind.value.number, ind.actual.number
    if t is None or a is None or t <= 0 or a <= 0:
        return None
    if ind.value.op in (">=", ">"):
        return min(a / t * weight, weight)
    if ind.value.op in ("<=", "<"):
        return min(t / a * weight, weight)
    return None
