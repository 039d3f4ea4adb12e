"""PDF through pdfplumber: per page, the ruled tables and the text lines
outside them, in reading order (top to bottom).

Each table on a page is its own grid, so a table cut by a page break comes
out as consecutive grids under one title — the case
:func:`~auditor.readers.assemble.assemble` and the performance reader
already repair (repeated header, continued cells), as for markdown exports
of PDFs.  A cell's wrapped lines are joined without a space unless both
sides are letters (a project code wrapped at the cell edge stays whole).
Line = a running count of text lines and table rows; the location gives
the page and the row on that page.  At most ``MAX_PDF_PAGES`` pages are
read (PARSE002 says so).
"""
from __future__ import annotations

import io
import re
from typing import Any, List, Optional, Sequence, Tuple

from ...models import Document, ParseIssue
from ...values import compact
from .base import NativeReader
from ...sources import SourceRef
from .builder import BlockBuilder, CellIn
from .safety import MAX_PDF_PAGES, Refusal
from .sniff import PDF_EXTENSIONS

Box = Tuple[float, float, float, float]
_CID = re.compile(r"\(cid:\d+\)")


class PdfReader(NativeReader):
    name = "pdf"
    kind = "pdf"
    library = "pdfplumber"
    extensions = PDF_EXTENSIONS
    description = "PDF files with a text layer: ruled tables and text lines in reading order"

    def parse(self, path: str, data: bytes) -> Document:
        import pdfplumber

        try:
            pdf = pdfplumber.open(io.BytesIO(data))
        except Exception as exc:
            if _encrypted(exc):
                raise Refusal("PDF 已加密（需要密码），无法读取 / encrypted PDF: a password is needed to read it") from None
            raise
        builder = BlockBuilder("pdf", wrapped=True)
        issues: List[ParseIssue] = []
        with pdf:
            total = len(pdf.pages)
            for number, page in enumerate(pdf.pages[:MAX_PDF_PAGES], start=1):
                _read_page(builder, page, number)
                page.close()
            if total > MAX_PDF_PAGES:
                issues.append(ParseIssue(rule="PARSE002", line=builder.next_line(),
                                         message=f"PDF 共 {total} 页，只读取了前 {MAX_PDF_PAGES} 页 / {total} pages; only the first {MAX_PDF_PAGES} were read"))
            _check_text_layer(builder.lines, encrypted=bool(getattr(pdf.doc, "encryption", None)))
        return builder.document(path, "pdf", issues)


def _check_text_layer(lines: List[str], encrypted: bool) -> None:
    """Refuse a PDF whose text cannot be audited: a scan, or glyphs without Unicode."""
    text = compact("".join(lines))
    if not text:
        raise Refusal("PDF 没有文字层（扫描件？），需先做文字识别 / no text layer (a scanned image?); run OCR first",
                      ref=SourceRef("pdf", page=1))  # the page to open: a picture, no text
    garbage = sum(len(m) for m in _CID.findall(text))
    if garbage * 2 > len(text):
        zh, en = ("文件已加密", "the file is encrypted") if encrypted else ("字体缺少 Unicode 映射", "its fonts lack a Unicode map")
        raise Refusal(f"PDF 文字无法解码（{zh}） / the PDF text cannot be decoded: {en}")


def _encrypted(exc: BaseException) -> bool:
    seen: Optional[BaseException] = exc
    for _ in range(5):
        if seen is None:
            break
        text = f"{type(seen).__name__} {seen}"
        if "Password" in text or "Encrypt" in text or "encrypt" in text:
            return True
        seen = seen.__cause__ or seen.__context__ or (seen.args[0] if seen.args and isinstance(seen.args[0], BaseException) else None)
    return False


def _inside(obj: Any, boxes: Sequence[Box]) -> bool:
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)


def _read_page(builder: BlockBuilder, page: Any, number: int) -> None:
    """Tables and the text lines outside them, sorted by their top edge."""
    tables = page.find_tables()
    if not tables and _unruled_table(page):
        _read_layout_page(builder, page, number)
        return
    boxes: List[Box] = [t.bbox for t in tables]
    outside = page.filter(lambda obj: not _inside(obj, boxes)) if boxes else page
    items: List[Tuple[float, int, Any]] = [(line["top"], 0, line) for line in outside.extract_text_lines(return_chars=False)]
    items += [(t.bbox[1], 1, t) for t in tables]
    items.sort(key=lambda item: (item[0], item[1]))
    row_on_page = 0
    for _, is_table, item in items:
        if not is_table:
            row_on_page += 1
            builder.para(item["text"], f"第{number}页 第{row_on_page}行 (page {number} row {row_on_page})",
                         ref=SourceRef("pdf", page=number, row=row_on_page,
                                       bbox=(round(item["x0"], 1), round(item["top"], 1), round(item["x1"], 1), round(item["bottom"], 1))))
            continue
        builder.end_table()  # every table on every page is its own grid
        boxes: List[List[Optional[Box]]] = []
        for at, values in enumerate(table_rows(item, boxes)):
            row_on_page += 1
            k = row_on_page
            cells: List[CellIn] = [(text, f"第{number}页 第{k}行第{c}列 (page {number} row {k} col {c})")
                                   for c, text in enumerate(values, start=1)]
            row_boxes = boxes[at]
            builder.row(cells, f"第{number}页 第{k}行 (page {number} row {k})",
                        refs=lambda i, number=number, k=k, b=row_boxes: SourceRef(
                            "pdf", page=number, row=k, col=i + 1,
                            bbox=tuple(round(v, 1) for v in b[i]) if i < len(b) and b[i] is not None else None))
        builder.end_table()


