"""Native inputs (.docx, .xlsx, .pdf, .html): the same findings as the text export.

The fixtures are built here, with the same libraries, from the seeds: the
seed's text export is tokenised by auditor's own ``text_blocks`` (the fixture
builder, not the code under test) and every grid row is written as a Word /
Excel / PDF / HTML table row — merged cells where the export shows a shorter
row (horizontal) or an empty first cell under a filled one (vertical).
Rows that the text export split over blank lines are joined back first, as
they were one row in the original table.
"""
from __future__ import annotations

import html
import os
import re
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import List, Set, Tuple, Union

import pytest

from auditor.engine import Settings, audit_file, read_document, registry_for
from auditor.readers.blocks import Grid, Para, coalesce, text_blocks

from conftest import seed

docx = pytest.importorskip("docx")
openpyxl = pytest.importorskip("openpyxl")
pytest.importorskip("pdfplumber")
pytest.importorskip("reportlab")

Item = Union[str, List[List[str]]]  # a paragraph, or a table's rows of cell texts


# -- fixture builders ------------------------------------------------------------

def seed_part(prefix: str, tables: int = 0) -> Tuple[List[str], List[Item]]:
    """The seed's lines up to its ``tables``-th table (all when 0), and its items."""
    lines = seed(prefix).read_text(encoding="utf-8").split("\n")
    if tables:
        titles = [b for b in text_blocks(lines) if isinstance(b, Para) and b.text.rstrip(".…").endswith("绩效目标表")]
        if len(titles) > tables:
            lines = lines[: titles[tables].line - 1]
    items: List[Item] = []
    for block in text_blocks(lines):
        if isinstance(block, Para):
            if block.text.strip():
                items.append(block.text.strip())
        else:
            items.append(_whole_rows(block))
    return lines, items


def _whole_rows(grid: Grid) -> List[List[str]]:
    """Rows after the header row that the export split over blank lines, joined back."""
    rows = grid.rows
    head = next((i for i, r in enumerate(rows) if {"一级指标", "序号"} & {c.text.strip() for c in r.cells}), None)
    if head is not None:
        rows = rows[: head + 1] + coalesce(rows[head + 1:], len(rows[head].cells))
    return [[c.text for c in r.cells] for r in rows]


def _vertical_runs(rows: List[List[str]]) -> List[Tuple[int, int]]:
    """(top, bottom) of first-column cells continued by empty cells below (merged in Word)."""
    runs: List[Tuple[int, int]] = []
    top = None
    for i, row in enumerate(rows):
        continued = i > 0 and not row[0].strip() and len(row) >= 2 and len(rows[i - 1]) >= 2 and top is not None
        if continued:
            continue
        if top is not None and i - 1 > top:
            runs.append((top, i - 1))
        top = i if len(row) >= 2 and row[0].strip() else None
    if top is not None and len(rows) - 1 > top:
        runs.append((top, len(rows) - 1))
    return runs


def _continued(rows: List[List[str]]) -> Set[int]:
    return {i for top, bottom in _vertical_runs(rows) for i in range(top + 1, bottom + 1)}


def build_docx(items: List[Item], path: Path) -> Path:
    document = docx.Document()
    for item in items:
        if isinstance(item, str):
            document.add_paragraph(item)
            continue
        width = max(len(r) for r in item)
        table = document.add_table(rows=len(item), cols=width)
        table.style = "Table Grid"
        for i, row in enumerate(item):
            if len(row) < width:
                table.cell(i, len(row) - 1).merge(table.cell(i, width - 1))
        for top, bottom in _vertical_runs(item):
            table.cell(top, 0).merge(table.cell(bottom, 0))
        skip = _continued(item)
        for i, row in enumerate(item):
            for j, text in enumerate(row):
                if text and not (j == 0 and i in skip):
                    table.cell(i, j).text = text
        document.add_paragraph("")
    document.save(str(path))
    return path


_TWO_DECIMALS = re.compile(r"^\d+\.\d\d$")


