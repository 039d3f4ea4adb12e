"""Facts: the small record of one file that checks across documents need.

A file's facts travel with its :class:`auditor.engine.FileResult` (as the
JSON-able dict of :meth:`FileFacts.dump`), are stored in the history database
under the file's hash, and are all the corpus rules see.  They keep only what
is compared across files (codes, names, years, units, budgets, indicator
values, contractors and prices), each with the place a finding points at.
"""
from __future__ import annotations

import json
import zlib
from functools import lru_cache
from typing import Any, Dict, List, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter
from pydantic_core import from_json, to_json
from ..construct import default_of

#: bumped when the meaning of a stored fact changes (old facts are then extracted again)
FACTS_VERSION = 1


def _json(value: Any) -> bytes:
    try:
        return to_json(value)  # pydantic-core's encoder: several times json.dumps' speed
    except Exception:  # a value it refuses (a lone surrogate): the standard library's way
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str).encode("utf-8", "replace")


def pack_facts(facts: Dict[str, Any]) -> bytes:
    """Facts as sent by a worker and stored in the history: zlib-compressed compact JSON lines,
    the file's facts without indicators first, then one line of indicators per project.

    Packed in the worker, so the client neither unpickles nor encodes the many small
    objects of a file's facts; it stores the bytes as they came.  Split in lines so the
    corpus index parses only the heads, and a rule asking for one project's indicators
    parses only that line (compact JSON has no raw newline).  Older rows are one line
    holding everything; every reader here takes both."""
    projects = facts.get("projects") or []
    if not any(isinstance(p, dict) and "indicators" in p for p in projects):
        return zlib.compress(_json(facts), 1)
    heads = dict(facts, projects=[{k: v for k, v in p.items() if k != "indicators"} if isinstance(p, dict) else p for p in projects])
    lines = [_json(heads)] + [_json(p.get("indicators", []) if isinstance(p, dict) else []) for p in projects]
    return zlib.compress(b"\n".join(lines), 1)


class PackedFacts:
    """One file's packed facts (:func:`pack_facts`), opened lazily: heads, one project's indicators, or all."""

    __slots__ = ("lines", "_head")

    def __init__(self, blob: bytes) -> None:
        """Raises zlib.error for bytes that are not packed facts."""
        self.lines: List[bytes] = zlib.decompress(blob).split(b"\n")
        self._head: Optional[Dict[str, Any]] = None

    @property
    def split(self) -> bool:
        return len(self.lines) > 1

    def head(self) -> Dict[str, Any]:
        """The first line as a plain dict (parsed, not validated); {} when unreadable."""
        if self._head is None:
            try:
                data = from_json(self.lines[0])
            except ValueError:
                data = None
            self._head = data if isinstance(data, dict) else {}
        return self._head

    def data(self) -> Dict[str, Any]:
        """Everything as the JSON-able dict of :func:`~auditor.corpus.extract.facts_data` (parsed, not validated)."""
        head = self.head()
        if not self.split:
            return head
        projects = [dict(p) if isinstance(p, dict) else p for p in head.get("projects") or []]
        for p, line in zip(projects, self.lines[1:]):
            try:
                indicators = from_json(line)
            except ValueError:
                continue
            if isinstance(p, dict) and indicators:
                p["indicators"] = indicators
        return dict(head, projects=projects)

    def indicators(self, pos: int) -> List["IndicatorFact"]:
        """The indicators of the project at ``pos``, validated; none for another version or bad data."""
        if self.head().get("version") != FACTS_VERSION:
            return []
        try:
            if self.split:
                return _indicators().validate_json(self.lines[pos + 1]) if pos + 1 < len(self.lines) else []
            projects = self.head().get("projects") or []
            raw = projects[pos].get("indicators", []) if pos < len(projects) and isinstance(projects[pos], dict) else []
            return _indicators().validate_python(raw)
        except ValueError:
            return []


#: a file's facts as FileResult carries them: the JSON-able dict, or that dict packed by :func:`pack_facts`
Packable = Union[Dict[str, Any], bytes]


class _Fact(BaseModel):
    model_config = ConfigDict(extra="ignore", defer_build=True)


class Ref(_Fact):
    """Where a fact sits in its file: the line, and for native files the cell (``表2!E13``)."""

    line: int = 1
    location: Optional[str] = None
    source: Optional[Dict[str, Any]] = None


