"""The layout-neutral form every reader produces: paragraphs and grids.

A :class:`Grid` is a list of :class:`Row` objects, each a list of
:class:`GCell` (text and source line).  :func:`text_blocks` reads the two
text exports met in practice, even mixed in one file:

- *one cell a line* (Word → text): each cell on its own line behind a tab,
  rows separated by blank lines, a cell continued on lines without the tab;
- *markdown pipe tables* (PDF → markdown): ``| a | b |`` rows, a table cut
  by a page break continues in the next pipe table.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import List, Optional, Union

from ..sources import SourceRef

_BOOKMARK = re.compile(r"^\s*\[bookmark:[^\]]*\]\s*")
_SEPARATOR_CELL = re.compile(r":?-*:?")


def _is_separator(line: str) -> bool:
    """``|---|:--:|`` — checked cell by cell (a single regex over the row backtracks
    exponentially on rows such as ``| -- |   |   | … | 合计 |``)."""
    if "--" not in line:
        return False
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    return any("--" in c for c in cells) and all(_SEPARATOR_CELL.fullmatch(c) for c in cells)
_HTML_BREAK = re.compile(r"</?p\s*>|<br\s*/?>", re.I)
_HEADING = re.compile(
    r"(表\s*$)|(^\s*[一二三四五六七八九十]+\s*[、.．]\S)|(^\s*附件)|(^\s*[（(][一二三四五六七八九十]+[)）])|(^\s*第[一二三四五六七八九十]+[章节条])"
    r"|(^.{0,40}(通知|实施方案|方案|公告|办法)\s*$)"
)


@dataclass
class GCell:
    """One cell: its text, the reader's line, a location string and where it sits (SourceRef)."""

    __slots__ = ("text", "line", "location", "ref")
    text: str
    line: int
    location: Optional[str]
    ref: Optional[SourceRef]

    def __init__(self, text: str, line: int, location: Optional[str] = None, ref: Optional[SourceRef] = None) -> None:
        self.text = text
        self.line = line
        self.location = location
        self.ref = ref

    @property
    def blank(self) -> bool:
        text = self.text
        return not text or text.isspace()  # as ``not text.strip()``, without a copy


@dataclass
class Row:
    cells: List[GCell]
    line: int
    #: first row of a grid that continues the previous one (a page break)
    page_break: bool = False
    #: how many blank-separated groups were joined into this row
    groups: int = 1
    #: a row of a text layout (pdftotext -layout), whose cells may wrap onto lines of their own
    wraps: bool = False
    #: a row of a Word table copied one cell a line: a blank leading cell is a vertical merge going on (the
    #: label above covers it, RULES.md "Merged cells"), not a label a PDF export printed a row late
    merged_down: bool = False

    def with_cells(self, cells: List[GCell], **changes: object) -> "Row":
        """The same row (its line and what the reader knows of it) holding ``cells``: one copy for every
        reader step that re-cuts a row, so none drops a flag it did not mean to."""
        return replace(self, cells=cells, **changes)  # type: ignore[arg-type]

    def nonblank(self) -> List[GCell]:
        return [c for c in self.cells if not c.blank]

    def first(self) -> Optional[GCell]:
        """The first cell with text, or None."""
        for cell in self.cells:
            text = cell.text
            if text and not text.isspace():
                return cell
        return None

    @property
    def last_line(self) -> int:
        return max((c.line for c in self.cells), default=self.line)


@dataclass
class Grid:
    rows: List[Row] = field(default_factory=list)
    line: int = 1
    style: str = "tab"  # tab | pipe | docx | xlsx | pdf | html


@dataclass
class Para:
    text: str
    line: int
    location: Optional[str] = None
    ref: Optional[SourceRef] = None


Block = Union[Grid, Para]


def value_index(cells: List[GCell], idx: int) -> int:
    """The index of the cell after the label at ``idx``, past the blank cells of the label's own
    merged range (an HTML colspan, an Excel merge over two columns): where its value is."""
    j = idx + 1
    ref = cells[idx].ref
    merged = ref.merged if ref is not None else None
    if merged:
        while j < len(cells) and cells[j].blank and cells[j].ref is not None and cells[j].ref.merged == merged:
            j += 1
    return j


