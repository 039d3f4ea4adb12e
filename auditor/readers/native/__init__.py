"""Native inputs (.docx, .xlsx, .pdf, .html): readers that import their heavy
library only when a file of that kind is read.

Each reader turns its format into the same paragraphs and grids as the text
reader (:mod:`.builder`) and ends in :func:`~auditor.readers.assemble.assemble`,
so every rule works unchanged.  Files are chosen by content (:mod:`.sniff`)
and checked before any library opens them (:mod:`.safety`).
"""
from __future__ import annotations

from functools import partial
from typing import Any, List

from ..base import Reader
from .sniff import DOCX_EXTENSIONS, HTML_EXTENSIONS, PDF_EXTENSIONS, XLSX_EXTENSIONS, native_accepts

#: (kind, library, extensions, description) of each native reader; ``tests/test_lazy.py`` keeps
#: them equal to the reader classes' own attributes
NATIVE_SPECS = (
    ("docx", "python-docx", DOCX_EXTENSIONS, "Word documents (.docx): paragraphs and tables in document order"),
    ("xlsx", "openpyxl", XLSX_EXTENSIONS, "Excel workbooks (.xlsx): every visible sheet, merged cells as in the text export"),
    ("pdf", "pdfplumber", PDF_EXTENSIONS, "PDF files with a text layer: ruled tables and text lines in reading order"),
    ("html", "html.parser", HTML_EXTENSIONS, "web pages (.html): notice text and <table>s, colspan/rowspan as empty cells"),
)
#: the class of each kind
NATIVE_CLASSES = {"docx": "DocxReader", "xlsx": "XlsxReader", "pdf": "PdfReader", "html": "HtmlReader"}
#: every native reader's priority (NativeReader.priority)
NATIVE_PRIORITY = 40


def native_readers() -> List[Reader]:
    from .docx import DocxReader
    from .html import HtmlReader
    from .pdf import PdfReader
    from .xlsx import XlsxReader

    return [DocxReader(), XlsxReader(), PdfReader(), HtmlReader()]


def lazy_native_readers() -> List[Any]:
    """The native readers as specs: chosen by name and first bytes, imported when they read."""
    from ...lazy import LazyReader

    return [LazyReader(f"{__name__}.{kind}:{NATIVE_CLASSES[kind]}", name=kind, extensions=extensions, priority=NATIVE_PRIORITY,
                       description=description, accepts=partial(native_accepts, kind, extensions), kind=kind, library=library)
            for kind, library, extensions, description in NATIVE_SPECS]
