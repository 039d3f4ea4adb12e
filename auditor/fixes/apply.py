"""Which fixes `auditor fix` applies to one file, and the file they make.

Safe fixes come first, then (with ``--unsafe-fixes``) unsafe ones, each in
finding order.  A fix is applied whole or not at all: when one of its edits
cannot be located in the file, or touches a cell an accepted fix already
changes, the fix is skipped and said so.  Display-only fixes are never written.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Tuple

from ..models import Finding
from .model import DISPLAY_ONLY, SAFE, UNSAFE

#: inputs whose fixes can only be shown (their text cannot be edited in place)
DISPLAY_ONLY_EXTENSIONS = (".pdf", ".html", ".htm", ".json")


@dataclass
class Change:
    """One applied edit, for the cell table of --diff and the summary."""

    rule: str
    where: str
    old: str
    new: str


@dataclass
class Outcome:
    """What fixing one file did (or would do)."""

    path: str
    before: bytes = b""
    after: Optional[bytes] = None
    applied: List[Finding] = field(default_factory=list)
    changes: List[Change] = field(default_factory=list)
    skipped: List[Tuple[Finding, str]] = field(default_factory=list)
    unsafe_available: int = 0
    display_only: int = 0
    problem: Optional[str] = None
    diff: str = ""

    @property
    def changed(self) -> bool:
        return self.after is not None and self.after != self.before


def handler_for(path: str) -> Any:
    """The module that edits files of this kind (text, .docx, .xlsx), or None if display-only."""
    ext = os.path.splitext(path)[1].lower()
    if ext in DISPLAY_ONLY_EXTENSIONS:
        return None
    if ext == ".docx":
        from . import docx_file

        return docx_file
    if ext in (".xlsx", ".xlsm"):
        from . import xlsx_file

        return xlsx_file
    from . import text_file

    return text_file


def _overlap(a: Tuple[Any, ...], b: Tuple[Any, ...]) -> bool:
    """Do two cell keys name the same cell (text keys: overlapping spans on one line)?"""
    if a[0] == "text" and b[0] == "text":
        if a[1] != b[1]:
            return False
        if a[2] == a[3] or b[2] == b[3]:  # an insertion into an empty cell
            return a[2] <= b[3] and b[2] <= a[3]
        return a[2] < b[3] and b[2] < a[3]
    return a == b


def _where(edit: Dict[str, Any]) -> str:
    src = edit.get("source") or {}
    if src.get("sheet") and src.get("cell"):
        return f"{src['sheet']}!{src['cell']}"
    if edit.get("location"):
        return str(edit["location"])
    col = f":{edit['column']}" if edit.get("column") else ""
    return f"{edit.get('line', '?')}{col}"


def plan_fixes(path: str, data: bytes, findings: List[Finding], unsafe: bool = False) -> Outcome:
    """Choose and apply the fixes of ``findings`` to ``data`` (the bytes of ``path``)."""
    out = Outcome(path=path, before=data)
    with_fix = [f for f in findings if f.fix and f.fix.get("edits")]
    out.display_only = sum(1 for f in with_fix if f.fix.get("applicability") == DISPLAY_ONLY)  # type: ignore[union-attr]
    if not unsafe:
        out.unsafe_available = sum(1 for f in with_fix if f.fix.get("applicability") == UNSAFE)  # type: ignore[union-attr]
    levels = (SAFE, UNSAFE) if unsafe else (SAFE,)
    chosen = [f for level in levels for f in with_fix if f.fix.get("applicability") == level]  # type: ignore[union-attr]
    if not chosen:
        return out
    handler = handler_for(path)
    if handler is None:
        out.problem = "只能显示修改建议，不能写入此类文件 / fixes are display-only for this kind of file"
        out.skipped = [(f, "display-only file") for f in chosen]
        return out
    try:
        src = handler.load(data)
    except Exception as exc:  # NotWritable, or a library's error on a damaged file
        out.problem = f"不能改写 / cannot rewrite: {exc}"
        out.skipped = [(f, str(exc)) for f in chosen]
        return out
    taken: List[Tuple[Any, ...]] = []
    accepted: List[Dict[str, Any]] = []
    for f in chosen:
        keys: List[Tuple[Any, ...]] = []
        why = ""
        for e in f.fix["edits"]:  # type: ignore[index]
            key, why = handler.resolve(src, e)
            if key is None:
                break
            if any(_overlap(key, k) for k in taken + keys):
                key, why = None, "与另一修改涉及同一单元格 / touches a cell another fix changes"
                break
            keys.append(key)
        if len(keys) != len(f.fix["edits"]):  # type: ignore[index]
            out.skipped.append((f, why))
            continue
        taken.extend(keys)
        accepted.extend(f.fix["edits"])  # type: ignore[index]
        out.applied.append(f)
        out.changes.extend(Change(f.rule, _where(e), e["old"], e["new"]) for e in f.fix["edits"])  # type: ignore[index]
    if not accepted:
        return out
    handler.apply_edits(src, accepted)
    out.after = handler.to_bytes(src)
    out.diff = handler.diff(data, src, path, out.changes)
    return out
