"""The arithmetic of a self-evaluation, shared by the SE rules: blanks and
placeholders, sums of fund lines, the execution rate and its score, and whether
an actual value misses its target (财预〔2020〕10号 and the provinces' 自评表 notes)."""
from __future__ import annotations

from typing import List, Optional, Sequence, Tuple

from ..models import Amount, ParsedValue, Score, SelfIndicator
from ..values import compact, in_common_unit, to_wan
from .vocabulary import self_eval_vocabulary, words

#: 执行率 within half a percentage point, scores within 0.1 (RULES.md, SE002 / SE008)
RATE_TOLERANCE = 0.5
SCORE_TOLERANCE = 0.1
_EPS = 1e-6


def empty(text: str) -> bool:
    """Blank, or a placeholder (``/``, ``—``, ``无``) written in place of a value."""
    t = compact(text)
    return not t or t in words(self_eval_vocabulary(), "placeholder")


def value(x: Optional[object]) -> Optional[float]:
    """The number of an Amount (in 万元) or a Score; None when blank."""
    if isinstance(x, Amount):
        return x.wan
    if isinstance(x, Score):
        return x.value
    return None


def line_sums(lines: Sequence[Tuple[str, float]]) -> List[float]:
    """The ways fund lines may add up: every line; and where an aggregate (财政拨款) is
    listed beside its own parts (一般公共预算, 政府性基金 …), without one or the other."""
    out = [sum(v for _, v in lines)]
    vocab = self_eval_vocabulary()
    aggregates = [i for i, (label, _) in enumerate(lines) if label in words(vocab, "fiscal_aggregate")]
    parts = [i for i, (label, _) in enumerate(lines) if label in words(vocab, "fiscal_part")]
    if aggregates and parts:
        for drop in (aggregates, parts):
            out.append(sum(v for i, (_, v) in enumerate(lines) if i not in drop))
    return out


def percent(stated: Score, computed: Optional[float] = None) -> Optional[float]:
    """A stated 执行率 on the 0–100 scale: ``95%`` and ``95`` are 95; ``0.95`` is 95
    when the computed rate shows it was written as a fraction."""
    if stated.value is None:
        return None
    if stated.percent:
        return stated.value
    if stated.value <= 1.5 and (computed is None or computed > 1.5):
        return stated.value * 100
    return stated.value


def rate_score(rate: float, weight: float) -> float:
    """执行率 × 分值, at most 分值."""
    return min(rate / 100.0 * weight, weight)


def _comparable(target: ParsedValue, actual: ParsedValue) -> Optional[Tuple[float, Optional[float], float]]:
    """(target low, target high, actual) in one unit, or None when they cannot be compared."""
    if target.kind not in ("number", "range") or actual.kind not in ("number", "range"):
        return None
    if target.number is None or actual.number is None:
        return None
    t, high, a = target.number, target.high, actual.number
    if target.unit_kind == "money" and actual.unit_kind == "money":
        tw, aw = to_wan(t, target.unit), to_wan(a, actual.unit)
        if tw is None or aw is None:
            return None
        high = to_wan(high, target.unit) if high is not None else None
        return tw, high, aw
    factors = in_common_unit(target.unit, actual.unit)  # 2小时 and 90分钟: in minutes
    if factors is None:
        return None
    ft, fa = factors
    return t * ft, (high * ft if high is not None else None), a * fa


def misses(ind: SelfIndicator) -> Optional[bool]:
    """True when the actual misses the target (below a ≥ target, above a ≤ target, outside a
    range, different from an = target); None when the two cannot be compared."""
    found = _comparable(ind.value, ind.actual)
    if found is None:
        return None
    t, high, a = found
    op = ind.value.op
    if ind.value.kind == "range" and high is not None:
        return a < t - _EPS or a > high + _EPS
    if op == ">=":
        return a < t - _EPS
    if op == ">":
        return a <= t + _EPS
    if op == "<=":
        return a > t + _EPS
    if op == "<":
        return a >= t - _EPS
    return abs(a - t) > _EPS


def fmt(x: Optional[float]) -> str:
    """170.0 → 170, 89.974 → 89.974, 90.0333 → 90.03 (two decimals for computed figures)."""
    if x is None:
        return "—"
    text = f"{x:.4f}".rstrip("0").rstrip(".")
    return text or "0"


def fmt2(x: float) -> str:
    text = f"{x:.2f}".rstrip("0").rstrip(".")
    return text or "0"
