"""IND004: the same 三级指标 twice in one table."""
from __future__ import annotations

from typing import Dict, Iterator, Tuple

from auditor.models import Document, Indicator
from auditor.names import clean_name
from auditor.rule import Issue, Rule, performance_tables


class DuplicateIndicator(Rule):
    id = "IND004"
    name = "duplicate-indicator"
    severity = "info"
    summary = "同一表中三级指标重复 / the same 三级指标 appears twice in one table."
    why = "重复指标重复计分或说明指标拆分不清。A repeated indicator is counted twice or was split unclearly."
    bad = "社会效益：企业安全环保在线监测率 ≥5%；生态效益：企业安全环保在线监测率 ≥5%"
    good = "保留一处，或改为能区分的两个指标"
    fix = "合并或改名 / merge the two or rename one."
    policy = "财预〔2021〕101号：指标应相互独立"
    anchor = "the second occurrence's 三级指标 cell"

    def check(self, doc: Document) -> Iterator[Issue]:
        for table in performance_tables(doc):
            first: Dict[str, Indicator] = {}
            for ind in table.indicators:
                key = clean_name(ind.name)
                if not key:
                    continue
                if key in first:
                    where_first = _place(first[key])
                    yield self.issue(ind.name_ref or ind.name_line, f"三级指标“{key}”重复（首次在{where_first[0]}） / indicator repeated (first at {where_first[1]})",
                                     where=table, evidence=ind.name.strip(), field=f"{key}#{ind.level2}")
                else:
                    first[key] = ind


def _place(ind: Indicator) -> Tuple[str, str]:
    """Where the first occurrence is, as a person finds it: its cell in a native file (表2 第13行第3列,
    项目1!C15), its line in a text file."""
    location = ind.name_ref.location() if ind.name_ref is not None else None
    if location:
        return location, location
    return f"第{ind.name_line}行", f"line {ind.name_line}"
