"""SE002: 执行率 is not 全年执行数 ÷ 全年预算数, or its 得分 is not 执行率 × 分值."""
from __future__ import annotations

from typing import Iterator

from auditor.models import Document, SelfEvaluation
from auditor.rule import Issue, Rule, self_evaluations
from auditor.selfeval.scoring import RATE_TOLERANCE, SCORE_TOLERANCE, fmt, fmt2, percent, rate_score

from ._selfeval import POLICY


class ExecutionRate(Rule):
    id = "SE002"
    name = "execution-rate"
    severity = "error"
    summary = "执行率或其得分计算错误 / the execution rate is not 全年执行数 ÷ 全年预算数, or its score is not 执行率 × 分值."
    why = ("预算执行率是自评的第一项得分（通常10分），按全年执行数÷全年预算数计算，得分=执行率×分值。算错会虚增或虚减总分。"
           "The execution rate is scored first (usually 10 points); a wrong rate or score distorts the total.")
    bad = "全年预算数 120，全年执行数 108，执行率 95%，得分 9.5"
    good = "全年预算数 120，全年执行数 108，执行率 90%，得分 9"
    fix = "按 全年执行数 ÷ 全年预算数 重算执行率，得分 = 执行率 × 分值（不超过分值） / recompute the rate and its score."
    policy = POLICY
    anchor = "the 执行率 cell when the rate is wrong, else the 得分 cell"
    parts = (SelfEvaluation,)

    def check(self, doc: Document) -> Iterator[Issue]:
        for se in self_evaluations(doc):
            total = se.fund_total()
            if total is None or se.budget is None or not se.budget.wan or se.executed is None or se.executed.wan is None:
                continue
            computed = se.executed.wan / se.budget.wan * 100
            weight = total.weight.value if total.weight is not None else None
            expected = rate_score(computed, weight) if weight is not None else None
            figures = f"全年执行数 {fmt(se.executed.wan)} ÷ 全年预算数 {fmt(se.budget.wan)} = {fmt2(computed)}%"
            stated = percent(total.rate, computed) if total.rate is not None else None
            if stated is not None and abs(stated - computed) > RATE_TOLERANCE:
                score = f"，得分应为 {fmt2(computed)}% × {fmt(weight)} = {fmt2(expected)}" if expected is not None else ""
                written = f"（写为 {total.score.raw}）" if total.score is not None and expected is not None else ""
                yield self.issue(total.rate, f"执行率 {total.rate.raw} 与 {figures} 不符{score}{written} / execution rate {total.rate.raw}, "
                                 f"computed {fmt2(computed)}%" + (f", score {fmt2(expected)}" if expected is not None else ""),
                                 where=se, evidence=total.rate.raw, field="rate")
                continue
            if weight is None or total.score is None or total.score.value is None:
                continue
            rate = stated if stated is not None else computed
            due = rate_score(rate, weight)
            if abs(total.score.value - due) > SCORE_TOLERANCE:
                yield self.issue(total.score, f"执行率得分 {total.score.raw} 不等于 执行率 {fmt2(rate)}% × 分值 {fmt(weight)} = {fmt2(due)}"
                                 f"（{figures}） / execution-rate score {total.score.raw}, computed {fmt2(due)}",
                                 where=se, evidence=total.score.raw, field="rate-score")
