"""Rows a copy ran together, written back as rows.

Some exports lose what separated a table's rows: a Word table copied one cell a
line with no blank line between rows (each cell still behind its tab: one long
row), or without even the tabs (lines of text).  Where a run of indicator column
labels (一级指标 | 二级指标 | 三级指标 | 指标值 …) shows the table's width, the cells
after it are cut back into rows; the performance interpreter reads them as any grid.
"""
from __future__ import annotations

from typing import List, Optional, Tuple

from ..names import is_level1, is_level2
from ..values import compact
from ..vocabulary import vocabulary
from .blocks import Block, GCell, Grid, Para, Row
from .notice import FILING_LABELS
from .performance import header_map


def rows_run_together(blocks: List[Block]) -> List[Block]:
    """``blocks`` with indicator lines made a grid and each grid's run-together rows cut apart."""
    return [Grid(rows=_unflatten(b.rows), line=b.line, style=b.style) if isinstance(b, Grid) and b.style in _TEXT_STYLES else b
            for b in _indicator_lines(blocks)]


#: grids of a text copy: only a copy runs rows together (a Word, Excel or web table keeps its rows,
#: and its header may be wide enough, over a twelve-month plan, to look like several rows)
_TEXT_STYLES = frozenset({"tab", "tsv", "pipe", "space"})


def _column_words() -> Tuple[frozenset, frozenset]:
    """The 一级指标 words and every indicator column word (rebuilt when a plugin extends the vocabulary)."""
    vocab = vocabulary("performance")
    return (vocab.derived("flat:level1", lambda: frozenset(vocab.columns.get("level1", ()))),
            vocab.derived("flat:columns", lambda: frozenset(w for ws in vocab.columns.values() for w in ws)))


def _unflatten(rows: List[Row]) -> List[Row]:
    """Rows as written when a copy ran several together (one cell a line with no blank line between
    rows: a form's fields, then 一级指标 | 二级指标 | …, then the indicators, all one row): the cells
    before the header, the header, then rows of the header's width, up to a label of the form's foot."""
    out: List[Row] = []
    level1, columns = _column_words()
    for row in rows:
        cells = row.cells
        if len(cells) < 12:  # a header and two rows at least (the widest tables seen run to ten columns or so)
            out.append(row)
            continue
        k = next((i for i, c in enumerate(cells) if compact(c.text) in level1), None)
        w = 0
        while k is not None and k + w < len(cells) and compact(cells[k + w].text) in columns:
            w += 1
        if k is None or w < 3 or len(cells) < k + 2 * w or header_map(Row(cells=cells[k:k + w], line=cells[k].line)) is None:
            out.append(row)
            continue
        if k:
            out.append(Row(cells=cells[:k], line=cells[0].line))
        at = k
        while at + w <= len(cells) and (at == k or compact(cells[at].text) not in FILING_LABELS):
            out.append(Row(cells=cells[at:at + w], line=cells[at].line))
            at += w
        if at < len(cells):
            out.append(Row(cells=cells[at:], line=cells[at].line))
    return out


def _indicator_lines(blocks: List[Block]) -> List[Block]:
    """Indicators copied one cell a line without tabs (so read as lines of text): from a run of
    column labels (一级指标, 二级指标, 三级指标, 指标值 …) the lines become rows, a row starting at its
    一级 or 二级 label (a merged one left out by the copy is a blank cell) or, when the row above is
    full, at its 三级 name; up to a label of the form's foot (填报人, 填报日期 …)."""
    paras = [i for i, b in enumerate(blocks) if isinstance(b, Para)]
    if len(paras) < 8:  # a header of three labels and a row at least
        return blocks
    level1, columns = _column_words()
    start = next((j for j, i in enumerate(paras) if compact(blocks[i].text) in level1), None)
    if start is None:
        return blocks
    w = 0
    while start + w < len(paras) and compact(blocks[paras[start + w]].text) in columns:
        w += 1
    if w < 3 or paras[start + w - 1] - paras[start] != w - 1:  # the labels on consecutive blocks
        return blocks
    foot = set(FILING_LABELS) | set(vocabulary("self-evaluation").words.get("foot_label", ()))
    cell = lambda b: GCell(b.text.strip(), b.line, b.location, b.ref)  # noqa: E731
    header = Row(cells=[cell(blocks[paras[start + k]]) for k in range(w)], line=blocks[paras[start]].line)
    rows: List[Row] = [header]
    current: List[GCell] = []
    used = start + w
    for j in range(start + w, len(paras)):
        block = blocks[paras[j]]
        text = compact(block.text)
        if text in foot or paras[j] != paras[j - 1] + 1:
            break
        if is_level1(text) and (not current or len(current) >= 3):
            new: Optional[List[GCell]] = [cell(block)]
        elif is_level2(text) and (not current or len(current) >= 3):
            new = [GCell("", block.line), cell(block)]
        elif current and len(current) >= w:
            new = [GCell("", block.line), GCell("", block.line), cell(block)]
        else:
            new = None
            current.append(cell(block))
        if new is not None:
            if current:
                rows.append(Row(cells=current, line=current[0].line))
            current = new
        used = j + 1
    if current:
        rows.append(Row(cells=current, line=current[0].line))
    if len(rows) < 2:
        return blocks
    first, last = paras[start], paras[used - 1]
    return [*blocks[:first], Grid(rows=rows, line=header.line, style="tab"), *blocks[last + 1:]]
