"""Native inputs (.docx, .xlsx, .pdf, .html): readers that import their heavy
library only when a file of that kind is read.

Each reader turns its format into the same paragraphs and grids as the text
reader (:mod:`.builder`) and ends in :func:`~auditor.readers.assemble.assemble`,
so every rule works unchanged.  Files are chosen by content (:mod:`.sniff`)
and checked before any library opens them (:mod:`.safety`).
"""
from __future__ import annotations

from typing import List

from ..base import Reader


def native_readers() -> List[Reader]:
    from .docx import DocxReader
    from .html import HtmlReader
    from .pdf import PdfReader
    from .xlsx import XlsxReader

    return [DocxReader(), XlsxReader(), PdfReader(), HtmlReader()]
