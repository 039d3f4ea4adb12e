"""Word tables copied one cell a line without the tab before each cell.

Seed 001's export puts a tab before every cell of a Word table (one cell a line, a blank line
between rows); some copies lose the tabs (a paste into a plain editor, a converter), leaving the
same lines bare, with or without the blank lines.  Such a table is the seed's layout all the
same: under a table title whose section holds the indicator header one label a line (一级指标 /
二级指标 / 三级指标 …) and a blank line between rows, each line with text is given back its tab, so
the one-cell-a-line reader reads it.  Without the blank lines (empty cells as empty lines, rows run
together) where a row ends is a guess: such a copy is left as it is.
Nothing changes in a document that has a tab-led line, a pipe table, or no such header.
"""
from __future__ import annotations

import re
from typing import List

from ..values import compact

#: the indicator header one label a line: 一级指标, then 二级指标, then 三级指标 (blank lines allowed between)
_LEVELS = ("一级指标", "二级指标", "三级指标")
_TITLE = re.compile(r"表\s*[（(]?[^）)]{0,12}[）)]?\s*$")


def tab_bare_cells(lines: List[str]) -> List[str]:
    """``lines`` with a tab before each line with text of a table whose cells lost theirs."""
    if "一级指标" not in "".join(lines[:4000]) and "一级指标" not in "".join(lines):
        return lines
    if any(line.startswith("\t") or line.lstrip().startswith("|") for line in lines):
        return lines
    headers = [i for i, line in enumerate(lines) if compact(line) == _LEVELS[0] and _header_follows(lines, i)]
    if not headers:
        return lines
    titles = [i for i, line in enumerate(lines) if _is_title(line)]
    out = list(lines)
    for n, start in enumerate(titles):
        end = titles[n + 1] if n + 1 < len(titles) else len(lines)
        inside = [h for h in headers if start < h < end]
        if not inside:
            continue
        if not _blank_after_header(lines, inside[0]):
            continue  # no blank line between rows, empty cells as empty lines: where a row ends is a guess
        for j in range(start + 1, end):
            text = lines[j].strip()
            if text:
                out[j] = "\t" + text
    return out


def _blank_after_header(lines: List[str], at: int) -> bool:
    """Whether a blank line follows the header's last label (一级指标 … 指标值确定依据)."""
    from ..vocabulary import vocabulary

    words = {compact(w) for ws in vocabulary("performance").columns.values() for w in ws}
    j = at
    while j < len(lines) and (compact(lines[j]) in words or not lines[j].strip()) and j - at < 16:
        if not lines[j].strip():
            return True
        j += 1
    return False


def _header_follows(lines: List[str], at: int) -> bool:
    """Whether 二级指标 and 三级指标 follow the 一级指标 line, each on its own line (blank lines skipped)."""
    want = 1
    for j in range(at + 1, min(len(lines), at + 8)):
        text = compact(lines[j])
        if not text:
            continue
        if text != _LEVELS[want]:
            return False
        want += 1
        if want == len(_LEVELS):
            return True
    return False


def _is_title(line: str) -> bool:
    """A table's title line: short, ending in 表 (…绩效目标表, …目标表（2024年）)."""
    t = compact(line)
    return 4 <= len(t) <= 60 and bool(_TITLE.search(t)) and not t.startswith(("附表", "详见"))
