"""SE007: a target missed (or a row scored below its weight) with no 偏差原因分析."""
from __future__ import annotations

from typing import Iterator

from auditor.models import Document, SelfEvaluation
from auditor.rule import Issue, Rule, self_evaluations
from auditor.selfeval.scoring import empty, fmt, misses

from ._selfeval import POLICY, actual_cell, row_name


class MissedWithoutReason(Rule):
    id = "SE007"
    name = "missed-without-reason"
    severity = "warning"
    summary = "未达目标或扣分却未说明偏差原因 / a target missed or a row scored below its weight, and 偏差原因分析及改进措施 is empty."
    why = "自评要求对未完成目标的指标分析偏差原因并提出改进措施，这是自评结果应用的依据。The reason for a shortfall is what the self-evaluation is for."
    bad = "验收合格率：≥95%，实际 90.5%，分值 15，得分 12，偏差原因 空"
    good = "验收合格率：≥95%，实际 90.5%，得分 12，偏差原因：2处工程返工，已加强过程监理"
    fix = "填写偏差原因分析及改进措施 / explain the shortfall and the remedy."
    policy = POLICY
    anchor = "the 实际完成值 cell"
    parts = (SelfEvaluation,)

    def check(self, doc: Document) -> Iterator[Issue]:
        for se in self_evaluations(doc):
            for ind in se.indicators:
                if not empty(ind.reason):
                    continue
                missed = misses(ind) is True
                short = (ind.score is not None and ind.weight is not None and ind.score.value is not None
                         and ind.weight.value is not None and ind.score.value < ind.weight.value - 1e-9)
                if not missed and not short:
                    continue
                what = []
                if missed:
                    what.append(f"实际完成值 {ind.actual_raw} 未达到年度指标值 {ind.value_raw}")
                if short:
                    what.append(f"得分 {ind.score.raw} 低于分值 {ind.weight.raw}（扣 {fmt(ind.weight.value - ind.score.value)} 分）")  # type: ignore[union-attr,operator]
                yield self.issue(actual_cell(ind), f"“{row_name(ind)}”{'，'.join(what)}，未填写偏差原因分析及改进措施 / target missed or score below weight, no reason given",
                                 where=se, evidence=ind.actual_raw, field=row_name(ind))
