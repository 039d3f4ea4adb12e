"""Small helpers the built-in rules share (formatting, tolerance, project keys)."""
from __future__ import annotations

import re
from typing import Any, Iterable, Optional

from auditor.values import compact

#: the documents round to 2 decimals; amounts within this are equal (万元)
TOLERANCE = 0.005


def fmt(value: Optional[float]) -> str:
    """170.0 -> '170', 44.10 -> '44.1', 9.7995 -> '9.7995'."""
    if value is None:
        return "—"
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return text or "0"


def written(amounts: Iterable[Any], wan: Optional[float]) -> str:
    """An amount (or a sum) as written and in 万元 (RULES.md "Amounts and units"):
    ``11 万元（110000 元）`` when every amount was written in one other unit, else ``11 万元``."""
    amounts = [a for a in amounts if a is not None]
    units = {(a.unit or "万元") for a in amounts}
    if len(units) == 1 and units != {"万元"} and all(a.value is not None for a in amounts):
        unit = units.pop()
        return f"{fmt(wan)} 万元（{fmt(sum(a.value for a in amounts))} {unit}）"
    return f"{fmt(wan)} 万元"


def written_parts(amounts: Iterable[Any]) -> str:
    """``40000 + 40000 + 30000`` in the unit written (万元 when the units differ)."""
    amounts = [a for a in amounts if a is not None]
    units = {(a.unit or "万元") for a in amounts}
    if len(units) == 1 and all(a.value is not None for a in amounts):
        return " + ".join(fmt(a.value) for a in amounts)
    return " + ".join(fmt(a.wan) for a in amounts)


def fmt_list(values: Iterable[Optional[float]]) -> str:
    return ", ".join(fmt(v) for v in values)


_NOT_WORD = re.compile(r"[\W_]+")


def project_key(name: str) -> str:
    """A project name compared across sections: no spaces, punctuation, quotation marks or
    书名号 (RULES.md v2 "Project names"): ``“青岛制造”品牌宣传`` ~ ``青岛制造品牌宣传``."""
    return _NOT_WORD.sub("", compact(name))


def differs(a: float, b: float, tolerance: float = TOLERANCE) -> bool:
    return abs(a - b) > tolerance + 1e-9


def find_project(key: str, keys: Iterable[str]) -> Optional[str]:
    """The key naming the same project in another section: exact, else the one
    name that contains the other (``2019青岛国际软博会`` ~ ``青岛国际软博会``)."""
    keys = [k for k in keys if k]
    if key in keys:
        return key
    if len(key) < 4:
        return None
    close = [k for k in keys if len(k) >= 4 and (key in k or k in key)]
    return close[0] if len(close) == 1 else None
