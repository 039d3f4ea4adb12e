"""The rule API: what a rule declares and how it reports.

A rule is a class with a stable ID, a name, a default severity and the text a
person needs to act on a finding (summary, why it matters, a bad and a good
example, the fix and the policy it comes from), and a :meth:`Rule.check`
method that yields :class:`Issue` objects for one document.  The engine turns
issues into :class:`~auditor.models.Finding` objects (file, severity override,
fingerprint), so rules stay pure functions of the model.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, Dict, Iterable, Iterator, Optional, Tuple, Union

from .models import DepartmentTable, Disclosure, Document, Form, Notice, Part, PerformanceTable, SelfEvaluation, Severity
from .sources import SourceRef

Container = Union[PerformanceTable, Disclosure, Form, Notice, Part, None]
#: what an issue points at: a line number, a SourceRef, or anything read with one
#: (Cell, Amount, Indicator — its value cell —, Checkpoint, FormField, DateMention, GCell)
Target = Union[int, SourceRef, Any]


@dataclass
class Issue:
    """What a rule found: a message template filled in, and a position.

    ``field`` names the part of the table the issue is about (an indicator
    name, ``budget``, ``plan`` …); with ``evidence`` it makes the finding's
    fingerprint, so a finding survives edits elsewhere in the file.
    """

    line: int
    message: str
    table: Optional[str] = None
    project_code: Optional[str] = None
    evidence: str = ""
    field: str = ""
    severity: Optional[str] = None
    location: Optional[str] = None
    #: 1-based column span on ``line`` (text inputs) and the source reference (see Finding.source)
    column: Optional[int] = None
    end_column: Optional[int] = None
    source: Optional[Dict[str, Any]] = None
    #: a suggested fix (see Finding.fix)
    fix: Optional[Dict[str, Any]] = None
    #: the text of the cell pointed at, so the engine can find its column on a text line
    target_text: Optional[str] = None


class Rule:
    """Base class of every rule, built-in or from a plugin."""

    id: ClassVar[str] = ""
    name: ClassVar[str] = ""
    #: ``error``, ``warning`` or ``info`` (a plugin rule with another value is refused at registration)
    severity: ClassVar[Severity] = "warning"
    summary: ClassVar[str] = ""
    why: ClassVar[str] = ""
    bad: ClassVar[str] = ""
    good: ClassVar[str] = ""
    fix: ClassVar[str] = ""
    policy: ClassVar[str] = ""
    anchor: ClassVar[str] = ""
    version: ClassVar[str] = "1"
    #: parameters the configuration may set, with their defaults
    parameters: ClassVar[Dict[str, Any]] = {}
    #: the part types the rule checks; the engine skips the rule on a document holding none of them,
    #: and the default :meth:`check` hands it each such part through :meth:`check_part`
    parts: ClassVar[Tuple[type, ...]] = ()
    #: a default-off rule: it runs only when selected by ID or prefix (``--select GPS002``) or ``--select ALL``
    opt_in: ClassVar[bool] = False

    def __init__(self, params: Optional[Dict[str, Any]] = None) -> None:
        self.params: Dict[str, Any] = {**self.parameters, **(params or {})}

    def check(self, doc: Document) -> Iterable[Issue]:
        """Check every part of the declared types (override for a whole-document rule)."""
        if not self.parts:
            raise NotImplementedError(f"{type(self).__name__} declares no parts and defines no check()")
        for part in doc.parts_of(self.parts):
            yield from self.check_part(part, doc)

    def check_part(self, part: Any, doc: Document) -> Iterable[Issue]:  # pragma: no cover - abstract
        raise NotImplementedError

    # helpers -------------------------------------------------------------
    def issue(
        self,
        at: Target,
        message: str,
        *,
        where: Container = None,
        evidence: str = "",
        field: str = "",
        severity: Optional[str] = None,
        location: Optional[str] = None,
        line: Optional[int] = None,
    ) -> Issue:
        """An issue pointing at ``at``: a line, or the cell itself (its SourceRef fills line,
        column, location and source in the finding).  ``line`` overrides the anchor line."""
        anchor, ref, text = target_of(at)
        table, code = describe_container(where)
        return Issue(
            line=line if line is not None else anchor,
            message=message,
            table=table,
            project_code=code,
            evidence=evidence,
            field=field,
            severity=severity,
            location=location,
            source=ref,  # type: ignore[arg-type]  # the engine turns a SourceRef into the finding's dict
            target_text=text,
        )

    @classmethod
    def explain(cls) -> str:
        """The rule page: code, name, why it matters, example, fix (like ruff's)."""
        parts = [f"{cls.id} {cls.name} ({cls.severity}{', opt-in' if cls.opt_in else ''})", "", cls.summary]
        if cls.why:
            parts += ["", "Why it matters / 为什么重要:", cls.why]
        if cls.bad:
            parts += ["", "Bad / 错误示例:", "    " + cls.bad]
        if cls.good:
            parts += ["", "Good / 正确示例:", "    " + cls.good]
        if cls.fix:
            parts += ["", "Fix / 修改方法:", cls.fix]
        if cls.anchor:
            parts += ["", "Anchor line / 定位行: " + cls.anchor]
        if cls.parameters:
            parts += ["", "Parameters / 参数: " + ", ".join(f"{k} = {v!r}" for k, v in cls.parameters.items())]
        if cls.policy:
            parts += ["", "Policy / 依据: " + cls.policy]
        return "\n".join(parts)


def describe_container(where: Container) -> tuple[Optional[str], Optional[str]]:
    """The table name and project code shown with a finding."""
    if where is None:
        return None, None
    if not isinstance(where, Part):
        raise TypeError(f"where= takes the part (table, disclosure, form, notice …) the issue is in, not {type(where).__name__}")
    if isinstance(where, PerformanceTable):
        code = where.project_code.text if where.project_code else None
        return where.label or None, code
    return (where.title or None), None


def target_of(at: Target) -> Tuple[int, Optional[SourceRef], Optional[str]]:
    """(line, source reference, cell text) of what an issue points at."""
    if isinstance(at, int):
        return at, None, None
    if isinstance(at, SourceRef):
        return at.line, at, None
    if hasattr(at, "value_raw") and hasattr(at, "value_line"):  # an Indicator: its value cell
        return int(at.value_line), getattr(at, "ref", None), at.value_raw or None
    ref = getattr(at, "ref", None)
    line = getattr(at, "line", None)
    if line is None and ref is not None:
        line = ref.line
    text = getattr(at, "raw", None) if hasattr(at, "raw") else None
    if not text:
        text = getattr(at, "text", None) or getattr(at, "value", None)
    return int(line or 1), ref, text if isinstance(text, str) and text else None


def performance_tables(doc: Document, *, filled_only: bool = True) -> Iterator[PerformanceTable]:
    """The indicator tables rules should judge: blank templates are forms to fill."""
    for table in doc.tables:
        if filled_only and table.is_blank_template:
            continue
        yield table


def target_tables(doc: Document, *, filled_only: bool = True) -> Iterator[PerformanceTable]:
    """Project performance-target tables only: the tables a spend plan belongs to
    (not self-evaluations, not department tables)."""
    for table in performance_tables(doc, filled_only=filled_only):
        if table.kind == "performance":
            yield table


def self_evaluations(doc: Document) -> Iterator[SelfEvaluation]:
    """The self-evaluations (项目支出 / 部门整体支出绩效自评表) of a document."""
    for table in doc.tables:
        if isinstance(table, SelfEvaluation):
            yield table


def department_tables(doc: Document) -> Iterator[DepartmentTable]:
    """The department-level target tables (部门整体支出绩效目标表) of a document."""
    for table in doc.tables:
        if isinstance(table, DepartmentTable):
            yield table