def build_xlsx(items: List[Item], path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "绩效目标表"
    width = max((len(r) for item in items if not isinstance(item, str) for r in item), default=1)
    r = 1
    for item in items:
        if isinstance(item, str):
            sheet.cell(r, 1, item)
            sheet.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
            r += 1
            continue
        for i, row in enumerate(item):
            for j, text in enumerate(row):
                cell = sheet.cell(r + i, j + 1)
                if _TWO_DECIMALS.match(text):
                    cell.value, cell.number_format = float(text), "0.00"  # shown as written
                elif text.isdigit() and len(text) < 10:
                    cell.value = int(text)
                elif text:
                    cell.value = text
            if len(row) < width:
                sheet.merge_cells(start_row=r + i, start_column=len(row), end_row=r + i, end_column=width)
        for top, bottom in _vertical_runs(item):
            sheet.merge_cells(start_row=r + top, start_column=1, end_row=r + bottom, end_column=1)
        r += len(item) + 1  # a blank row after each table
    book.save(str(path))
    return path


def build_pdf(items: List[Item], path: Path) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("cell", fontName="STSong-Light", fontSize=7, leading=9, wordWrap="CJK")
    title = ParagraphStyle("title", parent=body, fontSize=10, leading=14, spaceBefore=6, spaceAfter=4)
    story = []
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=30, rightMargin=30, topMargin=30, bottomMargin=30)
    for item in items:
        if isinstance(item, str):
            story.append(Paragraph(html.escape(item), title))
            continue
        width = max(len(r) for r in item)
        data = [[Paragraph(html.escape(t), body) for t in row] + [""] * (width - len(row)) for row in item]
        style = [("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP")]
        style += [("SPAN", (len(row) - 1, i), (width - 1, i)) for i, row in enumerate(item) if len(row) < width]
        table = Table(data, colWidths=[doc.width / width] * width)
        table.setStyle(TableStyle(style))
        story.append(table)
    doc.build(story)
    return path


def build_html(items: List[Item], path: Path, encoding: str = "gb18030") -> Path:
    out = ['<!DOCTYPE html>\n<html>\n<head>\n<meta http-equiv="Content-Type" content="text/html; charset=gbk">',
           "<title>绩效目标</title>\n<style>td { border: 1px solid }</style>\n<script>var x = '<table>';</script>\n</head>\n<body>"]
    for item in items:
        if isinstance(item, str):
            out.append(f"<h3>{html.escape(item)}</h3>")
            continue
        width = max(len(r) for r in item)
        runs = {top: bottom - top + 1 for top, bottom in _vertical_runs(item)}
        skip = _continued(item)
        out.append('<table border="1">')
        for i, row in enumerate(item):
            tds = []
            for j, text in enumerate(row):
                if j == 0 and i in skip:
                    continue  # covered by the rowspan above
                attrs = f' rowspan="{runs[i]}"' if j == 0 and i in runs else ""
                if j == len(row) - 1 and len(row) < width:
                    attrs += f' colspan="{width - len(row) + 1}"'
                tds.append(f"<td{attrs}>{html.escape(text).replace('&#x27;', '&#39;')}</td>")
            out.append("  <tr>" + "".join(tds) + "</tr>")
        out.append("</table>\n<p>&nbsp;</p>")
    out.append("</body>\n</html>\n")
    path.write_bytes("\n".join(out).encode(encoding))
    return path


# -- helpers ------------------------------------------------------------------------

def findings(path: Path):
    return audit_file(str(path), Settings()).findings


def rule_tables(path: Path, prefix: str = "") -> Set[Tuple[str, str]]:
    return {(f.rule, f.table or "") for f in findings(path) if f.rule.startswith(prefix) and not f.rule.startswith("PARSE")}


def parse_issues(path: Path) -> List[str]:
    return [f"{f.rule}: {f.message}" for f in findings(path) if f.rule in ("PARSE001", "PARSE002")]


@pytest.fixture(scope="module")
def perf(tmp_path_factory):
    """Seed 001's first three tables as text and as each native format."""
    lines, items = seed_part("001", tables=3)
    folder = tmp_path_factory.mktemp("perf")
    text = folder / "three.txt"
    text.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {
        "items": items,
        "txt": text,
        "docx": build_docx(items, folder / "three.docx"),
        "xlsx": build_xlsx(items, folder / "three.xlsx"),
        "pdf": build_pdf(items, folder / "three.pdf"),
        "html": build_html(items, folder / "three.html"),
    }


# -- the same findings from every format ----------------------------------------

