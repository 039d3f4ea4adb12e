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
from typing import Any, Dict, List, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field
from pydantic_core import to_json

#: bumped when the meaning of a stored fact changes (old facts are then extracted again)
FACTS_VERSION = 1


def pack_facts(facts: Dict[str, Any]) -> bytes:
    """Facts as sent by a worker and stored in the history: zlib-compressed compact JSON.

    Packed in the worker, so the client neither unpickles nor encodes the
    many small objects of a file's facts; it stores the bytes as they came."""
    try:
        text = to_json(facts)  # pydantic-core's encoder: several times json.dumps' speed
    except Exception:  # a value it refuses (a lone surrogate): the standard library's way
        text = json.dumps(facts, ensure_ascii=False, separators=(",", ":"), default=str).encode("utf-8", "replace")
    return zlib.compress(text, 1)


#: a file's facts as FileResult carries them: the JSON-able dict, or that dict packed by :func:`pack_facts`
Packable = Union[Dict[str, Any], bytes]


class _Fact(BaseModel):
    model_config = ConfigDict(extra="ignore")


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
    ref: Ref = Field(default_factory=Ref)


class ProjectHead(_Fact):
    """A project as one table states it, without its indicators: a 绩效目标表 (``target``) or a 自评表 (``self-evaluation``)."""

    kind: Literal["target", "self-evaluation"] = "target"
    #: position of the table in its document (0-based), to load its indicators again
    index: int = 0
    title: str = ""
    title_ref: Ref = Field(default_factory=Ref)
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
    ref: Ref = Field(default_factory=Ref)


class DisclosureFact(_Fact):
    """A 政府购买服务信息公开表: who bought, in which year, from whom, at what price."""

    title: str = ""
    title_ref: Ref = Field(default_factory=Ref)
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
            return FileHeads.load_json(zlib.decompress(data))
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
                return cls.load_json(zlib.decompress(data))
            except zlib.error:
                return cls()
        if not data or data.get("version") != FACTS_VERSION:
            return cls()
        try:
            return cls.model_validate(data)
        except ValueError:
            return cls()
