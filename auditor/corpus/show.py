"""``auditor parse --facts FILE``: a file's facts as a person or a program reads them."""
from __future__ import annotations

import json
from typing import List

from tabulate import tabulate

from ..models import Document
from ..reporting.text import clean
from .extract import extract_facts
from .facts import FileFacts


def show_facts(doc: Document, fmt: str = "text") -> str:
    facts = extract_facts(doc)
    if fmt == "json":
        return json.dumps(facts.model_dump(exclude_none=True), ensure_ascii=False, indent=2) + "\n"
    return facts_text(clean(doc.path), facts)


def facts_text(path: str, facts: FileFacts) -> str:
    out: List[str] = [f"{path}: facts (year {facts.year or '-'})"]
    if facts.projects:
        rows = [[p.title_ref.line, p.kind, clean(p.code or ""), clean(p.name, 30), p.year or "", clean(p.unit or "", 16),
                 clean(p.budget_raw) if p.budget_raw else ("" if p.budget is None else f"{p.budget:g}"), len(p.indicators)] for p in facts.projects]
        out.append(tabulate(rows, headers=["line", "kind", "项目编码", "项目名称", "year", "unit", "budget", "indicators"], disable_numparse=True))
        for p in facts.projects:
            out.append("")
            out.append(f"{clean(p.name, 40)} (line {p.title_ref.line}):")
            out.append(tabulate([[i.ref.line, clean(i.level2, 12), clean(i.name, 30), clean(i.value, 24)] for i in p.indicators],
                                headers=["line", "二级指标", "三级指标", "指标值"], disable_numparse=True))
    for d in facts.disclosures:
        out.append("")
        out.append(f"disclosure {clean(d.title, 50)} (line {d.title_ref.line}): buyer {clean(d.buyer) or '-'}, year {d.year or '-'}, "
                   f"{len(d.projects)} projects")
        out.append(tabulate([[c.ref.line, clean(c.project, 24), clean(c.contractor, 24), clean(c.price_raw)] for c in d.contracts],
                            headers=["line", "项目", "承接主体", "承接价格"], disable_numparse=True))
    if facts.empty:
        out.append("no facts (no filled target table, self-evaluation or disclosure)")
    return "\n".join(out) + "\n"