def test_text_version_has_the_expected_findings(perf):
    found = rule_tables(perf["txt"])
    rules = {r for r, _ in found}
    assert {"PLAN001", "VAL002", "IND004", "VAL008"} <= rules
    assert len({t for r, t in found if r == "PLAN001"}) == 3


@pytest.mark.parametrize("kind", ["docx", "xlsx", "pdf", "html"])
def test_native_file_gives_the_text_findings(perf, kind):
    started = time.perf_counter()
    native = rule_tables(perf[kind])
    elapsed = time.perf_counter() - started
    assert parse_issues(perf[kind]) == []
    assert native == rule_tables(perf["txt"])
    assert elapsed < 10, f"{kind} took {elapsed:.2f}s"


@pytest.mark.parametrize("kind", ["docx", "xlsx", "pdf", "html"])
def test_native_tables_match_the_text_model(perf, kind):
    reg = registry_for(Settings())
    text_doc = read_document(str(perf["txt"]), perf["txt"].read_bytes(), reg)
    doc = read_document(str(perf[kind]), perf[kind].read_bytes(), reg)
    assert doc.layout == kind
    assert [t.title for t in doc.tables] == [t.title for t in text_doc.tables]
    for native, text in zip(doc.tables, text_doc.tables):
        assert native.project_code.text == text.project_code.text
        assert native.budget.wan == text.budget.wan
        assert [(c.label, c.value) for c in native.plan.checkpoints] == [(c.label, c.value) for c in text.plan.checkpoints]
        assert [(i.level1, i.level2, i.name, i.value_raw) for i in native.indicators] == \
               [(i.level1, i.level2, i.name, i.value_raw) for i in text.indicators]
        assert native.budget.location and native.indicators[0].location


def test_locations_say_where(perf):
    reg = registry_for(Settings())
    read = {k: read_document(str(perf[k]), perf[k].read_bytes(), reg) for k in ("docx", "xlsx", "pdf", "html")}
    assert re.match(r"表1 第\d+行第\d+列 \(table 1 row \d+ col \d+\)", read["docx"].tables[0].budget.location)
    assert re.match(r"绩效目标表!C\d+ \(第\d+行 / row \d+ of all sheets\)", read["xlsx"].tables[0].budget.location)
    assert re.match(r"第1页 第\d+行第\d+列 \(page 1 row \d+ col \d+\)", read["pdf"].tables[0].budget.location)
    assert "source line" in read["html"].tables[0].budget.location
    # line numbers are the reader's own: the html line is a line of the page source
    html_lines = perf["html"].read_bytes().decode("gb18030").split("\n")
    line = read["html"].tables[0].project_code.line
    assert read["html"].tables[0].project_code.text in html_lines[line - 1]


def test_disclosure_docx_gives_the_same_budget_findings(tmp_path):
    lines, items = seed_part("000")
    text = tmp_path / "disclosure.txt"
    text.write_text("\n".join(lines), encoding="utf-8")
    native = build_docx(items, tmp_path / "disclosure.docx")
    expected = {(f.rule, f.table, f.evidence) for f in findings(text) if f.rule.startswith("BUD")}
    assert expected
    assert {(f.rule, f.table, f.evidence) for f in findings(native) if f.rule.startswith("BUD")} == expected
    assert parse_issues(native) == []


def test_disclosure_xlsx_and_html(tmp_path):
    lines, items = seed_part("000")
    text = tmp_path / "disclosure.txt"
    text.write_text("\n".join(lines), encoding="utf-8")
    expected = rule_tables(text, "BUD")
    assert rule_tables(build_xlsx(items, tmp_path / "d.xlsx"), "BUD") == expected
    assert rule_tables(build_html(items, tmp_path / "d.html", "utf-8"), "BUD") == expected


def test_markdown_seed_as_pdf(tmp_path):
    """Seed 002 (tables exported from a PDF): two tables, one cut by a page break."""
    lines, items = seed_part("002", tables=2)
    text = tmp_path / "two.txt"
    text.write_text("\n".join(lines), encoding="utf-8")
    pdf = build_pdf(items, tmp_path / "two.pdf")
    assert rule_tables(pdf) == rule_tables(text)
    assert ("IND001", "2023 年商务流通工作经费") not in rule_tables(pdf)  # 满意度 row after the repeated header


# -- choosing by content, refusing bad files ---------------------------------------

