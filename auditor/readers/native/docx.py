"""Word (.docx) through python-docx: the body in document order, paragraphs
and tables interleaved.

Cells are read from the ``w:tc`` elements themselves, not ``row.cells``:
python-docx repeats a horizontally merged cell once per grid column and
returns the top cell for a vertical merge, whereas the Word text export
(what the rules were written against) shows a merged cell once and a
vertically continued cell as empty.  Line = the ordinal of the paragraph or
table row in the body; location says which.
"""
from __future__ import annotations

import io
from typing import Any, Iterator, List, Optional

from ...models import Document
from .base import NativeReader
from ...sources import SourceRef
from .builder import BlockBuilder, CellIn, is_merged_label, is_title_row_text
from .sniff import DOCX_EXTENSIONS

#: runs whose text counts, in document order (tracked insertions, fields, links)
_RUNS = "./w:r | ./w:hyperlink/w:r | ./w:ins/w:r | ./w:smartTag/w:r | ./w:fldSimple/w:r | ./w:sdt/w:sdtContent/w:r | ./w:customXml/w:r"


class DocxReader(NativeReader):
    name = "docx"
    kind = "docx"
    library = "python-docx"
    extensions = DOCX_EXTENSIONS
    description = "Word documents (.docx): paragraphs and tables in document order"

    def parse(self, path: str, data: bytes) -> Document:
        import docx
        from docx.oxml.ns import qn

        document = docx.Document(io.BytesIO(data))
        body = document.element.body
        walker = _Walker(qn)
        header_title = _header_title(document)
        if header_title is not None and not any(
                el.tag == qn("w:p") and is_title_row_text(_paragraph_text(el)) for el in _blocks(body, qn)):
            walker.header(header_title)  # the title printed only in the page header (页眉): the document's title
        for element in _blocks(body, qn):
            if element.tag == qn("w:p"):
                walker.paragraph(element)
            else:
                walker.table(element)
        return walker.builder.document(path, "docx")


def _header_title(document: Any) -> Optional[str]:
    """A table title written in the first section's page header (页眉), if there is one."""
    try:
        paragraphs = document.sections[0].header.paragraphs if document.sections else []
    except (AttributeError, KeyError, ValueError):  # a header part python-docx cannot resolve: no title there
        return None
    return next((p.text.strip() for p in paragraphs if p.text.strip() and is_title_row_text(p.text)), None)


def _blocks(parent: Any, qn: Any) -> Iterator[Any]:
    """Body-level paragraphs and tables, looking inside content controls."""
    for child in parent.iterchildren():
        if child.tag in (qn("w:p"), qn("w:tbl")):
            yield child
            if child.tag == qn("w:p"):
                for box in _text_boxes(child, qn):  # a table or text in a text box anchored to the paragraph
                    yield from _blocks(box, qn)
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _blocks(content, qn)
        elif child.tag == qn("w:customXml"):
            yield from _blocks(child, qn)


def _text_boxes(p: Any, qn: Any) -> List[Any]:
    """The text boxes (w:txbxContent) a paragraph anchors, each once: Word writes a box twice, as the
    drawing (mc:Choice) and as its VML fallback (mc:Fallback); the fallback is skipped."""
    boxes = []
    for box in p.iter(qn("w:txbxContent")):
        node, fallback = box.getparent(), False
        while node is not None and node is not p:
            if node.tag.endswith("}Fallback"):
                fallback = True
                break
            node = node.getparent()
        if not fallback:
            boxes.append(box)
    return boxes


def _paragraph_text(p: Any) -> str:
    return "".join(run.text or "" for run in p.xpath(_RUNS))


