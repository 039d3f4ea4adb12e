"""SE002: 执行率 is not 全年执行数 ÷ 全年预算数, or its 得分 is not 执行率 × 分值."""
from __future__ import annotations

from typing import Any, Dict, Iterator, Optional

from auditor.fixes.model import SAFE, edit, make_fix
from auditor.models import Document, FundRow, SelfEvaluation
from auditor.rule import Issue, Rule, self_evaluations
from auditor.selfeval.scoring import RATE_TOLERANCE, SCORE_TOLERANCE, fmt, fmt2, percent, rate_score

from ._common import written
from ._fixes import number_text
from ._selfeval import POLICY


def recomputed(se: SelfEvaluation, total: FundRow, rate: float, weight: Optional[float], rate_wrong: bool) -> Optional[Dict[str, Any]]:
    """The rate (when wrong), its score and the 总分 rewritten from 全年执行数 ÷ 全年预算数: a
    recomputation, so safe. The 总分 changes with the score, so SE008 holds afterwards too."""
    edits = []
    cell = total.rate
    if rate_wrong and cell is not None and cell.value is not None:
        fraction = not cell.percent and cell.value <= 1.5 and rate > 1.5  # 0.95 written for 95%
        edits.append(edit(cell.raw, number_text(cell.raw, rate / 100, 4) if fraction else number_text(cell.raw, rate), at=cell))
    score = total.score
    if weight is not None and score is not None and score.value is not None:
        due = rate_score(rate, weight)
        if abs(score.value - due) > SCORE_TOLERANCE:
            edits.append(edit(score.raw, number_text(score.raw, due), at=score))
            whole = se.total_score
            if whole is not None and whole.value is not None:
                others = sum(i.score.value for i in se.indicators if i.score is not None and i.score.value is not None)
                if abs(others + due - whole.value) > SCORE_TOLERANCE:
                    edits.append(edit(whole.raw, number_text(whole.raw, others + due), at=whole))
    return make_fix(f"按 全年执行数 ÷ 全年预算数 = {fmt2(rate)}% 重算 / recomputed from 全年执行数 ÷ 全年预算数 = {fmt2(rate)}%", SAFE, edits)


def due_rate_score(se: SelfEvaluation) -> Optional[float]:
    """The execution rate's 得分 as it should be, when the written one is wrong (else None):
    SE008's fix sums the scores with it, so the two fixes agree."""
    total = se.fund_total()
    if total is None or total.score is None or total.score.value is None or total.weight is None or total.weight.value is None:
        return None
    if se.budget is None or not se.budget.wan or se.executed is None or se.executed.wan is None:
        return None
    computed = se.executed.wan / se.budget.wan * 100
    stated = percent(total.rate, computed) if total.rate is not None else None
    rate = computed if stated is None or abs(stated - computed) > RATE_TOLERANCE else stated
    due = rate_score(rate, total.weight.value)
    return due if abs(total.score.value - due) > SCORE_TOLERANCE else None


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
    fixable = ("safe",)

    def check(self, doc: Document) -> Iterator[Issue]:
        for se in self_evaluations(doc):
            total = se.fund_total()
            if total is None or se.budget is None or not se.budget.wan or se.executed is None or se.executed.wan is None:
                continue
            computed = se.executed.wan / se.budget.wan * 100
            weight = total.weight.value if total.weight is not None else None
            expected = rate_score(computed, weight) if weight is not None else None
            figures = f"全年执行数 {written([se.executed], se.executed.wan)} ÷ 全年预算数 {written([se.budget], se.budget.wan)} = {fmt2(computed)}%"
            stated = percent(total.rate, computed) if total.rate is not None else None
            if stated is not None and abs(stated - computed) > RATE_TOLERANCE:
                score = f"，得分应为 {fmt2(computed)}% × {fmt(weight)} = {fmt2(expected)}" if expected is not None else ""
                as_written = f"（写为 {total.score.raw}）" if total.score is not None and expected is not None else ""
                yield self.issue(total.rate, f"执行率 {total.rate.raw} 与 {figures} 不符{score}{as_written} / execution rate {total.rate.raw}, "
                                 f"computed {fmt2(computed)}%" + (f", score {fmt2(expected)}" if expected is not None else ""),
                                 where=se, evidence=total.rate.raw, field="rate", fix=recomputed(se, total, computed, weight, rate_wrong=True))
                continue
            if weight is None or total.score is None or total.score.value is None:
                continue
            rate = stated if stated is not None else computed
            due = rate_score(rate, weight)
            if abs(total.score.value - due) > SCORE_TOLERANCE:
                yield self.issue(total.score, f"执行率得分 {total.score.raw} 不等于 执行率 {fmt2(rate)}% × 分值 {fmt(weight)} = {fmt2(due)}"
                                 f"（{figures}） / execution-rate score {total.score.raw}, computed {fmt2(due)}",
                                 where=se, evidence=total.score.raw, field="rate-score", fix=recomputed(se, total, rate, weight, rate_wrong=False))