def test_a_docx_that_is_really_a_pdf_is_read_as_pdf(perf, tmp_path):
    fake = tmp_path / "really_a_pdf.docx"
    fake.write_bytes(perf["pdf"].read_bytes())
    assert rule_tables(fake) == rule_tables(perf["pdf"])


def test_an_xlsx_named_docx_is_read_as_xlsx(perf, tmp_path):
    fake = tmp_path / "book.docx"
    fake.write_bytes(perf["xlsx"].read_bytes())
    assert rule_tables(fake) == rule_tables(perf["xlsx"])


@pytest.mark.parametrize("ext", [".docx", ".xlsx", ".pdf", ".html"])
def test_renamed_binary_is_refused_quickly(tmp_path, ext):
    path = tmp_path / f"random{ext}"
    path.write_bytes(os.urandom(300_000))
    started = time.perf_counter()
    result = audit_file(str(path), Settings())
    assert time.perf_counter() - started < 2
    assert [f.rule for f in result.findings] == ["PARSE001"]
    assert "renamed" in result.findings[0].message or "binary" in result.findings[0].message


def _bomb(path: Path, megabytes: int = 300) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b"\0" * (4 << 20)
            for _ in range(megabytes // 4):
                member.write(chunk)
    return path


def test_zip_bomb_is_refused_quickly(tmp_path):
    path = _bomb(tmp_path / "bomb.docx")
    started = time.perf_counter()
    result = audit_file(str(path), Settings())
    assert time.perf_counter() - started < 2
    assert [f.rule for f in result.findings] == ["PARSE001"]
    assert "zip bomb" in result.findings[0].message


def test_too_many_zip_members_is_refused(tmp_path):
    path = tmp_path / "many.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        for i in range(10_050):
            archive.writestr(f"xl/m{i}.xml", "")
    result = audit_file(str(path), Settings())
    assert [f.rule for f in result.findings] == ["PARSE001"]
    assert "10050 members" in result.findings[0].message


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@pytest.mark.parametrize("name, stream, words", [
    ("secret.docx", "EncryptedPackage", "encrypted"),
    ("secret.xlsx", "EncryptionInfo", "encrypted"),
    ("old.docx", "WordDocument", "a Word 97-2003 document (.doc), not supported: save it as .docx"),  # by its streams
    ("old.xlsx", "Workbook", "an Excel 97-2003 workbook (.xls), not supported: save it as .xlsx"),
    ("budget.et", "Workbook", "a WPS Spreadsheets workbook (.et), not supported: save it as .xlsx in WPS"),  # by its ending
])
def test_ole_files_are_refused(tmp_path, name, stream, words):
    path = tmp_path / name
    path.write_bytes(_OLE + b"\0" * 504 + stream.encode("utf-16-le") + b"\0" * 2048)
    result = audit_file(str(path), Settings())
    assert [f.rule for f in result.findings] == ["PARSE001"]
    assert words in result.findings[0].message


def test_encrypted_pdf_is_refused(tmp_path):
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    path = tmp_path / "locked.pdf"
    c = canvas.Canvas(str(path), encrypt=pdfencrypt.StandardEncryption("user-pw", "owner-pw"))
    c.drawString(72, 720, "secret")
    c.save()
    result = audit_file(str(path), Settings())
    assert [f.rule for f in result.findings] == ["PARSE001"]
    assert "encrypted PDF" in result.findings[0].message


def test_corrupt_docx_names_the_library_error(tmp_path):
    path = tmp_path / "broken.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types")
        archive.writestr("word/document.xml", "<w:document")
    result = audit_file(str(path), Settings())
    assert [f.rule for f in result.findings] == ["PARSE001"]
    assert "python-docx cannot read the file" in result.findings[0].message


def test_truncated_xlsx_is_refused(perf, tmp_path):
    path = tmp_path / "cut.xlsx"
    path.write_bytes(perf["xlsx"].read_bytes()[:3000])
    result = audit_file(str(path), Settings())
    assert [f.rule for f in result.findings] == ["PARSE001"]
    assert "corrupt" in result.findings[0].message


def test_pdf_pages_are_bounded(perf, monkeypatch):
    import auditor.readers.native.pdf as pdf_reader

    monkeypatch.setattr(pdf_reader, "MAX_PDF_PAGES", 1)
    notes = [f for f in findings(perf["pdf"]) if f.rule == "PARSE002"]
    assert notes and "only the first 1 were read" in notes[0].message


