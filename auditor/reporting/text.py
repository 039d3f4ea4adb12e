"""The terminal report: a table of findings, a summary, colour only on a terminal.

Columns are measured in terminal cells (tabulate with wcwidth), so Chinese text
lines up; messages are wrapped to the terminal's width, never cut.
"""
from __future__ import annotations

import shutil
from typing import List

from tabulate import tabulate

from .base import Report, Reporter, neutral, where

_COLOURS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_RESET = "\033[0m"
#: narrowest message column, whatever the terminal says
MIN_MESSAGE_WIDTH = 40


def clean(text: str, limit: int = 0) -> str:
    """Document text made safe for a terminal: no escape sequences, one line."""
    text = neutral(text, one_line=True)
    if limit and len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


def paint(text: str, severity: str, color: bool) -> str:
    return f"{_COLOURS.get(severity, '')}{text}{_RESET}" if color else text


def summary_line(report: Report) -> str:
    sev = report.by_severity()
    parts = ", ".join(f"{paint(str(n) + ' ' + s, s, report.color and n > 0)}" for s, n in sev.items())
    line = f"{len(report.findings)} findings ({parts}) in {report.files} files, {report.tables} tables"
    if report.problems:
        line += f"; {len(report.problems)} files could not be read"
    return line


def statistics_table(report: Report) -> str:
    rows = []
    for rule, count in sorted(report.by_rule().items(), key=lambda kv: (-kv[1], kv[0])):
        cls = report.rules.get(rule)
        rows.append([count, rule, getattr(cls, "name", ""), getattr(cls, "severity", "")])
    return tabulate(rows, headers=["count", "rule", "name", "severity"], tablefmt="simple")


def display_width(text: str) -> int:
    """Terminal cells ``text`` takes (two for a CJK character)."""
    from wcwidth import wcswidth

    width = wcswidth(text)
    return width if width >= 0 else len(text)


def message_width(report: Report, total: int = 0) -> int:
    """What is left of the terminal for the message column."""
    total = total or shutil.get_terminal_size((120, 24)).columns
    first = max([len("location")] + [display_width(clean(place(f))) for f in report.findings])
    rule = max([len("rule")] + [display_width(clean(f.rule)) for f in report.findings])
    return max(MIN_MESSAGE_WIDTH, total - first - rule - len("severity") - 3 * 2)  # three 2-space gaps


def place(f) -> str:
    """``file:line[:column]``, the table's first column."""
    return f"{f.file}:{f.line}" + (f":{f.column}" if f.column else "")


def message(f) -> str:
    """The message, after the native cell it is about (``表2!E13 · …``)."""
    return f"{f.location} · {f.message}" if f.location else f.message


def findings_table(report: Report, width: int = 0) -> str:
    """All findings, wide-character aware, messages wrapped to fit the terminal."""
    total = width or shutil.get_terminal_size((120, 24)).columns
    rows = [[clean(place(f)), clean(f.rule), paint(f.severity, f.severity, report.color), clean(message(f))]
            for f in report.findings]

    def render(limit: int) -> str:
        return tabulate(rows, headers=["location", "rule", "severity", "message"], tablefmt="simple",
                        maxcolwidths=[None, None, None, limit], disable_numparse=True)

    limit = message_width(report, total)
    table = render(limit)
    # the rule under the headers is as wide as the table: shrink the message column by what overflows
    excess = len(table.splitlines()[1]) - total
    if excess > 0 and limit - excess >= MIN_MESSAGE_WIDTH:
        table = render(limit - excess)
    return table


def quiet_lines(report: Report) -> List[str]:
    """``-q``: one line a finding, nothing else (grep- and editor-friendly)."""
    return [f"{clean(where(f))}: {clean(f.rule)} [{f.severity}] {clean(f.message)}" for f in report.findings]


class TextReporter(Reporter):
    name = "text"
    extension = ".txt"
    description = "a table of findings and a summary (colour on a terminal)"

    def render(self, report: Report) -> str:
        if report.quiet:
            lines = quiet_lines(report)
            return "\n".join(lines) + "\n" if lines else ""
        out: List[str] = []
        if report.findings:
            out.append(findings_table(report))
            out.append("")
        for p in report.problems:
            out.append(f"problem: {clean(p.file)}: {clean(p.message)}")
        if report.statistics and report.findings:
            out.append(statistics_table(report))
            out.append("")
        for key, value in report.extra.items():
            if key == "diff" and isinstance(value, dict):
                out.append("diff: " + ", ".join(f"{k} {len(v) if isinstance(v, list) else v}" for k, v in value.items() if k in ("new", "fixed", "unchanged")))
        out.append(summary_line(report))
        return "\n".join(out) + "\n"
