"""Excel (.xlsx) through openpyxl: every visible sheet, row by row.

``read_only=False`` so merged ranges are known (openpyxl keeps the value in
the top-left cell and empties the others, as the text export does);
``data_only=True`` so formulas give their cached values (a workbook that stores formulas
without results, a program's output, has them computed: :mod:`.formulas`).  Numbers are
written as the sheet shows them (``0.00`` → ``170.00``, ``0%`` → ``95%``),
blank rows separate tables, a row holding only a title becomes a paragraph
(:mod:`.builder`).  Line = a running row number across the sheets, which
the location states beside the cell reference.
"""
from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any, Dict, List, Optional, Tuple

from ...models import Document, ParseIssue
from ..limits import cell_budget
from .base import NativeReader
from ...sources import SourceRef
from .builder import BlockBuilder, CellIn, join_continued
from .formulas import compute, compute_book, uncomputed_formulas
from .sniff import XLSX_EXTENSIONS

#: cells read per workbook; the rest is reported as PARSE002
MAX_CELLS = 2_000_000
#: columns of one table; a budget table has about 10, the rest is stray content
MAX_COLUMNS = 256
#: running rows (all sheets) read; a cell in row 1,048,576 must not cost a million lines
MAX_ROWS = 2_000_000

_DECIMALS = re.compile(r"\.([0#?]+)")


class XlsxReader(NativeReader):
    name = "xlsx"
    kind = "xlsx"
    library = "openpyxl"
    extensions = XLSX_EXTENSIONS
    description = "Excel workbooks (.xlsx): every visible sheet, merged cells as in the text export"

    def parse(self, path: str, data: bytes) -> Document:
        import openpyxl
        from openpyxl.utils import get_column_letter

        # read_only: rows are streamed from the XML, never a Cell object for every cell (memory bound)
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        builder = BlockBuilder("xlsx")
        issues: List[ParseIssue] = []
        offset = 0
        budget = min(MAX_CELLS, cell_budget(len(data)))  # memory bound: readers/limits.py
        # a program's workbook: formulas stored without results (those reaching other sheets computed over the book)
        formulas = {sheet.title: uncomputed_formulas(book, sheet) for sheet in book.worksheets if sheet.sheet_state == "visible"}
        computed = _book_formulas(book, formulas, budget)
        for sheet in book.worksheets:
            if sheet.sheet_state != "visible" or budget <= 0:
                continue
            values, truncated = _values(sheet, budget, formulas.get(sheet.title), computed.get(sheet.title) if computed else None)
            budget -= len(values)
            if truncated:
                issues.append(ParseIssue(rule="PARSE002", line=offset + 1,
                                         message=f"工作表“{sheet.title}”单元格过多，只读取了前 {MAX_CELLS} 个 / sheet {sheet.title}: over {MAX_CELLS} cells, the rest not read"))
            if not values:
                continue
            ranges = merged_ranges(book, sheet)
            _repeat_merged_labels(ranges, values)
            by_row: Dict[int, Dict[int, str]] = {}
            for (r, c), text in values.items():
                by_row.setdefault(r, {})[c] = text
            first_col = min(c for _, c in values)
            merged = _merged(ranges)
            table: List[Tuple[int, Dict[int, str]]] = []
            for r in sorted(by_row):
                if offset + r > MAX_ROWS:
                    issues.append(ParseIssue(rule="PARSE002", line=MAX_ROWS,
                                             message=f"工作表“{sheet.title}”第 {r} 行超出 {MAX_ROWS} 行上限，未读取 / rows past {MAX_ROWS} (all sheets) not read"))
                    break
                if table and r != table[-1][0] + 1:  # a blank row separates tables
                    _emit(builder, sheet.title, offset, first_col, table, get_column_letter, merged)
                    table = []
                table.append((r, by_row[r]))
            _emit(builder, sheet.title, offset, first_col, table, get_column_letter, merged)
            offset += max(by_row)
            if offset >= MAX_ROWS:
                break
        return builder.document(path, "xlsx", issues)


