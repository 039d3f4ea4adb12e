"""GPS004: an item that 财政部令第102号 excludes from service purchase."""
from __future__ import annotations

from typing import Iterator, List, Tuple

from auditor.models import Cell, Disclosure, Document
from auditor.rule import Issue, Rule

from ._common import project_key
from ._gps import EXCLUDED, POLICY_102


class ExcludedPurchase(Rule):
    id = "GPS004"
    name = "excluded-purchase"
    severity = "warning"
    summary = "购买了不得作为政府购买服务的事项（劳务派遣、融资举债、购买岗位） / an item excluded from service purchase (labour dispatch, financing, buying posts)."
    why = ("财政部令第102号第十条：不得将与行政管理性质无关的事项、融资行为、购买主体的人员招聘、以劳务派遣方式用工，"
           "以及设置公益性岗位等事项作为政府购买服务项目。Excluded by Order 102, article 10.")
    bad = "政府购买服务项目：窗口服务劳务派遣人员"
    good = "政府购买服务项目：政务服务窗口辅助性服务（按服务成果付费）"
    fix = "改用规定的用工或资金渠道，不列入政府购买服务 / use the proper channel instead of a service purchase."
    policy = POLICY_102 + " 第十条"
    anchor = "the item's name in the first section that lists it"
    parts = (Disclosure,)

    def check(self, doc: Document) -> Iterator[Issue]:
        for disc in doc.disclosures:
            seen = set()
            entries: List[Tuple[Cell, str]] = []
            entries += [(b.name, f"{b.remark} {getattr(b, 'content', '')}") for b in disc.budget]
            entries += [(c.project, c.remark) for c in disc.contracts]
            entries += [(f.name, f"{f.remark.text if f.remark else ''} {getattr(f, 'content', '')}") for f in disc.finals]
            entries += [(e.name, f"{e.target} {e.result}") for e in disc.evaluations]
            for name, content in entries:
                key = project_key(name.text)
                if key in seen:
                    continue
                for what, words in EXCLUDED.items():
                    word = next((w for w in words if w in name.text or w in content), None)
                    if word is not None:
                        seen.add(key)
                        yield self.issue(name, f"“{name.text}”涉及“{word}”（{what}），不得作为政府购买服务事项 / {what} may not be bought as a service",
                                         where=disc, evidence=name.text, field=name.text)
                        break
