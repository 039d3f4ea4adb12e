"""Blocks → a :class:`~auditor.models.Document`: the step every layout shares.

The text, .docx, .xlsx, .pdf and .html readers all end here, so a table
read from any of them is the same model and every rule works unchanged.
"""
from __future__ import annotations

import re
from typing import List, Optional, Tuple

from ..identifiers import project_code_year
from ..sources import SourceRef
from ..models import Cell, Document, Form, FormField, ParseIssue, PerformanceTable
from ..construct import constructor
from ..dates import BUDGET_YEAR
from ..values import compact
from .blocks import Block, GCell, Grid, Para, Row
from .disclosure import disclosure_header as _disclosure_header
from .disclosure import header_kind, is_disclosure_title, read_disclosure, section_kind
from .long_form import long_form_tables
from .notice import FILING_LABELS, dates_in_lines, fields_in_paragraphs, form_fields, is_form_title, is_notice_title, read_form, read_notice
from .performance import department_of, header_map, read_table, title_index, unit_of

_new_document = constructor(Document, ("path", "layout", "line_count"))
_new_cell = constructor(Cell, ("text", "line", "location"))

_DOC_DATE_LABEL = re.compile(r"成文日期|发布日期|发布时间|发文日期|印发日期")
_TOC_ENTRY = re.compile(r"^\s*(\d+)\s*[.、．]\s*(.+?表)\s*[.·…]*\s*$")


_TITLE_TAIL = re.compile(r"[（(][^（）()]{0,20}[)）]$")
_KNOWN_TABLES = ("绩效目标表", "绩效评价表", "信息公开表", "申报表", "自评表", "绩效目标申报表")
_TITLE_MARK = min(set.intersection(*map(set, _KNOWN_TABLES)) or {""})  # "" (no filter) if they shared none


_NUMBERED_GOAL = re.compile(r"^\d+\s*[.、．]\S.*(绩效目标|绩效目标申报|绩效自评)$")


def _is_table_title(text: str) -> bool:
    """A title line: ends in 表 (``…绩效目标表``, ``…绩效目标表（2024年）``), a
    numbered ``2.宣传经费项目绩效目标``, or a form's title (``…申报书``)."""
    t = _TITLE_TAIL.sub("", compact(text).rstrip(".·…"))
    if len(t) > 80 or section_kind(text) or (len(t) < 4 and not is_form_title(t)):  # 申 报 书 on a cover line of its own
        return False
    return t.endswith("表") or bool(_NUMBERED_GOAL.match(t)) or is_form_title(t)


def _split_title_rows(blocks: List[Block]) -> List[Block]:
    """A title written as a one-cell row inside a grid becomes a paragraph."""
    out: List[Block] = []
    for block in blocks:
        if not isinstance(block, Grid):
            out.append(block)
            continue
        current = Grid(line=block.line, style=block.style)
        for row in block.rows:
            # a character every known title holds (表): a row without it is no title (most rows)
            cells = _lone_cell(row) if _TITLE_MARK in "".join([c.text for c in row.cells]) else []
            if cells and any(k in compact(cells[0].text) for k in _KNOWN_TABLES) and _is_table_title(cells[0].text):
                if current.rows:
                    out.append(current)
                out.append(Para(cells[0].text.strip(), cells[0].line, cells[0].location))
                current = Grid(line=row.line, style=block.style)
            else:
                current.rows.append(row)
        if current.rows:
            out.append(current)
    return out


def _lone_cell(row: Row) -> List[GCell]:
    """The row's only non-blank cell (as a list), or an empty list: stops at the second."""
    found: List[GCell] = []
    for cell in row.cells:
        if not cell.blank:
            if found:
                return []
            found.append(cell)
    return found


def _unit(body: List[Block]) -> str:
    """The money unit the section declares (:func:`_declared_unit`); 万元 when none does."""
    return _declared_unit(body) or "万元"


def _declared_unit(body: List[Block]) -> Optional[str]:
    """A ``单位：元`` line, or a grid's first rows saying only that (``（2023年度）      单位：元`` in a
    layout copy); None when the section says nothing of its unit."""
    for block in body:
        if isinstance(block, Para):
            unit = unit_of(block.text)
            if unit:
                return unit
        else:
            for row in block.rows[:3]:
                if any("单位" in c.text for c in row.cells) and _unit_row(row):
                    return unit_of(" ".join(c.text for c in row.nonblank())) or "万元"
    return None


