"""Vocabulary and helpers of the GPS rules (政府购买服务, 财政部令第102号)."""
from __future__ import annotations

from datetime import date
from typing import Dict, Tuple

POLICY_102 = "《政府购买服务管理办法》(财政部令第102号)"

#: 第十条: items that may not be bought as services, and the words that name them
EXCLUDED: Dict[str, Tuple[str, ...]] = {
    "劳务派遣": ("劳务派遣", "派遣人员", "派遣用工", "人员派遣"),
    "融资举债": ("融资", "举债", "借款"),
    "购买岗位": ("公益性岗位", "购买岗位", "购买公益性岗位"),
}

#: a contract term is generally at most this many years, and never more than the second
TERM_YEARS = 1
TERM_YEARS_MAX = 3


def add_years(day: date, years: int) -> date:
    """The same date ``years`` later (29 February → 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)
