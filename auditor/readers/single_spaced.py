"""Tables a PDF viewer's copy prints with one space between cells.

Copying a table out of a PDF in a browser or a viewer often gives each row as one line whose
cells are separated by a single space, blank cells gone (``质量指标 养护路段优良路率 年度路况评定
≥85% 行业标准`` under a six-column header, its merged 一级指标 left out).  Neither the tab, the
pipe nor the column-aligned readers see a table there, so the document read as nothing.

Where a line of text, split at its spaces, is an indicator header (一级指标 二级指标 三级指标 …
指标值) and the document holds no indicator grid otherwise, the lines from the table's title down
become rows: the key and plan lines above the header cell by cell, each indicator line padded on
the left to the header's width (the cells a merge left out are the leading ones), a plan's line
of numbers right-aligned under its checkpoints.  A cell holding a space of its own (a description
in two words) is the layout's loss; such a row is re-aligned or reported like any shifted row.
"""
from __future__ import annotations

from typing import List, Optional

from ..values import compact
from .blocks import Block, GCell, Grid, Para, Row, is_heading
from .performance import header_map

#: the style of a grid made here
STYLE = "spaced"

#: an indicator header has three level columns and a value at least
_MIN_HEADER = 4


def single_spaced_grids(blocks: List[Block], lines: List[str]) -> List[Block]:
    """``blocks`` with each single-spaced indicator table made a grid (unchanged when there is none)."""
    if any(isinstance(b, Grid) and any(header_map(r) is not None for r in b.rows) for b in blocks):
        return blocks
    out = list(blocks)
    at = 0
    while at < len(out):
        block = out[at]
        header = _header(block)
        if header is None:
            at += 1
            continue
        start = _top(out, at)
        end = _bottom(out, at)
        rows = _rows(out[start:end], at - start, len(header.cells))
        grid = Grid(rows=rows, line=rows[0].line, style=STYLE)
        out[start:end] = [grid]
        at = start + 1
    return out


def _cells(para: Para) -> List[GCell]:
    return [GCell(token, para.line) for token in para.text.split()]


def _header(block: Block) -> Optional[Row]:
    if not isinstance(block, Para) or "级" not in block.text:
        return None
    cells = _cells(block)
    if len(cells) < _MIN_HEADER:
        return None
    row = Row(cells=cells, line=block.line)
    return row if header_map(row) is not None else None


def _top(blocks: List[Block], header: int) -> int:
    """The first line of the table: after its title (or a unit line, a heading, a grid)."""
    at = header
    while at > 0:
        above = blocks[at - 1]
        if not isinstance(above, Para) or _ends_above(above.text):
            break
        at -= 1
    return at


def _ends_above(text: str) -> bool:
    t = compact(text)
    return not t or t.endswith("表") or t.startswith("单位") or is_heading(text.strip())


def _bottom(blocks: List[Block], header: int) -> int:
    """One past the table's last row: the lines of two cells or more below the header."""
    at = header + 1
    while at < len(blocks):
        below = blocks[at]
        if not isinstance(below, Para) or len(below.text.split()) < 2 or compact(below.text).endswith("表"):
            break
        at += 1
    return at


def _rows(paras: List[Block], header_at: int, width: int) -> List[Row]:
    rows: List[Row] = []
    for i, para in enumerate(paras):
        assert isinstance(para, Para)
        cells = _cells(para)
        if i > header_at and len(cells) < width:
            cells = [GCell("", para.line) for _ in range(width - len(cells))] + cells  # a merge's cells left out
        elif i < header_at and rows and _numbers(cells) and len(cells) < len(rows[-1].cells):
            # a plan's values under its checkpoints (资金支出计划（%） 3月底 … over 10.00 30.00 …)
            cells = [GCell("", para.line) for _ in range(len(rows[-1].cells) - len(cells))] + cells
        rows.append(Row(cells=cells, line=para.line))
    return rows


def _numbers(cells: List[GCell]) -> bool:
    return bool(cells) and all(c.text.replace(".", "", 1).replace("%", "").replace(",", "").isdigit() for c in cells)
