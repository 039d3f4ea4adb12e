"""Streaming writers for sweep output: json, text and csv, one file at a time.

Why not the reporters: a reporter renders a finished :class:`Report`, which
for a 100,000-table sweep means every finding in memory at once.  These
writers take each file's findings as they arrive (in the stable sorted
order) and keep only counters.  The json writer produces exactly what the
json reporter would for the same findings (OUTPUT.md shape, same layout).
Formats that need everything at once (html, sarif, junit, plugins') are
rendered at the end from the history database instead.

Output to ``--output FILE`` goes to a temporary file beside it that is
renamed over FILE only when the sweep completes, so an interrupted sweep
never leaves half a report.
"""
from __future__ import annotations

import csv
import io
import json
import os
import sys
from typing import Any, Callable, Dict, List, Optional, Sequence, TextIO

from .. import __version__
from ..atomic import temp_beside
from ..models import SEVERITIES, Finding, Problem

STREAMING_FORMATS = ("json", "text", "csv")



class Target:
    """Stdout, or a temporary file renamed over ``path`` by :meth:`commit`."""

    def __init__(self, path: Optional[str], before_write: Optional[Callable[[], None]] = None) -> None:
        self.path = path
        self.before_write = before_write
        self._tmp: Optional[str] = None
        self.stream: TextIO
        if path:
            fd, self._tmp = temp_beside(path)
            self.stream = os.fdopen(fd, "w", encoding="utf-8", errors="replace", newline="")
        else:
            self.stream = sys.stdout

    def write(self, text: str) -> None:
        if self.before_write is not None and not self.path:
            self.before_write()
        self.stream.write(text)

    def commit(self) -> None:
        if self._tmp is None:
            self.stream.flush()
            return
        self.stream.flush()
        os.fsync(self.stream.fileno())
        self.stream.close()
        os.replace(self._tmp, self.path)  # type: ignore[arg-type]
        self._tmp = None

    def abort(self) -> None:
        if self._tmp is None:
            try:
                self.stream.flush()
            except Exception:
                pass
            return
        try:
            self.stream.close()
        finally:
            try:
                os.unlink(self._tmp)
            except OSError:
                pass
            self._tmp = None


def summary_dict(files: int, tables: int, by_severity: Dict[str, int]) -> Dict[str, Any]:
    return {"files": files, "tables": tables, "findings": sum(by_severity.values()), "by_severity": {s: by_severity.get(s, 0) for s in SEVERITIES}}


class Sink:
    """Receives findings file by file, then the totals."""

    def __init__(self, target: Target) -> None:
        self.target = target

    def begin(self) -> None:
        pass

    def file(self, findings: Sequence[Finding]) -> None:
        pass

    def end(self, summary: Dict[str, Any], problems: List[Problem], extra: Dict[str, Any]) -> None:
        pass


def _indent(text: str, by: str) -> str:
    return text.replace("\n", "\n" + by)


class JsonSink(Sink):
    """The findings contract, with the findings array written incrementally."""

    def begin(self) -> None:
        tool = json.dumps({"name": "auditor", "version": __version__}, ensure_ascii=False, indent=2)
        self.target.write('{\n  "tool": ' + _indent(tool, "  ") + ',\n  "findings": [')
        self.count = 0

    def file(self, findings: Sequence[Finding]) -> None:
        if not findings:
            return
        parts = []
        for f in findings:
            text = json.dumps(f.model_dump(exclude_none=True), ensure_ascii=False, indent=2)
            parts.append(("," if self.count else "") + "\n    " + _indent(text, "    "))
            self.count += 1
        self.target.write("".join(parts))

    def end(self, summary: Dict[str, Any], problems: List[Problem], extra: Dict[str, Any]) -> None:
        rest = {"summary": summary, "problems": [p.model_dump() for p in problems], **extra}
        tail = json.dumps(rest, ensure_ascii=False, indent=2)
        self.target.write(("\n  ]" if self.count else "]") + "," + tail[1:] + "\n")


class TextSink(Sink):
    """The terminal table, aligned from widths known before the first file."""

    def __init__(self, target: Target, paths: Sequence[str], rule_ids: Sequence[str], color: bool = False) -> None:
        super().__init__(target)
        from ..reporting.text import clean, paint

        self.clean, self.paint, self.color = clean, paint, color
        self.widths = (
            max([len("location")] + [len(clean(p)) + 7 for p in paths]),
            max([len("rule")] + [len(r) for r in rule_ids]),
            len("severity"),
        )
        self.count = 0

    def _header(self) -> str:
        w1, w2, w3 = self.widths
        head = f"{'location':<{w1}}  {'rule':<{w2}}  {'severity':<{w3}}  message"
        rule = f"{'-' * w1}  {'-' * w2}  {'-' * w3}  {'-' * 7}"
        return head + "\n" + rule + "\n"

    def file(self, findings: Sequence[Finding]) -> None:
        if not findings:
            return
        w1, w2, w3 = self.widths
        out = [] if self.count else [self._header()]
        for f in findings:
            severity = self.paint(f"{f.severity:<{w3}}", f.severity, self.color)
            out.append(f"{self.clean(f.file) + ':' + str(f.line):<{w1}}  {f.rule:<{w2}}  {severity}  {self.clean(f.message, 110)}\n")
            self.count += 1
        self.target.write("".join(out))

    def end(self, summary: Dict[str, Any], problems: List[Problem], extra: Dict[str, Any]) -> None:
        out: List[str] = [""] if self.count else []
        for p in problems:
            out.append(f"problem: {self.clean(p.file)}: {self.clean(p.message)}")
        sev = summary["by_severity"]
        parts = ", ".join(self.paint(f"{n} {s}", s, self.color and n > 0) for s, n in sev.items())
        line = f"{summary['findings']} findings ({parts}) in {summary['files']} files, {summary['tables']} tables"
        if problems:
            line += f"; {len(problems)} files could not be read"
        base = extra.get("baseline")
        if isinstance(base, dict) and base.get("hidden"):
            line += f"; {base['hidden']} known findings hidden by the baseline"
        out.append(line)
        self.target.write("\n".join(out) + "\n")


class CsvSink(Sink):
    """One row a finding, with the csv reporter's columns, BOM and formula guard."""

    def __init__(self, target: Target, rules: Dict[str, type]) -> None:
        super().__init__(target)
        from ..reporting.base import Report

        self.report = Report(findings=[], rules=rules)  # what the row function consults (rule names)
        from ..reporting import csv_reporter

        self.columns: Sequence[str] = csv_reporter.COLUMNS  # exactly `check --format csv`
        self.row: Callable[[Any, Finding], List[Any]] = csv_reporter.row

    def begin(self) -> None:
        self.buffer = io.StringIO()
        self.writer = csv.writer(self.buffer, lineterminator="\r\n")
        self.target.write("\ufeff")  # Excel needs the BOM to read UTF-8
        self.writer.writerow(self.columns)
        self._flush()

    def _flush(self) -> None:
        self.target.write(self.buffer.getvalue())
        self.buffer.seek(0)
        self.buffer.truncate()

    def file(self, findings: Sequence[Finding]) -> None:
        for f in findings:
            self.writer.writerow(self.row(self.report, f))
        if findings:
            self._flush()


def make_sink(fmt: str, target: Target, *, paths: Sequence[str], rules: Dict[str, type], color: bool) -> Optional[Sink]:
    """A streaming writer for ``fmt``, or None when the format renders from the database."""
    if fmt == "json":
        return JsonSink(target)
    if fmt == "text":
        return TextSink(target, paths, list(rules), color)
    if fmt == "csv":
        return CsvSink(target, rules)
    return None
