"""Small helpers the built-in rules share (formatting, tolerance, project keys)."""
from __future__ import annotations

from typing import Iterable, Optional

from auditor.values import compact

#: the documents round to 2 decimals; amounts within this are equal (万元)
TOLERANCE = 0.005


def fmt(value: Optional[float]) -> str:
    """170.0 -> '170', 44.10 -> '44.1', 9.7995 -> '9.7995'."""
    if value is None:
        return "—"
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return text or "0"


def fmt_list(values: Iterable[Optional[float]]) -> str:
    return ", ".join(fmt(v) for v in values)


def project_key(name: str) -> str:
    """A project name compared across sections: no spaces, quotes or brackets."""
    text = compact(name)
    for ch in "“”\"'‘’《》〈〉「」":
        text = text.replace(ch, "")
    return text


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