def _section_unit(title: Optional[Para], body: List[Block], followed: bool = True) -> Tuple[Optional[str], Optional[str]]:
    """(the unit a section declares, a unit line it ends with that belongs to the next title).

    The title's own ``（单位：万元）`` first; then a ``单位：元`` line or a grid's unit row
    (:func:`_declared_unit`) — but a unit line after the section's last grid, just before the next title, is the
    next table's (a Word document puts ``单位：元`` above each table's title)."""
    last_grid = max((i for i, b in enumerate(body) if isinstance(b, Grid)), default=-1)
    trailing = None
    if last_grid >= 0 and followed:
        after = [b for b in body[last_grid + 1:] if isinstance(b, Para) and b.text.strip()]
        if after and unit_of(after[-1].text) and len(compact(after[-1].text)) <= 12:
            trailing = unit_of(after[-1].text)
            body = body[:last_grid + 1] + [b for b in body[last_grid + 1:] if b is not after[-1]]
    declared = unit_of(title.text) if title is not None else None
    return declared or _declared_unit(body), trailing


def _department(body: List[Block]) -> Optional[Cell]:
    """The line naming the table's budget unit, before its grid."""
    for block in body:
        cells = [(block.text, block.line, block.location)] if isinstance(block, Para) else \
            [(c.text, c.line, c.location) for row in block.rows[:3] for c in row.nonblank()[:2]]
        for text, line, location in cells:
            name = department_of(text)
            if name:
                return _new_cell(text=name, line=line, location=location)  # reader-made: no validation
        if isinstance(block, Grid):
            return None
    return None


def _preamble_department(doc: Document, preamble: List[Block]) -> None:
    """A unit named once above every table (``单位名称：宁波市生态环境局`` under the document's title)
    is the unit of each table that names none of its own."""
    tables = [t for t in doc.parts if isinstance(t, PerformanceTable) and getattr(t, "department", None) is None]
    if not tables:
        return
    named = _department(preamble)
    if named is not None:
        for t in tables:
            t.department = named


def _sections(blocks: List[Block]) -> List[Tuple[Optional[Para], List[Block]]]:
    """Split blocks at table titles (paragraphs ending in 表).

    A title repeated word for word whose section has no 项目编码/项目名称/预算数
    of its own is a running page header: the table above goes on."""
    out: List[Tuple[Optional[Para], List[Block]]] = [(None, [])]
    for block in blocks:
        if isinstance(block, Para) and _is_table_title(block.text):
            out.append((block, []))
        else:
            out[-1][1].append(block)
    merged: List[Tuple[Optional[Para], List[Block]]] = [out[0]]
    seen: set = set()
    for title, body in out[1:]:
        key = compact(title.text) if title is not None else ""
        if not _has_keys(body) and (key in seen or _running_header(title, merged[-1][0], body)):
            merged[-1][1].extend(body)
        else:
            merged.append((title, body))
        seen.add(key)
    return merged


_NUMBERED_TITLE = re.compile(r"^\s*(?:\d+|[一二三四五六七八九十]+)\s*[.、．]")


def _running_header(title: Optional[Para], above: Optional[Para], body: List[Block]) -> bool:
    """A page's running header met for the first time between the pieces of a table: the tables' own
    titles are numbered (1.…绩效目标表), this one is not, and what follows it goes on with indicator
    rows (a header again, or rows with no key of a table's own)."""
    if title is None or above is None or not _NUMBERED_TITLE.match(above.text) or _NUMBERED_TITLE.match(title.text):
        return False
    grid = next((b for b in body if isinstance(b, Grid) and b.rows), None)
    return grid is not None and header_map(grid.rows[0]) is not None


def _has_keys(body: List[Block]) -> bool:
    return any(compact(c.text).split("：")[0].split(":")[0] in ("项目编码", "项目名称", "预算数", "项目代码")
               for b in body if isinstance(b, Grid) for r in b.rows for c in r.cells[:4])


_SECTION_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[（(][一二三四五六七八九十]+[)）])")


