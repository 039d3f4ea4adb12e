"""Helpers the built-in corpus rules share: matching indicators, comparing values, naming files."""
from __future__ import annotations

import os
from typing import Dict, List, Optional

from auditor.corpus.facts import IndicatorFact
from auditor.corpus.keys import name_key, same_name
from auditor.values import in_common_unit

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


def _scaled(x: Optional[float], factor: float) -> Optional[float]:
    return None if x is None else x * factor


def values_differ(target: IndicatorFact, other: IndicatorFact) -> bool:
    """Whether ``other`` states a different target than ``target``.

    Numbers are compared with their unit and operator where both give one
    (``≥95%`` and ``95%`` are the same target; ``≤2小时`` and ``≤120分钟`` too:
    units that convert into one another are converted); text is compared
    without spaces or punctuation; an empty value says nothing.
    """
    if not target.value.strip() or not other.value.strip():
        return False
    numeric = ("number", "range")
    if target.kind in numeric and other.kind in numeric:
        factors = in_common_unit(target.unit, other.unit)
        if factors is None:
            return True  # units that do not convert: 天 and 工作日, 人 and 次
        ft, fo = factors
        if not _same_number(_scaled(target.number, ft), _scaled(other.number, fo)) or \
                not _same_number(_scaled(target.high, ft), _scaled(other.high, fo)):
            return True
        return bool(target.op and other.op and target.op != other.op)
    if (target.kind in numeric) != (other.kind in numeric):
        return True
    return name_key(target.value) != name_key(other.value)


def lowered(before: IndicatorFact, after: IndicatorFact) -> bool:
    """A ≥ target whose number fell, or a ≤ ceiling whose number rose (in one unit, same direction)."""
    if before.kind != "number" or after.kind != "number" or before.number is None or after.number is None:
        return False
    if bool(before.unit) != bool(after.unit):
        return False
    factors = in_common_unit(before.unit, after.unit)
    if factors is None:
        return False
    old, new = before.number * factors[0], after.number * factors[1]
    up, down = (">=", ">"), ("<=", "<")
    if before.op in up and after.op in up:
        return new < old and not _same_number(new, old)
    if before.op in down and after.op in down:
        return new > old and not _same_number(new, old)
    return False


def shown(path: str) -> str:
    """A file as a message names it: its base name (the finding itself carries the path)."""
    return os.path.basename(path)
