"""BUD006: 财政资金 + 其他资金 ≠ 预算数."""
from __future__ import annotations

from typing import Iterator

from auditor.models import Document
from auditor.rule import Issue, Rule, performance_tables

from ._common import differs, fmt


class FundSourcesMismatch(Rule):
    id = "BUD006"
    name = "fund-sources-mismatch"
    severity = "error"
    summary = "财政资金与其他资金之和不等于预算数 / fiscal plus other funds does not equal the budget."
    why = "预算数由资金来源构成，二者不符说明表内数字有误。The budget is the sum of its sources; a mismatch means a wrong figure."
    bad = "预算数 170；其中财政资金 150，其他资金 空"
    good = "预算数 170；其中财政资金 150，其他资金 20"
    fix = "核对预算批复，修正预算数或资金来源 / correct the budget or its sources from the approved budget."
    policy = "《中华人民共和国预算法》第四条；部门预算编报要求"
    anchor = "the 预算数 cell"

    def check(self, doc: Document) -> Iterator[Issue]:
        for table in performance_tables(doc, filled_only=False):
            if table.budget is None or table.budget.wan is None:
                continue
            if table.fiscal is None and table.other is None:
                continue
            fiscal = table.fiscal.wan if table.fiscal and table.fiscal.wan is not None else 0.0
            other = table.other.wan if table.other and table.other.wan is not None else 0.0
            if differs(fiscal + other, table.budget.wan):
                yield self.issue(
                    table.budget,
                    f"财政资金 {fmt(fiscal)} + 其他资金 {fmt(other)} = {fmt(fiscal + other)}，不等于预算数 {fmt(table.budget.wan)} 万元 / fund sources do not add up to the budget",
                    where=table, evidence=table.budget.raw, field="budget",
                )