def _rows(blocks: List[Block], tables_only: bool = False) -> List[Row]:
    """Rows of consecutive grids; the first row of a later grid marks a page break.

    With ``tables_only``, a grid after a section heading (``四、申报单位承诺``) is
    kept only if it is itself part of a performance table (an indicator header or
    a 项目编码/预算数 row): a form's numbered sections may separate its own fields
    from its indicator table, but text grids after the table are not indicators."""
    rows: List[Row] = []
    seen_grid = False
    after_heading = False
    for block in blocks:
        if isinstance(block, Para) and rows and _SECTION_HEADING.match(block.text):
            after_heading = True
            continue
        if isinstance(block, Grid):
            if tables_only and after_heading and not _table_like(block):
                continue
            keys = block.style == KEY_LINES
            for i, row in enumerate(block.rows):
                row.page_break = seen_grid and i == 0 and not keys
                rows.append(row)
            seen_grid = seen_grid or not keys
    return rows


#: the style of a grid made of a table's key lines written as text (``项目编码：…`` above the table)
KEY_LINES = "keys"


def key_lines_as_rows(body: List[Block]) -> List[Block]:
    """A table's key block written as lines of text above or between its grids (``项目编码：…``,
    ``预算数：80.00``, ``其中：财政资金：60.00``): each line a one-cell row of the table, as if it
    were the table's own row (the key reader takes a cell's inline value). A run of such lines is
    one grid; other paragraphs stay as they are. Nothing changes in a section with no grid."""
    from .performance import _key_and_value_text

    if not any(isinstance(b, Grid) for b in body):
        return body
    out: List[Block] = []
    run: Optional[Grid] = None
    for block in body:
        if isinstance(block, Para):
            key, inline = _key_and_value_text(block.text.strip())
            if key is not None and inline and inline.strip():
                if run is None:
                    run = Grid(line=block.line, style=KEY_LINES)
                    out.append(run)
                run.rows.append(Row(cells=[GCell(block.text.strip(), block.line, block.location, block.ref)], line=block.line))
                continue
        run = None
        out.append(block)
    return out


def _table_like(grid: Grid) -> bool:
    return any(header_map(r) is not None or any(compact(c.text) in ("项目编码", "预算数", "项目名称") for c in r.cells[:2]) for r in grid.rows)


def _key_labels() -> frozenset:
    """Labels of a table's key block (项目名称, 项目编码, 预算数 …), from the target tables' vocabulary."""
    from ..vocabulary import vocabulary

    v = vocabulary("performance")
    return v.derived("assemble:key_labels", lambda: frozenset(  # type: ignore[return-value]
        compact(k) for k, role in v.keys.items() if role in ("code", "name", "budget") and k != "合计"))


def _side_by_side(blocks: List[Block]) -> List[Block]:
    """A sheet with its key block right of the indicator table, an empty column between (a county
    template: 一级指标 … 指标值确定依据 | | 项目名称 | …): two grids, the key block first, as a person
    reads the sheet."""
    out: List[Block] = []
    for block in blocks:
        cut = _key_block_column(block) if isinstance(block, Grid) and len(block.rows) >= 3 else None
        if cut is None:
            out.append(block)
            continue
        assert isinstance(block, Grid)
        right = [r.with_cells(r.cells[cut + 1:]) for r in block.rows if any(not c.blank for c in r.cells[cut + 1:])]
        left = [r.with_cells(r.cells[:cut]) for r in block.rows if any(not c.blank for c in r.cells[:cut])]
        out.append(Grid(rows=right, line=right[0].line, style=block.style))
        out.append(Grid(rows=left, line=left[0].line, style=block.style))
    return out


def _key_block_column(grid: Grid) -> Optional[int]:
    """The empty column between an indicator table (left) and a key block (right), if the grid is so."""
    header = next((r for r in grid.rows[:3] if header_map(r) is not None), None)
    if header is None:
        return None
    width = max(len(r.cells) for r in grid.rows)
    hm = header_map(header) or {}
    last = max(hm.values())
    for c in range(last + 1, width - 1):
        if all(c >= len(r.cells) or r.cells[c].blank for r in grid.rows):
            right = {compact(cell.text) for r in grid.rows for cell in r.cells[c + 1:]}
            if right & _key_labels():
                return c
            return None
    return None


