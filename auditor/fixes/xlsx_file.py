"""Writing fixes into an Excel workbook (.xlsx/.xlsm): one cell's value, nothing else.

openpyxl reads the workbook (what each cell shows, as the reader sees it, and
its number format); the edit itself is made in the sheet's XML part, and every
other part of the package is copied byte for byte.  Saving through openpyxl
would drop cached formula results, charts and images; this keeps them, and
keeps styles, merged ranges, widths and the cell's own style (``s``).
"""
from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Tuple

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_LOCATION = re.compile(r"^(?P<sheet>.+)!\$?(?P<col>[A-Z]{1,3})\$?(?P<row>\d+)")
_REF = re.compile(r"^([A-Z]{1,3})(\d+)$")
_NUMBER = re.compile(r"^[-+]?\d+(?:\.\d+)?$")


@dataclass
class XlsxSource:
    data: bytes
    book: Any
    parts: Dict[str, str]
    xml: Dict[str, Any] = field(default_factory=dict)


def _sheet_parts(archive: zipfile.ZipFile) -> Dict[str, str]:
    """Sheet title → its XML part in the package."""
    from lxml import etree

    book = etree.fromstring(archive.read("xl/workbook.xml"))
    rels = etree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels.iter(f"{{{_PKG_REL}}}Relationship")}
    out: Dict[str, str] = {}
    for sheet in book.iter(f"{{{_MAIN}}}sheet"):
        target = targets.get(sheet.get(f"{{{_REL}}}id"))
        if target:
            out[sheet.get("name")] = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
    return out


def load(data: bytes) -> XlsxSource:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = _sheet_parts(archive)
    return XlsxSource(data=data, book=book, parts=parts)


def _address(edit: Dict[str, Any]) -> Optional[Tuple[str, str]]:
    """(sheet, cell) the edit writes: the top-left cell of a merged range."""
    s = edit.get("source") or {}
    if s.get("kind") == "xlsx" and s.get("sheet") is not None and s.get("cell"):
        cell = str(s.get("merged") or s["cell"]).split(":")[0]
        return str(s["sheet"]), cell.replace("$", "")
    m = _LOCATION.match(str(edit.get("location") or ""))
    return (m.group("sheet"), m.group("col") + m.group("row")) if m else None


def _cell_xml(src: XlsxSource, sheet: str, ref: str, create: bool = False) -> Any:
    """The ``<c r=ref>`` element of the sheet's part (made, in order, when ``create``)."""
    from lxml import etree

    part = src.parts[sheet]
    root = src.xml.get(part)
    if root is None:
        with zipfile.ZipFile(io.BytesIO(src.data)) as archive:
            root = etree.fromstring(archive.read(part))
        src.xml[part] = root
    data = root.find(f"{{{_MAIN}}}sheetData")
    col, row = _REF.match(ref).groups()  # type: ignore[union-attr]
    r = int(row)
    row_el = next((e for e in data.iterfind(f"{{{_MAIN}}}row") if e.get("r") == str(r)), None)
    if row_el is None:
        if not create:
            return None
        row_el = etree.Element(f"{{{_MAIN}}}row", r=str(r))
        later = next((e for e in data.iterfind(f"{{{_MAIN}}}row") if int(e.get("r") or 0) > r), None)
        later.addprevious(row_el) if later is not None else data.append(row_el)
    cell = next((e for e in row_el.iterfind(f"{{{_MAIN}}}c") if e.get("r") == ref), None)
    if cell is None and create:
        from openpyxl.utils import column_index_from_string

        cell = etree.Element(f"{{{_MAIN}}}c", r=ref)
        index = column_index_from_string(col)
        later = next((e for e in row_el.iterfind(f"{{{_MAIN}}}c")
                      if column_index_from_string(_REF.match(e.get("r", "A1")).group(1)) > index), None)  # type: ignore[union-attr]
        later.addprevious(cell) if later is not None else row_el.append(cell)
    return cell


def resolve(src: XlsxSource, edit: Dict[str, Any]) -> Tuple[Optional[Tuple[Any, ...]], str]:
    from ..readers.native.xlsx import cell_text

    address = _address(edit)
    if address is None or address[0] not in src.parts or address[0] not in src.book.sheetnames or not _REF.match(address[1]):
        return None, "单元格位置不明 / the edit does not name a worksheet cell"
    sheet, ref = address
    xml = _cell_xml(src, sheet, ref)
    if xml is not None and xml.find(f"{{{_MAIN}}}f") is not None:
        return None, f"{sheet}!{ref} 是公式 / {sheet}!{ref} holds a formula; not overwritten"
    shown = cell_text(src.book[sheet][ref])
    old = edit.get("old", "")
    if old == "" and shown.strip():
        return None, f"{sheet}!{ref} 已有内容 / the cell is no longer empty"
    if old and shown.strip() != old and old not in shown:
        return None, f"{sheet}!{ref} 的内容已不是“{old}” / the cell no longer shows {old!r}"
    return ("xlsx", sheet, ref), ""


def _number(text: str, percent_format: bool) -> Optional[str]:
    """The stored number for ``text`` (``2.94``; ``95%`` → ``0.95`` in a percent-formatted cell), or None."""
    t = text.strip()
    scale = 1.0
    if t.endswith("%") and percent_format:
        t, scale = t[:-1].strip(), 0.01
    if not _NUMBER.match(t):
        return None
    return f"{float(t) * scale:.15g}"


def write_cell(src: XlsxSource, sheet: str, ref: str, old: str, new: str) -> None:
    from lxml import etree

    from ..readers.native.xlsx import cell_text

    cell = src.book[sheet][ref]
    shown = cell_text(cell)
    text = new if not old or shown.strip() == old else shown.replace(old, new, 1)
    was_number = isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool)
    number = _number(text, "%" in (cell.number_format or "")) if (was_number or not shown.strip()) else None
    xml = _cell_xml(src, sheet, ref, create=True)
    for child in list(xml):
        if child.tag in (f"{{{_MAIN}}}v", f"{{{_MAIN}}}is"):
            xml.remove(child)
    if number is not None:
        xml.attrib.pop("t", None)
        etree.SubElement(xml, f"{{{_MAIN}}}v").text = number
    else:
        xml.set("t", "inlineStr")
        t = etree.SubElement(etree.SubElement(xml, f"{{{_MAIN}}}is"), f"{{{_MAIN}}}t")
        t.text = text
        if text != text.strip():
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def apply_edits(src: XlsxSource, edits: List[Dict[str, Any]]) -> None:
    for e in edits:
        address = _address(e)
        if address is not None:
            write_cell(src, address[0], address[1], e.get("old", ""), e.get("new", ""))


def to_bytes(src: XlsxSource) -> bytes:
    """The package with the edited sheet parts; every other part copied unchanged."""
    from lxml import etree

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(src.data)) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            if info.filename in src.xml:
                body = etree.tostring(src.xml[info.filename], xml_declaration=True, encoding="UTF-8", standalone=True)
            else:
                body = zin.read(info.filename)
            zout.writestr(info, body, compress_type=info.compress_type)
    return out.getvalue()


def diff(before: Any, after: Any, name: str, changes: Any = None) -> str:
    """--diff for .xlsx: a table of the cells that change."""
    from .render import changes_table

    return f"{name}\n{changes_table(changes or [])}\n"
