"""SE004: a 得分 above its row's 分值."""
from __future__ import annotations

from typing import Iterator

from auditor.models import Document, SelfEvaluation
from auditor.rule import Issue, Rule, self_evaluations
from auditor.selfeval.scoring import fmt

from ._selfeval import POLICY, row_name


class ScoreAboveWeight(Rule):
    id = "SE004"
    name = "score-above-weight"
    severity = "error"
    summary = "得分高于该行分值 / a row scores more than its weight."
    why = "每项得分以分值为上限，超过分值的得分虚增总分。A row's score is capped at its weight; more inflates the total."
    bad = "长效管护机制建设：分值 10，得分 12.5"
    good = "长效管护机制建设：分值 10，得分 10"
    fix = "得分不超过分值；超额完成的指标按满分计 / cap the score at the weight."
    policy = POLICY
    anchor = "the 得分 cell"
    parts = (SelfEvaluation,)

    def check(self, doc: Document) -> Iterator[Issue]:
        for se in self_evaluations(doc):
            rows = [(f.label, f.weight, f.score) for f in se.funds if f.role == "total"]
            rows += [(row_name(i), i.weight, i.score) for i in se.indicators]
            for name, weight, score in rows:
                if weight is None or score is None or weight.value is None or score.value is None:
                    continue
                if score.value > weight.value + 1e-9:
                    yield self.issue(score, f"“{name}”得分 {score.raw} 高于分值 {weight.raw}（超出 {fmt(score.value - weight.value)}） / "
                                     f"score {score.raw} above the weight {weight.raw}",
                                     where=se, evidence=score.raw, field=name)
