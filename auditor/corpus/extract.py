"""Document → facts: what the checks across documents compare.

Read from the typed models only (never from text), so every reader and
layout yields the same facts.  Blank templates are forms to fill and give no
facts; a table titled as an evaluation (评价表, 自评表) is not a target table.

:func:`facts_data` builds the JSON-able dict a worker sends back with the
file's result (plain dicts, no defaults: this runs for every file, so it
must cost little next to reading it); :func:`extract_facts` is the same as
validated :class:`~auditor.corpus.facts.FileFacts`.
"""
from __future__ import annotations

from typing import Any, Dict, Iterable, List, Optional

from ..identifiers import project_code_year
from ..models import Disclosure, Document, PerformanceTable
from ..readers.performance import title_index
from .facts import FACTS_VERSION, FileFacts
from .keys import buyer_of

#: words of a title that make an indicator table an evaluation, not a statement of targets
EVALUATION_TITLE_WORDS = ("自评", "评价表", "评价报告")

Data = Dict[str, Any]


def _field(obj: Any, name: str) -> Any:
    """A model field that not every model version has (``ref`` …), without pydantic's slow missing-attribute path."""
    return getattr(obj, "__dict__", {}).get(name)


def ref_data(line: Any, location: Optional[str] = None, source: Any = None) -> Data:
    """A fact's place; the exact cell of its source ref wins over a reader's display location (``A1 (第1行 …)``)."""
    out: Data = {"line": int(line or 1)}
    exact = source.location() if hasattr(source, "location") and callable(source.location) else None
    if exact or location:
        out["location"] = exact or location
    as_dict = source.as_dict() if hasattr(source, "as_dict") else source if isinstance(source, dict) else None
    if as_dict:
        out["source"] = as_dict
    return out


def _cell_ref(cell: Any) -> Optional[Data]:
    return ref_data(cell.line, cell.location, _field(cell, "ref")) if cell is not None else None


def _cell_text(cell: Any) -> Optional[str]:
    text = getattr(cell, "text", "") or ""
    return text.strip() or None


def _put(out: Data, **values: Any) -> Data:
    """Set only the values that say something (the facts leave defaults out)."""
    for key, value in values.items():
        if value is not None and value != "" and value != []:
            out[key] = value
    return out


def indicator_data(ind: Any) -> Data:
    v = ind.value
    return _put({"name": ind.name, "ref": ref_data(ind.value_line, ind.location, _field(ind, "ref"))},
                level1=ind.level1, level2=ind.level2, value=ind.value_raw, kind=v.kind if v.kind != "empty" else None,
                op=v.op, number=v.number, high=v.high, unit=v.unit)


def _table_name(table: PerformanceTable) -> str:
    if table.project_name and table.project_name.text.strip():
        return table.project_name.text.strip()
    name = title_index(table.title)[1]
    for suffix in ("绩效目标表", "目标表"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def _fact_kind(table: Any) -> Optional[str]:
    kind = getattr(table, "kind", "performance")
    if kind == "self-evaluation" and getattr(table, "scope", "project") == "project":
        return "self-evaluation"
    if kind == "performance" and not any(w in table.title for w in EVALUATION_TITLE_WORDS):
        return "target"
    return None  # a department-wide table names no project


def project_data(doc: Document) -> Iterable[Data]:
    """Target tables and project self-evaluations (年初预算数 is a self-evaluation's budget here)."""
    for i, table in enumerate(doc.tables):
        kind = _fact_kind(table)
        if kind is None or table.is_blank_template:
            continue
        code = _cell_text(table.project_code)
        name = _table_name(table)
        if not code and not name:
            continue
        year = _field(table, "year") or (project_code_year(code) if code else None) or doc.year
        unit = _cell_text(_field(table, "department")) or _cell_text(_field(table, "implementer"))
        budget = _field(table, "planned") if kind == "self-evaluation" else table.budget
        yield _put({"kind": kind, "index": i, "title": table.title or name,
                    "title_ref": ref_data(table.title_line, None, _field(table, "ref"))},
                   code=code, code_ref=_cell_ref(table.project_code) if code else None, name=name,
                   name_ref=_cell_ref(table.project_name), year=year, unit=unit,
                   budget=budget.wan if budget is not None else None, budget_raw=budget.raw if budget is not None else None,
                   budget_ref=ref_data(budget.line, budget.location, _field(budget, "ref")) if budget is not None else None,
                   indicators=[indicator_data(ind) for ind in table.indicators if ind.name.strip()])


def disclosure_data(disc: Disclosure, doc_year: Optional[int]) -> Data:
    contracts: List[Data] = []
    project, above = "", -1
    for row in disc.contracts:
        project = row.project.text.strip() or project  # a continuation row shares the project above
        # a continuation row's project cell is the one above it: the row itself is where its price is
        line = row.price.line if row.price and (row.project.line == above or not row.project.text.strip()) else row.project.line
        above = row.project.line
        if not row.contractor.strip():
            continue
        cell = _field(row, "contractor_cell")  # the contractor's own cell where the reader keeps it
        contracts.append(_put({"project": project, "contractor": row.contractor.strip(),
                               "ref": _cell_ref(cell) if cell is not None else ref_data(line, row.project.location)},
                              price=row.price.wan if row.price else None, price_raw=row.price.raw if row.price else None))
    return _put({"title": disc.title, "title_ref": ref_data(disc.title_line, None, _field(disc, "ref"))},
                buyer=buyer_of(disc.title), year=disc.year or doc_year,
                projects=[b.name.text.strip() for b in disc.budget if b.name.text.strip()], contracts=contracts)


def facts_data(doc: Document) -> Data:
    """The facts of one document as the JSON-able dict FileResult carries (``FileFacts.load`` reads it)."""
    return _put({"version": FACTS_VERSION}, year=doc.year, projects=list(project_data(doc)),
                disclosures=[disclosure_data(d, doc.year) for d in doc.disclosures])


def extract_facts(doc: Document) -> FileFacts:
    """The facts of one document, validated."""
    return FileFacts.model_validate(facts_data(doc))