def _drop_empty_columns(blocks: List[Block]) -> None:
    """Spacer columns, empty in every row of a grid, are export artefacts: drop them.

    A grid that goes on with the table above it after a page break (no header or key row of its
    own, as wide as the grid above once that lost its spacers) keeps its columns: one empty there
    (绩效指标描述 left blank on that page) is a real column."""
    above: dict = {}  # style -> width of the last grid of that style, after its spacers went
    for block in blocks:
        if not isinstance(block, Grid) or block.style == "tab" or not block.rows:
            continue
        width = max(len(r.cells) for r in block.rows)
        if above.get(block.style) == width and not _table_like(block):
            continue
        above[block.style] = width
        filled: set = set()
        for r in block.rows:  # usually the header row alone fills every column: stop there
            for i, c in enumerate(r.cells):
                if i not in filled and not c.blank:
                    filled.add(i)
            if len(filled) == width:
                break
        if len(filled) == width:
            continue
        keep = sorted(filled)
        above[block.style] = len(keep)
        for row in block.rows:
            row.cells = [row.cells[i] for i in keep if i < len(row.cells)]


def _toc(blocks: List[Block]) -> List[Cell]:
    entries: List[Cell] = []
    for block in blocks:
        if isinstance(block, Grid):
            for row in block.rows:
                for cell in row.cells:
                    if _TOC_ENTRY.match(cell.text) and ("..." in cell.text or any(c.text.strip().isdigit() for c in row.cells)):
                        entries.append(Cell(text=cell.text.strip(), line=cell.line))
    return entries


def assemble(path: str, blocks: List[Block], lines: List[str], layout: str) -> Document:
    """Blocks → document: split into sections, let the interpreters claim and read them.

    Document-scope interpreters (the disclosure) are asked first with the whole
    document; a claim there that is ``exclusive`` ends the section stage.  Each
    titled section then goes to the interpreter with the best claim (plugins'
    and built-ins' alike); finishing interpreters (notices) run last on the
    document as read so far.  Table-like blocks no interpreter read are counted
    in ``coverage`` and reported as PARSE002."""
    from ..interpret import Section, best, current
    from .interpreters import FINISH

    doc = _new_document(path=path, layout=layout, line_count=len(lines))  # reader-made: no validation, no schema built in a worker
    issues: List[ParseIssue] = []
    blocks = long_form_tables(blocks)  # a budget system's export, one indicator a row: project by project
    blocks = _split_title_rows(blocks)
    blocks = _side_by_side(blocks)
    _drop_empty_columns(blocks)
    sections = _sections(blocks)
    interpreters = list(current())
    by_scope = {scope: [i for i in interpreters if getattr(i, "scope", "section") == scope] for scope in ("document", "section", FINISH)}
    doc.coverage = {"blocks": sum(1 for b in blocks if isinstance(b, Grid)), "unread": 0, "partly": 0, "unread_blocks": []}
    whole = Section(None, blocks, lines, _unit(blocks))
    exclusive = False
    chosen = best(by_scope["document"], whole, doc)
    if chosen is not None:
        exclusive = _apply(doc, chosen, whole, issues)
    if not exclusive:
        doc.toc = _toc(sections[0][1])
        carried: Optional[str] = None  # a unit line after the last grid of the section above: this one's
        for n, (title, body) in enumerate(sections):
            own, trailing = _section_unit(title, body, followed=n + 1 < len(sections))
            section = Section(title, body, lines, own or carried or "万元")
            carried = trailing
            chosen = best(by_scope["section"], section, doc)
            if chosen is None:
                _unread(doc, section, issues, "no interpreter claims it")
                continue
            _apply(doc, chosen, section, issues)
        _check_toc(doc, issues)
        _cover_fields(doc, sections, lines)
        _preamble_department(doc, sections[0][1])
    for interp in by_scope[FINISH]:
        if interp.claim(whole, doc) > 0:
            _apply(doc, interp, whole, issues)
    _read_by_notices(doc, blocks)
    first = next((b for b in blocks if isinstance(b, Para) and b.text.strip()), None)
    notice_title = next((b for b in blocks if isinstance(b, Para) and is_notice_title(b.text)), None)
    disclosure_title = next((Para(d.title, d.title_line) for d in doc.disclosures), None)
    lists = _unread_lists(doc, blocks)
    _report_unread(doc, issues)
    doc.title = (disclosure_title or notice_title or first or Para("", 1)).text.strip()
    doc.year = _year(doc, blocks)
    doc.kind = _kind(doc)
    doc.forms.extend(lists)  # after the kind: a notice holding a list is still a notice
    if doc.kind == "unknown":
        issues.append(ParseIssue(rule="PARSE002", line=1, code="nothing-read",
                                 message="未识别出绩效目标表、公开表、表单或通知，未审核 / no known table, form or notice found; not audited"))
    doc.issues = _dedupe(issues)
    return doc


