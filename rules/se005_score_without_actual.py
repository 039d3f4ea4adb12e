"""SE005: a row scores while its 实际完成值 is empty or a placeholder."""
from __future__ import annotations

from typing import Iterator

from auditor.models import Document, SelfEvaluation
from auditor.rule import Issue, Rule, self_evaluations
from auditor.selfeval.scoring import empty

from ._selfeval import POLICY, name_cell, row_name


class ScoreWithoutActual(Rule):
    id = "SE005"
    name = "score-without-actual"
    severity = "error"
    summary = "未填实际完成值却得分 / a row scores while its 实际完成值 is empty or a placeholder."
    why = "得分依据实际完成值与目标的比较；没有完成值的得分无据可查。A score must rest on an actual value."
    bad = "市民满意度：年度指标值 ≥90%，实际完成值 /，分值 10，得分 10"
    good = "市民满意度：年度指标值 ≥90%，实际完成值 93%，分值 10，得分 10"
    fix = "填写实际完成值（附数据来源），或按未完成计分 / fill the actual value, or score the row as not achieved."
    policy = POLICY
    anchor = "the row's 三级指标"
    parts = (SelfEvaluation,)

    def check(self, doc: Document) -> Iterator[Issue]:
        for se in self_evaluations(doc):
            for ind in se.indicators:
                if ind.score is None or ind.score.value is None or ind.score.value <= 0 or not empty(ind.actual_raw):
                    continue
                shown = ind.actual_raw or "空"
                yield self.issue(name_cell(ind), f"“{row_name(ind)}”实际完成值为 {shown}，却得分 {ind.score.raw}（分值 {ind.weight.raw if ind.weight else '—'}） / "
                                 f"scores {ind.score.raw} with no actual value",
                                 where=se, evidence=ind.name, field=row_name(ind))
