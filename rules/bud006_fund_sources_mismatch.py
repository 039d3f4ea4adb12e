"""BUD006: 财政资金 + 其他资金 ≠ 预算数; in a department table, each split (by source, by use) ≠ its total."""
from __future__ import annotations

from typing import Iterator

from auditor.models import DepartmentTable, Document, SelfEvaluation
from auditor.rule import Issue, Rule, performance_tables
from auditor.selfeval.scoring import line_sums

from ._common import differs, fmt, written

_SPLITS = (("sources", "资金来源", "sources"), ("uses", "支出用途", "uses"))


class FundSourcesMismatch(Rule):
    id = "BUD006"
    name = "fund-sources-mismatch"
    severity = "error"
    summary = ("财政资金与其他资金之和不等于预算数；部门整体表按来源、按用途的拆分各自不等于资金总额 / "
               "fiscal plus other funds does not equal the budget; in a department table, each split (by source, by use) must add up.")
    why = "预算数由资金来源构成，二者不符说明表内数字有误。The budget is the sum of its sources; a mismatch means a wrong figure."
    bad = "预算数 170；其中财政资金 150，其他资金 空"
    good = "预算数 170；其中财政资金 150，其他资金 20"
    fix = "核对预算批复，修正预算数或资金来源 / correct the budget or its sources from the approved budget."
    policy = "《中华人民共和国预算法》第四条；部门预算编报要求"
    anchor = "the 预算数 cell"

    def check(self, doc: Document) -> Iterator[Issue]:
        for table in performance_tables(doc, filled_only=False):
            if isinstance(table, SelfEvaluation):
                continue  # SE001 checks a self-evaluation's fund rows
            if isinstance(table, DepartmentTable):
                yield from self._splits(table)
                continue
            if table.budget is None or table.budget.wan is None:
                continue
            if table.fiscal is None and table.other is None:
                continue
            fiscal = table.fiscal.wan if table.fiscal and table.fiscal.wan is not None else 0.0
            other = table.other.wan if table.other and table.other.wan is not None else 0.0
            if differs(fiscal + other, table.budget.wan):
                sources = [a for a in (table.fiscal, table.other) if a is not None]
                if {(a.unit or "万元") for a in (*sources, table.budget)} == {"万元"}:
                    said = f"财政资金 {fmt(fiscal)} + 其他资金 {fmt(other)} = {fmt(fiscal + other)}，不等于预算数 {fmt(table.budget.wan)} 万元"
                else:  # RULES.md "Amounts and units": as written, and in 万元
                    said = (f"财政资金 {written([table.fiscal], fiscal)} + 其他资金 {written([table.other], other)} = {written(sources, fiscal + other)}，"
                            f"不等于预算数 {written([table.budget], table.budget.wan)}")
                yield self.issue(
                    table.budget,
                    f"{said} / fund sources do not add up to the budget",
                    where=table, evidence=table.budget.raw, field="budget",
                )

    def _splits(self, table: DepartmentTable) -> Iterator[Issue]:
        """A department table: one finding for each split that does not add up to the total."""
        if table.budget is None or table.budget.wan is None:
            return
        total = table.budget.wan
        for attr, label, english in _SPLITS:
            lines = getattr(table, attr)
            if not lines:
                continue
            values = [(line.label, line.amount.wan or 0.0) for line in lines]
            sums = line_sums(values)
            if all(differs(s, total) for s in sums):
                amounts = [line.amount for line in lines]
                if {(a.unit or "万元") for a in (*amounts, table.budget)} == {"万元"}:
                    terms = " + ".join(f"{_bare(name, label)} {fmt(v)}" for name, v in values)
                    said = f"{terms} = {fmt(sums[0])}，不等于资金总额 {fmt(total)} 万元"
                else:  # RULES.md "Amounts and units": as written, and in 万元
                    terms = " + ".join(f"{_bare(line.label, label)} {fmt(line.amount.value)}" for line in lines)
                    said = f"{terms} = {written(amounts, sums[0])}，不等于资金总额 {written([table.budget], total)}"
                yield self.issue(
                    table.budget,
                    f"按{label}：{said} / the {english} do not add up to the total",
                    where=table, evidence=table.budget.raw, field=f"budget/{attr}",
                )


def _bare(name: str, label: str) -> str:
    """A line's label without the split's own heading (``按支出用途：基本支出`` → ``基本支出``): the message names the split once."""
    head, sep, rest = name.partition("：")
    return rest if sep and rest and (label in head or head.startswith("按")) else name