def _apply(doc: Document, interp: "object", section: "object", issues: List[ParseIssue]) -> bool:
    """Run one interpreter's read and file what it made; True when it took the whole document."""
    from ..models import Part

    try:
        reading = interp.read(section, doc)  # type: ignore[attr-defined]
    except Exception as exc:
        if getattr(interp, "builtin", False):
            raise
        line = section.title.line if section.title is not None else 1  # type: ignore[attr-defined]
        issues.append(ParseIssue(rule="PARSE002", line=line, code="interpreter-crashed", data={"interpreter": getattr(interp, "name", "")},
                                 message=f"解释器 {getattr(interp, 'name', '?')} 出错，本节未审核 / interpreter failed: {type(exc).__name__}: {exc}"))
        return False
    if reading is None:
        return False
    for part in reading.parts:
        if not isinstance(part, Part):
            raise TypeError(f"interpreter {getattr(interp, 'name', '?')} returned {type(part).__name__}, not an auditor.models.Part")
        doc.add(part)
    issues.extend(reading.problems)
    for block in reading.unread:
        if isinstance(block, Grid) and _toc([block]):
            continue  # a contents list is read (doc.toc)
        _note_unread(doc, block, getattr(section, "title_text", ""), "not read by " + (getattr(interp, "name", "") or "its interpreter"))
    if reading.partly:
        doc.coverage["partly"] = doc.coverage.get("partly", 0) + 1
    return bool(getattr(reading, "exclusive", False))


def _note_unread(doc: Document, block: Block, title: str, reason: str) -> None:
    if not isinstance(block, Grid):
        return
    doc.coverage["unread"] = doc.coverage.get("unread", 0) + 1
    first = block.rows[0].cells[0] if block.rows and block.rows[0].cells else None
    ref = first.ref if first is not None else None
    doc.coverage.setdefault("unread_blocks", []).append({
        "line": block.line, "title": title, "rows": len(block.rows), "reason": reason, "known": _holds_known_labels(block),
        "location": ref.location() if ref is not None else None, "source": ref.as_dict() if ref is not None else None})


def _holds_known_labels(grid: Grid) -> bool:
    """Whether a grid names a label of a kind the tool reads (预算数, 三级指标, 承接主体 …): a table of a
    known kind (RULES.md PARSE002), not an awards list or a contact table in a notice."""
    from .aligned import table_labels

    labels = table_labels()
    return any(t in labels and t not in _GENERIC_LABELS
               for r in grid.rows[:6] for c in r.cells if not c.blank for t in (_BRACKETED_SUFFIX.sub("", compact(c.text)),))


#: labels every list has (a staff list's 序号 is no sign of a budget table)
_GENERIC_LABELS = frozenset({"序号", "编号", "备注", "单位", "合计", "小计", "总计"})


def _read_by_notices(doc: Document, blocks: List[Block]) -> None:
    """A grid no section interpreter read whose dates a notice took (a 时间安排 table) was read after all."""
    lines = {d.line for n in doc.notices for d in n.dates}
    unread = doc.coverage.get("unread_blocks") or []
    if not lines or not unread:
        return
    spans = {g.line: (g.rows[0].line, max(r.last_line for r in g.rows)) for g in blocks if isinstance(g, Grid) and g.rows}
    kept = []
    for block in unread:
        first, last = spans.get(block["line"], (0, -1))
        if any(first <= line <= last for line in lines):
            doc.coverage["unread"] = max(0, doc.coverage.get("unread", 0) - 1)
        else:
            kept.append(block)
    doc.coverage["unread_blocks"] = kept


