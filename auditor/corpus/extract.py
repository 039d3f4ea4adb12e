"""Document → :class:`FileFacts`: what the checks across documents compare.

Read from the typed models only (never from text), so every reader and
layout yields the same facts.  Blank templates are forms to fill and give no
facts; a table titled as an evaluation (评价表, 自评表) is not a target table.
"""
from __future__ import annotations

from typing import Any, Iterable, List, Optional

from ..identifiers import project_code_year
from ..models import Amount, Disclosure, Document, Indicator, PerformanceTable
from ..readers.performance import title_index
from .facts import ContractFact, DisclosureFact, FileFacts, IndicatorFact, ProjectFact, Ref
from .keys import buyer_of

#: words of a title that make an indicator table an evaluation, not a statement of targets
EVALUATION_TITLE_WORDS = ("自评", "评价表", "评价报告")


def ref_of(line: int, location: Optional[str] = None, source: Any = None) -> Ref:
    as_dict = source.as_dict() if hasattr(source, "as_dict") else source if isinstance(source, dict) else None
    return Ref(line=int(line or 1), location=location, source=as_dict or None)


def _amount_ref(amount: Optional[Amount]) -> Optional[Ref]:
    if amount is None:
        return None
    return ref_of(amount.line, amount.location, getattr(amount, "ref", None))


def indicator_fact(ind: Indicator, value_raw: Optional[str] = None) -> IndicatorFact:
    v = ind.value
    return IndicatorFact(level1=ind.level1, level2=ind.level2, name=ind.name, value=value_raw if value_raw is not None else ind.value_raw,
                         kind=v.kind, op=v.op, number=v.number, high=v.high, unit=v.unit,
                         ref=ref_of(ind.value_line, ind.location, getattr(ind, "ref", None)))


def _table_name(table: PerformanceTable) -> str:
    if table.project_name and table.project_name.text.strip():
        return table.project_name.text.strip()
    name = title_index(table.title)[1]
    for suffix in ("绩效目标表", "目标表"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def _cell_text(cell: Any) -> Optional[str]:
    text = getattr(cell, "text", "") or ""
    return text.strip() or None


def _cell_ref(cell: Any) -> Optional[Ref]:
    return ref_of(cell.line, cell.location, getattr(cell, "ref", None)) if cell is not None else None


def project_facts(doc: Document) -> Iterable[ProjectFact]:
    """Target tables (``performance``) and project self-evaluations; department-wide tables name no project."""
    for i, table in enumerate(doc.tables):
        kind = getattr(table, "kind", "performance")
        if kind == "self-evaluation" and getattr(table, "scope", "project") == "project":
            fact_kind = "self-evaluation"
        elif kind == "performance" and not any(w in table.title for w in EVALUATION_TITLE_WORDS):
            fact_kind = "target"
        else:
            continue
        if table.is_blank_template:
            continue
        code = _cell_text(table.project_code)
        name = _table_name(table)
        if not code and not name:
            continue
        year = getattr(table, "year", None) or (project_code_year(code) if code else None) or doc.year
        unit = _cell_text(getattr(table, "department", None)) or _cell_text(getattr(table, "implementer", None))
        # a target table states 预算数; a self-evaluation is compared by its 年初预算数
        budget = getattr(table, "planned", None) if fact_kind == "self-evaluation" else table.budget
        yield ProjectFact(
            kind=fact_kind, index=i, title=table.title or name, title_ref=ref_of(table.title_line, None, getattr(table, "ref", None)),
            code=code, code_ref=_cell_ref(table.project_code) if code else None,
            name=name, name_ref=_cell_ref(table.project_name),
            year=year, unit=unit,
            budget=budget.wan if budget is not None else None, budget_raw=budget.raw if budget is not None else "",
            budget_ref=_amount_ref(budget),
            indicators=[indicator_fact(ind) for ind in table.indicators if ind.name.strip()],
        )


def disclosure_fact(disc: Disclosure, doc_year: Optional[int]) -> DisclosureFact:
    contracts: List[ContractFact] = []
    project, above = "", -1
    for row in disc.contracts:
        project = row.project.text.strip() or project  # a continuation row shares the project above
        # a continuation row's project cell is the one above it: the row itself is where its price is
        line = row.price.line if row.price and (row.project.line == above or not row.project.text.strip()) else row.project.line
        above = row.project.line
        if not row.contractor.strip():
            continue
        cell = getattr(row, "contractor_cell", None)  # the contractor's own cell where the reader keeps it
        ref = _cell_ref(cell) if cell is not None else ref_of(line, row.project.location)
        contracts.append(ContractFact(project=project, contractor=row.contractor.strip(), price=row.price.wan if row.price else None,
                                      price_raw=row.price.raw if row.price else "", ref=ref))
    return DisclosureFact(title=disc.title, title_ref=ref_of(disc.title_line), buyer=buyer_of(disc.title), year=disc.year or doc_year,
                          projects=[b.name.text.strip() for b in disc.budget if b.name.text.strip()], contracts=contracts)


def extract_facts(doc: Document) -> FileFacts:
    """The facts of one document (self-evaluations come from the parts that carry them)."""
    facts = FileFacts(year=doc.year)
    facts.projects.extend(project_facts(doc))
    facts.disclosures.extend(disclosure_fact(d, doc.year) for d in doc.disclosures)
    return facts
