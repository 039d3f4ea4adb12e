"""SE003: the weights of a self-evaluation do not add up to 100."""
from __future__ import annotations

from typing import Iterator

from auditor.models import Document, SelfEvaluation
from auditor.rule import Issue, Rule, self_evaluations
from auditor.selfeval.scoring import SCORE_TOLERANCE, fmt

from ._selfeval import POLICY


class WeightsTotal(Rule):
    id = "SE003"
    name = "weights-total"
    severity = "warning"
    summary = "各指标分值与执行率分值之和不等于100 / the weights of the indicator rows and the execution rate do not add up to 100."
    why = ("自评满分为100分（预算执行率10分，产出、效益、满意度指标共90分）；分值合计不为100，总分就不可比。"
           "A self-evaluation is scored out of 100; weights that do not add up make the total meaningless.")
    bad = "执行率分值 10；指标分值 20 + 15 + 10 + 10 + 20 + 10 + 10 = 95；合计 105"
    good = "执行率分值 10；指标分值合计 90；合计 100"
    fix = "调整各指标分值，使其与执行率分值合计为100 / adjust the weights so they total 100."
    policy = POLICY
    anchor = "the 总分 row, else the table's first line"
    parts = (SelfEvaluation,)

    def check(self, doc: Document) -> Iterator[Issue]:
        for se in self_evaluations(doc):
            weights = [i.weight.value for i in se.indicators if i.weight is not None and i.weight.value is not None]
            if not weights:
                continue
            total = se.fund_total()
            rate_weight = total.weight.value if total is not None and total.weight is not None and total.weight.value is not None else None
            whole = sum(weights) + (rate_weight or 0.0)
            if abs(whole - 100) > SCORE_TOLERANCE:
                parts = (f"执行率分值 {fmt(rate_weight)} + " if rate_weight is not None else "") + f"指标分值 {' + '.join(fmt(w) for w in weights)}"
                yield self.issue(se.total_line or se.title_line, f"分值合计 {parts} = {fmt(whole)}，不等于100 / weights total {fmt(whole)}, not 100",
                                 where=se, evidence=fmt(whole), field="weights")