def _unread_lists(doc: Document, blocks: List[Block]) -> List[Form]:
    """Lists no interpreter read (序号 | 平台名称 | 运营单位 | 统一社会信用代码 in a notice): each is read
    as a form's list, a field a cell, so the rules on codes, dates and amounts see it; it leaves the
    unread blocks."""
    unread = doc.coverage.get("unread_blocks") or []
    if not unread:
        return []
    grids = {g.line: g for g in blocks if isinstance(g, Grid) and g.rows}
    found: List[Form] = []
    kept = []
    for block in unread:
        grid = grids.get(block["line"])
        header = next((r for r in grid.rows[:3] if "序号" in {compact(c.text) for c in r.cells}), None) if grid is not None else None
        if header is not None and not any(_list_column(c.text) for c in header.cells):
            header = None  # a list of nothing the rules read (姓名 | 处室 | 职务 | 电话): left as it is
        fields = form_fields(grid.rows) if grid is not None and header is not None and len(grid.rows) >= 2 else []
        if not any(f.value for f in fields):
            kept.append(block)
            continue
        found.append(Form(title=block["title"].strip() or "名单", title_line=grid.line, fields=fields))  # type: ignore[union-attr]
        doc.coverage["unread"] = max(0, doc.coverage.get("unread", 0) - 1)
    doc.coverage["unread_blocks"] = kept
    return found


def _list_column(text: str) -> bool:
    """A list's column of codes the DOC rules check (统一社会信用代码, 项目编码): such a list no interpreter
    read is read as a list; others (a plugin's kind without its plugin, a staff list) stay unread."""
    t = _BRACKETED_SUFFIX.sub("", compact(text))
    return "信用代码" in t or t in _CODE_COLUMNS


_CODE_COLUMNS = frozenset({"项目编码", "项目代码"})


def _report_unread(doc: Document, issues: List[ParseIssue]) -> None:
    """Coverage, never silence: each table-like block nobody read is a PARSE002 saying what it holds."""
    if not doc.parts:
        return  # nothing read at all: one PARSE002 for the document says so
    for block in doc.coverage.get("unread_blocks", []):
        if block["rows"] < 2 or not block.get("known", True):
            continue  # counted in the coverage; a table of no kind the tool reads is no PARSE002
        title = block["title"].strip()
        what = f"“{title}”下的表格" if title else "表格"
        ref = SourceRef.from_dict(block["source"]) if block.get("source") else None
        issues.append(ParseIssue(rule="PARSE002", line=block["line"], code="unread-block", data=dict(block), table=title or None, ref=ref,
                                 message=f"{what}（{block['rows']} 行）未被读取，未审核 / a table of {block['rows']} rows was not read by any interpreter "
                                         f"({block['reason']}); not audited"))


def _unread(doc: Document, section: "object", issues: List[ParseIssue], reason: str) -> None:
    """A section no interpreter claimed: its grids are counted; a titled table among them is PARSE002."""
    grids = [b for b in section.blocks if isinstance(b, Grid) and not _toc([b])]  # type: ignore[attr-defined]  # a contents list is read
    for grid in grids:
        _note_unread(doc, grid, section.title_text, reason)  # type: ignore[attr-defined]


_QUOTES = str.maketrans("", "", "“”\"'‘’「」")
_BRACKETED_SUFFIX = re.compile(r"[（(][^（）()]{0,8}[)）]$")


def _title_key(text: str) -> str:
    return compact(text).translate(_QUOTES).rstrip(".·…").removesuffix("绩效目标表").removesuffix("表")


def _chunks(rows: List[Row]) -> List[List[Row]]:
    """Split rows where a new 项目编码/项目名称 row follows an indicator block:
    two tables under one title (a missing title line) are two tables."""
    chunks: List[List[Row]] = [[]]
    seen_header = False
    for row in rows:
        first = row.first()
        key = compact(first.text) if first else ""
        if seen_header and key in ("项目编码", "项目名称", "项目代码"):
            lead: List[Row] = []
            while chunks[-1] and _unit_row(chunks[-1][-1]):  # the next table's own 单位：元 row, read before it
                lead.insert(0, chunks[-1].pop())
            chunks.append(lead)
            seen_header = False
        if header_map(row) is not None:
            seen_header = True
        chunks[-1].append(row)
    return [c for c in chunks if c] or [[]]


def _unit_row(row: Row) -> bool:
    """A row that only says the unit (``单位：元``, or a title beside it), no key or indicator."""
    cells = row.nonblank()
    return 0 < len(cells) <= 2 and unit_of(" ".join(c.text for c in cells)) is not None and header_map(row) is None


