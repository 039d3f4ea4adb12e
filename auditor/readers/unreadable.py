"""Formats an office archive holds that no reader reads, and what a person should do with each.

A sweep must not skip such a file silently (its findings would be missing with nothing to say so),
nor report it in words that leave the person guessing.  Each is picked up in folders like any
document and refused with a PARSE001 that names the format and the way out (save it as .docx, export
it as PDF, unpack it).  Vocabulary, not logic: a plugin's reader of one of these endings (an .ofd
reader) takes its files before the refusal is ever reached.
"""
from __future__ import annotations

import os
from typing import Dict, Optional, Tuple

#: ending → (name, what to do), each in Chinese and English
FORMATS: Dict[str, Tuple[str, str, str, str]] = {
    ".doc": ("Word 97-2003 文档 (.doc)", "a Word 97-2003 document (.doc)", "请用 Word 或 WPS 另存为 .docx", "save it as .docx in Word or WPS"),
    ".xls": ("Excel 97-2003 工作簿 (.xls)", "an Excel 97-2003 workbook (.xls)", "请用 Excel 或 WPS 另存为 .xlsx", "save it as .xlsx in Excel or WPS"),
    ".wps": ("WPS 文字文档 (.wps)", "a WPS Writer document (.wps)", "请用 WPS 另存为 .docx", "save it as .docx in WPS"),
    ".wpt": ("WPS 文字模板 (.wpt)", "a WPS Writer template (.wpt)", "请用 WPS 另存为 .docx", "save it as .docx in WPS"),
    ".et": ("WPS 表格文档 (.et)", "a WPS Spreadsheets workbook (.et)", "请用 WPS 另存为 .xlsx", "save it as .xlsx in WPS"),
    ".ett": ("WPS 表格模板 (.ett)", "a WPS Spreadsheets template (.ett)", "请用 WPS 另存为 .xlsx", "save it as .xlsx in WPS"),
    ".rtf": ("RTF 文档 (.rtf)", "an RTF document (.rtf)", "请另存为 .docx", "save it as .docx"),
    ".odt": ("OpenDocument 文本 (.odt)", "an OpenDocument text (.odt)", "请另存为 .docx", "save it as .docx"),
    ".ods": ("OpenDocument 表格 (.ods)", "an OpenDocument spreadsheet (.ods)", "请另存为 .xlsx", "save it as .xlsx"),
    ".ofd": ("OFD 版式文件（GB/T 33190）", "an OFD fixed-layout document (GB/T 33190)", "请用 OFD 阅读器导出为 PDF", "export it as PDF in an OFD reader"),
    ".zip": ("ZIP 压缩包", "a ZIP archive", "请解压后检查其中的文件", "unpack it and check the files inside"),
    ".rar": ("RAR 压缩包", "a RAR archive", "请解压后检查其中的文件", "unpack it and check the files inside"),
    ".7z": ("7z 压缩包", "a 7z archive", "请解压后检查其中的文件", "unpack it and check the files inside"),
}

#: the endings folders are searched for besides the readers' own: reported, never skipped
REPORTED_EXTENSIONS = tuple(FORMATS)


def refusal(path: str, kind: Optional[str] = None) -> Optional[str]:
    """The PARSE001 message for a file of a format no reader reads, by its ending (or by ``kind``, the
    ending its content shows: an OFD or ODF package named .zip); None for an ending not listed."""
    found = FORMATS.get(kind or os.path.splitext(path)[1].lower())
    if found is None:
        return None
    zh, en, do_zh, do_en = found
    return f"{zh}，不支持；{do_zh} / {en}, not supported: {do_en}"
