"""How the same project, unit, buyer and contractor are recognised across files.

RULES.md: project names are compared after removing spaces, punctuation,
quotation marks and 书名号; one name containing the other is the same
project.  Units (主管部门, ``502001青岛市工业和信息化局本级``) and buyers
(the text before the year in a disclosure's title) are compared the same way
once their code digits and the ``本级`` suffix are gone.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Dict, Optional

from ..values import halfwidth

#: names shorter than this (after normalising) are only ever equal, never "containing"
MIN_CONTAINED = 4

#: the suffixes a unit line carries that do not name the unit itself
UNIT_SUFFIXES = ("本级", "机关")
_LEADING_CODE = re.compile(r"^[0-9A-Za-z]{3,}")
_YEAR_AND_AFTER = re.compile(r"(?:19|20)\d{2}\s*年.*$")


#: code point → what it becomes in a name key (None: dropped), filled as characters are met
_KEY_TABLE: Dict[int, Optional[str]] = {}


def _learn(text: str) -> None:
    for ch in set(text):
        code = ord(ch)
        if code not in _KEY_TABLE:
            cat = unicodedata.category(ch)
            drop = ch.isspace() or cat[0] == "P" or cat in ("Sm", "Sk", "So")
            _KEY_TABLE[code] = None if drop else ch.lower()


@lru_cache(maxsize=1 << 13)  # bounded: a sweep's client meets every project's name once
def name_key(text: Optional[str]) -> str:
    """``“2019青岛国际软博会”（本级）`` → ``2019青岛国际软博会本级``: no spaces, punctuation, quotes or 书名号."""
    if not text:
        return ""
    text = halfwidth(text)
    _learn(text)
    return text.translate(_KEY_TABLE)


def same_name(a: str, b: str) -> bool:
    """Two normalised names name the same project: equal, or one contains the other."""
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return len(short) >= MIN_CONTAINED and short in long_


@lru_cache(maxsize=1 << 12)
def unit_key(text: Optional[str]) -> str:
    """``502001青岛市工业和信息化局本级`` → ``青岛市工业和信息化局``."""
    key = name_key(text)
    key = _LEADING_CODE.sub("", key)
    for suffix in UNIT_SUFFIXES:
        if key.endswith(suffix) and len(key) > len(suffix):
            key = key[: -len(suffix)]
    return key


def same_unit(a: str, b: str) -> bool:
    """Units agree unless both are known and neither contains the other (市商务局 ~ 青岛市商务局)."""
    if not a or not b:
        return True
    return a == b or a in b or b in a


def buyer_of(title: str) -> str:
    """The buyer named before the year in a disclosure's title: ``市工业和信息化局2019年政府购买服务…`` → 市工业和信息化局."""
    head = _YEAR_AND_AFTER.sub("", compact_title(title))
    return unit_key(head) if head != compact_title(title) else ""


def compact_title(title: str) -> str:
    return "".join(halfwidth(title).split())


def code_key(code: Optional[str]) -> str:
    """A 项目编码 as compared: upper case, no spaces."""
    return "".join((code or "").split()).upper()


def code_without_year(code: str) -> str:
    """``37020022P880…`` → ``370200P880…``: the same project's code in another year."""
    key = code_key(code)
    return key[:6] + key[8:] if len(key) > 8 and key[:8].isdigit() else key