# -- html details ----------------------------------------------------------------------

def test_html_spans_repeat_labels_and_pad_columns():
    """A rowspan label is written on every row it covers (RULES.md "Merged cells"); a colspan pads empty cells."""
    from auditor.readers.native import html as html_reader

    page = ("<table><tr><td rowspan=2>甲</td><td colspan=2>乙</td></tr>\n"
            "<tr><td>丙</td><td>丁<br>戊</td></tr>\n<tr><td>a &amp; b</td><td>c</td><td>d</td></tr></table>")
    parser = html_reader._TreeBuilder()
    parser.feed(page)
    walker = html_reader._Walker()
    walker.walk(parser.root)
    walker.builder.end_table()
    grid = walker.builder.blocks[0]
    assert [[c.text for c in r.cells] for r in grid.rows] == [["甲", "乙", ""], ["甲", "丙", "丁戊"], ["a & b", "c", "d"]]
    assert [r.line for r in grid.rows] == [1, 2, 3]


def test_html_notice_in_traditional_characters(tmp_path):
    """Seed 004 (a web page in traditional characters) as a page: same notice, same findings."""
    text_path = seed("004")
    lines = text_path.read_text(encoding="utf-8").split("\n")
    body = "\n".join(f"<p>{html.escape(line.strip())}</p>" if line.strip() else "" for line in lines)
    page = tmp_path / "notice.html"
    page.write_text(f"<!doctype html><html><head><meta charset='utf-8'><title>x</title></head><body>\n{body}\n</body></html>", encoding="utf-8")
    reg = registry_for(Settings())
    doc = read_document(str(page), page.read_bytes(), reg)
    text_doc = read_document(str(text_path), text_path.read_bytes(), reg)
    assert doc.kind == text_doc.kind == "notice"
    assert doc.title == text_doc.title
    assert [(d.role, d.date) for d in doc.notices[0].dates] == [(d.role, d.date) for d in text_doc.notices[0].dates]
    assert doc.encoding == "utf-8+t2s"
    assert {(f.rule, f.evidence) for f in findings(page)} == {(f.rule, f.evidence) for f in findings(text_path)}


# -- xlsx details ----------------------------------------------------------------------

@pytest.mark.parametrize("value, fmt, shown", [
    (170, "General", "170"), (170.0, "General", "170"), (44.1, "General", "44.1"), (170, "0.00", "170.00"),
    (1038.5, "#,##0.00", "1038.50"), (0.95, "0%", "95%"), (0.955, "0.0%", "95.5%"), (0.1 + 0.2, "General", "0.3"),
])
def test_xlsx_numbers_as_shown(value, fmt, shown):
    from auditor.readers.native.xlsx import format_number

    assert format_number(value, fmt) == shown


def test_xlsx_second_sheet_lines_run_on(tmp_path, perf):
    book = openpyxl.load_workbook(perf["xlsx"])
    first = book.active
    rows = first.max_row
    second = book.create_sheet("第二页")
    for row in first.iter_rows(min_row=1, max_row=rows):
        for cell in row:
            if cell.value is not None:  # no merges here: a lone title cell is still a title
                second.cell(cell.row, cell.column, cell.value).number_format = cell.number_format
    path = tmp_path / "two_sheets.xlsx"
    book.save(path)
    doc = read_document(str(path), path.read_bytes(), registry_for(Settings()))
    assert len(doc.tables) == 6
    later = doc.tables[3]
    assert later.budget.location.startswith("第二页!C")
    assert later.budget.line == doc.tables[0].budget.line + rows


# -- the command line on a mixed folder ------------------------------------------------

def test_check_a_mixed_folder(perf, tmp_path, cli):
    folder = tmp_path / "mixed"
    folder.mkdir()
    for kind in ("txt", "docx", "xlsx", "pdf", "html"):
        (folder / f"doc.{kind}").write_bytes(perf[kind].read_bytes())
    result = cli("check", str(folder))
    assert result.exit_code == 1, result.output
    for kind in ("txt", "docx", "xlsx", "pdf", "html"):
        assert re.search(rf"doc\.{kind}:\d+\s+PLAN001", result.output), kind
    assert "PARSE001" not in result.output


