"""The terminal report: a table of findings, a summary, colour only on a terminal."""
from __future__ import annotations

import re
from typing import List, Sequence, Tuple


from ..models import Finding
from .base import Out, Report, Reporter

_COLOURS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_RESET = "\033[0m"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def clean(text: str, limit: int = 0) -> str:
    """Document text made safe for a terminal: no escape sequences, one line."""
    text = _CONTROL.sub("", text.replace("\n", " ").replace("\t", " ").replace("\r", " "))
    if limit and len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


def paint(text: str, severity: str, color: bool) -> str:
    return f"{_COLOURS.get(severity, '')}{text}{_RESET}" if color else text


def summary_line(report: Report) -> str:
    sev = report.by_severity()
    parts = ", ".join(f"{paint(str(n) + ' ' + s, s, report.color and n > 0)}" for s, n in sev.items())
    line = f"{report.finding_count()} findings ({parts}) in {report.files} files, {report.tables} tables"
    if report.problems:
        line += f"; {len(report.problems)} files could not be read"
    base = report.extra.get("baseline")
    if isinstance(base, dict) and base.get("hidden"):
        line += f"; {base['hidden']} known findings hidden by the baseline"
    return line


def statistics_table(report: Report) -> str:
    from tabulate import tabulate  # only --statistics needs it: keep it out of a plain run's start-up

    rows = []
    for rule, count in sorted(report.by_rule().items(), key=lambda kv: (-kv[1], kv[0])):
        cls = report.rules.get(rule)
        rows.append([count, rule, getattr(cls, "name", ""), getattr(cls, "severity", "")])
    return tabulate(rows, headers=["count", "rule", "name", "severity"], tablefmt="simple")


class TextReporter(Reporter):
    """Streamed: column widths are fixed before the first file (from the audited
    paths and the rule IDs, or from the findings when they are all known)."""

    name = "text"
    extension = ".txt"
    description = "a table of findings and a summary (colour on a terminal)"
    streaming = True

    def begin(self, report: Report, out: Out) -> None:
        if report.findings:  # the whole report is known (render): exact widths
            w1 = max(len(f"{clean(f.file)}:{f.line}") for f in report.findings)
            w2 = max(len(f.rule) for f in report.findings)
        else:
            w1 = max([len(clean(p)) + 7 for p in report.audited] or [0])
            w2 = max([len(r) for r in report.rules] or [0])
        self.widths: Tuple[int, int, int] = (max(w1, len("location")), max(w2, len("rule")), len("severity"))
        self.rows = 0

    def file(self, report: Report, findings: Sequence[Finding], out: Out) -> None:
        if not findings:
            return
        w1, w2, w3 = self.widths
        lines: List[str] = []
        if not self.rows:
            lines.append(f"{'location':<{w1}}  {'rule':<{w2}}  {'severity':<{w3}}  message\n")
            lines.append(f"{'-' * w1}  {'-' * w2}  {'-' * w3}  {'-' * 7}\n")
        for f in findings:
            severity = paint(f"{f.severity:<{w3}}", f.severity, report.color)
            lines.append(f"{clean(f.file) + ':' + str(f.line):<{w1}}  {f.rule:<{w2}}  {severity}  {clean(f.message, 110)}\n")
        self.rows += len(findings)
        out.write("".join(lines))

    def end(self, report: Report, out: Out) -> None:
        lines: List[str] = [""] if self.rows else []
        for p in report.problems:
            lines.append(f"problem: {clean(p.file)}: {clean(p.message)}")
        if report.statistics and report.finding_count():
            lines.append(statistics_table(report))
            lines.append("")
        for key, value in report.extra.items():
            if key == "diff" and isinstance(value, dict):
                lines.append("diff: " + ", ".join(f"{k} {len(v) if isinstance(v, list) else v}" for k, v in value.items() if k in ("new", "fixed", "unchanged")))
        lines.append(summary_line(report))
        out.write("\n".join(lines) + "\n")
