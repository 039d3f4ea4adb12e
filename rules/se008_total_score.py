"""SE008: 总分 is not the sum of every 得分."""
from __future__ import annotations

from typing import Iterator

from auditor.models import Document, SelfEvaluation
from auditor.rule import Issue, Rule, self_evaluations
from auditor.selfeval.scoring import SCORE_TOLERANCE, fmt

from ._selfeval import POLICY


class TotalScore(Rule):
    id = "SE008"
    name = "total-score"
    severity = "error"
    summary = "总分不等于各项得分之和 / the 总分 is not the sum of every 得分 (the execution rate's included)."
    why = "总分决定自评等级（优、良、中、差）；与各项得分之和不符，自评结论不可信。The total sets the grade; it must be the sum of the scores."
    bad = "得分 9 + 20 + 12 + 10 + 10 + 20 + 12.5 + 10 = 103.5；总分 100"
    good = "总分 103.5 → 先纠正超分的行，再按各项得分之和填写总分"
    fix = "按各项得分（含预算执行率得分）之和填写总分 / write the sum of the scores as the total."
    policy = POLICY
    anchor = "the 总分 cell"
    parts = (SelfEvaluation,)

    def check(self, doc: Document) -> Iterator[Issue]:
        for se in self_evaluations(doc):
            if se.total_score is None or se.total_score.value is None:
                continue
            total = se.fund_total()
            scores = [total.score.value] if total is not None and total.score is not None and total.score.value is not None else []
            scores += [i.score.value for i in se.indicators if i.score is not None and i.score.value is not None]
            whole = sum(scores)
            if abs(whole - se.total_score.value) > SCORE_TOLERANCE:
                terms = " + ".join(fmt(s) for s in scores) or "（各项得分均为空）"
                yield self.issue(se.total_score, f"总分 {se.total_score.raw} 不等于各项得分之和 {terms} = {fmt(whole)} / total {se.total_score.raw}, "
                                 f"the scores sum to {fmt(whole)}",
                                 where=se, evidence=se.total_score.raw, field="total")
