"""Writing fixes into a Word (.docx) document: a cell's text, nothing else.

Cells are found as the reader numbers them (body-level tables in document
order, ``w:tr`` rows, ``w:tc`` cells without legacy horizontal-merge
continuations), so an edit's ``source`` (table, row, col) names the same
cell here.  The text is changed inside the existing runs, so fonts, borders,
shading, widths and merges stay as they were.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Tuple

_LOCATION = re.compile(r"表(\d+)\s*第(\d+)行第(\d+)列")


@dataclass
class DocxSource:
    document: Any
    cells: Dict[Tuple[int, int, int], Any] = field(default_factory=dict)


def load(data: bytes) -> DocxSource:
    """Open the document and index its table cells by (table, row, col), 1-based."""
    import docx
    from docx.oxml.ns import qn

    from ..readers.native.docx import _blocks, _h_merge_continue

    document = docx.Document(io.BytesIO(data))
    src = DocxSource(document=document)
    t = 0
    for element in _blocks(document.element.body, qn):
        if element.tag != qn("w:tbl"):
            continue
        t += 1
        for r, tr in enumerate(element.xpath("./w:tr | ./w:sdt/w:sdtContent/w:tr"), start=1):
            c = 0
            for tc in tr.xpath("./w:tc | ./w:sdt/w:sdtContent/w:tc"):
                if _h_merge_continue(tc, qn):
                    continue
                c += 1
                src.cells[(t, r, c)] = tc
    return src


def _address(edit: Dict[str, Any]) -> Optional[Tuple[int, int, int]]:
    s = edit.get("source") or {}
    if s.get("kind") == "docx" and all(isinstance(s.get(k), int) for k in ("table", "row", "col")):
        return int(s["table"]), int(s["row"]), int(s["col"])
    m = _LOCATION.search(str(edit.get("location") or ""))
    return (int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None


def _texts(tc: Any) -> List[Any]:
    """The ``w:t`` elements of a cell's runs, in order."""
    from docx.oxml.ns import qn

    return list(tc.iter(qn("w:t")))


def cell_text(tc: Any) -> str:
    from docx.oxml.ns import qn

    from ..readers.native.docx import _paragraph_text

    return "\n".join(_paragraph_text(p) for p in tc.iter(qn("w:p")))


def resolve(src: DocxSource, edit: Dict[str, Any]) -> Tuple[Optional[Tuple[Any, ...]], str]:
    address = _address(edit)
    if address is None:
        return None, "单元格位置不明 / the edit does not name a table cell"
    tc = src.cells.get(address)
    if tc is None:
        return None, f"表{address[0]} 第{address[1]}行第{address[2]}列 不存在 / no such cell"
    if tc.vMerge == "continue":
        return None, "纵向合并的延续单元格 / a vertically merged continuation cell"
    text = cell_text(tc)
    old = edit.get("old", "")
    if old == "" and text.strip():
        return None, f"单元格已有内容“{text.strip()}” / the cell is no longer empty"
    if old and text.strip() != old and not any(old in (t.text or "") for t in _texts(tc)):
        return None, f"单元格内容已不是“{old}” / the cell no longer holds {old!r}"
    return ("docx",) + address, ""


def _set(t: Any, text: str) -> None:
    t.text = text
    if text != text.strip():
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def write_cell(tc: Any, old: str, new: str) -> None:
    """Change the cell's text only: inside the run that holds ``old``, else the first run."""
    from copy import deepcopy

    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    texts = _texts(tc)
    holder = next((t for t in texts if old and (t.text or "").strip() == old), None)
    if holder is None:
        holder = next((t for t in texts if old and old in (t.text or "")), None)
    if holder is not None:
        _set(holder, (holder.text or "").replace(old, new, 1))
        return
    if texts:  # the old text spans runs: the first run takes the new text, the others are emptied
        lead = cell_text(tc)
        _set(texts[0], lead.strip().replace(old, new, 1) if old else new)
        for t in texts[1:]:
            _set(t, "")
        return
    p = tc.find(qn("w:p"))
    if p is None:
        p = OxmlElement("w:p")
        tc.append(p)
    run = OxmlElement("w:r")
    mark = p.find(qn("w:pPr") + "/" + qn("w:rPr"))  # the paragraph mark's formatting, for the new run
    if mark is not None:
        run.append(deepcopy(mark))
    t = OxmlElement("w:t")
    _set(t, new)
    run.append(t)
    p.append(run)


def apply_edits(src: DocxSource, edits: List[Dict[str, Any]]) -> None:
    for e in edits:
        address = _address(e)
        if address is not None and address in src.cells:
            write_cell(src.cells[address], e.get("old", ""), e.get("new", ""))


def to_bytes(src: DocxSource) -> bytes:
    out = io.BytesIO()
    src.document.save(out)
    return out.getvalue()


def diff(before: Any, after: Any, name: str, changes: Any = None) -> str:
    """--diff for .docx: a table of the cells that change."""
    from .render import changes_table

    return f"{name}\n{changes_table(changes or [])}\n"