class IndicatorFact(_Fact):
    """One indicator row: its 三级指标 and its value (指标值, or a 自评表's 年度指标值)."""

    level1: str = ""
    level2: str = ""
    name: str = ""
    value: str = ""
    kind: str = "empty"  # number | range | text | date | empty (as ParsedValue.kind)
    op: Optional[str] = None
    number: Optional[float] = None
    high: Optional[float] = None
    unit: Optional[str] = None
    ref: Ref = Field(default_factory=default_of(Ref))


class ProjectHead(_Fact):
    """A project as one table states it, without its indicators: a 绩效目标表 (``target``) or a 自评表 (``self-evaluation``)."""

    kind: Literal["target", "self-evaluation"] = "target"
    #: position of the table in its document (0-based), to load its indicators again
    index: int = 0
    title: str = ""
    title_ref: Ref = Field(default_factory=default_of(Ref))
    code: Optional[str] = None
    code_ref: Optional[Ref] = None
    name: str = ""
    name_ref: Optional[Ref] = None
    year: Optional[int] = None
    #: the budget unit (单位 / 主管部门) as written
    unit: Optional[str] = None
    #: 预算数 of a target table, 年初预算数 of a self-evaluation (万元)
    budget: Optional[float] = None
    budget_raw: str = ""
    budget_ref: Optional[Ref] = None


class ProjectFact(ProjectHead):
    """A project with its indicators."""

    indicators: List[IndicatorFact] = Field(default_factory=list)


class ContractFact(_Fact):
    """One contractor row of a disclosure's section 二."""

    project: str = ""
    contractor: str = ""
    price: Optional[float] = None  # 万元
    price_raw: str = ""
    ref: Ref = Field(default_factory=default_of(Ref))


class DisclosureFact(_Fact):
    """A 政府购买服务信息公开表: who bought, in which year, from whom, at what price."""

    title: str = ""
    title_ref: Ref = Field(default_factory=default_of(Ref))
    buyer: str = ""
    year: Optional[int] = None
    #: the projects of section 一 (预算), as named there
    projects: List[str] = Field(default_factory=list)
    contracts: List[ContractFact] = Field(default_factory=list)


class FileHeads(_Fact):
    """A file's facts without indicators: what the index of a whole sweep holds (indicators are loaded on demand)."""

    version: int = FACTS_VERSION
    year: Optional[int] = None
    projects: List[ProjectHead] = Field(default_factory=list)
    disclosures: List[DisclosureFact] = Field(default_factory=list)

    @classmethod
    def load_json(cls, data: Optional[bytes]) -> Any:
        """Back from the JSON of :meth:`FileFacts.dump` (parsed and validated in one step); bad data counts as none."""
        if not data:
            return cls()
        try:
            facts = cls.model_validate_json(data)
        except ValueError:
            return cls()
        return facts if facts.version == FACTS_VERSION else cls()


def heads_of(data: Optional["Packable"]) -> FileHeads:
    """A file's facts without indicators, from FileResult's dict or packed bytes (as the history's
    ``run_facts(heads=True)`` gives them); another version or unreadable data counts as none."""
    if isinstance(data, bytes):
        try:
            return FileHeads.load_json(PackedFacts(data).lines[0])
        except zlib.error:
            return FileHeads()
    if not data or data.get("version") != FACTS_VERSION:
        return FileHeads()
    try:
        return FileHeads.model_validate(data)
    except ValueError:
        return FileHeads()


class FileFacts(FileHeads):
    """Everything one file contributes to the checks across documents."""

    projects: List[ProjectFact] = Field(default_factory=list)  # type: ignore[assignment]

    @property
    def empty(self) -> bool:
        return not self.projects and not self.disclosures

    def dump(self) -> Dict[str, Any]:
        """The JSON-able form carried by FileResult and stored in the history (defaults left out)."""
        return self.model_dump(exclude_defaults=True, exclude={"version"}) | {"version": self.version}

    @classmethod
    def load(cls, data: Optional[Packable]) -> "FileFacts":
        """Back from :meth:`dump` (or its :func:`pack_facts` bytes); facts of another version or unreadable data count as none."""
        if isinstance(data, bytes):
            try:
                data = PackedFacts(data).data()
            except zlib.error:
                return cls()
        if not data or data.get("version") != FACTS_VERSION:
            return cls()
        try:
            return cls.model_validate(data)
        except ValueError:
            return cls()


@lru_cache(maxsize=None)
def _indicators() -> "TypeAdapter[List[IndicatorFact]]":
    """The validator of a project's indicators, built when first needed (not at import: rules import this module)."""
    return TypeAdapter(List[IndicatorFact])