def _book_formulas(book: Any, visible: Dict[str, Dict[Tuple[int, int], str]], budget: int) -> Optional[Dict[str, Dict[Tuple[int, int], Any]]]:
    """Every sheet's formula results when some formula of a visible sheet stored without its result refers
    to another sheet (``'得分汇总'!A1``, perhaps referring back, or a hidden sheet): the book's stored values
    read once more, within the cell budget; None when no formula reaches across sheets (each sheet is then
    computed on its own)."""
    if not any("!" in text for own in visible.values() for text in own.values()):
        return None
    formulas = {sheet.title: visible[sheet.title] if sheet.title in visible else uncomputed_formulas(book, sheet)
                for sheet in book.worksheets}
    stored: Dict[str, Dict[Tuple[int, int], Any]] = {}
    count = 0
    for sheet in book.worksheets:
        if hasattr(sheet, "reset_dimensions"):
            sheet.reset_dimensions()
        cells: Dict[Tuple[int, int], Any] = {}
        for row in sheet.iter_rows():
            for c in row:
                value = getattr(c, "value", None)
                if value is not None:
                    cells[(c.row, c.column)] = value
                    count += 1
            if count > budget:
                return None  # a book too large to hold whole: each sheet computed on its own
        stored[sheet.title] = cells
    return compute_book(formulas, stored)


def _values(sheet: Any, budget: int, formulas: Optional[Dict[Tuple[int, int], str]] = None,
            computed: Optional[Dict[Tuple[int, int], Any]] = None) -> Tuple[Dict[Tuple[int, int], str], bool]:
    """Non-empty cell texts by (row, col); True when the cell budget ran out.  ``formulas``: cells holding a
    formula and no stored result, computed as the office suite would on opening the file (:mod:`.formulas`),
    or taken from ``computed`` (the book's results, for formulas that reach across sheets)."""
    cells = getattr(sheet, "_cells", None)
    if hasattr(sheet, "reset_dimensions"):  # read-only: a lying <dimension> must not pad every row to XFD
        sheet.reset_dimensions()
    pending = formulas or {}
    source = cells.items() if isinstance(cells, dict) else (
        ((c.row, c.column), c) for row in sheet.iter_rows() for c in row
        if getattr(c, "value", None) is not None or (pending and (getattr(c, "row", None), getattr(c, "column", None)) in pending))
    out: Dict[Tuple[int, int], str] = {}
    stored: Dict[Tuple[int, int], Any] = {}  # what formulas refer to (only when there are formulas to compute)
    formats: Dict[Tuple[int, int], str] = {}
    for key, cell in source:
        if len(out) >= budget:
            return out, True
        if pending:
            if key in pending:
                formats[key] = getattr(cell, "number_format", None) or "General"
                continue
            stored[key] = cell.value
        text = cell_text(cell)
        if text.strip():
            out[key] = text
    if pending:
        for key, result in (computed if computed is not None else compute(pending, stored)).items():
            shown = formats.get(key, "General")
            if shown == "General" and isinstance(result, float) and _PERCENT_LITERAL.match(pending[key]):
                text = f"{round(result * 100, 10):g}%"  # =95%: typed as a percent, shown as one (not as 0.95)
            elif result is None and _TYPED_TEXT.match(pending[key]):
                text = "=" + pending[key]  # =12所, =0次: a value typed after its equals sign, which no suite computes
            else:
                text = _result_text(result, shown)
            if text.strip():
                out[key] = text
    return out, False


#: a "formula" that is a value in words typed after ``=`` (=12所, =0次): Chinese outside any quotes or sheet name
_TYPED_TEXT = re.compile(r'^[^"!()\'\[\]]*[\u4e00-\u9fff][^"!()\'\[\]]*$')
#: a formula that is a percent typed after ``=`` and nothing else
_PERCENT_LITERAL = re.compile(r"^\s*[-+]?\d+(?:\.\d+)?\s*%\s*$")


def _result_text(result: Any, number_format: str) -> str:
    """A computed formula's result as the sheet shows it (its number format; TRUE / FALSE)."""
    if result is None:
        return ""
    if isinstance(result, bool):
        return "TRUE" if result else "FALSE"
    if isinstance(result, float):
        return format_number(int(result) if result.is_integer() else result, number_format)
    return str(result)