class _Walker:
    def __init__(self, qn: Any) -> None:
        self.qn = qn
        self.builder = BlockBuilder("docx")
        self.tables = 0

    def header(self, text: str) -> None:
        """The page header's title, read first (named 页眉: no paragraph of the body holds it)."""
        n = self.builder.next_line()
        self.builder.para(text, "页眉 (page header)", ref=SourceRef("docx", paragraph=n))

    def paragraph(self, p: Any) -> None:
        text = _paragraph_text(p)
        if not text.strip():
            self.builder.skip()
            return
        n = self.builder.next_line()
        self.builder.para(text, f"段落 {n} (paragraph {n})", ref=SourceRef("docx", paragraph=n))

    def table(self, tbl: Any) -> None:
        qn = self.qn
        rows = tbl.xpath("./w:tr | ./w:sdt/w:sdtContent/w:tr")
        if len(rows) <= 2 and any(tc.xpath("./w:tbl") for tr in rows for tc in tr.xpath("./w:tc")):
            self.container(rows)  # one or two rows of cells holding whole tables: page layout around them
            return
        self.tables += 1
        t = self.tables
        self.builder.end_table()
        above: dict = {}  # column -> the text of the cell a vertical merge continues
        for r, tr in enumerate(tbl.xpath("./w:tr | ./w:sdt/w:sdtContent/w:tr"), start=1):
            # a row that starts at a later grid column (w:gridBefore): its first cell sits under that column
            cells: List[CellIn] = [("", f"表{t} 第{r}行第{c}列 (table {t} row {r} col {c})") for c in range(1, _grid_before(tr, qn) + 1)]
            nested: List[Any] = []  # (column index, rows of a table inside that cell)
            for tc in tr.xpath("./w:tc | ./w:sdt/w:sdtContent/w:tc"):
                if _h_merge_continue(tc, qn):
                    continue  # legacy horizontal merge: shown once
                c = len(cells) + 1
                where = f"表{t} 第{r}行第{c}列 (table {t} row {r} col {c})"
                if tc.vMerge == "continue":
                    label = above.get(c, "")  # a merged label is written on every row it covers
                    cells.append((label if is_merged_label(label.strip()) else "", where))
                    continue
                inner = tc.xpath("./w:tbl")
                parts = [_paragraph_text(p) for p in (tc.xpath("./w:p") if inner else tc.iter(qn("w:p")))]
                cells.append(("\n".join(parts), where))
                above[c] = cells[-1][0] if tc.vMerge == "restart" else ""
                for sub in inner:  # a table inside the cell: its rows are read as rows of this table
                    nested.append((c - 1, [[("\n".join(_paragraph_text(p) for p in sc.iter(qn("w:p"))), where)
                                            for sc in str_.xpath("./w:tc")] for str_ in sub.xpath("./w:tr")]))
            self.builder.row(cells, f"表{t} 第{r}行 (table {t} row {r})",
                             refs=lambda i, t=t, r=r: SourceRef("docx", table=t, row=r, col=i + 1))
            for col, rows in nested:
                for inner_cells in rows:
                    lead = [(text if is_merged_label(text.strip()) else "", w) for text, w in cells[:col]]
                    spliced = lead + inner_cells + [("", w) for _, w in cells[col + 1:]]
                    self.builder.row(spliced, f"表{t} 第{r}行 (table {t} row {r})",
                                     refs=lambda i, t=t, r=r, col=col: SourceRef("docx", table=t, row=r, col=col + 1))
        self.builder.end_table()


    def container(self, rows: List[Any]) -> None:
        """A table used to set tables side by side (a row of cells, each a title and a table of its own):
        each cell's paragraphs and tables in reading order, the tables numbered as tables of their own."""
        qn = self.qn
        for tr in rows:
            for tc in tr.xpath("./w:tc"):
                for child in tc.iterchildren():
                    if child.tag == qn("w:p"):
                        self.paragraph(child)
                    elif child.tag == qn("w:tbl"):
                        self.table(child)


#: a row's leading grid columns with no cell (Word's gridBefore); more than a table is wide is a damaged file
_MAX_GRID_BEFORE = 64


def _grid_before(tr: Any, qn: Any) -> int:
    """How many grid columns a row leaves empty before its first cell (``<w:gridBefore w:val="2"/>``)."""
    found = tr.xpath("./w:trPr/w:gridBefore")
    if not found:
        return 0
    try:
        return max(0, min(int(found[0].get(qn("w:val"), "0")), _MAX_GRID_BEFORE))
    except ValueError:
        return 0


def _h_merge_continue(tc: Any, qn: Any) -> bool:
    tcPr = tc.tcPr
    if tcPr is None:
        return False
    h = tcPr.find(qn("w:hMerge"))
    return h is not None and h.get(qn("w:val"), "continue") != "restart"
