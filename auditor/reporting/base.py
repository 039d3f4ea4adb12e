"""What every reporter receives, and the atomic writer all outputs go through."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Tuple, Union

from .. import __version__
from ..atomic import atomic_open
from ..models import SEVERITIES, SEVERITY_RANK, Finding, Problem


def exit_status(files: int, problems: int, failing: int) -> int:
    """OUTPUT.md: 2 when nothing could be read, 1 when findings at or above --fail-on exist, else 0."""
    if files and problems >= files:
        return 2
    return 1 if failing else 0


def fails(finding: Finding, fail_on: str) -> bool:
    """Is ``finding`` at or above ``--fail-on`` (never, for ``never``)?"""
    return fail_on != "never" and SEVERITY_RANK.get(finding.severity, 3) >= SEVERITY_RANK[fail_on]


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
    #: every file audited, as given (so files without findings can be listed too)
    audited: List[str] = field(default_factory=list)
    #: findings a ``[[suppress]]`` entry accepted (each with ``suppression``: reason, until)
    suppressed: List[Finding] = field(default_factory=list)
    #: list the suppressed findings (``--show-suppressed``) / show each finding's fix (``--show-fixes``)
    show_suppressed: bool = False
    show_fixes: bool = False

    def by_severity(self) -> Dict[str, int]:
        counts = Counter(f.severity for f in self.findings)
        return {s: counts.get(s, 0) for s in SEVERITIES}

    def by_rule(self) -> Dict[str, int]:
        return dict(sorted(Counter(f.rule for f in self.findings).items()))

    def failing(self) -> List[Finding]:
        """Findings at or above --fail-on (none when it is ``never``)."""
        return [f for f in self.findings if fails(f, self.fail_on)]

    def documents(self) -> List[str]:
        """Audited files in order; files only known from findings/problems follow.

        ``audited`` may be empty (a caller that did not fill it), so the files
        that findings and problems name are always included.
        """
        names = list(self.audited) + [f.file for f in self.findings] + [p.file for p in self.problems]
        return list(dict.fromkeys(names))

    def summary(self) -> Dict[str, Any]:
        out = {"files": self.files, "tables": self.tables, "findings": len(self.findings), "by_severity": self.by_severity()}
        if self.suppressed:
            out["suppressed"] = len(self.suppressed)
        return out


class Reporter:
    """Base class: a ``name`` for ``--format`` and a :meth:`render` method."""

    name: str = ""
    extension: str = ".txt"
    description: str = ""
    binary: bool = False

    def render(self, report: Report) -> Union[str, bytes]:  # pragma: no cover - abstract
        raise NotImplementedError


def write_atomic(path: str, content: Union[str, bytes], encoding: str = "utf-8") -> None:
    """Write a whole report atomically (see :mod:`auditor.atomic`): never half a report."""
    with atomic_open(path, "wb") as fh:
        fh.write(content if isinstance(content, bytes) else content.encode(encoding))


def finding_dict(f: Finding) -> Dict[str, Any]:
    return f.model_dump(exclude_none=True)




#: (attribute, heading) of the parts of a rule's page, in the order `auditor explain` shows them
RULE_SECTIONS: Tuple[Tuple[str, str], ...] = (
    ("why", "Why it matters / 为什么重要"),
    ("bad", "Bad / 错误示例"),
    ("good", "Good / 正确示例"),
    ("fix", "Fix / 修改方法"),
    ("anchor", "Anchor line / 定位行"),
    ("policy", "Policy / 依据"),
)


def rule_sections(rule_cls: Optional[type]) -> List[Tuple[str, str, str]]:
    """The non-empty parts of a rule's explanation as (attribute, heading, text)."""
    if rule_cls is None:
        return []
    out = []
    for attr, heading in RULE_SECTIONS:
        text = getattr(rule_cls, attr, "") or ""
        if text:
            out.append((attr, heading, str(text)))
        if attr == "fix" and getattr(rule_cls, "fixable", ()):
            from ..rule import fixable_text

            out.append(("fixable", "Automatic fix / 自动修改", fixable_text(rule_cls.fixable)))
    return out


def rule_name(report: Report, rule_id: str) -> str:
    """A rule's short name, from its class or else from any finding of it."""
    cls = report.rules.get(rule_id)
    name = getattr(cls, "name", "") if cls is not None else ""
    return name or next((f.name for f in report.findings if f.rule == rule_id and f.name), "") or ""


_XML_ILLEGAL = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: Optional[str]) -> str:
    """Document text without the characters XML 1.0 (and so HTML) cannot hold."""
    return _XML_ILLEGAL.sub("", text or "")
