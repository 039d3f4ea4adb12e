"""The terminal report: a table of findings, a summary, colour only on a terminal."""
from __future__ import annotations

import re
from typing import List

from tabulate import tabulate

from ..fixes.render import fix_line, fix_summary_line
from .base import Report, Reporter

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
    line = f"{len(report.findings)} findings ({parts}) in {report.files} files, {report.tables} tables"
    if report.problems:
        line += f"; {len(report.problems)} files could not be read"
    if report.suppressed:
        line += f"; {len(report.suppressed)} suppressed" + ("" if report.show_suppressed else " (--show-suppressed lists them)")
    return line


def statistics_table(report: Report) -> str:
    rows = []
    for rule, count in sorted(report.by_rule().items(), key=lambda kv: (-kv[1], kv[0])):
        cls = report.rules.get(rule)
        rows.append([count, rule, getattr(cls, "name", ""), getattr(cls, "severity", "")])
    return tabulate(rows, headers=["count", "rule", "name", "severity"], tablefmt="simple")


def fixes_section(report: Report) -> List[str]:
    """``--show-fixes``: each finding's suggested fix under its location."""
    lines = [f"{clean(f.file)}:{f.line} {f.rule}  {fix_line(f.fix)}" for f in report.findings if f.fix]
    return (["Fixes / 修改建议:", *lines, ""]) if lines else []


def suppressed_section(report: Report) -> List[str]:
    """``--show-suppressed``: the findings accepted by ``[[suppress]]`` entries, with their reasons."""
    rows = []
    for f in report.suppressed:
        s = getattr(f, "suppression", None) or {}
        until = f" (until {s['until']})" if s.get("until") else ""
        rows.append([f"{clean(f.file)}:{f.line}", f.rule, clean(f.message, 70), clean(s.get("reason", ""), 50) + until])
    return ["Suppressed / 已抑制:", tabulate(rows, headers=["location", "rule", "message", "reason"], tablefmt="simple"), ""]


class TextReporter(Reporter):
    name = "text"
    extension = ".txt"
    description = "a table of findings and a summary (colour on a terminal)"

    def render(self, report: Report) -> str:
        out: List[str] = []
        if report.findings:
            rows = [
                [f"{clean(f.file)}:{f.line}", f.rule, paint(f.severity, f.severity, report.color), clean(f.message, 110)]
                for f in report.findings
            ]
            out.append(tabulate(rows, headers=["location", "rule", "severity", "message"], tablefmt="simple"))
            out.append("")
        if report.show_fixes:
            out.extend(fixes_section(report))
        if report.show_suppressed and report.suppressed:
            out.extend(suppressed_section(report))
        for p in report.problems:
            out.append(f"problem: {clean(p.file)}: {clean(p.message)}")
        if report.statistics and report.findings:
            out.append(statistics_table(report))
            out.append("")
        for key, value in report.extra.items():
            if key == "diff" and isinstance(value, dict):
                out.append("diff: " + ", ".join(f"{k} {len(v) if isinstance(v, list) else v}" for k, v in value.items() if k in ("new", "fixed", "unchanged")))
        fixable = fix_summary_line(report.findings)
        if fixable:
            out.append(fixable)
        out.append(summary_line(report))
        return "\n".join(out) + "\n"