def is_heading(text: str) -> bool:
    return bool(_BOOKMARK.match(text)) or bool(_HEADING.search(text))


_MD_MARKS = re.compile(r"^\s*#{1,6}\s+|\*\*|__")


def clean_heading(text: str) -> str:
    """Drop Word bookmarks and markdown heading/emphasis marks around a title."""
    return _MD_MARKS.sub("", _BOOKMARK.sub("", text)).strip()


def _split_pipe(line: str) -> List[str]:
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|"):
        body = body[:-1]
    if "\\|" not in body and "<" not in body:  # the common row: no escaped bar, no HTML break
        return [p.strip() for p in body.split("|")]
    parts = body.replace("\\|", "\x00").split("|")
    if "<" not in body:
        return [p.replace("\x00", "|").strip() for p in parts]
    return [_HTML_BREAK.sub(" ", p.replace("\x00", "|")).strip() for p in parts]


def join_continued(prev: str, more: str) -> str:
    """Join a cell's continuation line: no space between CJK characters."""
    more = more.strip()
    if not prev:
        return more
    if not more:
        return prev
    if prev[-1].isascii() and more[0].isascii() and prev[-1].isalnum() and more[0].isalnum():
        return prev + " " + more
    return prev + more


class _TsvFollows:
    """Whether the next line with text after line ``number`` (1-based) is a tab-separated row.

    A WPS or web copy may put a blank line between the rows of one table: the grid goes on
    (were each row its own grid, a row's empty leading cells would be taken for spacers).
    The answer is kept for the run of blank lines it was asked in, so a long run stays linear."""

    def __init__(self, lines: List[str]) -> None:
        self.lines = lines
        self.until = -1  # 0-based index of the text line the last answer was about
        self.answer = False

    def __call__(self, number: int) -> bool:
        if number <= self.until:
            return self.answer
        lines = self.lines
        self.until, self.answer = len(lines), False
        for i in range(number, len(lines)):
            line = lines[i]
            stripped = line.strip()
            if stripped:
                self.until = i
                self.answer = line.rstrip("\n\r\t ").find("\t", 1) != -1 and not stripped.startswith("|")
                break
        return self.answer


class _CellsFollow:
    """After a line, does the table go on with a cell line, past blank lines and the cell's
    further paragraphs?

    A cell written over several paragraphs (a Word form's option list, a long 绩效目标) sits
    between cells; text after the table's last cell (申报单位承诺：… under the table, up to the
    end of the document or a heading) does not.  Each line is looked at once per document
    (the answers of the lines a scan passes are kept), so a long run of paragraphs stays linear."""

    def __init__(self, lines: List[str]) -> None:
        self.lines = lines
        self.known: dict = {}

    def __call__(self, number: int) -> bool:
        passed = []
        answer = False
        for i in range(number, len(self.lines)):  # 0-based index of the line after ``number``
            if i in self.known:
                answer = self.known[i]
                break
            line = self.lines[i]
            if line.startswith("\t"):
                answer = True
                break
            stripped = line.strip()
            if stripped and is_heading(stripped):
                break
            passed.append(i)
        for i in passed:
            self.known[i] = answer
        return answer


