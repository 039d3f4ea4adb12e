"""Helpers the built-in corpus rules share: matching indicators, comparing values, naming files."""
from __future__ import annotations

import os
from typing import Dict, List, Optional

from auditor.corpus.facts import IndicatorFact
from auditor.corpus.keys import name_key, same_name

#: relative tolerance for indicator numbers written with different precision
_EPS = 1e-9


def indicator_lookup(indicators: List[IndicatorFact]) -> Dict[str, IndicatorFact]:
    """Indicators by normalised 三级指标 name (the first row of a name wins)."""
    out: Dict[str, IndicatorFact] = {}
    for ind in indicators:
        key = name_key(ind.name)
        if key and key not in out:
            out[key] = ind
    return out


def find_indicator(name: str, lookup: Dict[str, IndicatorFact]) -> Optional[IndicatorFact]:
    """The indicator of the same name: equal, else the one name containing the other (if only one does)."""
    key = name_key(name)
    if not key:
        return None
    if key in lookup:
        return lookup[key]
    close = [k for k in lookup if same_name(key, k)]
    return lookup[close[0]] if len(close) == 1 else None


def _same_number(a: Optional[float], b: Optional[float]) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= _EPS * max(1.0, abs(a), abs(b))


def values_differ(target: IndicatorFact, other: IndicatorFact) -> bool:
    """Whether ``other`` states a different target than ``target``.

    Numbers are compared with their unit and operator where both give one
    (``≥95%`` and ``95%`` are the same target); text is compared without
    spaces or punctuation; an empty value says nothing.
    """
    if not target.value.strip() or not other.value.strip():
        return False
    numeric = ("number", "range")
    if target.kind in numeric and other.kind in numeric:
        if not _same_number(target.number, other.number) or not _same_number(target.high, other.high):
            return True
        if target.unit and other.unit and target.unit != other.unit:
            return True
        return bool(target.op and other.op and target.op != other.op)
    if (target.kind in numeric) != (other.kind in numeric):
        return True
    return name_key(target.value) != name_key(other.value)


def lowered(before: IndicatorFact, after: IndicatorFact) -> bool:
    """A ≥ target whose number fell, or a ≤ ceiling whose number rose (same unit, same direction)."""
    if before.kind != "number" or after.kind != "number" or before.number is None or after.number is None:
        return False
    if (before.unit or "") != (after.unit or ""):
        return False
    up, down = (">=", ">"), ("<=", "<")
    if before.op in up and after.op in up:
        return after.number < before.number and not _same_number(after.number, before.number)
    if before.op in down and after.op in down:
        return after.number > before.number and not _same_number(after.number, before.number)
    return False


def shown(path: str) -> str:
    """A file as a message names it: its base name (the finding itself carries the path)."""
    return os.path.basename(path)
