"""Column spans of a fix's edits on text lines, found once when the file is audited.

Text cells carry no source reference (the reader knows only their line), so
the engine calls :func:`place_edits` with the document's lines: each edit
whose text occurs exactly once on its line, as a whole token (``70.00`` is
not found inside ``170.00``), gets its 1-based ``column`` and exclusive
``end_column`` — what SARIF replacements and ``auditor fix`` use.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional

from .text_file import locate


def place_edits(fix: Optional[Dict[str, Any]], lines: List[str]) -> None:
    """Fill ``column``/``end_column`` of text edits that lack them (in place)."""
    if not fix or not lines:
        return
    for e in fix.get("edits") or []:
        source = e.get("source") or {}
        if source.get("kind") not in (None, "text") or e.get("column") is not None:
            continue
        n = e.get("line")
        if not isinstance(n, int) or not 0 < n <= len(lines):
            continue
        span, _ = locate(lines[n - 1], e)
        if span is not None:
            e["column"], e["end_column"] = span[0] + 1, span[1] + 1
