"""Space-aligned text tables (``pdftotext -layout``): runs of lines whose cells
are separated by two or more spaces become a :class:`~auditor.readers.blocks.Grid`.

Columns are found from the run as a whole: a column starts where some line
starts a cell after a gap of blank display columns that no line of the run
crosses (a wide character takes two columns, as on screen), so a blank cell
stays blank instead of shifting the row left.  A line holding only a fragment
under its neighbours' columns (a cell wrapped onto the next line) goes on
with the row above.
"""
from __future__ import annotations

import re
import unicodedata
from typing import List, Optional, Tuple

from ..names import is_level1, is_level2
from ..values import compact
from .blocks import Block, GCell, Grid, Para, Row, join_continued

#: a run is a table when it has this many lines of 2+ cells, this many of them with 3+
MIN_LINES = 3
MIN_WIDE_LINES = 2

Segment = Tuple[int, int, str]  # display start, display end, text


def _wide(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def _narrow(ch: str) -> int:
    return 1


def segments(line: str, wide: bool = True) -> List[Segment]:
    """The cells of one line: text runs separated by two or more spaces, at display columns
    (``wide``: a wide character takes two, as on screen; else one, as some exports count)."""
    _width = _wide if wide else _narrow
    line = line.replace("\f", "")  # the form feed pdftotext puts before a new page
    out: List[Segment] = []
    col = 0
    text = line.rstrip("\n\r").replace("\t", "    ")
    current: List[str] = []
    start = 0
    spaces = 0
    for ch in text:
        if ch == " " or ch == "\u3000":
            spaces += 1 if ch == " " else 2
            col += 1 if ch == " " else 2
            continue
        if current and spaces >= 2:
            out.append((start, start + sum(map(_width, "".join(current).rstrip())), "".join(current).strip()))
            current = []
        if not current:
            start = col
        elif spaces:
            current.append(" " * spaces)
        current.append(ch)
        spaces = 0
        col += _width(ch)
    if current:
        out.append((start, col, "".join(current).strip()))
    return _join_spaced_letters(out) if len(out) >= 3 else out


def _join_spaced_letters(segs: List[Segment]) -> List[Segment]:
    """A label spaced out letter by letter (``项  目  名  称``, ``申  报  日  期``): three or more
    one-character CJK runs a few columns apart are one cell, not a cell a character."""
    out: List[Segment] = []
    run: List[Segment] = []

    def close() -> None:
        if len(run) >= 3:
            out.append((run[0][0], run[-1][1], "".join(t for _, _, t in run)))
        else:
            out.extend(run)
        run.clear()

    for seg in segs:
        letter = len(seg[2]) == 1 and unicodedata.east_asian_width(seg[2]) in "WF" and not seg[2].isdigit()
        if letter and (not run or seg[0] - run[-1][1] <= 4):
            run.append(seg)
            continue
        close()
        if letter:
            run.append(seg)
        else:
            out.append(seg)
    close()
    return out


def _is_row(line: str) -> bool:
    if "  " not in line and "\u3000" not in line and "\t" not in line and "\f" not in line:
        return False  # no gap of two columns anywhere: one segment at most (most paragraphs)
    if "\u3000" in line and not _WIDE_GAP.search(line.strip()):
        return False  # cells one ideographic space apart, never two: a list copied token by token (single_spaced.py)
    return len(segments(line)) >= 2 and "|" not in line and "\t" not in line.strip("\t")


#: a gap of two characters or more (two spaces, an ideographic space beside another, a tab)
_WIDE_GAP = re.compile(r"[ \u3000]{2,}|\t")


def aligned_grids(blocks: List[Block], lines: List[str]) -> List[Block]:
    """Replace runs of space-aligned paragraph lines by grids (style ``space``).

    A run is a table when it holds a known label; a run that follows a table with only
    a page number, a heading or a form feed between is that table going on (a grid of
    its own, whose first row :func:`~auditor.readers.assemble._rows` marks as a page break)."""
    out: List[Block] = []
    run: List[Para] = []

    def flush() -> None:
        if run and (_is_table(run, lines) or _goes_on(out, run, lines)):
            out.append(_grid(run, lines))
        else:
            out.extend(run)
        run.clear()

    for i, block in enumerate(blocks):
        if isinstance(block, Para) and 0 < block.line <= len(lines) and (
                _is_row(lines[block.line - 1]) or (run and _is_fragment(lines[block.line - 1]) and _row_follows(blocks, i, lines))):
            if run and (block.line - run[-1].line > 2 or "\f" in lines[block.line - 1]):  # a gap or a new page: another grid
                flush()
            run.append(block)
            continue
        flush()
        out.append(block)
    flush()
    return out


_PAGE_NUMBER = re.compile(r"^\s*(?:[-—–]\s*\d+\s*[-—–]|第\s*\d+\s*页(?:\s*[,，]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)\s*$")


def _goes_on(out: List[Block], run: List[Para], lines: List[str]) -> bool:
    """The run continues the space grid just above it (a new page of the same table)."""
    if not any(len(segments(lines[p.line - 1])) >= 3 for p in run):
        return False
    for block in reversed(out):
        if isinstance(block, Grid):
            return block.style == "space"
        if not (isinstance(block, Para) and (_PAGE_NUMBER.match(block.text) or len(block.text) <= 40)):
            return False
    return False


def _is_fragment(line: str) -> bool:
    """An indented line of one cell (not a page number): a cell of the row above wrapped onto a line of its own."""
    if _PAGE_NUMBER.match(line.replace("\f", "")):
        return False
    segs = segments(line)
    return len(segs) == 1 and segs[0][0] >= 4


def _row_follows(blocks: List[Block], i: int, lines: List[str]) -> bool:
    nxt = blocks[i + 1] if i + 1 < len(blocks) else None
    return isinstance(nxt, Para) and 0 < nxt.line <= len(lines) and _is_row(lines[nxt.line - 1])


def _is_table(run: List[Para], lines: List[str]) -> bool:
    """Enough aligned lines, and a label of a known table among them (一级指标, 项目名称, 预算数 …):
    a notice's aligned signature lines are not a table."""
    if len(run) < MIN_LINES:
        return False
    segs = [segments(lines[p.line - 1]) for p in run]
    if sum(1 for s in segs if len(s) >= 3) < MIN_WIDE_LINES:
        return False
    known = table_labels()
    return any(compact(text) in known for s in segs for _, _, text in s)


_LABELS: List[frozenset] = []


def table_labels() -> frozenset:
    """The header and key labels of every kind's vocabulary (built once)."""
    if not _LABELS:
        from ..vocabulary import vocabulary

        found = set()
        for kind in ("performance", "disclosure", "self-evaluation", "department"):
            v = vocabulary(kind)
            found.update(v.keys)
            for ws in v.columns.values():
                found.update(compact(w) for w in ws)
        _LABELS.append(frozenset(w for w in found if len(w) >= 2))
    return _LABELS[0]


def _columns(rows: List[List[Segment]]) -> List[int]:
    """Column starts: the cell starts of the widest lines, with starts of other lines that
    fall in no existing column's span added."""
    starts: List[int] = []
    for segs in sorted(rows, key=len, reverse=True):
        for s, e, _ in segs:
            if not any(abs(s - c) <= 1 for c in starts):
                starts.append(s)
    starts.sort()
    return _merge_offset(rows, starts)


def _merge_offset(rows: List[List[Segment]], starts: List[int]) -> List[int]:
    """One column written at different offsets (a left-aligned header over right-aligned
    numbers, a centred dash): neighbouring starts that no line fills both of and whose
    cells overlap are one column."""
    merged = True
    while merged and len(starts) > 1:
        merged = False
        used: List[set] = [set() for _ in starts]
        span: List[List[int]] = [[10 ** 9, -1] for _ in starts]
        for n, segs in enumerate(rows):
            for s, e, _ in segs:
                i = _column_of(s, starts)
                used[i].add(n)
                span[i] = [min(span[i][0], s), max(span[i][1], e)]
        for i in range(len(starts) - 1):
            a, b = span[i], span[i + 1]
            if used[i] and used[i + 1] and not used[i] & used[i + 1] and a[0] < b[1] and b[0] < a[1]:
                del starts[i + 1]
                merged = True
                break
    return starts


def _column_of(start: int, columns: List[int]) -> int:
    best = 0
    for i, c in enumerate(columns):
        if c <= start + 1:
            best = i
    return best


def _grid(run: List[Para], lines: List[str]) -> Grid:
    """The run as a grid, its columns counted the way that aligns them best (fewer columns)."""
    best = None
    for wide in (True, False):
        rows = [segments(lines[p.line - 1], wide) for p in run]
        columns = _columns(rows)
        if best is None or len(columns) < len(best[1]):
            best = (rows, columns)
    rows, columns = best  # type: ignore[misc]
    grid = Grid(line=run[0].line, style="space")
    previous: Optional[Row] = None
    for para, segs in zip(run, rows):
        cells = [GCell("", para.line) for _ in columns]
        for s, _, text in _split_across_columns(segs, columns):
            at = _column_of(s, columns)
            cells[at] = GCell(join_continued(cells[at].text, text) if cells[at].text else text, para.line)
        filled = [c for c in cells if c.text]
        if previous is not None and _continues(cells, previous):
            for i, c in enumerate(cells):
                if c.text:
                    previous.cells[i].text = join_continued(previous.cells[i].text, c.text)
            continue
        row = Row(cells=cells, line=para.line, page_break="\f" in lines[para.line - 1], wraps=True)
        grid.rows.append(row)
        previous = row if len(filled) > 1 else None
    return grid


def _split_across_columns(segs: List[Segment], columns: List[int]) -> List[Segment]:
    """A run of cells one space apart (a label too long for its column pushed the next one left):
    one segment over several column starts, with as many space-separated words as the starts it
    covers, is that many cells (``满意度指标 服务对象满意度 受益群众满意度`` under three columns)."""
    out: List[Segment] = []
    for seg in segs:
        s, e, text = seg
        if " " in text:
            covered = [c for c in columns if s - 1 <= c < e]
            words = text.split(" ")
            if len(covered) >= 2 and len(words) == len(covered) and all(words):
                out.extend((c, c + 1, w) for c, w in zip(covered, words))
                continue
        out.append(seg)
    return out


def _continues(cells: List[GCell], previous: Row) -> bool:
    """A wrapped cell: one or two fragments under columns the row above fills, no number among them."""
    filled = [i for i, c in enumerate(cells) if c.text]
    above = [i for i, c in enumerate(previous.cells) if c.text]
    if not filled or len(filled) > max(1, len(above) // 3) or cells[0].text:
        return False
    if any(re.fullmatch(r"[-+≥≤<>=]?\d[\d,.]*%?", cells[i].text) for i in filled):
        return False
    if any(is_level1(cells[i].text) or is_level2(cells[i].text) for i in filled):
        return False  # a whole 一级/二级 label opens a row (its name wrapped, the values on the line below)
    return all(i in above for i in filled)
