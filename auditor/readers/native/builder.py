"""Grid rows and paragraphs → blocks → Document: the one path every native
reader takes, so a table read from .docx, .xlsx, .pdf or .html is the same
model as one read from a text export.

A reader feeds paragraphs and table rows in reading order; the builder
numbers lines (or takes the reader's line numbers), keeps the text of each
line for the notice reader, turns a title row (only its first cell filled:
"…绩效目标表", "一、…预算") into a paragraph so :func:`assemble` can split tables by title,
converts traditional characters exactly as the text reader does, and calls
:func:`~auditor.readers.assemble.assemble`.
"""
from __future__ import annotations

import re
from typing import Callable, Iterable, List, Optional, Sequence, Tuple

from ...models import Document, ParseIssue
from ...sources import SourceRef
from ...values import compact
from ..blocks import Block, GCell, Grid, Para, Row, join_continued
from ..disclosure import is_disclosure_title, section_kind
from ..notice import is_form_title

#: (text, location) of one cell
CellIn = Tuple[str, Optional[str]]

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\xad"), None)
_SPACES = re.compile(r"[ \t\xa0\u2002\u2003\u2009\u3000]+")
_LETTER = re.compile(r"[A-Za-z]")


def join_wrapped(prev: str, more: str) -> str:
    """Join a line that the layout wrapped (PDF): a space only between two words
    (letters); digits and codes broken at the cell edge are glued back."""
    more = more.strip()
    if not prev or not more:
        return prev + more
    if _LETTER.match(prev[-1]) and _LETTER.match(more[0]):
        return prev + " " + more
    return prev + more


def clean_text(text: str, wrapped: bool = False) -> str:
    """One line of text from a cell or paragraph that may hold line breaks."""
    text = text.translate(_INVISIBLE).replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n")
    join = join_wrapped if wrapped else join_continued
    out = ""
    for part in text.split("\n"):
        out = join(out, _SPACES.sub(" ", part).strip()) if out else _SPACES.sub(" ", part).strip()
    return out.strip()


_CJK = re.compile(r"[\u3400-\u9fff]")
_DIGIT = re.compile(r"\d")


def is_merged_label(text: str) -> bool:
    """A cell text a vertical merge repeats on every row it covers (RULES.md "Merged cells"):
    a label in words (产出指标, 数量指标), not a number, amount or date, which a merge states once."""
    return bool(_CJK.search(text)) and not _DIGIT.search(text) and len(text) <= 20


def _unit_line(text: str) -> bool:
    """``单位：元`` / ``金额单位：万元``: a line saying the unit and nothing else."""
    t = compact(text)
    return len(t) <= 10 and "单位" in t and t.endswith(("元", "万元", "亿元", "千元"))


def is_title_row_text(text: str) -> bool:
    """A table title, a disclosure title or a disclosure section heading, alone in
    the first cell of a row — not a sentence that happens to end in 表 (…详见附表)."""
    t = compact(text).rstrip(".·…")
    if len(t) > 80 or "。" in t or "；" in t:
        return False
    return ((t.endswith("表") and len(t) >= 4) or section_kind(text) is not None or is_disclosure_title(text)
            or (len(t) >= 6 and is_form_title(t)))  # …项目清单: a list of projects titled without 表


