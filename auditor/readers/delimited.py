"""Comma-separated exports (Excel "save as CSV" of a 绩效目标表 or 自评表) as tab-separated lines.

Why: the text tokeniser reads tab-separated rows (a web or spreadsheet copy) already; a CSV
file is the same grid with commas and quotes.  Excel pads every row of a sheet to the same
number of fields, so a document is taken as CSV only when most of its non-blank lines parse
to one field count of three or more — a notice written with ASCII commas has lines of every
count and stays text.  Line numbers never move: each CSV line becomes one tab-separated line
(a quoted field holding a line break is joined onto its first line, the lines it took stay blank).
"""
from __future__ import annotations

import csv
from collections import Counter
from typing import List, Optional

#: share of the non-blank lines that must have the modal field count
MIN_SHARE = 0.6
MIN_FIELDS = 3


def _fields(line: str) -> List[str]:
    try:
        return next(csv.reader([line]))
    except (csv.Error, StopIteration):
        return [line]


def as_tab_separated(lines: List[str]) -> Optional[List[str]]:
    """The lines with each CSV row written tab-separated, or None when the text is not CSV."""
    candidates = [line for line in lines if line.strip()]
    if len(candidates) < 3 or any("\t" in line or line.lstrip().startswith("|") for line in candidates):
        return None
    if sum(1 for line in candidates if "," in line) < len(candidates) * MIN_SHARE:
        return None
    counts = Counter(len(_fields(line)) for line in candidates if "," in line)
    width, seen = counts.most_common(1)[0]
    if width < MIN_FIELDS or seen < len(candidates) * MIN_SHARE:
        return None
    out = list(lines)
    i = 0
    while i < len(out):
        line = out[i]
        if "," not in line:
            i += 1
            continue
        joined, j = line, i
        while joined.count('"') % 2 == 1 and j + 1 < len(out):  # a quoted field with a line break in it
            j += 1
            joined += "\n" + out[j]
        fields = [f.replace("\n", " ").replace("\t", " ").strip() for f in _fields(joined)]
        out[i] = "\t".join(fields) if len(fields) > 1 else line
        for k in range(i + 1, j + 1):
            out[k] = ""
        i = j + 1
    return out
