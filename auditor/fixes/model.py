"""Building fixes: the dict shape of ``Finding.fix`` and its edits.

Why plain dicts: a fix must survive JSON, SARIF, the process pool and the
sweep database without a model class on the other side.  These helpers keep
the shape in one place so rules never spell it by hand.
"""
from __future__ import annotations

import re
from typing import Any, Dict, Iterable, List, Optional

SAFE = "safe"
UNSAFE = "unsafe"
DISPLAY_ONLY = "display-only"
APPLICABILITIES = (SAFE, UNSAFE, DISPLAY_ONLY)

#: attributes a cell-like object may carry that locate it in the source
_POSITION = ("line", "column", "end_column", "location", "source")


def _ref_position(ref: Any) -> Dict[str, Any]:
    """line, column span, location and source dict of a SourceRef (or its dict form)."""
    data = ref.as_dict() if hasattr(ref, "as_dict") else dict(ref)
    data.pop("excerpt", None)
    data.pop("excerpt_index", None)
    out: Dict[str, Any] = {"source": data}
    for name in ("line", "column", "end_column"):
        if data.get(name) is not None:
            out[name] = data[name]
    where = ref.location() if hasattr(ref, "location") else None
    if where:
        out["location"] = where
    return out


def edit(old: str, new: str, *, at: Any = None, line: Optional[int] = None, **position: Any) -> Dict[str, Any]:
    """One edit: replace ``old`` (the cell's text as written) with ``new``.

    ``at`` is the cell as read (a Checkpoint, Cell, Amount, FormField, an
    Indicator for its value cell, or a SourceRef): its source reference gives
    the line, column span, location and source of the edit.  Text cells carry
    no reference; the engine finds their column span on the line
    (:func:`auditor.fixes.locate.place_edits`).  Keyword arguments override.
    """
    out: Dict[str, Any] = {}
    if at is not None:
        ref = at if hasattr(at, "as_dict") else getattr(at, "ref", None)
        if ref is not None and (hasattr(ref, "as_dict") or isinstance(ref, dict)):
            out.update(_ref_position(ref))
        if "line" not in out:
            anchor = getattr(at, "value_line", None) or getattr(at, "line", None)
            if anchor is not None:
                out["line"] = int(anchor)
    if line is not None and "source" not in out:
        out["line"] = int(line)
    for name, value in position.items():
        if name in _POSITION and value is not None:
            out[name] = value
    out["old"] = str(old)
    out["new"] = str(new)
    return out


def make_fix(description: str, applicability: str, edits: Iterable[Dict[str, Any]]) -> Optional[Dict[str, Any]]:
    """A fix dict, or None when it would change nothing."""
    if applicability not in APPLICABILITIES:
        raise ValueError(f"applicability must be one of {', '.join(APPLICABILITIES)}, not {applicability!r}")
    kept: List[Dict[str, Any]] = [e for e in edits if e.get("old") != e.get("new")]
    if not kept:
        return None
    return {"description": description, "applicability": applicability, "edits": kept}


def applicable(fix: Optional[Dict[str, Any]], unsafe: bool = False) -> bool:
    """Would ``auditor fix`` write this fix (with or without --unsafe-fixes)?"""
    if not fix:
        return False
    level = fix.get("applicability")
    return level == SAFE or (unsafe and level == UNSAFE)


def round2(value: float) -> str:
    """A number rounded to two decimals and written with both (``2.94``, ``100.00``)."""
    return f"{round(value + 0.0, 2):.2f}"


def like(raw: str, value: float) -> str:
    """``value`` written the way ``raw`` writes its number: ``5.00`` → ``2.94``, ``5`` → ``2.94``/``100``."""
    text = round2(value)
    m = re.search(r"\d+(?:\.(\d+))?", raw or "")
    if m and m.group(1) is not None and len(m.group(1)) == 2:
        return text
    return text.rstrip("0").rstrip(".") if "." in text else text


_NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.])")


def replace_number(raw: str, new: str) -> Optional[str]:
    """``raw`` with its one number replaced by ``new`` (None if it has not exactly one)."""
    found = list(_NUMBER.finditer(raw or ""))
    if len(found) != 1:
        return None
    m = found[0]
    return raw[: m.start()] + new + raw[m.end():]


#: lower-bound operator spellings and their upper-bound counterparts (longest first)
_FLIP = (
    ("大于或等于", "小于或等于"), ("大于等于", "小于等于"), ("不低于", "不高于"), ("不少于", "不多于"),
    ("不小于", "不大于"), (">=", "<="), ("＞＝", "＜＝"), ("≥", "≤"), ("≧", "≦"), ("⩾", "⩽"),
    ("大于", "小于"), ("高于", "低于"), ("超过", "低于"), ("至少", "最多"), ("＞", "＜"), (">", "<"),
)
#: ≥ spellings and the = that turns a point bound into a point
_TO_EQUAL = (("大于或等于", "等于"), ("大于等于", "等于"), ("不低于", "等于"), ("不少于", "等于"), ("不小于", "等于"),
             (">=", "="), ("＞＝", "＝"), ("≥", "="), ("≧", "="), ("⩾", "="))


def _swap_leading(raw: str, table: Iterable[tuple]) -> Optional[str]:
    stripped = raw.lstrip()
    lead = raw[: len(raw) - len(stripped)]
    for old, new in table:
        if stripped.startswith(old):
            return lead + new + stripped[len(old):]
    return None


def flip_lower_bound(raw: str) -> Optional[str]:
    """``≥200万元`` → ``≤200万元`` (None when ``raw`` does not start with a lower bound)."""
    return _swap_leading(raw, _FLIP)


def bound_to_equal(raw: str) -> Optional[str]:
    """``≥100%`` → ``=100%`` (None when ``raw`` does not start with ≥)."""
    return _swap_leading(raw, _TO_EQUAL)