_MERGE_CELL = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]{1,3}[0-9]{1,7}:[A-Z]{1,3}[0-9]{1,7})"')


def merged_ranges(book: Any, sheet: Any) -> List[Tuple[int, int, int, int, str]]:
    """The sheet's merged ranges as (min_col, min_row, max_col, max_row, "A7:A9").

    A read-only sheet (rows streamed) does not load them, so the <mergeCell> elements are
    found by streaming the sheet's XML from the archive in chunks (memory stays bounded)."""
    from openpyxl.utils.cell import range_boundaries

    refs: List[str] = []
    loaded = getattr(getattr(sheet, "merged_cells", None), "ranges", None)
    if loaded is not None:
        refs = [rng.coord for rng in loaded]
    else:
        archive, path = getattr(book, "_archive", None), getattr(sheet, "_worksheet_path", None)
        if archive is None or path is None:
            return []
        try:
            with archive.open(path) as fh:
                tail = b""
                while True:
                    chunk = fh.read(1 << 16)
                    if not chunk:
                        break
                    data = tail + chunk
                    refs += [m.group(1).decode("ascii") for m in _MERGE_CELL.finditer(data)]
                    cut = data.rfind(b"<")
                    tail = data[cut:] if cut >= 0 and data.find(b">", cut) < 0 else b""
                    if len(refs) > 100_000:
                        break
        except (KeyError, OSError, ValueError):
            return []
    out = []
    for ref in refs:
        try:
            c1, r1, c2, r2 = range_boundaries(ref)
        except ValueError:
            continue
        out.append((c1, r1, c2, r2, ref))  # type: ignore[arg-type]
    return out


def _repeat_merged_labels(ranges: List[Tuple[int, int, int, int, str]], values: Dict[Tuple[int, int], str]) -> None:
    """A label merged down over rows is written on every row it covers (RULES.md "Merged cells")."""
    from .builder import is_merged_label

    for c1, r1, c2, r2, _ in ranges:
        if r2 == r1 or r2 - r1 > 1000:
            continue
        top = values.get((r1, c1), "")
        if is_merged_label(top.strip()):
            for r in range(r1 + 1, r2 + 1):
                values.setdefault((r, c1), top)


def _merged(ranges: List[Tuple[int, int, int, int, str]]) -> Dict[Tuple[int, int], str]:
    """(row, col) → the merged range (``E13:E15``) it belongs to, for every cell of every range."""
    out: Dict[Tuple[int, int], str] = {}
    for c1, r1, c2, r2, ref in ranges:
        if (r2 - r1 + 1) * (c2 - c1 + 1) > 10_000:
            continue  # a range over a whole column says nothing about a cell
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                out[(r, c)] = ref
    return out


def _emit(builder: BlockBuilder, title: str, offset: int, first_col: int,
          table: List[Tuple[int, Dict[int, str]]], letter: Any, merged: Optional[Dict[Tuple[int, int], str]] = None) -> None:
    """One blank-separated block of rows → one grid, padded to its widest row."""
    if not table:
        return
    last_col = min(max(max(row) for _, row in table), first_col + MAX_COLUMNS - 1)  # a cell in column XFD is not a table
    table = _join_wrapped_rows(table, first_col, merged or {})
    for r, row in table:
        line = offset + r
        cells: List[CellIn] = []
        for c in range(first_col, last_col + 1):
            cells.append((row.get(c, ""), f"{title}!{letter(c)}{r} (第{line}行 / row {line} of all sheets)"))
        builder.row(cells, f"{title}!{letter(first_col)}{r} (第{line}行 / row {line} of all sheets)", line=line,
                    refs=lambda i, r=r: SourceRef("xlsx", sheet=title, cell=f"{letter(first_col + i)}{r}",
                                                  merged=(merged or {}).get((r, first_col + i))))
    builder.end_table()