#: labels of a table the tool reads a page must name before its unruled text is read as one
_MIN_LABELS = 2


def _unruled_table(page: Any) -> bool:
    """A page with no ruled table whose text names a table's labels (一级指标, 项目编码, 承接主体名称 …):
    a table printed without borders, or a scan whose grid is in the image and its text an invisible OCR
    layer."""
    from ..aligned import table_labels

    text = compact(page.extract_text() or "")
    if not text:
        return False
    return sum(1 for label in table_labels() if label in text) >= _MIN_LABELS


def _column_width(page: Any) -> float:
    """Points a text column is wide in the page's layout text: half a Chinese character's width, so a
    character takes two columns as on a screen (what the space-aligned reader counts) and the gap between
    two cells shows as spaces enough to tell it from the space inside one."""
    widths = sorted(c["x1"] - c["x0"] for c in page.chars if ord(c["text"][:1] or " ") >= 0x2E80)
    return max(widths[len(widths) // 2] / 2, 1.0) if widths else 3.5


def _read_layout_page(builder: BlockBuilder, page: Any, number: int) -> None:
    """The page as ``pdftotext -layout`` would print it (words at their columns), read by the
    space-aligned reader: its grids become the page's tables, its other lines paragraphs.  The location
    names the page and the text line on it (no cell box: the grid is in the image)."""
    from ..aligned import aligned_grids
    from ..blocks import Grid, text_blocks

    lines = (page.extract_text(layout=True, x_density=_column_width(page)) or "").split("\n")
    row_of = {}  # line index → the text line's number on the page (blank lines not counted)
    for i, line in enumerate(lines, start=1):
        if line.strip():
            row_of[i] = len(row_of) + 1
    for block in aligned_grids(text_blocks(lines), lines):
        if not isinstance(block, Grid):
            k = row_of.get(block.line, 0)
            builder.para(block.text, f"第{number}页 第{k}行 (page {number} row {k})", ref=SourceRef("pdf", page=number, row=k))
            continue
        builder.end_table()
        for row in block.rows:
            k = row_of.get(row.line, 0)
            cells: List[CellIn] = [(c.text, f"第{number}页 第{k}行第{i}列 (page {number} row {k} col {i})") for i, c in enumerate(row.cells, start=1)]
            builder.row(cells, f"第{number}页 第{k}行 (page {number} row {k})",
                        refs=lambda i, k=k: SourceRef("pdf", page=number, row=k, col=i + 1))
        builder.end_table()


def table_rows(table: Any, boxes: Optional[List[List[Optional[Box]]]] = None) -> List[List[str]]:
    """A pdfplumber table's rows as the text export shows them.

    pdfplumber gives None where no cell starts: a cell merged across
    columns is shown once (the None after it dropped, as in the Word
    export), a cell continued from the row above is an empty cell.  Two
    touching tables with different columns, which pdfplumber finds as one,
    so come back with their own cell counts.  ``boxes`` (when given) gets each
    kept cell's box, row by row, for the cells' source references.
    """
    starts = sorted({cell[0] for cell in table.cells})
    out: List[List[str]] = []
    above: List[Any] = []  # the rows read so far (their cells' boxes)
    for row, values in zip(table.rows, table.extract()):
        texts: List[str] = []
        kept: List[Optional[Box]] = []
        top = min((b[1] for b in row.cells if b is not None), default=None)
        for c, (box, text) in enumerate(zip(row.cells, values)):
            if box is None:
                x = starts[c] if c < len(starts) else None
                if x is not None and any(b is not None and b[0] < x and b[2] > x + 0.5 for b in row.cells[:c]):
                    continue
                if x is not None and top is not None and _inside_merge_from_above(above, x, top):
                    continue  # a cell merged down and across: continued once, as the row above shows it once
            texts.append(text or "")
            kept.append(box)
        out.append(texts)
        above.append(row.cells)
        if boxes is not None:
            boxes.append(kept)
    return out


#: rows looked back for a cell merged down (a merge is a few rows tall; a bound keeps a hostile table linear)
_MERGE_REACH = 64


def _inside_merge_from_above(above: List[Any], x: float, top: float) -> bool:
    """Whether column start ``x`` of a row starting at ``top`` lies inside (not at the left edge of)
    a cell of a row above that is merged across columns and reaches down into this row."""
    for cells in reversed(above[-_MERGE_REACH:]):
        for b in cells:
            if b is not None and b[0] - 0.5 <= x < b[2] - 0.5 and b[3] > top + 0.5:
                return b[0] < x - 0.5
    return False
