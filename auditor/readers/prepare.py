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
_TRADITIONAL_HINTS = set(
    "這個們來時為說國會經濟發與關區項號數體對應標準當務辦際結產業開據專將過還從點進運動務財廣東無線電話興資實現組織機構處理據應該"
    "務級單構評審選擇請劃際聯網絡協調車輛隊書預算決計劃廳歲屬條規範營額證頁額標幣價費資購買"
)


def has_traditional(text: str) -> bool:
    sample = text[:20000]
    hits = sum(1 for ch in sample if ch in _TRADITIONAL_HINTS)
    return hits >= 3


@lru_cache(maxsize=1)
def _converter():  # pragma: no cover - trivial
    import opencc

    try:
        return opencc.OpenCC("t2s")
    except Exception:
        return opencc.OpenCC("t2s.json")


def strip_glosses(line: str) -> str:
    """``經(jīng)濟(jì)`` → ``經濟``; real parentheticals such as ``(財建〔2023〕117號)`` stay."""
    return _GLOSS.sub("", line)


def prepare_lines(text: str) -> tuple[List[str], bool]:
    """Split into lines (keeping count), remove glosses, convert to simplified."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    lines = text.split("\n")
    if not has_traditional(text):
        return lines, False
    conv = _converter()
    return [conv.convert(strip_glosses(line)) for line in lines], True
