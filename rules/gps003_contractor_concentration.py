"""GPS003: one contractor wins most of a buyer's purchases in a year (across its disclosures)."""
from __future__ import annotations

from typing import Dict, Iterator, List, Optional, Set, Tuple

from auditor.corpus.facts import ContractFact
from auditor.corpus.index import FactsIndex, LocatedDisclosure
from auditor.corpus.keys import name_key
from auditor.corpus.rule import CorpusIssue, CorpusRule
from auditor.models import Disclosure

from ._common import fmt
from ._gps import POLICY_102


class _Share:
    """One contractor within a buyer's year: its first row, the projects it won, its summed price."""

    def __init__(self, file: str, row: ContractFact) -> None:
        self.file, self.first = file, row
        self.projects: Set[str] = set()
        self.total = 0.0


class ContractorConcentration(CorpusRule):
    id = "GPS003"
    name = "contractor-concentration"
    severity = "info"
    opt_in = True
    summary = ("同一购买主体同一年度的政府购买服务中，一个承接主体承接5个及以上项目，或（3个及以上项目时）承接价格占40%及以上"
               " / across one buyer's disclosures of a year, one contractor wins 5+ projects or at least 40% of the prices.")
    why = ("承接主体过度集中可能说明竞争不足或拆分采购；这是提示复核的信号，不是违规结论。默认关闭；一份公开表单独检查时按该表判断，"
           "多份公开表一起检查时按同一购买主体、同一年度的全部公开表判断。"
           " Concentration hints at weak competition or split purchases: a signal to review, not a breach. Opt-in; judged over"
           " every disclosure of the buyer and year in the run (one disclosure alone when it is checked alone).")
    bad = "市示例局2023年：青岛示例咨询有限公司承接 5 个项目"
    good = "承接主体分散，或集中有充分理由（唯一供应商）并已说明"
    fix = "复核采购方式和竞争情况 / review how these purchases were competed."
    policy = POLICY_102 + " 第五条（竞争择优）"
    anchor = "the contractor's first row"
    parameters = {"min_projects": 5, "share": 0.4, "share_min_projects": 3}
    parts = (Disclosure,)  # its facts come from disclosures

    def check(self, index: FactsIndex) -> Iterator[CorpusIssue]:  # type: ignore[override]
        groups: Dict[Tuple[str, Optional[int], int], List[LocatedDisclosure]] = {}
        for i, disc in enumerate(index.disclosures):
            key = (disc.buyer, disc.year, -1) if disc.buyer else ("", disc.year, i)  # an unnamed buyer: its disclosure alone
            groups.setdefault(key, []).append(disc)
        for (buyer, year, _), discs in groups.items():
            discs.sort(key=lambda d: d.order)
            yield from self._group(buyer or discs[0].fact.title, year, discs)

    def _group(self, buyer: str, year: Optional[int], discs: List[LocatedDisclosure]) -> Iterator[CorpusIssue]:
        projects: Set[str] = set()
        shares: Dict[str, _Share] = {}
        seen: Set[Tuple[str, str, Optional[float]]] = set()
        total = 0.0
        for disc in discs:
            projects.update(k for k in (name_key(p) for p in disc.fact.projects) if k)
            for row in disc.fact.contracts:
                project, who = name_key(row.project), name_key(row.contractor)
                if not who or (project, who, row.price) in seen:  # the same row in two copies of a disclosure counts once
                    continue
                seen.add((project, who, row.price))
                if project:
                    projects.add(project)
                share = shares.get(who)
                if share is None:
                    share = shares[who] = _Share(disc.file, row)
                if project:
                    share.projects.add(project)
                if row.price is not None:
                    share.total += row.price
                    total += row.price
        min_projects, min_share = int(self.params["min_projects"]), float(self.params["share"])
        for share in shares.values():
            wins = len(share.projects)
            part = share.total / total if total > 0 else 0.0
            many = wins >= min_projects
            large = len(projects) >= int(self.params["share_min_projects"]) and part >= min_share - 1e-9
            if not (many or large):
                continue
            row = share.first
            when = f"{year}年" if year else ""
            yield self.issue_at(
                share.file, row.ref,
                f"承接主体“{row.contractor}”承接{buyer}{when} {wins}/{len(projects)} 个项目，承接价格 {fmt(share.total)} 万元，"
                f"占全部承接价格 {fmt(total)} 万元的 {part * 100:.1f}% / one contractor wins {wins} of the buyer's {len(projects)} projects "
                f"in the year, {part * 100:.1f}% of the prices",
                table=discs[0].fact.title, evidence=row.contractor, field=f"{buyer}{when}",
            )