def _disclosure_start(blocks: List[Block]) -> Optional[Para]:
    """The title of a 政府购买服务信息公开表 (with or without 表), or, when it has no
    title, its first section heading with a disclosure header row below it."""
    for block in blocks:
        if isinstance(block, Para) and is_disclosure_title(block.text) and len(compact(block.text)) <= 80:
            return block
    heading: Optional[Para] = None
    for block in blocks:
        if isinstance(block, Para) and section_kind(block.text) and heading is None:
            heading = block
        elif isinstance(block, Grid) and heading is not None and any(_disclosure_header(r) for r in block.rows[:3]):
            return Para("", heading.line)
    # no title, no heading: headers naming 政府购买服务项目名称 over two sections or more (a sheet a section);
    # one such table alone is a list in a notice or a form, not a disclosure
    first: Optional[Grid] = None
    kinds = set()
    for block in blocks:
        if isinstance(block, Grid):
            for r in block.rows[:3]:
                kind = header_kind(r) if any("政府购买服务" in c.text for c in r.cells) else None
                if kind is not None:
                    first = first or block
                    kinds.add(kind)
                    break
    return Para("", first.line) if first is not None and len(kinds) >= 2 else None


def _untitled_tables(body: List[Block], issues: List[ParseIssue]) -> List[PerformanceTable]:
    """A file holding target tables and no title line of one: read them if they have the labels of one.

    A new 项目编码 / 项目名称 row after an indicator block starts the next project's table (a portal page
    headed ``（一）道路保洁作业经费`` / ``（二）户外广告设施整治经费``, without 绩效目标表): each is named by the
    line of text just above it, else by its project."""
    rows = _rows(body)
    if not any(header_map(r) is not None for r in rows):
        return []
    if not any(compact(c.text) in ("项目编码", "项目名称", "预算数") for r in rows for c in r.cells):
        return []
    paras = [b for b in body if isinstance(b, Para) and b.text.strip() and unit_of(b.text) is None]
    tables: List[PerformanceTable] = []
    since = 0
    for n, chunk in enumerate(_chunks(rows)):
        start = chunk[0].line if chunk else 1
        above = [p for p in paras if since <= p.line < start] or ([p for p in paras if p.line < start][:1] if n == 0 else [])
        first = above[-1] if above else None
        table = read_table(first.text if first else "", first.line if first else start, chunk, issues, _unit(body))
        since = max((r.last_line for r in chunk), default=start) + 1
        if table is None:
            continue
        if not table.title and table.project_name:
            table.title = table.project_name.text
        tables.append(table)
    return tables


#: any filing label, with white space allowed between its characters (as compact() would remove)
_FILING_RE = re.compile("|".join(r"\s*".join(map(re.escape, lab)) for lab in FILING_LABELS))


def _cell_holding(sections: List[Tuple[Optional[Para], List[Block]]], line: int, text: str) -> Optional[GCell]:
    """The grid cell on ``line`` whose text holds ``text`` (a date found by a scan of the lines), if any."""
    for _, body in sections:
        for block in body:
            if isinstance(block, Grid):
                for row in block.rows:
                    for cell in row.cells:
                        if cell.line == line and text in cell.text:
                            return cell
    return None


def _cover_fields(doc: Document, sections: List[Tuple[Optional[Para], List[Block]]], lines: List[str]) -> None:
    """Fields written as text outside a form's table: a cover page's 申报日期, or
    ``申报日期：2025年5月8日`` in the signature row at the foot of a form."""
    paras = [b for title, body in sections if title is None or not is_form_title(title.text) for b in body if isinstance(b, Para)]
    keyed = {c.line for t in doc.parts if isinstance(t, PerformanceTable)
             for c in (t.project_code, t.project_name, t.budget, t.fiscal, t.other) if c is not None}
    cover = [f for f in fields_in_paragraphs(paras) if f.line not in keyed]  # a table's key lines are the table's
    known = {f.value_line or f.line for form in doc.forms for f in form.fields if f.value}
    # one scan of the whole text first: most documents have no filing label at all
    with_labels = [line if _FILING_RE.search(line) else "" for line in lines] if _FILING_RE.search("\n".join(lines)) else []
    for d in (dates_in_lines(with_labels) if any(with_labels) else ()):
        if d.role == "filing" and d.line not in known and d.line not in {c.line for c in cover}:
            cell = _cell_holding(sections, d.line, d.raw)  # in a native table: the cell a person opens
            cover.append(FormField(label=d.label, value=d.raw, line=d.line, value_line=d.line, ref=cell.ref if cell is not None else None))
    if not cover:
        return
    if doc.forms:
        doc.forms[0].fields = cover + doc.forms[0].fields
    elif len(cover) >= 2 or doc.parts or any(f.label in FILING_LABELS for f in cover):
        doc.forms.append(Form(title=doc.title or "封面", title_line=cover[0].line, fields=cover))
    # else: one labelled line alone in a document nothing else was read from is no form (it would
    # hide the document's "nothing read" PARSE002)


