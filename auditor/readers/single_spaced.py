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

import re
from typing import List, Optional

from ..names import is_level1, is_level2
from ..values import compact
from .blocks import Block, GCell, Grid, Para, Row, is_heading
from .performance import header_map

#: the style of a grid made here
STYLE = "spaced"

#: an indicator header has three level columns and a value at least
_MIN_HEADER = 4


def single_spaced_grids(blocks: List[Block], lines: List[str]) -> List[Block]:
    """``blocks`` with each single-spaced indicator table and list made a grid (unchanged when there is none)."""
    return _lists(_indicator_tables(blocks))


def _lists(blocks: List[Block]) -> List[Block]:
    """Lists a copy wrote one space (or one ideographic space) between cells: a header line opening with
    序号 and naming a label of a known table (政府购买服务项目名称, 承接主体名称 …), then the lines opening
    with a number and holding as many cells (a disclosure's sections, a 推荐汇总表)."""
    out: List[Block] = []
    at = 0
    while at < len(blocks):
        block = blocks[at]
        header = _list_header(block)
        if header is None:
            out.append(block)
            at += 1
            continue
        rows = [header]
        nxt = at + 1
        while nxt < len(blocks):
            below = blocks[nxt]
            if not isinstance(below, Para):
                break
            cells = _cells(below)
            if len(cells) != len(header.cells) or not cells[0].text.isdigit():
                break
            rows.append(Row(cells=cells, line=below.line))
            nxt += 1
        if len(rows) < 2:
            out.append(block)
            at += 1
            continue
        out.append(Grid(rows=rows, line=header.line, style=STYLE))
        at = nxt
    return out


def _list_header(block: Block) -> Optional[Row]:
    if not isinstance(block, Para) or "序号" not in block.text:
        return None
    cells = _cells(block)
    if len(cells) < 3 or compact(cells[0].text) != "序号":
        return None
    from .aligned import table_labels
    from .disclosure import disclosure_header

    labels = table_labels()
    row = Row(cells=cells, line=block.line)
    if not any(_BRACKETED.sub("", compact(c.text)) in labels for c in cells[1:]) and not disclosure_header(row):
        return None
    return row


_BRACKETED = re.compile(r"[（(][^（）()]{0,8}[)）]$")


def _indicator_tables(blocks: List[Block]) -> List[Block]:
    """Each single-spaced indicator table made a grid."""
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
    skip = -1
    for i, para in enumerate(paras):
        assert isinstance(para, Para)
        if i == skip:
            continue
        cells = _cells(para)
        after = paras[i + 1] if i + 1 < len(paras) else None
        if i > header_at and len(cells) < width and isinstance(after, Para) and _rest_of(cells, _cells(after), width):
            # a row wrapped onto the next line (a phone's width): the two make the row; a cell cut in two
            # (≥0. / 6) is one cell
            more = _cells(after)
            if len(cells) + len(more) == width + 1:
                cells = cells[:-1] + [GCell(cells[-1].text + more[0].text, para.line)] + more[1:]
            else:
                cells = cells + more
            skip = i + 1
        if i > header_at and len(cells) < width:
            cells = [GCell("", para.line) for _ in range(width - len(cells))] + cells  # a merge's cells left out
        elif i < header_at and rows and _numbers(cells) and len(cells) < len(rows[-1].cells):
            # a plan's values under its checkpoints (资金支出计划（%） 3月底 … over 10.00 30.00 …)
            cells = [GCell("", para.line) for _ in range(len(rows[-1].cells) - len(cells))] + cells
        rows.append(Row(cells=cells, line=para.line))
    return rows


def _rest_of(cells: List[GCell], more: List[GCell], width: int) -> bool:
    """Whether ``more`` (the next line) finishes the row ``cells`` begins: together they make the header's
    width (or one more, a cell cut in two), and the next line opens with no 一级 / 二级 label of its own."""
    if not more or len(cells) + len(more) not in (width, width + 1):
        return False
    return not (is_level1(more[0].text) or is_level2(more[0].text))


def _numbers(cells: List[GCell]) -> bool:
    return bool(cells) and all(c.text.replace(".", "", 1).replace("%", "").replace(",", "").isdigit() for c in cells)
