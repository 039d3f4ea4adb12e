"""BUD001: the contracts of one project cost more than its budget."""
from __future__ import annotations

from collections import defaultdict
from typing import Iterator

from auditor.models import Document
from auditor.rule import Issue, Rule

from ._common import written, written_parts, TOLERANCE, find_project, fmt, project_key


class ContractAboveBudget(Rule):
    id = "BUD001"
    name = "contract-above-budget"
    severity = "error"
    summary = "承接价格合计超过预算金额 / the summed contract prices of a project exceed its budget."
    why = "政府购买服务不得超预算安排支出；合同总价高于预算说明采购超出批复额度。Spending above the approved budget needs a budget adjustment first."
    bad = "预算金额 56 万元；承接价格 40 + 20 = 60 万元"
    good = "预算金额 56 万元；承接价格 40 + 15.65 = 55.65 万元"
    fix = "核对合同金额，或先办理预算调整 / check the contract amounts or adjust the budget first."
    policy = "《政府购买服务管理办法》(财政部令第102号) 第二十一条：先有预算、后购买服务"
    anchor = "the last contractor row's price"

    def check(self, doc: Document) -> Iterator[Issue]:
        for disc in doc.disclosures:
            budgets = {project_key(b.name.text): b for b in disc.budget if b.amount and b.amount.wan is not None}
            groups = defaultdict(list)
            for c in disc.contracts:
                if c.price and c.price.wan is not None:
                    groups[project_key(c.project.text)].append(c)
            for key, contracts in groups.items():
                match = find_project(key, budgets)
                item = budgets.get(match) if match else None
                if item is None:
                    continue
                total = sum(c.price.wan for c in contracts)  # type: ignore[union-attr,misc]
                if total > item.amount.wan + TOLERANCE:  # type: ignore[union-attr,operator]
                    last = contracts[-1]
                    prices = [c.price for c in contracts]
                    yield self.issue(
                        last.price,  # type: ignore[union-attr]
                        f"“{item.name.text}”承接价格合计 {written_parts(prices)} = {written(prices, total)}，超过预算金额 {written([item.amount], item.amount.wan)} / contract prices sum to {fmt(total)}, above the budget {fmt(item.amount.wan)} (万元)",  # type: ignore[union-attr]
                        where=disc, evidence=last.price.raw, field=item.name.text,  # type: ignore[union-attr]
                    )
