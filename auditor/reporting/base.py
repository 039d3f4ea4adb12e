"""What every reporter receives, and the atomic writer all outputs go through."""
from __future__ import annotations

import os
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Union

from .. import __version__
from ..models import SEVERITIES, SEVERITY_RANK, Finding, Problem


@dataclass
class Report:
    """A finished run: findings (ordered by file, line, rule) and its summary."""

    findings: List[Finding]
    files: int = 0
    tables: int = 0
    problems: List[Problem] = field(default_factory=list)
    rules: Dict[str, type] = field(default_factory=dict)
    rule_source: Dict[str, str] = field(default_factory=dict)
    fail_on: str = "error"
    statistics: bool = False
    color: bool = False
    tool_version: str = __version__
    #: extra sections a reporter may show (diff: new / fixed / unchanged)
    extra: Dict[str, Any] = field(default_factory=dict)

    def by_severity(self) -> Dict[str, int]:
        counts = Counter(f.severity for f in self.findings)
        return {s: counts.get(s, 0) for s in SEVERITIES}

    def by_rule(self) -> Dict[str, int]:
        return dict(sorted(Counter(f.rule for f in self.findings).items()))

    def failing(self) -> List[Finding]:
        """Findings at or above --fail-on (none when it is ``never``)."""
        if self.fail_on == "never":
            return []
        floor = SEVERITY_RANK[self.fail_on]
        return [f for f in self.findings if SEVERITY_RANK.get(f.severity, 3) >= floor]

    def summary(self) -> Dict[str, Any]:
        return {"files": self.files, "tables": self.tables, "findings": len(self.findings), "by_severity": self.by_severity()}


class Reporter:
    """Base class: a ``name`` for ``--format`` and a :meth:`render` method."""

    name: str = ""
    extension: str = ".txt"
    description: str = ""
    binary: bool = False

    def render(self, report: Report) -> Union[str, bytes]:  # pragma: no cover - abstract
        raise NotImplementedError


def write_atomic(path: str, content: Union[str, bytes], encoding: str = "utf-8") -> None:
    """Write to a temporary file beside ``path``, then rename: never half a report."""
    folder = os.path.dirname(os.path.abspath(path)) or "."
    fd, tmp = tempfile.mkstemp(prefix=".auditor-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(content if isinstance(content, bytes) else content.encode(encoding))
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def short_path(path: str) -> str:
    return path


def finding_dict(f: Finding) -> Dict[str, Any]:
    return f.model_dump(exclude_none=True)


def optional(value: Optional[str]) -> str:
    return value or ""
