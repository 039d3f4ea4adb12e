"""The corpus rule API: a rule over the facts of every file of a run.

A corpus rule is a :class:`auditor.rule.Rule` (ID, name, severity, summary,
why … and parameters, configured like any rule) whose ``check`` takes the
:class:`~auditor.corpus.index.FactsIndex` of the whole run and yields
:class:`CorpusIssue` objects, each naming the file it points at.  Register
it with the ``auditor_register_corpus_rules`` hook::

    @hookimpl
    def auditor_register_corpus_rules():
        return [MyCorpusRule]
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Optional

from ..rule import Issue, Rule
from ..sources import SourceRef
from .facts import Ref

if TYPE_CHECKING:  # pragma: no cover
    from .index import FactsIndex


@dataclass
class CorpusIssue(Issue):
    """An issue in one file of the run, found by comparing it with others."""

    file: str = ""


class CorpusRule(Rule):
    """Base class of the rules that run once over the facts of all files."""

    corpus = True

    def check(self, index: "FactsIndex") -> Iterable[CorpusIssue]:  # type: ignore[override]  # pragma: no cover - abstract
        raise NotImplementedError

    def issue_at(self, file: str, ref: Optional[Ref], message: str, *, table: Optional[str] = None, code: Optional[str] = None,
                 evidence: str = "", field: str = "", severity: Optional[str] = None) -> CorpusIssue:
        """An issue at a fact's place (line, native cell, column span) in ``file``."""
        ref = ref or Ref()
        source = ref.source or None
        return CorpusIssue(line=ref.line, message=message, table=table or None, project_code=code or None, evidence=evidence, field=field,
                           severity=severity, location=_exact(source) or ref.location, column=(source or {}).get("column"),
                           end_column=(source or {}).get("end_column"), source=source, file=file)


def _exact(source: Optional[dict]) -> Optional[str]:
    """The cell a source ref names (``自评表!C5``), as a native finding's location; None when it names none."""
    if not source or not source.get("kind"):
        return None
    try:
        return SourceRef(**{k: v for k, v in source.items() if k in ("kind", "sheet", "cell", "table", "row", "col", "page", "paragraph")}).location()
    except (TypeError, ValueError):
        return None
