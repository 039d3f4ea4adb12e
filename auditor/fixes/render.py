"""A finding's fix as the reporters show it: terminal lines, HTML, SARIF.

Kept apart from the reporters so each reporter calls one small function and
the fix's shape is known in one place.
"""
from __future__ import annotations

from typing import Any, Callable, Dict, List, Optional

from .model import DISPLAY_ONLY, SAFE

LABELS = {"safe": "safe / 可自动修改", "unsafe": "unsafe / 需人工确认", "display-only": "display-only / 仅供参考"}
#: how many edits a one-line summary shows before "…"
SHOWN_EDITS = 6


def _clean(text: str) -> str:
    from ..reporting.text import clean

    return clean(text)


def edits_text(fix: Dict[str, Any], limit: int = SHOWN_EDITS) -> str:
    """``5.00 → 2.94; 40.00 → 23.53; …``."""
    edits = fix.get("edits") or []
    parts = [f"{e.get('old') or '（空）'} → {e.get('new')}" for e in edits[:limit]]
    if len(edits) > limit:
        parts.append(f"… (+{len(edits) - limit})")
    return "; ".join(parts)


def fix_line(fix: Optional[Dict[str, Any]]) -> str:
    """One terminal line: ``建议改为 / suggested [safe]: 5.00 → 2.94; … (description)``."""
    if not fix:
        return ""
    level = fix.get("applicability", "")
    return _clean(f"建议改为 / suggested [{level}]: {edits_text(fix)} — {fix.get('description', '')}")


class FixTally:
    """What a streamed terminal report says about fixes: counted file by file, shown at the end."""

    def __init__(self, clean: Callable[[str], str] = _clean) -> None:
        self.clean = clean
        self.safe = 0
        self.unsafe = 0
        self.lines: List[str] = []

    def add(self, findings: List[Any], show: bool = False) -> None:
        from .model import UNSAFE

        for f in findings:
            fix = getattr(f, "fix", None)
            if not fix:
                continue
            level = fix.get("applicability")
            self.safe += level == SAFE
            self.unsafe += level == UNSAFE
            if show:
                self.lines.append(f"{self.clean(f.file)}:{f.line} {f.rule}  {fix_line(fix)}")

    def summary(self) -> str:
        """``[*] 17 fixable with `auditor fix` (4 more with --unsafe-fixes)``, or empty."""
        if not self.safe and not self.unsafe:
            return ""
        if not self.safe:
            return f"[*] {self.unsafe} fixable with `auditor fix --unsafe-fixes`"
        return f"[*] {self.safe} fixable with `auditor fix`" + (f" ({self.unsafe} more with --unsafe-fixes)" if self.unsafe else "")


def fix_data(fix: Optional[Dict[str, Any]], clean: Callable[[object], str] = str) -> Optional[Dict[str, Any]]:
    """A fix as the HTML report's script shows it (建议改为 / suggested): ``{"a", "al", "d", "e": [[old, new]]}``,
    document text passed through ``clean``."""
    if not fix or not fix.get("edits"):
        return None
    level = str(fix.get("applicability", ""))
    return {"a": clean(level), "al": clean(LABELS.get(level, level)), "d": clean(fix.get("description", "")),
            "e": [[clean(e.get("old", "")), clean(e.get("new", ""))] for e in fix["edits"]]}


def changes_table(changes: List[Any]) -> str:
    """--diff for .docx/.xlsx: one row a cell (where, rule, old, new)."""
    from tabulate import tabulate  # only this table needs it: keep it out of the text report's start-up

    rows = [[_clean(c.where), c.rule, _clean(c.old) or "（空）", _clean(c.new)] for c in changes]
    return tabulate(rows, headers=["cell / 单元格", "rule", "old / 原值", "new / 改为"], tablefmt="simple", disable_numparse=True)


def sarif_fixes(fix: Optional[Dict[str, Any]], artifact_location: Dict[str, Any]) -> List[Dict[str, Any]]:
    """SARIF ``fixes`` of a result: replacements at each edited cell's region.

    Only fixes that can be written (safe, unsafe) and whose every edit has a
    line and a column span become SARIF fixes; SARIF regions of a binary file
    (.docx, .xlsx) have no cell, so those fixes stay in the result's properties.
    """
    if not fix or fix.get("applicability") == DISPLAY_ONLY:
        return []
    replacements = []
    for e in fix.get("edits") or []:
        line, col, end = e.get("line"), e.get("column"), e.get("end_column")
        if not (isinstance(line, int) and isinstance(col, int) and isinstance(end, int) and line >= 1 and 1 <= col <= end):
            return []
        replacements.append({
            "deletedRegion": {"startLine": line, "startColumn": col, "endLine": line, "endColumn": end},
            "insertedContent": {"text": str(e.get("new", ""))},
        })
    if not replacements:
        return []
    level = fix.get("applicability", SAFE)
    return [{
        "description": {"text": f"{fix.get('description', '')} [{level}]"},
        "artifactChanges": [{"artifactLocation": artifact_location, "replacements": replacements}],
    }]