def _join_wrapped_rows(table: List[Tuple[int, Dict[int, str]]], first_col: int,
                       merged: Dict[Tuple[int, int], str]) -> List[Tuple[int, Dict[int, str]]]:
    """Rows a PDF-to-Excel converter made of a cell's second line (every printed line a row): a row with
    one cell of text of its own (merged labels repeated from above aside), not in the first column and not
    merged, right under a filled cell of a row of three or more, is the rest of that cell (其中：财政 /
    资金, a wrapped name, ≥42 / 万平方米)."""
    from ...names import is_level1, is_level2
    from ..performance import _key_and_value_text

    out: List[Tuple[int, Dict[int, str]]] = []
    for r, row in table:
        if out:
            above = out[-1][1]
            # the row's own text: not a merged label repeated from the row above
            own = {c: t for c, t in row.items() if t.strip() and not ((r, c) in merged and above.get(c) == t)}
            filled = len([t for t in above.values() if t.strip()])
            if _wrapped_shape(own, first_col, filled) \
                    and all(above.get(c, "").strip() and (r, c) not in merged and not _NUMBER_ONLY.match(t.strip())
                            and len(t.strip()) <= _WRAP_REST_MAX and _key_and_value_text(t.strip())[0] is None  # 其他资金: a row
                            and not is_level1(t) and not is_level2(t)  # 产出指标 | 质量指标 | …: an indicator row
                            and not _whole_label(above[c], _key_and_value_text) for c, t in own.items()) \
                    and (len(own) == 1 or _text_over(own, above, out[-1][0], merged)):
                joined = dict(above)
                for c, t in own.items():
                    joined[c] = join_continued(above[c], t)
                out[-1] = (out[-1][0], joined)
                continue
        out.append((r, row))
    return out


def _wrapped_shape(own: Dict[int, str], first_col: int, filled: int) -> bool:
    """Whether a row's own cells can be the second lines of the row above (of three filled cells or more):
    one cell not in the first column (其中：财政 / 资金), or the first column's label and a few more cells
    wrapped with it (预算规模及资 / 金用途 beside 其中：财政 / 资金) — at most half the row above, whose
    values sit on its first line."""
    if filled < 3 or not own:
        return False
    if len(own) == 1:
        return first_col not in own
    # 填表人：王璐 | 审核人：陈建华 under a list: fields of their own (a label and its value), not the rest of cells
    return first_col in own and 2 * len(own) <= filled and not any(":" in t or "：" in t for t in own.values())


def _text_over(own: Dict[int, str], above: Dict[int, str], above_row: int, merged: Dict[Tuple[int, int], str]) -> bool:
    """Whether every cell above the row's own cells holds text of its own, cut short: not a number (a plan's
    55 over 绩效目标's text) and not a merged label repeated down its range (资金支出计划（%） over A5:A8)."""
    return all(not _NUMBER_ONLY.match(above[c].strip()) and (above_row, c) not in merged for c in own)


def _whole_label(text: str, key_and_value: Any) -> bool:
    """A key label whole in its cell (预算数): the line below it is no rest of it."""
    key, inline = key_and_value(text.strip())
    return key is not None and inline is None


#: the rest of a wrapped cell is a few words (a name's tail, a unit), not a sentence of its own (资金用途)
_WRAP_REST_MAX = 16
#: a cell holding a number alone is a value of its own, never the rest of the cell above
_NUMBER_ONLY = re.compile(r"^[-+≥≤<>=]?\s*\d[\d,.]*\s*%?$")


def cell_text(cell: Any) -> str:
    """A cell's value as the sheet shows it."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        return format_number(value, getattr(cell, "number_format", None) or "General")
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def format_number(value: float, number_format: str) -> str:
    """``170`` → "170", ``44.1`` → "44.1"; decimals and percent as the format says."""
    section = number_format.split(";")[0]
    section = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", section)  # quoted text, colours, escapes
    m = _DECIMALS.search(section)
    decimals: Optional[int] = len(m.group(1)) if m and "0" in section else None
    if "%" in section:
        value = value * 100
        return f"{value:.{decimals or 0}f}%" if decimals is not None or float(value).is_integer() else f"{value:.15g}%"
    if decimals is not None:
        return f"{value:.{decimals}f}"
    if isinstance(value, int) or float(value).is_integer():
        return str(int(value))
    return f"{value:.15g}"