def _check_toc(doc: Document, issues: List[ParseIssue]) -> None:
    if not doc.toc:
        return
    found = {_title_key(t.title) for t in doc.tables}
    for entry in doc.toc:
        m = _TOC_ENTRY.match(entry.text)
        if not m:
            continue
        key = _title_key(m.group(2))
        if key not in found and not any(key in f or f in key for f in found if f):
            issues.append(ParseIssue(rule="PARSE002", line=entry.line, evidence=entry.text,
                                     message=f"目录列出的“{m.group(2)}”在正文中未找到 / table listed in the contents not found in the body"))
    if len(doc.toc) != len(doc.tables) and not any(i.rule == "PARSE002" for i in issues):
        issues.append(ParseIssue(rule="PARSE002", line=doc.toc[0].line,
                                 message=f"目录列出 {len(doc.toc)} 张表，正文读出 {len(doc.tables)} 张 / contents list {len(doc.toc)} tables, body has {len(doc.tables)}"))


_DOC_YEAR = re.compile(r"((?:19|20)\d{2})\s*年\s*度?[^，。,；;\d]{0,10}?(?:预算|决算|绩效|政府购买服务)")


#: a table's or form's title opening with its year (2024年石家庄市数字经济发展专项资金项目申报表)
_LEADING_YEAR = re.compile(r"^\s*((?:19|20)\d{2})\s*年")


#: a title's year on a line of its own: （2025年度）
_YEAR_SUBTITLE = re.compile(r"^\s*[（(]\s*(?:19|20)\d{2}\s*年\s*度?\s*[)）]\s*$")


def _title_year(blocks: List[Block]) -> Optional[int]:
    """The budget year a document's own title states (``2023 年部门预算绩效目标``), or the
    ``2025年度`` of a form's or table's title (``…2025年度文化产业发展专项资金项目申报书``)."""
    above: Optional[Para] = None
    for block in blocks[:8]:
        if isinstance(block, Para):
            m = _DOC_YEAR.search(block.text)
            if m:
                return int(m.group(1))
            if _is_table_title(block.text) or is_form_title(block.text) or _YEAR_SUBTITLE.match(block.text):
                m = BUDGET_YEAR.search(block.text) or _LEADING_YEAR.match(block.text)  # …2025年度… / 2024年石家庄市…申报表
                if m is None and above is not None and len(compact(block.text)) <= 12:
                    m = BUDGET_YEAR.search(above.text) or _LEADING_YEAR.match(above.text)  # a title over two lines: …2024年度…专项资金 / 项目申报书
                if m:
                    return int(m.group(1))
            above = block if block.text.strip() else above
        else:
            above = None
    return None


def _year(doc: Document, blocks: List[Block]) -> Optional[int]:
    for d in doc.disclosures:
        if d.year:
            return d.year
    titled = _title_year(blocks)
    if titled:
        return titled
    for t in doc.tables:
        if getattr(t, "year", None):
            return t.year  # a self-evaluation's （2023年度）
    for t in doc.tables:
        if t.project_code:
            year = project_code_year(t.project_code.text)
            if year:
                return year
    for n in doc.notices:
        for d in n.dates:
            return d.date.year
    return None


def _kind(doc: Document) -> str:
    if doc.disclosures:
        return "disclosure"
    kinds = {t.kind for t in doc.tables}
    if len(kinds) == 1 and kinds != {"performance"} and not doc.forms:
        return next(iter(kinds))  # self-evaluation | department
    if any(not t.is_blank_template for t in doc.tables) and not doc.forms:
        return "performance"
    if doc.forms:
        return "form"
    if doc.notices:
        return "notice"
    if doc.tables:
        return "performance"
    if doc.others:
        return doc.others[0].kind
    return "unknown"


def _dedupe(issues: List[ParseIssue]) -> List[ParseIssue]:
    seen = set()
    out = []
    for i in issues:
        key = (i.rule, i.line)
        if key not in seen:
            seen.add(key)
            out.append(i)
    return out
