"""HTML (web-page notices, tables saved from Word or Excel) with the standard
library's ``html.parser`` — no new dependency.

The page is built into a small tolerant tree (unclosed ``<p>``, ``<td>``,
``<tr>`` and ``<li>`` close themselves), then walked: block elements and
``<br>`` make paragraph lines; data tables become grids, ``colspan`` giving
empty cells after the first and ``rowspan`` empty cells in the rows below,
as the text export shows merged cells.  A table that holds another table or
has one column is page layout, and is read as paragraphs.  Scripts, styles
and the ``<head>`` are skipped; entities are decoded by the parser; the
charset comes from a BOM, valid UTF-8, the ``<meta>`` tag or the bytes
(:func:`auditor.readers.decode.decode`).  Line = the source line of the
element (``HTMLParser.getpos``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Dict, List, Optional, Tuple, Union

from ...models import Document, ParseIssue
from ..decode import UndecodableError, decode, looks_binary, valid_text
from ..limits import cell_budget, over_budget_message
from .base import NativeReader
from ...sources import SourceRef
from ...values import compact
from .builder import BlockBuilder, CellIn, is_merged_label, join_continued
from .safety import MAX_HTML_CHARS, Refusal, defuse_markup
from .sniff import HTML_EXTENSIONS

_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_SKIP = frozenset("script style noscript template head title iframe object svg math select option".split())
_BLOCK = frozenset(
    "address article aside blockquote caption center dd details dialog div dl dt fieldset figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody td tfoot th thead tr ul".split()
)
_HEAD_ONLY = frozenset("base link meta noscript script style template title".split())
_CELL = frozenset(("td", "th"))
_ROW_GROUP = frozenset(("thead", "tbody", "tfoot"))
#: deeper elements are flattened into their ancestor (no recursion blow-up)
MAX_DEPTH = 200
MAX_COLSPAN = 64
MAX_ROWSPAN = 500
#: cells of one table row, spans included
MAX_ROW_CELLS = 256

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_GB = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030", "big5": "big5hkscs"}
_BREAK_SPACE = re.compile(r"\s*\n\s*")
_SPACE = re.compile(r"\s+")


@dataclass
class Text:
    text: str
    line: int


@dataclass
class Element:
    tag: str
    line: int
    attrs: Dict[str, str] = field(default_factory=dict)
    children: List[Union["Element", Text]] = field(default_factory=list)


class _TreeBuilder(HTMLParser):
    """A forgiving tree: implied end tags for p/li/td/th/tr, stray end tags ignored."""

    def __init__(self, max_nodes: int = 2**62) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#root", 1)
        self.stack: List[Element] = [self.root]
        #: elements and texts kept (memory bound, readers/limits.py); the line where keeping stopped
        self.nodes, self.max_nodes, self.cut_line = 0, max_nodes, 0

    def _full(self) -> bool:
        self.nodes += 1
        if self.nodes > self.max_nodes and not self.cut_line:
            self.cut_line = self.getpos()[0]
        return self.nodes > self.max_nodes

    def _close_to(self, tag: str, stop: Tuple[str, ...] = ()) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            name = self.stack[i].tag
            if name in stop:
                return
            if name == tag:
                del self.stack[i:]
                return

    def handle_starttag(self, tag: str, attrs: List[Tuple[str, Optional[str]]]) -> None:
        if self._full():
            return
        if tag in ("p", "li", "dt", "dd"):
            self._close_to(tag, stop=("table", "td", "th", "ul", "ol", "div", "dl"))
        elif tag in _CELL:
            self._close_to("td", stop=("tr", "table"))
            self._close_to("th", stop=("tr", "table"))
        elif tag == "tr":
            self._close_to("tr", stop=("table",))
        elif tag in _ROW_GROUP:
            for t in ("tr",) + tuple(_ROW_GROUP):
                self._close_to(t, stop=("table",))
        elif tag not in _HEAD_ONLY:
            self._close_to("head")  # content before <body>: the head has ended
        element = Element(tag, self.getpos()[0], {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(element)
        if tag not in _VOID and len(self.stack) < MAX_DEPTH:
            self.stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        if tag in _CELL or tag == "tr":
            self._close_to(tag, stop=("table",))
        else:
            self._close_to(tag)

    def handle_data(self, data: str) -> None:
        if data and not self._full():
            self.stack[-1].children.append(Text(data, self.getpos()[0]))


def _charset(data: bytes) -> Optional[str]:
    m = _META_CHARSET.search(data[:8192])
    if not m:
        return None
    name = m.group(1).decode("ascii", "replace").lower()
    return _GB.get(name, name)


_MIME_HEAD = re.compile(rb"^(?:[\w-]+:[^\n]*\n(?:[ \t][^\n]*\n)*)*?(?:MIME-Version|Content-Type):", re.I)


def web_archive_page(data: bytes) -> Optional[bytes]:
    """The HTML part of a web archive (.mht / .mhtml: a page saved with its images as one MIME message,
    the HTML quoted-printable or base64 in the charset its part declares), as UTF-8 with a BOM; None for
    anything that is no MIME message holding a page."""
    head = data[:4096].replace(b"\r\n", b"\n")
    if not _MIME_HEAD.match(head) or b"multipart/" not in head.lower() and b"text/html" not in head.lower():
        return None
    import email
    import email.policy

    try:
        message = email.message_from_bytes(data, policy=email.policy.compat32)
        for part in message.walk():
            if part.get_content_type() != "text/html":
                continue
            payload = part.get_payload(decode=True)
            if not isinstance(payload, bytes):
                continue
            charset = part.get_content_charset()
            if charset:
                try:
                    return b"\xef\xbb\xbf" + payload.decode(charset).encode("utf-8")
                except (LookupError, UnicodeError):
                    pass  # a part that lies about its charset: the page's own meta or detection decides
            return payload
    except (ValueError, TypeError, IndexError, LookupError):
        return None
    return None


def decode_html(data: bytes) -> Tuple[str, str]:
    """Bytes → text: a BOM wins, then valid UTF-8 (pages saved as UTF-8 often
    still declare gb2312, and GB18030 would decode them into nonsense without
    an error), then the declared charset, then detection."""
    if not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
        declared = _charset(data)
        if declared:
            try:
                return data.decode(declared), declared
            except (LookupError, UnicodeError, ValueError, TypeError):
                pass  # the page lies about its charset: detect instead
    return decode(data)


def _inline_text(raw: str) -> str:
    """HTML white space: line breaks vanish between CJK text, other runs become one space."""
    out = ""
    for part in _BREAK_SPACE.split(raw):
        part = _SPACE.sub(" ", part)
        out = join_continued(out, part) if out else part
    return out if out.strip() else (" " if raw else "")


def _span(value: str, limit: int) -> int:
    m = re.match(r"\s*(\d+)", value or "")
    return max(1, min(int(m.group(1)), limit)) if m else 1


class _Walker:
    def __init__(self) -> None:
        self.builder = BlockBuilder("html")
        self.buffer = ""
        self.buffer_line = 0
        self.tables = 0

    # -- paragraphs -------------------------------------------------------------
    def flush(self) -> None:
        if self.buffer.strip():
            line = self.buffer_line
            self.builder.para(self.buffer, f"源码第{line}行 (source line {line})", line=line)
        self.buffer, self.buffer_line = "", 0

    def text(self, node: Text) -> None:
        piece = _inline_text(node.text)
        if not piece:
            return
        if not self.buffer.strip():
            self.buffer_line = node.line
            piece = piece.lstrip()
        self.buffer += piece

    def walk(self, node: Element) -> None:
        for child in node.children:
            if isinstance(child, Text):
                self.text(child)
            elif child.tag in _SKIP:
                continue
            elif child.tag == "br":
                self.flush()
            elif child.tag == "table":
                self.flush()
                if _is_layout(child):
                    self.walk_cells_as_blocks(child)
                else:
                    self.table(child)
            elif child.tag in _BLOCK:
                self.flush()
                self.walk(child)
                self.flush()
            else:
                self.walk(child)

    def walk_cells_as_blocks(self, table: Element) -> None:
        for element in _rows(table):
            for cell in _cells(element):
                self.walk(cell)
                self.flush()

    # -- data tables --------------------------------------------------------------
    def table(self, table: Element) -> None:
        self.tables += 1
        t = self.tables
        self.builder.end_table()
        pending: Dict[int, int] = {}  # column -> rows still covered by a rowspan from above
        spanned: Dict[int, str] = {}  # column -> the text of the rowspan cell covering it
        for r, tr in enumerate(_rows(table), start=1):
            cells: List[CellIn] = []

            def where(col: int) -> str:
                return f"表{t} 第{r}行第{col + 1}列 (table {t} row {r} col {col + 1}), 源码第{tr.line}行 / source line {tr.line}"

            def covered() -> None:
                while pending.get(len(cells), 0) > 0:
                    pending[len(cells)] -= 1
                    label = spanned.get(len(cells), "")  # a merged label is written on every row it covers
                    cells.append((label if is_merged_label(label.strip()) else "", where(len(cells))))

            merges: Dict[int, str] = {}  # column -> the colspan it belongs to (the label and its blank fillers)
            nested: List[Tuple[int, Element]] = []  # (column, table) of a cell holding a table of its own
            for td in _cells(tr):
                if len(cells) >= MAX_ROW_CELLS:  # colspan abuse: a budget table row has a handful of cells
                    break
                covered()
                start = len(cells)
                inner = _nested_table(td)
                if inner is not None:
                    first = _rows(inner)[:1]
                    texts = [_cell_text(c) for c in _cells(first[0])] if first else [""]
                    cells.extend((text, where(start)) for text in texts)  # its first row in place of the cell
                    nested.append((start, inner))
                    continue
                cells.append((_cell_text(td), where(start)))
                span = _span(td.attrs.get("colspan", ""), MAX_COLSPAN)
                cells.extend(("", where(start + i)) for i in range(1, span))
                if span > 1:
                    for i in range(span):
                        merges[start + i] = f"第{r}行第{start + 1}-{start + span}列"
                down = _span(td.attrs.get("rowspan", ""), MAX_ROWSPAN) - 1
                if down:
                    for col in range(start, start + span):
                        pending[col] = down
                        spanned[col] = cells[start][0] if col == start else ""
            for col in sorted(c for c, n in pending.items() if n > 0 and c >= len(cells)):
                while len(cells) < col:
                    cells.append(("", where(len(cells))))
                covered()
            self.builder.row(cells, f"表{t} 第{r}行 (table {t} row {r})", line=tr.line,
                             refs=lambda i, t=t, r=r, m=merges: SourceRef("html", table=t, row=r, col=i + 1, merged=m.get(i)))
            for col, inner in nested[:1]:  # the nested table's other rows below, under its cell (a plan's values)
                for more in _rows(inner)[1:MAX_NESTED_ROWS]:
                    extra: List[CellIn] = [("", where(c)) for c in range(col)] + [(_cell_text(c), where(col)) for c in _cells(more)]
                    self.builder.row(extra, f"表{t} 第{r}行 (table {t} row {r})", line=more.line,
                                     refs=lambda i, t=t, r=r, col=col: SourceRef("html", table=t, row=r, col=(i if i < col else col) + 1))
        self.builder.end_table()


def _rows(table: Element) -> List[Element]:
    """The table's own rows (inside thead/tbody/tfoot too), not a nested table's."""
    out: List[Element] = []
    for child in table.children:
        if isinstance(child, Element):
            if child.tag == "tr":
                out.append(child)
            elif child.tag in _ROW_GROUP:
                out.extend(c for c in child.children if isinstance(c, Element) and c.tag == "tr")
    return out


def _cells(tr: Element) -> List[Element]:
    return [c for c in tr.children if isinstance(c, Element) and c.tag in _CELL]


def _contains_table(node: Element) -> bool:
    return any(isinstance(c, Element) and (c.tag == "table" or _contains_table(c)) for c in node.children)


def _is_layout(table: Element) -> bool:
    """Page layout, not data: no row has two cells, or it holds a table (or is a single row, a nav bar)
    and names none of the labels of a table the tool reads in its own cells (a data table may hold a
    small table in a cell: a plan's 3月底 … 12月底 over their values)."""
    rows = _rows(table)
    if all(len(_cells(tr)) <= 1 for tr in rows):
        return True
    one_row = len(rows) == 1  # a site's nav bar (首页 | 政务公开 | 政务服务): no table unless it names a label
    if not one_row and not _contains_table(table):
        return False
    from ..aligned import table_labels

    labels = table_labels()
    own = {compact(_cell_text(td)) for tr in rows for td in _cells(tr) if _nested_table(td) is None}
    return not any(t in labels and t not in ("序号", "备注", "单位", "合计") for t in own)


def _nested_table(td: Element) -> Optional[Element]:
    """The table a data cell holds, if any (the first; a cell is rarely a page of its own)."""
    for child in td.children:
        if isinstance(child, Element):
            if child.tag == "table":
                return child
            found = _nested_table(child)
            if found is not None:
                return found
    return None


#: rows of a table nested in a cell that are read (a plan is two rows; a bound against a hostile page)
MAX_NESTED_ROWS = 50


def _cell_text(td: Element) -> str:
    """A cell's text; its paragraphs and <br> lines joined as the text export joins them."""
    lines: List[str] = [""]

    def visit(node: Element) -> None:
        for child in node.children:
            if isinstance(child, Text):
                lines[-1] += _inline_text(child.text)
            elif child.tag in _SKIP:
                continue
            elif child.tag == "br" or child.tag in _BLOCK:
                lines.append("")
                visit(child)
                lines.append("")
            else:
                visit(child)

    visit(td)
    return "\n".join(line.strip() for line in lines if line.strip())


class HtmlReader(NativeReader):
    name = "html"
    kind = "html"
    library = "html.parser"
    extensions = HTML_EXTENSIONS
    description = "web pages (.html): notice text and <table>s, colspan/rowspan as empty cells"

    def parse(self, path: str, data: bytes) -> Document:
        data = web_archive_page(data) or data  # a page saved as .mht: its HTML part
        if looks_binary(data):
            raise Refusal("不是 HTML 文本（二进制内容） / not an HTML page: binary content")
        try:
            text, encoding = decode_html(data)
        except UndecodableError as exc:
            raise Refusal(f"无法解码 / {exc}") from None
        if len(text) > MAX_HTML_CHARS:
            raise Refusal(f"HTML 超过 {MAX_HTML_CHARS} 字符，拒绝读取 / page over {MAX_HTML_CHARS} characters, refused")
        text = defuse_markup(valid_text(text))  # no lone surrogates; no input that makes html.parser quadratic
        budget = cell_budget(len(data))
        parser = _TreeBuilder(max_nodes=2 * budget)  # a cell is about two nodes (element, text)
        parser.feed(text.replace("\r\n", "\n").replace("\r", "\n"))
        parser.close()
        del text
        walker = _Walker()
        walker.walk(parser.root)
        walker.flush()
        issues = [ParseIssue(rule="PARSE002", line=parser.cut_line, message=over_budget_message(budget))] if parser.cut_line else []
        return walker.builder.document(path, "html", issues, encoding=encoding)
