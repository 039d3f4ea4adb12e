"""GPS002 (opt-in): a single contractor's price equals the project's budget exactly."""
from __future__ import annotations

from collections import defaultdict
from typing import Iterator

from auditor.models import Disclosure, Document
from auditor.rule import Issue, Rule

from ._common import find_project, fmt, project_key, written
from ._gps import POLICY_102


class PriceEqualsBudget(Rule):
    id = "GPS002"
    name = "price-equals-budget"
    severity = "info"
    opt_in = True
    summary = "唯一承接主体的承接价格恰好等于预算金额 / one contractor whose price equals the project's budget exactly (no price competition shown)."
    why = ("竞争性采购的成交价通常低于预算；成交价与预算分毫不差，提示可能未经竞争或按预算直接定价。默认关闭，按需选用。"
           "A competitive price rarely equals the budget to the cent; opt-in, a pointer for review.")
    bad = "预算金额 198 万元；承接价格 198 万元（唯一承接主体）"
    good = "预算金额 198 万元；承接价格 186.5 万元（公开招标）"
    fix = "核对采购方式和成交记录；单一来源的在备注中说明 / check the procurement method; explain a single-source award."
    policy = POLICY_102 + " 第二十三条（按照政府采购法律、行政法规和相关制度执行）"
    anchor = "the 承接价格 cell"
    parts = (Disclosure,)

    def check(self, doc: Document) -> Iterator[Issue]:
        for disc in doc.disclosures:
            budgets = {project_key(b.name.text): b for b in disc.budget if b.amount and b.amount.wan is not None}
            groups = defaultdict(list)
            for c in disc.contracts:
                groups[project_key(c.project.text)].append(c)
            for key, contracts in groups.items():
                if len(contracts) != 1:
                    continue
                c = contracts[0]
                match = find_project(key, budgets)
                item = budgets.get(match) if match else None
                if item is None or c.price is None or c.price.wan is None or item.amount is None or item.amount.wan is None:
                    continue
                if abs(c.price.wan - item.amount.wan) < 1e-9:
                    yield self.issue(c.price, f"“{item.name.text}”唯一承接主体{c.contractor}的承接价格 {written([c.price], c.price.wan)}与预算金额 {written([item.amount], item.amount.wan)}完全相同 / "
                                     "the only contractor's price equals the budget", where=disc, evidence=c.price.raw, field=item.name.text)