def test_heavy_libraries_load_only_when_needed(perf):
    code = (
        "import sys; from auditor.engine import audit_file, Settings; "
        f"audit_file({str(perf['txt'])!r}, Settings()); "
        "print(sorted(m for m in ('docx', 'openpyxl', 'pdfplumber') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


# -- more refusals and edge cases -------------------------------------------------------

def test_pdf_with_undecodable_text_is_refused(tmp_path):
    """An owner-password PDF opens, but its CJK text comes out as (cid:…) glyph numbers."""
    from reportlab.lib import pdfencrypt
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "restricted.pdf"
    c = canvas.Canvas(str(path), encrypt=pdfencrypt.StandardEncryption("", "owner-pw", canCopy=0))
    c.setFont("STSong-Light", 12)
    c.drawString(72, 720, "关于开展试点工作的通知")
    c.save()
    result = audit_file(str(path), Settings())
    assert [f.rule for f in result.findings] == ["PARSE001"]
    assert "cannot be decoded" in result.findings[0].message


def test_scanned_pdf_without_text_is_refused(tmp_path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path))
    c.rect(72, 72, 400, 600, fill=1)
    c.save()
    result = audit_file(str(path), Settings())
    assert [f.rule for f in result.findings] == ["PARSE001"]
    assert "no text layer" in result.findings[0].message
    assert (result.findings[0].line, result.findings[0].location) == (1, "第1页")  # the page to open: a picture


def test_a_docx_named_txt_is_read_by_content(perf, tmp_path):
    path = tmp_path / "export.txt"
    path.write_bytes(perf["docx"].read_bytes())
    assert rule_tables(path) == rule_tables(perf["docx"])


def test_only_a_first_cell_title_splits_a_table():
    from auditor.readers.native.builder import BlockBuilder

    b = BlockBuilder("docx")
    b.row([("1.某某项目绩效目标表", None), ("", None)])
    b.row([("项目名称", None), ("某某项目", None)])
    b.row([("", None), ("资金用途：购买服务，详见附表", None)])
    b.row([("", None), ("明细见附表", None)])
    b.end_table()
    assert isinstance(b.blocks[0], Para) and b.blocks[0].text == "1.某某项目绩效目标表"
    assert isinstance(b.blocks[1], Grid) and len(b.blocks[1].rows) == 3
    assert b.lines[0] == "1.某某项目绩效目标表" and b.lines[1] == "项目名称\t某某项目"


def test_html_layout_tables_are_read_as_text():
    from auditor.readers.native.html import HtmlReader

    page = """<html><body><table width="100%"><tr><td>
<h1>关于开展数字化转型试点工作的通知</h1>
<p>各区、市主管部门：</p><p>现将有关事项通知如下。</p>
<table border=1><tr><th>序号</th><th>政府购买服务项目名称</th><th>预算金额（万元）</th></tr>
<tr><td>1</td><td>法律服务费</td><td>3</td></tr></table>
<p>成文日期：2024年1月9日</p>
</td></tr></table></body></html>"""
    doc = HtmlReader().parse("n.html", page.encode("utf-8"))
    assert doc.title == "关于开展数字化转型试点工作的通知"
    assert doc.notices and doc.notices[0].title_line == 2
    assert [d.role for d in doc.notices[0].dates] == ["written"]


def test_html_with_a_wrong_charset_is_still_decoded(perf, tmp_path):
    page = perf["html"].read_bytes().replace(b"charset=gbk", b"charset=utf-8")
    path = tmp_path / "liar.html"
    path.write_bytes(page)
    assert rule_tables(path) == rule_tables(perf["html"])


def test_html_saved_as_utf8_but_declaring_gb2312(perf, tmp_path):
    page = perf["html"].read_bytes().decode("gb18030").replace("charset=gbk", "charset=gb2312")
    path = tmp_path / "utf8.html"
    path.write_bytes(page.encode("utf-8"))
    assert rule_tables(path) == rule_tables(perf["html"])


def test_rtf_saved_as_doc_is_refused(tmp_path):
    path = tmp_path / "old.doc"
    path.write_bytes(b"{\\rtf1\\ansi\\ansicpg936 {\\fonttbl} hello}")
    result = audit_file(str(path), Settings())
    assert [f.rule for f in result.findings] == ["PARSE001"]
    assert "RTF" in result.findings[0].message
