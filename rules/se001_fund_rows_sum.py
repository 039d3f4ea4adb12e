"""SE001: 年度资金总额 is not the sum of its sources in a column of the money block."""
from __future__ import annotations

from typing import Iterator, List

from auditor.models import Document, SelfEvaluation, FundRow
from auditor.rule import Issue, Rule, self_evaluations
from auditor.selfeval.scoring import fmt, line_sums, value
from auditor.selfeval.vocabulary import normalise

from ._common import differs, written
from ._selfeval import POLICY, label_cell

COLUMNS = (("planned", "年初预算数"), ("budget", "全年预算数"), ("executed", "全年执行数"))


class FundRowsSum(Rule):
    id = "SE001"
    name = "fund-rows-sum"
    severity = "error"
    summary = "自评表年度资金总额不等于各资金来源之和 / in a self-evaluation, 年度资金总额 is not the sum of its sources."
    why = ("年度资金总额由当年财政拨款、上年结转和其他资金构成；总额与来源不符，执行率和得分都无从核对。"
           "The total is made of its sources; when they disagree, the execution rate and its score cannot be checked.")
    bad = "年度资金总额 0 | 0 | 0；其中：本年财政拨款 90 | 89.974 | 89.974"
    good = "年度资金总额 90 | 89.974 | 89.974；其中：本年财政拨款 90 | 89.974 | 89.974"
    fix = "按预算批复和执行数据填写年度资金总额，使其等于各来源之和 / write the total as the sum of its sources."
    policy = POLICY
    anchor = "the 年度资金总额 row"
    parts = (SelfEvaluation,)

    def check(self, doc: Document) -> Iterator[Issue]:
        for se in self_evaluations(doc):
            total = se.fund_total()
            if total is None:
                continue
            for role in ("source", "use"):
                parts = se.fund_parts(role)
                if not parts:
                    continue
                wrong = self._columns(total, parts)
                if wrong:
                    yield self.issue(label_cell(total), f"{total.label}与{'资金来源' if role == 'source' else '支出用途'}之和不符 / the total is not the sum of its "
                                     f"{'sources' if role == 'source' else 'uses'}: " + "；".join(wrong),
                                     where=se, evidence=total.label, field=f"funds/{role}")

    @staticmethod
    def _columns(total: FundRow, parts: List[FundRow]) -> List[str]:
        out = []
        for column, label in COLUMNS:
            own = value(getattr(total, column))
            lines = [(normalise(p.label), value(getattr(p, column))) for p in parts]
            if own is None and all(v is None for _, v in lines):
                continue
            filled = [(name, v or 0.0) for name, v in lines]
            sums = line_sums(filled)
            if all(differs(s, own or 0.0) for s in sums):
                stated = getattr(total, column)
                amounts = [a for a in (getattr(p, column) for p in parts) if a is not None]
                names = [p.label.replace('其中：', '').replace('其中:', '') for p in parts]
                if {(a.unit or "万元") for a in (*amounts, stated) if a is not None} <= {"万元"}:
                    terms = " + ".join(f"{name} {fmt(v)}" for name, (_, v) in zip(names, filled))
                    out.append(f"{label} {fmt(own) if own is not None else '空'} ≠ {terms} = {fmt(sums[0])}")
                else:  # RULES.md "Amounts and units": as written, and in 万元
                    terms = " + ".join(f"{name} {fmt(a.value) if a is not None and a.value is not None else '空'}"
                                       for name, a in zip(names, (getattr(p, column) for p in parts)))
                    said = written([stated], own) if own is not None else "空"
                    out.append(f"{label} {said} ≠ {terms} = {written(amounts, sums[0])}")
        return out
