"""Text made ready for parsing, line by line so line numbers never move.

Pinyin glosses (``經(jīng)濟(jì)``) are removed first, then traditional characters
are converted to simplified through OpenCC, which is imported only when the
text holds traditional characters.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import List

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüê"
_GLOSS = re.compile(rf"(?<=[\u3400-\u9fff])\((?=[a-z{_TONED}]*[{_TONED}])[a-z{_TONED}]{{1,7}}\)")

#: common characters that exist only in traditional script
_TRADITIONAL_HINTS = set(  # each changes under OpenCC t2s: none is also a simplified character
    "來個們價劃動務勵區協員單國團報學實審將專對導屬幣廣廳從應擇據數時書會東條業構標機權歲決準濟灣為無營獎現產當發種範級組結絡統"
    "經綜網線總績織義習聯臺與興處號術補規計設評話該說調請證議變財買費貼資購車輛辦這進運過選還開關隊際險電頁項預領額體點"
)


#: the same characters as one class: a scan of a whole text in C (set.isdisjoint hashes each character)
_ANY_HINT = re.compile("[" + "".join(sorted(_TRADITIONAL_HINTS)) + "]")
#: a parenthesis opening a toned syllable: the cheap test before _GLOSS's look-behind
_GLOSS_OPEN = re.compile(rf"\((?=[a-z{_TONED}]*[{_TONED}])")


def has_traditional(text: str) -> bool:
    return len(_TRADITIONAL_HINTS.intersection(text[:20000])) >= 3


@lru_cache(maxsize=1)
def _converter():  # pragma: no cover - trivial
    import opencc

    try:
        return opencc.OpenCC("t2s")
    except Exception:
        return opencc.OpenCC("t2s.json")


def to_simplified(text: str) -> str:
    """Glosses removed and traditional characters converted (callers decide when)."""
    return _converter().convert(strip_glosses(text)) if text else text


def strip_glosses(line: str) -> str:
    """``經(jīng)濟(jì)`` → ``經濟``; real parentheticals such as ``(財建〔2023〕117號)`` stay."""
    return _GLOSS.sub("", line)


def prepare_lines(text: str) -> tuple[List[str], bool]:
    """Split into lines (keeping count), remove glosses, convert to simplified."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    lines = text.split("\n")
    if _ANY_HINT.search(text) is None and (_GLOSS_OPEN.search(text) is None or _GLOSS.search(text) is None):
        return lines, False  # the common case: nothing to convert, no line touched
    if not has_traditional(text):
        # a simplified document may still carry a glossed word (报(bào)送) or one
        # traditional character (報送): fix just those lines
        return [to_simplified(line) if _GLOSS.search(line) or not _TRADITIONAL_HINTS.isdisjoint(line) else line for line in lines], False
    return [to_simplified(line) for line in lines], True
