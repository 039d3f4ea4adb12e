"""Where a built-in rule's fix writes: the indicator's 指标值 cell, a plan cell.

One place that knows which attributes of the models locate a cell, so the
rules only say old → new.
"""
from __future__ import annotations

import re
from typing import Any, Dict

from auditor.fixes.model import edit, replace_number
from auditor.models import Indicator


def value_edit(ind: Indicator, new: str) -> Dict[str, Any]:
    """An edit of the indicator's 指标值 cell (as written) to ``new``."""
    return edit(ind.value_raw, new, at=ind)


def cell_edit(cell: Any, new: str, old: str = "") -> Dict[str, Any]:
    """An edit of a cell-like object (Checkpoint, Cell, Amount) whose text is ``raw``/``text``."""
    text = old or getattr(cell, "raw", None) or getattr(cell, "text", "") or ""
    return edit(text, new, at=cell)


_NUMBER = re.compile(r"\d+(?:\.(\d+))?")


def number_text(raw: str, value: float, places: int = 2) -> str:
    """``value`` written in the place of ``raw``'s number: ``95%`` → ``90%``, ``9.50`` → ``9.00``.

    At most ``places`` decimals; trailing zeros kept only when ``raw`` wrote that many.
    """
    text = f"{value:.{places}f}"
    m = _NUMBER.search(raw or "")
    if not (m and m.group(1) is not None and len(m.group(1)) == places):
        text = text.rstrip("0").rstrip(".") or "0"
    new = replace_number(raw or "", text)
    return new if new is not None else text