class BlockBuilder:
    """Collects paragraphs and table rows in reading order."""

    def __init__(self, style: str, wrapped: bool = False) -> None:
        self.style = style
        self.wrapped = wrapped
        self.blocks: List[Block] = []
        self.lines: List[str] = []
        self._grid: Optional[Grid] = None

    # -- lines ---------------------------------------------------------------
    def next_line(self) -> int:
        """The line the next paragraph or row gets when the reader numbers none."""
        return len(self.lines) + 1

    def _claim(self, text: str, line: Optional[int]) -> int:
        if line is None:
            self.lines.append(text)
            return len(self.lines)
        line = max(1, line)
        while len(self.lines) < line:
            self.lines.append("")
        if text:
            here = self.lines[line - 1]
            self.lines[line - 1] = f"{here}  {text}" if here else text
        return line

    def skip(self, line: Optional[int] = None) -> int:
        """Count a line that holds nothing (an empty paragraph, a blank sheet row)."""
        self.end_table()
        return self._claim("", line)

    # -- blocks --------------------------------------------------------------
    def para(self, text: str, location: Optional[str] = None, line: Optional[int] = None, ref: Optional[SourceRef] = None) -> int:
        self.end_table()
        text = clean_text(text, self.wrapped)
        n = self._claim(text, line)
        if text:
            if ref is not None:
                ref.line = n
            self.blocks.append(Para(text, n, location, ref))
        return n

    def row(self, cells: Sequence[CellIn], location: Optional[str] = None, line: Optional[int] = None,
            refs: Optional[Callable[[int], SourceRef]] = None) -> int:
        """Add a table row; a row holding only a title becomes a paragraph.

        ``refs(i)`` gives the source reference of the row's i-th cell (0-based); each
        ref gets the reader's line and the row's texts as its excerpt."""
        texts = [clean_text(text, self.wrapped) for text, _ in cells]
        filled = [t for t in texts if t]
        if not filled:
            return self._claim("", line) if self._grid is None else self._add_row(texts, cells, line, refs)
        if len(filled) == 1 and texts[0] and is_title_row_text(texts[0]):
            # a title alone in its row: a paragraph, as in a text export
            return self.para(texts[0], cells[0][1] or location, line, refs(0) if refs else None)
        if len(filled) == 1 and self._grid is None and _unit_line(filled[0]):
            # 单位：元 alone above a table (not inside one), in whichever cell (a sheet puts it over the last
            # columns as often as in A): a paragraph, as in a text export
            at = texts.index(filled[0])
            return self.para(texts[at], cells[at][1] or location, line, refs(at) if refs else None)
        return self._add_row(texts, cells, line, refs)

    def _add_row(self, texts: List[str], cells: Sequence[CellIn], line: Optional[int],
                 refs: Optional[Callable[[int], SourceRef]] = None) -> int:
        n = self._claim("\t".join(texts), line)
        if self._grid is None:
            self._grid = Grid(line=n, style=self.style)
        gcells = [GCell(text, n, loc) for text, (_, loc) in zip(texts, cells)]
        if refs is not None:
            for i, cell in enumerate(gcells):
                ref = refs(i)
                ref.line, ref.excerpt, ref.excerpt_index = n, texts, i
                cell.ref = ref
        self._grid.rows.append(Row(cells=gcells, line=n))
        return n

    def end_table(self) -> None:
        """Close the current grid: the next row starts a new table (or page)."""
        if self._grid is not None and self._grid.rows:
            self.blocks.append(self._grid)
        self._grid = None

    # -- the document ----------------------------------------------------------
    def document(self, path: str, layout: str, issues: Iterable[ParseIssue] = (), encoding: Optional[str] = None) -> Document:
        from ..assemble import assemble

        self.end_table()
        converted = _to_simplified(self.blocks, self.lines)
        doc = assemble(path, self.blocks, self.lines, layout)
        doc.set_text_lines(self.lines)
        if converted:
            encoding = f"{encoding}+t2s" if encoding else "t2s"
        doc.encoding = encoding
        doc.issues = list(issues) + doc.issues
        doc.locations = self.locations()
        return doc

    def locations(self) -> dict:
        """Line → the location of its first cell or paragraph, for findings that point at a line:
        the exact place of its source (``目标表!A1``, ``表1 第3行第1列``) where the reader knows it,
        else the reader's display string."""
        out: dict = {}
        for block in self.blocks:
            if isinstance(block, Para):
                where = _exact(block.ref) or block.location
                if where:
                    out.setdefault(block.line, where)
            else:
                for row in block.rows:
                    for cell in row.cells:
                        where = _exact(cell.ref) or cell.location
                        if where:
                            out.setdefault(cell.line, where)
                            break
        return out


def _exact(ref: Optional[SourceRef]) -> Optional[str]:
    return ref.location() if ref is not None else None


def _to_simplified(blocks: List[Block], lines: List[str]) -> bool:
    """Traditional → simplified, decided on the whole text as the text reader does."""
    from ..prepare import has_traditional, to_simplified as fix

    if not has_traditional("\n".join(lines)):
        return False

    for block in blocks:
        if isinstance(block, Para):
            block.text = fix(block.text)
        else:
            for row in block.rows:
                for cell in row.cells:
                    cell.text = fix(cell.text)
    lines[:] = [fix(line) for line in lines]
    return True

