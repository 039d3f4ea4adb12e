"""What every reporter receives, and the atomic writer all outputs go through."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Dict, Iterator, List, Optional, Sequence, Tuple, Union

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
    #: seconds spent on each audited file (JUnit ``time``), when the run measured them
    durations: Dict[str, float] = field(default_factory=dict)
    #: ``-q``: findings only, no tables, summaries or notes (reporters that have such parts)
    quiet: bool = False
    #: the kind the reader found for each file (performance, disclosure, notice, form), for charts
    kinds: Dict[str, str] = field(default_factory=dict)
    #: the folder paths are relative to in SARIF (%SRCROOT%): the configuration's folder
    root: Optional[str] = None
    #: set when the findings were streamed and not kept: how many per (rule, severity)
    counts: Optional[Dict[Tuple[str, str], int]] = None

    def by_severity(self) -> Dict[str, int]:
        counts: Counter = Counter()
        if self.counts is not None:
            for (_, severity), n in self.counts.items():
                counts[severity] += n
        else:
            counts.update(f.severity for f in self.findings)
        return {s: counts.get(s, 0) for s in SEVERITIES}

    def by_rule(self) -> Dict[str, int]:
        counts: Counter = Counter()
        if self.counts is not None:
            for (rule, _), n in self.counts.items():
                counts[rule] += n
        else:
            counts.update(f.rule for f in self.findings)
        return dict(sorted(counts.items()))

    def finding_count(self) -> int:
        return sum(self.counts.values()) if self.counts is not None else len(self.findings)

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
        return {"files": self.files, "tables": self.tables, "findings": self.finding_count(), "by_severity": self.by_severity()}


class Out:
    """Where a reporter writes: text or bytes, in pieces (see reporting.pipeline.Target)."""

    def write(self, data: Union[str, bytes]) -> None:  # pragma: no cover - interface
        raise NotImplementedError


class Buffer(Out):
    """An :class:`Out` in memory, for :meth:`Reporter.render`."""

    def __init__(self) -> None:
        self.parts: List[Union[str, bytes]] = []

    def write(self, data: Union[str, bytes]) -> None:
        self.parts.append(data)

    def value(self, binary: bool) -> Union[str, bytes]:
        if binary:
            return b"".join(p if isinstance(p, bytes) else p.encode("utf-8") for p in self.parts)
        return "".join(p if isinstance(p, str) else p.decode("utf-8") for p in self.parts)


def by_file(findings: Sequence[Finding]) -> Iterator[List[Finding]]:
    """Consecutive findings of one file, as the streaming lifecycle hands them over."""
    group: List[Finding] = []
    for f in findings:
        if group and f.file != group[0].file:
            yield group
            group = []
        group.append(f)
    if group:
        yield group


class Reporter:
    """Base class of every output format: a ``name`` for ``--format`` and one lifecycle.

    Every run (``check``, ``sweep``, ``diff``) drives a reporter the same way:
    :meth:`begin` once with the run's context (``report`` without findings:
    rules, audited files, colour), :meth:`file` with each file's findings in
    the stable order, :meth:`end` once with the totals.  A *streaming* format
    (``streaming = True``: text, json, csv) writes as it goes and keeps only
    counters, so a 100,000-table sweep never holds every finding.  A format
    that needs the whole run (html, sarif, junit, most plugins') implements
    only the end — :meth:`render` of the finished report, every finding in
    ``report.findings`` — and the run collects them for it (``sweep`` from its
    history database).
    """

    name: str = ""
    extension: str = ".txt"
    description: str = ""
    binary: bool = False
    streaming: bool = False

    def begin(self, report: Report, out: Out) -> None:
        """The run starts (streaming formats write their head)."""

    def file(self, report: Report, findings: Sequence[Finding], out: Out) -> None:
        """One file's findings, after the files before it (streaming formats only)."""

    def end(self, report: Report, out: Out) -> None:
        """The run is over: totals in ``report`` (and every finding, for whole-run formats)."""
        out.write(self.render(report))

    def render(self, report: Report) -> Union[str, bytes]:
        """The whole report at once: for a streaming format, its lifecycle into memory."""
        if not self.streaming:  # pragma: no cover - a whole-run format must override this
            raise NotImplementedError
        buffer = Buffer()
        self.begin(report, buffer)
        for group in by_file(report.findings):
            self.file(report, group, buffer)
        self.end(report, buffer)  # a streaming format overrides end()
        return buffer.value(self.binary)


def write_atomic(path: str, content: Union[str, bytes], encoding: str = "utf-8") -> None:
    """Write a whole report atomically (see :mod:`auditor.atomic`): never half a report."""
    with atomic_open(path, "wb") as fh:
        fh.write(content if isinstance(content, bytes) else content.encode(encoding, "replace"))


def where(f: Finding) -> str:
    """A finding's place as people quote it: ``file:line[:column]`` and the native cell."""
    text = f"{f.file}:{f.line}" + (f":{f.column}" if f.column else "")
    return text + (f" ({f.location})" if f.location else "")


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
    return out


def rule_name(report: Report, rule_id: str) -> str:
    """A rule's short name, from its class or else from any finding of it."""
    cls = report.rules.get(rule_id)
    name = getattr(cls, "name", "") if cls is not None else ""
    return name or next((f.name for f in report.findings if f.rule == rule_id and f.name), "") or ""


#: characters no output may carry as they are: C0 and C1 controls (terminal escape
#: sequences), bidi overrides and isolates (text that reads differently from what it is,
#: CVE-2021-42574), line/paragraph separators, lone surrogates and the XML non-characters
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e"
                     "\u2066-\u2069\ud800-\udfff\ufffe\uffff]")
_BREAKS = re.compile("[\r\n\t]+")
#: what an unsafe character becomes: visible, and harmless everywhere
REPLACEMENT = "\ufffd"


def neutral(text: object, one_line: bool = False) -> str:
    """Text from a document or a plugin, safe to show in any output format.

    Every unsafe character becomes U+FFFD (so it is seen, not obeyed); with
    ``one_line`` tabs and line breaks become one space (terminal cells,
    annotations, CSV cells).
    """
    value = "" if text is None else str(text)
    if one_line:
        value = _BREAKS.sub(" ", value)
    return _UNSAFE.sub(REPLACEMENT, value)


def neutral_data(value: Any) -> Any:
    """A JSON-like value (a finding's ``source``) with every string in it neutralised."""
    if isinstance(value, dict):
        return {neutral(k): neutral_data(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [neutral_data(v) for v in value]
    if isinstance(value, str):
        return neutral(value)
    if value is None or isinstance(value, (bool, int, float)):
        return value
    return neutral(value)


def xml_text(text: Optional[str]) -> str:
    """Document text that XML 1.0 (and so HTML) can hold, with controls neutralised."""
    return neutral(text)


def durations_for(report: "Report") -> Dict[str, float]:
    """Seconds spent on each file, when the run recorded them (``Report.durations``)."""
    return getattr(report, "durations", None) or {}
