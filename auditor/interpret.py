"""Interpreters: the open step from blocks (paragraphs and grids) to typed parts.

Every reader ends in :func:`auditor.readers.assemble.assemble`, which splits
the blocks into *sections* (a title paragraph and the blocks under it) and
asks every registered :class:`Interpreter` how sure it is that a section is
its kind (:meth:`Interpreter.claim`, a score in 0…1).  The best score above
0 reads the section (:meth:`Interpreter.read`) into typed parts
(:class:`auditor.models.Part` subclasses) and says what it left unread; a
table-like block nobody claims, or claimed but read only in part, becomes
PARSE002 and is counted in ``Document.coverage``.

Interpreters are registered through the ``auditor_register_interpreters``
hook (the built-ins too, from :mod:`auditor.readers.builtin`).  The engine
makes the registry's interpreters active while a reader runs
(:func:`active`), so readers need no registry argument.
"""
from __future__ import annotations

import contextlib
import contextvars
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Dict, Iterator, List, Optional, Sequence

if TYPE_CHECKING:  # pragma: no cover
    from .models import Document, ParseIssue, Part
    from .readers.blocks import Block, Para
    from .vocabulary import Vocabulary


@dataclass
class Section:
    """A run of blocks under one title paragraph (``title`` None: the blocks before the first title)."""

    title: Optional["Para"]
    blocks: List["Block"]
    #: the whole document's decoded lines (for interpreters that read text, such as notices)
    lines: List[str] = field(default_factory=list)
    #: the money unit the section declares (单位：元 …), else 万元
    unit: str = "万元"

    @property
    def title_text(self) -> str:
        return self.title.text if self.title is not None else ""

    def grids(self) -> List[Any]:
        from .readers.blocks import Grid

        return [b for b in self.blocks if isinstance(b, Grid)]


@dataclass
class Reading:
    """What an interpreter made of a section."""

    parts: List["Part"] = field(default_factory=list)
    #: typed reader problems (PARSE002/003 …) met while reading
    problems: List["ParseIssue"] = field(default_factory=list)
    #: blocks of the section the interpreter did not read (they are reported, never silently dropped)
    unread: List["Block"] = field(default_factory=list)
    #: a short note of what was left out when only part was read ("3 of 5 rows: no indicator header")
    partly: str = ""
    #: the interpreter read the whole document: no section stage follows (the built-in disclosure)
    exclusive: bool = False


class Interpreter:
    """Reads one kind of section into typed parts.  Subclass and register through the hook.

    ``kind`` names the part kind (and the vocabulary, :func:`auditor.vocabulary.vocabulary`);
    ``scope`` is ``section`` (asked for each section), ``document`` (asked once with the
    whole document as one section, before the sections: the built-in disclosure) or
    ``finish`` (asked once after the sections, with the document read so far: notices).
    """

    name: str = ""
    kind: str = ""
    scope: str = "section"
    builtin: bool = False

    @property
    def vocabulary(self) -> "Vocabulary":
        from .vocabulary import vocabulary

        return vocabulary(self.kind)

    def claim(self, section: Section, doc: "Document") -> float:
        """How sure this interpreter is that ``section`` is its kind: 0 (not mine) … 1."""
        title = section.title_text
        if not title:
            return 0.0
        from .values import compact

        return 0.9 if self.vocabulary.is_title(compact(title)) else 0.0

    def read(self, section: Section, doc: "Document") -> Reading:  # pragma: no cover - abstract
        raise NotImplementedError


_ACTIVE: "contextvars.ContextVar[Optional[Sequence[Interpreter]]]" = contextvars.ContextVar("auditor_interpreters", default=None)


def builtin_interpreters() -> List[Interpreter]:
    from .readers.interpreters import BUILTIN_INTERPRETERS

    return [cls() for cls in BUILTIN_INTERPRETERS]


def current() -> Sequence[Interpreter]:
    """The interpreters in force: the registry's while the engine reads, else the built-ins."""
    found = _ACTIVE.get()
    if found is None:
        found = _builtin_cache()
    return found


_BUILTINS: List[Interpreter] = []


def _builtin_cache() -> List[Interpreter]:
    if not _BUILTINS:
        _BUILTINS.extend(builtin_interpreters())
    return _BUILTINS


@contextlib.contextmanager
def active(interpreters: Sequence[Interpreter]) -> Iterator[None]:
    """Make ``interpreters`` the ones readers use while the block runs."""
    token = _ACTIVE.set(list(interpreters))
    try:
        yield
    finally:
        _ACTIVE.reset(token)


def plugin_interpreters() -> List[Interpreter]:
    """The active interpreters that are not built-in (asked before the built-in dispatch)."""
    return [i for i in current() if not getattr(i, "builtin", False)]


def best(interpreters: Sequence[Interpreter], section: Section, doc: "Document") -> Optional[Interpreter]:
    """The interpreter with the highest claim above 0 (the first registered wins a tie)."""
    top: Optional[Interpreter] = None
    score = 0.0
    for interp in interpreters:
        try:
            s = float(interp.claim(section, doc) or 0.0)
        except Exception:  # a plugin's bug must not stop the reading
            continue
        if s > score:
            top, score = interp, s
    return top


def coverage_of(doc: "Document") -> Dict[str, Any]:
    """The coverage summary of a document: parts per kind, blocks unread."""
    parts: Dict[str, int] = {}
    for part in doc.parts:
        parts[part.kind] = parts.get(part.kind, 0) + 1
    cov = dict(doc.coverage)
    cov["parts"] = parts
    cov.setdefault("unread", 0)
    cov.setdefault("partly", 0)
    cov.setdefault("blocks", 0)
    return cov
