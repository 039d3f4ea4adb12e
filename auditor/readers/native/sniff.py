"""What a file really is, from its bytes: magic numbers, not the extension.

Budget offices rename files freely (a PDF saved as ``.docx``, a ``.doc``
renamed ``.docx``), so readers are chosen by content.  :func:`head_kind`
looks at the first bytes only (what ``Reader.accepts`` is given);
:func:`zip_kind` decides between Word and Excel from the archive's
central directory, which :func:`~auditor.readers.native.safety.check_zip`
has already vetted.
"""
from __future__ import annotations

import os
import re
from typing import Iterable, Optional

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
PDF_MAGIC = b"%PDF-"
RTF_MAGIC = b"{\\rtf"

DOCX_EXTENSIONS = (".docx", ".docm", ".dotx", ".doc")
XLSX_EXTENSIONS = (".xlsx", ".xlsm", ".xltx", ".xls")
PDF_EXTENSIONS = (".pdf",)
#: web pages, and pages saved as one web archive file (.mht / .mhtml: the HTML part is read)
HTML_EXTENSIONS = (".html", ".htm", ".xhtml", ".shtml", ".mht", ".mhtml")

_HTML_START = re.compile(rb"^(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|table|meta|title)\b", re.I | re.S)
_BOMS = (b"\xef\xbb\xbf",)


def extension(path: str) -> str:
    return os.path.splitext(path)[1].lower()


def _mostly_text(data: bytes) -> bool:
    try:
        data.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


def head_kind(head: bytes) -> Optional[str]:
    """``zip``, ``ole``, ``rtf``, ``pdf``, ``html`` or None, from the first bytes."""
    if head.startswith(ZIP_MAGIC):
        return "zip"
    if head.startswith(OLE_MAGIC):
        return "ole"
    if head.startswith(RTF_MAGIC):
        return "rtf"  # Word's "save as .doc" often writes RTF
    if head.startswith(PDF_MAGIC) or (PDF_MAGIC in head[:1024] and not _mostly_text(head[:1024])):
        return "pdf"  # the PDF header may follow up to 1 KiB of binary junk, not text that mentions it
    text = head[:2048]
    for bom in _BOMS:
        if text.startswith(bom):
            text = text[len(bom):]
    if _HTML_START.match(text.lstrip()):
        return "html"
    return None


def native_accepts(kind: str, extensions: Iterable[str], path: str, head: bytes) -> bool:
    """Whether the reader of ``kind`` (``docx``, ``xlsx``, ``pdf``, ``html``) takes a file, from its
    name and first bytes: by magic bytes; the extension decides only between Word and Excel when
    the first bytes do not say, and claims binary junk named like the reader's files (so it gets a
    clear PARSE001 instead of "not a text file")."""
    from ..decode import looks_binary

    ext = extension(path)
    found = head_kind(head)
    if found == "zip":
        flavour = zip_flavour(head) or ("xlsx" if ext in XLSX_EXTENSIONS else "docx")
        return flavour == kind
    if found in ("ole", "rtf"):  # refused in read(), with a message that says why
        return kind == ("xlsx" if ext in XLSX_EXTENSIONS else "docx")
    if found is not None:
        return found == kind
    if ext not in extensions:
        return False
    return kind == "html" or looks_binary(head)


def zip_flavour(head: bytes) -> Optional[str]:
    """A hint from the local headers in the first bytes: ``docx``, ``xlsx`` or None."""
    word, excel = b"word/" in head, b"xl/" in head
    if word and not excel:
        return "docx"
    if excel and not word:
        return "xlsx"
    return None


def zip_kind(names: Iterable[str]) -> Optional[str]:
    """``docx`` or ``xlsx`` from the member names of an OOXML package."""
    has_word = has_excel = False
    for name in names:
        if name.startswith("word/"):
            has_word = True
        elif name.startswith("xl/"):
            has_excel = True
    if has_word:
        return "docx"
    if has_excel:
        return "xlsx"
    return None


def describe_bytes(data: bytes) -> str:
    """The first bytes in hex, for a message a person can check."""
    return " ".join(f"{b:02x}" for b in data[:8]) or "(empty)"
