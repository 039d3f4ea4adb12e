"""The terminal report: a table of findings, a summary, colour only on a terminal.

Columns are measured in terminal cells (wcwidth: a CJK character takes two), so
Chinese text lines up; messages are wrapped to the terminal's width, never cut.
"""
from __future__ import annotations

import shutil
from typing import List, Sequence, Tuple


from ..fixes.render import FixTally
from ..models import Finding
from .base import Out, Report, Reporter, neutral, where

_COLOURS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_RESET = "\033[0m"
#: narrowest message column, whatever the terminal says
MIN_MESSAGE_WIDTH = 40


def clean(text: str, limit: int = 0) -> str:
    """Document text made safe for a terminal: no escape sequences or bidi overrides, one line."""
    text = neutral(text, one_line=True)
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
    if report.suppressed:
        line += f"; {len(report.suppressed)} suppressed" + ("" if report.show_suppressed else " (--show-suppressed lists them)")
    return line


def statistics_table(report: Report) -> str:
    from tabulate import tabulate  # only --statistics needs it: keep it out of a plain run's start-up

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


def pad(text: str, width: int) -> str:
    """``text`` filled with spaces to ``width`` terminal cells."""
    return text + " " * max(0, width - display_width(text))


def wrap(text: str, width: int) -> List[str]:
    """``text`` in lines of at most ``width`` cells, broken at a space when one is near."""
    from wcwidth import wcwidth

    lines: List[str] = []
    line, cells, space = "", 0, -1
    for ch in text:
        w = max(0, wcwidth(ch))
        if cells + w > width and line:
            if ch != " " and space > 0 and space >= len(line) - 24:
                lines.append(line[:space].rstrip())
                line = line[space + 1:]
            else:
                lines.append(line.rstrip())
                line = ""
            line = line.lstrip()
            cells, space = display_width(line), -1
            if ch == " " and not line:
                continue
        if ch == " ":
            space = len(line)
        line += ch
        cells += w
    if line or not lines:
        lines.append(line)
    return lines


def place(f: Finding) -> str:
    """``file:line``, the table's first column (``-q`` lines add the column, for editors)."""
    return f"{clean(f.file)}:{f.line}"


def message(f: Finding) -> str:
    """The message, after the native cell it is about (``表2!E13 · …``)."""
    return clean(f"{f.location} · {f.message}" if f.location else f.message)


def quiet_line(f: Finding) -> str:
    """``-q``: one line a finding (grep- and editor-friendly)."""
    return f"{clean(where(f))}: {clean(f.rule)} [{f.severity}] {clean(f.message)}"


def suppressed_section(report: Report) -> List[str]:
    """``--show-suppressed``: the findings accepted by ``[[suppress]]`` entries, with their reasons."""
    from tabulate import tabulate  # imported lazily, as in statistics_table

    rows = []
    for f in report.suppressed:
        s = getattr(f, "suppression", None) or {}
        until = f" (until {s['until']})" if s.get("until") else ""
        rows.append([f"{clean(f.file)}:{f.line}", f.rule, clean(f.message, 70), clean(s.get("reason", ""), 50) + until])
    return ["Suppressed / 已抑制:", tabulate(rows, headers=["location", "rule", "message", "reason"], tablefmt="simple"), ""]


class TextReporter(Reporter):
    """Streamed: column widths are fixed before the first file (from the audited
    paths and the rule IDs, or from the findings when they are all known)."""

    name = "text"
    extension = ".txt"
    description = "a table of findings and a summary (colour on a terminal)"
    streaming = True

    def begin(self, report: Report, out: Out) -> None:
        if report.findings:  # the whole report is known (render): exact widths
            w1 = max(display_width(place(f)) for f in report.findings)
            w2 = max(display_width(clean(f.rule)) for f in report.findings)
        else:
            w1 = max([display_width(clean(p)) + 7 for p in report.audited] or [0])
            w2 = max([len(r) for r in report.rules] or [0])
        self.widths: Tuple[int, int, int] = (max(w1, len("location")), max(w2, len("rule")), len("severity"))
        total = shutil.get_terminal_size((120, 24)).columns
        self.message_width = max(MIN_MESSAGE_WIDTH, total - sum(self.widths) - 3 * 2)
        self.rows = 0
        self.fixes = FixTally(clean)  # fixable counts, and the --show-fixes lines, as files stream by

    def file(self, report: Report, findings: Sequence[Finding], out: Out) -> None:
        if not findings:
            return
        if report.quiet:
            out.write("".join(quiet_line(f) + "\n" for f in findings))
            self.rows += len(findings)
            return
        w1, w2, w3 = self.widths
        indent = " " * (w1 + w2 + w3 + 6)
        lines: List[str] = []
        if not self.rows:
            lines.append(f"{pad('location', w1)}  {pad('rule', w2)}  {pad('severity', w3)}  message\n")
            lines.append(f"{'-' * w1}  {'-' * w2}  {'-' * w3}  {'-' * min(self.message_width, 60)}\n")
        for f in findings:
            severity = paint(pad(f.severity, w3), f.severity, report.color)
            first, *rest = wrap(message(f), self.message_width)
            lines.append(f"{pad(place(f), w1)}  {pad(clean(f.rule), w2)}  {severity}  {first}\n")
            lines.extend(f"{indent}{part}\n" for part in rest)
        self.rows += len(findings)
        self.fixes.add(findings, report.show_fixes)
        out.write("".join(lines))

    def end(self, report: Report, out: Out) -> None:
        if report.quiet:  # findings only
            return
        lines: List[str] = [""] if self.rows else []
        if report.show_fixes and self.fixes.lines:
            lines += ["Fixes / 修改建议:", *self.fixes.lines, ""]
        if report.show_suppressed and report.suppressed:
            lines += suppressed_section(report)
        for p in report.problems:
            lines.append(f"problem: {clean(p.file)}: {clean(p.message)}")
        if report.statistics and report.finding_count():
            lines.append(statistics_table(report))
            lines.append("")
        for key, value in report.extra.items():
            if key == "diff" and isinstance(value, dict):
                lines.append("diff: " + ", ".join(f"{k} {len(v) if isinstance(v, list) else v}" for k, v in value.items() if k in ("new", "fixed", "unchanged")))
        if self.fixes.summary():
            lines.append(self.fixes.summary())
        lines.append(summary_line(report))
        out.write("\n".join(lines) + "\n")