def text_blocks(lines: List[str]) -> List[Block]:
    """Tokenise prepared lines into paragraphs and grids (1-based lines)."""
    blocks: List[Block] = []
    grid: Optional[Grid] = None
    row: Optional[List[GCell]] = None
    last_cell: Optional[GCell] = None
    blanks = 0  # blank lines since the last non-blank line
    cells_follow = _CellsFollow(lines)
    tsv_follows = _TsvFollows(lines)
    prev_kind = "start"  # cell | cont | pipe | text | blank

    def close_row() -> None:
        nonlocal row
        if grid is not None and row:
            grid.rows.append(Row(cells=row, line=row[0].line, merged_down=grid.style == "tab"))
        row = None

    def close_grid() -> None:
        nonlocal grid, last_cell
        close_row()
        if grid is not None and grid.rows:
            blocks.append(grid)
        grid = None
        last_cell = None

    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\n\r")
        stripped = line.strip()
        if not stripped and not line.startswith("\t"):
            if grid is not None and grid.style in ("pipe", "tsv") and not (grid.style == "tsv" and tsv_follows(number)):
                close_grid()
            blanks += 1
            if prev_kind != "blank":
                if row:
                    close_row()
                else:
                    row = None
            prev_kind = "blank" if prev_kind != "start" else "start"
            continue
        if stripped.startswith("|") and stripped.count("|") >= 2:
            if grid is None or grid.style != "pipe":
                close_grid()
                grid = Grid(line=number, style="pipe")
            if not _is_separator(stripped):
                cells = [GCell(t, number) for t in _split_pipe(stripped)]
                grid.rows.append(Row(cells=cells, line=number))
            prev_kind, blanks = "pipe", 0
            continue
        body = line.rstrip("\t ")
        if body.find("\t", 1) != -1 and not stripped.startswith("|"):
            # tab-separated values (a web or spreadsheet copy): the whole row on one line
            if grid is None or grid.style != "tsv":
                close_grid()
                grid = Grid(line=number, style="tsv")
            grid.rows.append(Row(cells=[GCell(t.strip(), number) for t in line.split("\t")], line=number))
            last_cell = None
            prev_kind, blanks = "pipe", 0
            continue
        if line.startswith("\t"):
            if grid is None or grid.style != "tab":
                close_grid()
                grid = Grid(line=number, style="tab")
            if row is None or prev_kind == "blank":
                close_row()
                row = []
            cell = GCell(stripped, number)  # the line without its tab and white space
            row.append(cell)
            last_cell = cell
            prev_kind, blanks = "cell", 0
            continue
        # a line of text without a tab
        continues = last_cell is not None and grid is not None and grid.style == "tab" and (
            prev_kind in ("cell", "cont")
            # after a blank line only a cell with text goes on: an empty last cell closed its row
            or (prev_kind == "blank" and blanks == 1 and not is_heading(stripped) and bool(last_cell.text)
                and cells_follow(number))
        )
        if continues and last_cell is not None:
            last_cell.text = join_continued(last_cell.text, stripped)
            if row is None and grid is not None and grid.rows and last_cell in grid.rows[-1].cells:
                row = grid.rows.pop().cells  # the cell goes on: so does its row
            prev_kind, blanks = "cont", 0
            continue
        close_grid()
        blocks.append(Para(clean_heading(line), number))
        prev_kind, blanks = "text", 0
    close_grid()
    return blocks


def coalesce(rows: List[Row], width: int) -> List[Row]:
    """Join rows that a blank line split (one-cell-a-line layout) back to ``width`` cells.

    A row shorter than the header is joined with the following short rows
    while the sum stays within ``width``; rows that do not add up are kept.
    """
    out: List[Row] = []
    i = 0
    while i < len(rows):
        current = rows[i]
        if len(current.cells) >= width:
            out.append(current)
            i += 1
            continue
        cells = list(current.cells)
        j = i + 1
        while len(cells) < width and j < len(rows) and len(cells) + len(rows[j].cells) <= width and not rows[j].page_break:
            cells.extend(rows[j].cells)
            j += 1
        if len(cells) == width and j > i + 1:
            out.append(current.with_cells(cells, groups=j - i))
            i = j
        elif _split_cell(current, rows[i + 1] if i + 1 < len(rows) else None, width):
            after = rows[i + 1]
            cut, rest = current.cells[-1], after.cells[0]
            joined = GCell(join_continued(cut.text, rest.text), cut.line, cut.location, cut.ref)
            out.append(current.with_cells(current.cells[:-1] + [joined] + after.cells[1:], groups=2))
            i += 2
        else:
            out.append(current)
            i += 1
    return out


def _split_cell(row: Row, after: Optional[Row], width: int) -> bool:
    """A row whose last cell a line break inside it cut (a web copy of a cell holding ``<br>``): the
    next line holds the rest of that cell, then the row's other cells, so the two make ``width``
    cells with that one cell joined; the cut leaves text on both sides of it."""
    if after is None or after.page_break or len(after.cells) >= width:
        return False
    return (len(row.cells) + len(after.cells) - 1 == width and not row.cells[-1].blank
            and not after.cells[0].blank)
