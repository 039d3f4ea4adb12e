"""GPS003 (opt-in): one contractor wins many of a buyer's purchases (within one disclosure)."""
from __future__ import annotations

from collections import OrderedDict
from typing import Dict, Iterator, List

from auditor.models import ContractRow, Disclosure, Document
from auditor.rule import Issue, Rule

from ._common import fmt, project_key
from ._gps import POLICY_102


class ContractorConcentration(Rule):
    id = "GPS003"
    name = "contractor-concentration"
    severity = "info"
    opt_in = True
    summary = ("同一承接主体承接5个及以上项目，或在3个及以上项目中承接价格占比达40% / one contractor wins 5 or more projects, "
               "or at least 40% of the summed prices where the buyer has 3 or more projects.")
    why = ("承接主体高度集中提示竞争不足或关联交易风险，是审计抽查的常用线索。默认关闭；本规则在一份公开表内判断，跨文件的集中度由跨文档检查给出。"
           "Concentration hints at weak competition; opt-in, judged within one disclosure here.")
    bad = "5个项目均由同一会计师事务所承接"
    good = "项目分别经竞争性程序由不同承接主体承接"
    fix = "核查采购程序与关联关系 / review the procurement procedures and any relationships."
    policy = POLICY_102 + " 第五条（竞争择优）"
    anchor = "the contractor's first row"
    parts = (Disclosure,)
    parameters = {"min_projects": 5, "share": 0.4, "share_min_projects": 3}

    def check(self, doc: Document) -> Iterator[Issue]:
        for disc in doc.disclosures:
            by: Dict[str, List[ContractRow]] = OrderedDict()
            for c in disc.contracts:
                if c.contractor.strip():
                    by.setdefault(project_key(c.contractor), []).append(c)
            projects = {project_key(c.project.text) for c in disc.contracts}
            total = sum(c.price.wan for c in disc.contracts if c.price is not None and c.price.wan is not None)
            for rows in by.values():
                won = {project_key(c.project.text) for c in rows}
                price = sum(c.price.wan for c in rows if c.price is not None and c.price.wan is not None)
                share = price / total if total else 0.0
                many = len(won) >= self.params["min_projects"]
                large = len(projects) >= self.params["share_min_projects"] and share >= self.params["share"] and len(projects) > len(won)
                if not many and not large:
                    continue
                first = rows[0]
                cell = first.contractor_cell or first.project
                yield self.issue(cell, f"承接主体“{first.contractor}”承接 {len(won)}/{len(projects)} 个项目，承接价格 {fmt(price)} 万元，"
                                 f"占全部承接价格 {fmt(total)} 万元的 {share * 100:.1f}% / one contractor wins {len(won)} of {len(projects)} projects, {share * 100:.1f}% of the prices",
                                 where=disc, evidence=first.contractor, field=first.contractor)
