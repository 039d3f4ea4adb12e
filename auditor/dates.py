"""Dates however a budget office writes them.

``2024-01-09``, ``2024/1/9``, ``2024.1.9``, ``2024年1月19日``,
``二〇二四年一月十九日``, and ranges such as ``2021年11月18日-12月15日`` or
``2021年12月-2022年1月`` (a month alone means its first day; ``4月下旬`` / ``5月底`` are
the days of that part of the month, as a range).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Iterator, List, Optional

from .values import cn_number, halfwidth

#: a budget year written with 年度 (``2025年度``, ``（2025 年度）``): the year a title or subtitle names
BUDGET_YEAR = re.compile(r"((?:19|20)\d{2})\s*年\s*度")

_CN = "零〇一二三四五六七八九十"
_YEAR = rf"(?P<y>\d{{4}}|[{_CN}]{{4}})\s*年"
_MONTH = rf"(?P<m>\d{{1,2}}|[{_CN}]{{1,3}})\s*月"
_DAY = rf"(?P<d>\d{{1,2}}|[{_CN}]{{1,3}})\s*[日号]"
_CN_DATE = re.compile(rf"{_YEAR}\s*{_MONTH}(?:\s*{_DAY})?")
_ISO_DATE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)")
_TAIL = re.compile(rf"\s*(?:-|~|～|—|–|至|到)\s*(?:(?P<y>\d{{4}})\s*年)?\s*(?P<m>\d{{1,2}}|[{_CN}]{{1,3}})\s*月(?:\s*(?P<d>\d{{1,2}}|[{_CN}]{{1,3}})\s*[日号])?")
#: the end of a range written with dots or dashes like its start (2022.5.16—2022.6.20, 2022.5.16-6.20)
_ISO_TAIL = re.compile(r"\s*(?:-{1,2}|~|～|—{1,2}|–|至|到)\s*(?:(?P<y>(?:19|20)\d{2})[-/.])?(?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?![\d.])")


@dataclass
class FoundDate:
    date: date
    end: Optional[date]
    start: int
    stop: int
    raw: str
    has_day: bool
    has_year: bool = True


def _num(text: Optional[str]) -> Optional[int]:
    if text is None:
        return None
    if text.isdigit():
        return int(text)
    if len(text) == 4 and all(ch in "零〇一二三四五六七八九" for ch in text):  # 二〇二四
        return int("".join(str(cn_number(ch)) for ch in text))
    return cn_number(text)


def _make(y: Optional[int], m: Optional[int], d: Optional[int]) -> Optional[date]:
    try:
        return date(int(y), int(m), int(d or 1))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


#: ○ (U+25CB), O and 0 typed for 〇 inside a date written in Chinese numerals (二○二三年)
_ZERO_LOOKALIKE = re.compile(r"(?<=[零〇一二三四五六七八九十])[○OＯ0０](?=[零〇一二三四五六七八九十○OＯ0０年])"
                             r"|(?<=[○OＯ0０])[○OＯ0０](?=[零〇一二三四五六七八九十])")
_MONTH_DAY = re.compile(rf"(?<![\d年{_CN}])(?P<y>)(?P<m>\d{{1,2}})\s*月\s*(?P<d>\d{{1,2}})\s*[日号]")


#: part of a month written after it (``4月上旬``, ``5月底``): a period, not the month's first day
_PART = re.compile(r"\s*(上旬|中旬|下旬|初|中|底|末)(?![\u4e00-\u9fff]{0,1}[日号])")


def _period(y: Optional[int], m: Optional[int], part: str) -> "tuple":
    """(first, last) day of ``part`` of month ``m``."""
    last = _make(y, m, 1)
    if last is None:
        return None, None
    month_end = (date(last.year + (last.month == 12), last.month % 12 + 1, 1) - timedelta(days=1)).day
    first_day, last_day = {"上旬": (1, 10), "初": (1, 10), "中旬": (11, 20), "中": (11, 20), "底": (month_end, month_end),
                             "末": (month_end, month_end)}.get(part, (21, month_end))
    return _make(y, m, first_day), _make(y, m, last_day)


def find_dates(text: str, default_year: Optional[int] = None) -> Iterator[FoundDate]:
    """Every date in ``text`` (with the end of a range when one follows).

    With ``default_year``, a date written without its year (``5月20日``) is read
    in that year; callers pass it only where the context gives the year."""
    text = _ZERO_LOOKALIKE.sub("〇", halfwidth(text))
    starts: List[int] = []  # sorted starts of the dates found, with their ends
    ends: List[int] = []
    patterns = (_ISO_DATE, _CN_DATE) + ((_MONTH_DAY,) if default_year else ())
    for rx in patterns:
        for m in rx.finditer(text):
            at = bisect.bisect_right(starts, m.start()) - 1
            if at >= 0 and m.start() < ends[at]:
                continue
            y, mo, d = _num(m.group("y")) or default_year, _num(m.group("m")), _num(m.groupdict().get("d"))
            start = _make(y, mo, d)
            if start is None:
                continue
            end = None
            stop = m.end()
            part = _PART.match(text, stop) if d is None else None
            if part:  # 4月下旬: from the 21st to the month's end
                start, end = _period(y, mo, part.group(1))
                stop = part.end()
            tail = _TAIL.match(text, stop) or (_ISO_TAIL.match(text, stop) if rx is _ISO_DATE else None)
            if tail:
                ey = _num(tail.group("y")) or y
                end = _make(ey, _num(tail.group("m")), _num(tail.group("d")))
                tail_part = _PART.match(text, tail.end()) if tail.group("d") is None and end is not None else None
                if tail_part:
                    end = _period(ey, _num(tail.group("m")), tail_part.group(1))[1]
                if end is not None:
                    stop = tail_part.end() if tail_part else tail.end()
            at = bisect.bisect_left(starts, m.start())
            starts.insert(at, m.start())
            ends.insert(at, stop)
            yield FoundDate(start, end, m.start(), stop, text[m.start():stop], d is not None, bool(m.group("y")))


def parse_date(text: str) -> Optional[date]:
    """The first date in ``text``, or None."""
    for found in find_dates(text):
        return found.date
    return None
