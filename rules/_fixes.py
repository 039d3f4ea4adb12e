"""Where a built-in rule's fix writes: the indicator's 指标值 cell, a plan cell.

One place that knows which attributes of the models locate a cell, so the
rules only say old → new.
"""
from __future__ import annotations

from typing import Any, Dict

from auditor.fixes.model import edit
from auditor.models import Indicator


def value_edit(ind: Indicator, new: str) -> Dict[str, Any]:
    """An edit of the indicator's 指标值 cell (as written) to ``new``."""
    return edit(ind.value_raw, new, at=ind)


def cell_edit(cell: Any, new: str, old: str = "") -> Dict[str, Any]:
    """An edit of a cell-like object (Checkpoint, Cell, Amount) whose text is ``raw``/``text``."""
    text = old or getattr(cell, "raw", None) or getattr(cell, "text", "") or ""
    return edit(text, new, at=cell)
