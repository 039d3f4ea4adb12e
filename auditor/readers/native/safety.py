"""Defensive checks shared by the native readers, run before any library sees
the bytes.

A sweep reads thousands of files from outside; one zip bomb, one encrypted
workbook or one corrupt PDF must cost a PARSE001 finding, not the run.  The
zip checks read only the end-of-central-directory record and the central
directory (declared sizes), never decompress, so they take bounded time and
memory.  ``zipfile`` truncates a member at its declared size, so the
declared sizes are a real bound on what the libraries can inflate.
"""
from __future__ import annotations

import base64
import io
import os
import re
import zipfile
import zlib
from typing import Callable, Dict, List, Optional, Tuple

from ...models import Document, ParseIssue
from ...sources import SourceRef
from ..decode import looks_binary
from ..unreadable import refusal
from .sniff import HTML_EXTENSIONS, describe_bytes, extension, head_kind, zip_kind

#: more members than this is not a document but an attack or an archive
MAX_ZIP_ENTRIES = 10_000
#: total declared uncompressed size of a .docx/.xlsx
MAX_UNCOMPRESSED = 200 * 1024 * 1024
#: compression ratio refused for any member (no size floor: a hundred members just
#: under a floor are as much a bomb as one above it); RATIO_SLACK bytes of
#: inflation are allowed so a tiny member's meaningless ratio refuses nothing
MAX_RATIO = 100
RATIO_SLACK = 4096
#: total uncompressed size allowed: EXPANSION_BASE + EXPANSION_RATIO × the file's size
EXPANSION_BASE = 32 * 1024 * 1024
EXPANSION_RATIO = 30
#: uncompressed size of one member
MAX_MEMBER_BYTES = 100 * 1024 * 1024
#: bytes a PDF's (non-image) streams may inflate to: PDF_INFLATE_BASE + PDF_INFLATE_RATIO × file size
PDF_INFLATE_BASE = 50 * 1024 * 1024
PDF_INFLATE_RATIO = 10
#: PDF pages read; the rest is reported as PARSE002
MAX_PDF_PAGES = 500
#: decoded HTML characters read
MAX_HTML_CHARS = 50_000_000

_LIMIT_NOTE = "拒绝读取（疑似压缩炸弹） / refused: zip bomb"

_NAMES = {"docx": "Word (.docx)", "xlsx": "Excel (.xlsx)", "pdf": "PDF", "html": "HTML"}


class Refusal(Exception):
    """A file the reader will not read; its message becomes the PARSE001 finding (``ref``: the place a
    person opens to see why, such as a scan's first page)."""

    def __init__(self, message: str, ref: Optional[SourceRef] = None) -> None:
        super().__init__(message)
        self.ref = ref


def refuse(path: str, message: str, rule: str = "PARSE001", line: int = 1, ref: Optional[SourceRef] = None) -> Document:
    """A document that holds only the reason it was not read."""
    return Document(path=path, issues=[ParseIssue(rule=rule, line=line, message=message, ref=ref)])


def _declared_entries(data: bytes) -> Optional[int]:
    """Member count from the end-of-central-directory record (zip64 aware)."""
    start = max(0, len(data) - (65535 + 22))
    pos = data.rfind(b"PK\x05\x06", start)
    if pos < 0 or pos + 22 > len(data):
        return None
    total = int.from_bytes(data[pos + 10:pos + 12], "little")
    if total == 0xFFFF and pos >= 20 and data[pos - 20:pos - 16] == b"PK\x06\x07":
        offset = int.from_bytes(data[pos - 12:pos - 4], "little")
        if 0 <= offset < len(data) - 40 and data[offset:offset + 4] == b"PK\x06\x06":
            total = int.from_bytes(data[offset + 32:offset + 40], "little")
    return total


def inspect_zip(data: bytes) -> Tuple[Optional[str], Optional[str]]:
    """(``docx``/``xlsx``, None) for a sane OOXML package, else (None, the reason)."""
    declared = _declared_entries(data)
    if declared is not None and declared > MAX_ZIP_ENTRIES:
        return None, f"{_LIMIT_NOTE}: {declared} 个成员，上限 {MAX_ZIP_ENTRIES} / {declared} members, limit {MAX_ZIP_ENTRIES}"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError) as exc:
        return None, f"ZIP 结构损坏，无法打开 / corrupt ZIP archive (zipfile: {exc})"
    if len(infos) > MAX_ZIP_ENTRIES:
        return None, f"{_LIMIT_NOTE}: {len(infos)} 个成员，上限 {MAX_ZIP_ENTRIES} / {len(infos)} members, limit {MAX_ZIP_ENTRIES}"
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > MAX_MEMBER_BYTES:
            return None, (f"{_LIMIT_NOTE}: {info.filename} 解压后 {info.file_size // 2**20} MB，单个成员上限 {MAX_MEMBER_BYTES // 2**20} MB / "
                          f"{info.filename} expands to {info.file_size // 2**20} MB, limit {MAX_MEMBER_BYTES // 2**20} MB a member")
        if info.file_size > MAX_RATIO * info.compress_size + RATIO_SLACK:
            ratio = info.file_size // max(info.compress_size, 1)
            return None, (f"{_LIMIT_NOTE}: {info.filename} 压缩比 {ratio}:1（解压后 {info.file_size // 2**20} MB） / "
                          f"{info.filename} expands {ratio}:1 to {info.file_size // 2**20} MB, limit {MAX_RATIO}:1")
        if info.flag_bits & 0x1:
            return None, f"ZIP 成员已加密，无法读取 / encrypted ZIP member: {info.filename}"
    expansion = EXPANSION_BASE + EXPANSION_RATIO * len(data)
    if total > expansion:  # the libraries hold the XML as trees, several times its size (memory bound)
        return None, (f"{_LIMIT_NOTE}: 解压后共 {total // 2**20} MB，超过 {expansion // 2**20} MB（文件 {len(data) // 2**10} KB） / "
                      f"{total // 2**20} MB uncompressed from {len(data) // 2**10} KB, limit {expansion // 2**20} MB "
                      f"({EXPANSION_BASE // 2**20} MB + {EXPANSION_RATIO} × the file)")
    if total > MAX_UNCOMPRESSED:
        return None, (f"{_LIMIT_NOTE}: 解压后共 {total // 2**20} MB，上限 {MAX_UNCOMPRESSED // 2**20} MB / "
                      f"{total // 2**20} MB uncompressed, limit {MAX_UNCOMPRESSED // 2**20} MB")
    kind = zip_kind(info.filename for info in infos)
    if kind is None:
        return None, _not_office(infos)
    return kind, None


#: the document endings an archive is looked into for (what the message says it holds)
_INNER = (".docx", ".xlsx", ".pdf", ".doc", ".xls", ".wps", ".et", ".html", ".htm", ".txt", ".csv", ".ofd")


def _not_office(infos: List[zipfile.ZipInfo]) -> str:
    """Why a ZIP package that is no Word or Excel document is refused: an OFD document, an OpenDocument
    file, or an archive of documents (counted by kind, to unpack)."""
    names = [info.filename for info in infos]
    if any(n.lower() == "ofd.xml" for n in names):
        return refusal("", ".ofd") or ""
    if "mimetype" in names and any(n == "content.xml" for n in names):
        return refusal("", ".ods" if any("spreadsheet" in n for n in names) else ".odt") or ""
    inner: Dict[str, int] = {}
    for n in names:
        ext = os.path.splitext(n)[1].lower()
        if ext in _INNER and not n.endswith("/"):
            inner[ext] = inner.get(ext, 0) + 1
    held = "、".join(f"{count} 个 {ext}" for ext, count in inner.items())
    held_en = ", ".join(f"{count} {ext}" for ext, count in inner.items())
    if held:
        return f"ZIP 压缩包（含 {held}），不是单个文档；请解压后检查其中的文件 / a ZIP archive holding {held_en}, not one document: unpack it and check the files inside"
    return "ZIP 压缩包，但不是 Word 或 Excel 文档（无 word/ 或 xl/） / a ZIP archive but not a Word or Excel document (no word/ or xl/ part)"


_STREAM = re.compile(rb"(?<!end)stream\r?\n")
_IMAGE = re.compile(rb"/Subtype\s*/Image")


def _inflated_size(raw: bytes, limit: int) -> int:
    """Bytes ``raw`` inflates to, counting no further than just past ``limit``; 0 if not deflate."""
    inflater = zlib.decompressobj()
    total, pos, piece = 0, 0, 1 << 20
    try:
        while pos < len(raw) and not inflater.eof and total <= limit:
            chunk = raw[pos:pos + 65536]
            pos += len(chunk)
            total += len(inflater.decompress(chunk, piece))
            while inflater.unconsumed_tail and not inflater.eof and total <= limit:  # after eof the tail never shrinks
                total += len(inflater.decompress(inflater.unconsumed_tail, piece))
    except zlib.error:
        pass  # not deflated, or corrupt: pdfminer decides
    return total


def pdf_inflation(data: bytes) -> Optional[str]:
    """Why a PDF is refused as a decompression bomb, or None.

    Every stream that is not an image (pdfminer inflates content, object and
    font streams whole, in memory) is inflated here in bounded pieces,
    keeping only the count, until the budget — PDF_INFLATE_BASE plus
    PDF_INFLATE_RATIO × the file size — is spent.  ASCII85-wrapped streams
    are unwrapped first.  Bounded time and memory: never more than the budget
    is inflated, and nothing is kept.
    """
    budget = PDF_INFLATE_BASE + PDF_INFLATE_RATIO * len(data)
    total = 0
    for m in _STREAM.finditer(data):
        head = data[max(0, m.start() - 4096):m.start()]
        head = head[head.rfind(b"obj"):]  # this object's dictionary ("N 0 obj << … >>")
        if _IMAGE.search(head):
            continue
        end = data.find(b"endstream", m.end())
        raw = data[m.end():end if end >= 0 else len(data)]
        if b"/ASCII85Decode" in head or b"/A85" in head:
            try:
                raw = base64.a85decode(raw[:raw.find(b"~>")] if b"~>" in raw else raw, ignorechars=b" \t\n\r\f\v")
            except ValueError:
                continue
        total += _inflated_size(raw, budget - total)
        if total > budget:
            return (f"拒绝读取（疑似压缩炸弹） / refused: decompression bomb: PDF 数据流解压后超过 {budget // 2**20} MB / PDF streams inflate past "
                    f"{budget // 2**20} MB (file {max(1, len(data) // 2**10)} KB), refused")
    return None


#: the OLE2 (binary) formats by ending: Word's and WPS's documents, Excel's and WPS's workbooks
_OLE_ENDINGS = (".doc", ".xls", ".wps", ".wpt", ".et", ".ett")


def ole_message(data: bytes, path: str = "") -> str:
    """Why an OLE compound file is refused: encrypted OOXML, or a binary format (named by its ending when
    that is one — a WPS .et is an Excel 97-2003 workbook inside —, else by its streams), with the way out."""
    if "EncryptedPackage".encode("utf-16-le") in data or "EncryptionInfo".encode("utf-16-le") in data:
        return ("文件已加密（设有打开密码），无法读取；请去除密码后重新导出 / "
                "encrypted (password-protected) Office document; remove the password and export again")
    ext = os.path.splitext(path)[1].lower()
    if ext in _OLE_ENDINGS:
        kind = ext
    elif "WordDocument".encode("utf-16-le") in data:
        kind = ".doc"
    elif "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") in data:
        kind = ".xls"
    else:
        return ("旧版二进制格式（OLE2 复合文档）或加密文档，不支持；请另存为 .docx 或 .xlsx / "
                "legacy binary format (OLE2 compound file) or encrypted document, not supported: save it as .docx or .xlsx")
    return refusal(path, kind) or ""


def preflight(path: str, data: bytes, wanted: str) -> Tuple[Optional[str], Optional[Document]]:
    """The real kind of a file (docx/xlsx/pdf/html), or a refusal document.

    ``wanted`` is the kind the accepting reader reads; it only names what
    the file was expected to be in the message.
    """
    if not data or data.isspace():  # isspace: no copy of a large file
        return None, refuse(path, "空文件 / empty file")
    kind = head_kind(data[:4096])
    if kind == "zip":
        real, problem = inspect_zip(data)
        return (real, None) if problem is None else (None, refuse(path, problem))
    if kind == "ole":
        return None, refuse(path, ole_message(data, path))
    if kind == "rtf":
        return None, refuse(path, refusal(path, ".rtf") or "")
    if kind == "pdf":
        problem = pdf_inflation(data)
        return (kind, None) if problem is None else (None, refuse(path, problem))
    if kind == "html":
        return kind, None
    ext = extension(path)
    if ext in HTML_EXTENSIONS and not looks_binary(data):
        return "html", None
    expected = _NAMES.get(wanted, wanted)
    return None, refuse(path, f"扩展名为 {ext or '(无)'}，但内容不是 {expected} 文件（开头字节 {describe_bytes(data)}），可能已损坏或被改名 / "
                              f"named {ext or '(no extension)'} but not a valid {expected} file (starts with {describe_bytes(data)}): corrupt or renamed")


def _where(exc: BaseException) -> str:
    from ...engine import crash_site

    site = crash_site(exc)
    return f" ({site})" if site else ""


def guarded(path: str, library: str, read: Callable[[], Document]) -> Document:
    """Run a library-backed read; any failure becomes PARSE001 naming the library error."""
    try:
        return read()
    except Refusal as exc:
        return refuse(path, str(exc), ref=exc.ref)
    except ModuleNotFoundError as exc:
        return refuse(path, f"未安装 {library}，无法读取此类文件 / {library} is not installed ({exc}); pip install 'auditor[native]'")
    except MemoryError:
        return refuse(path, f"{library} 读取时内存不足 / out of memory while {library} read the file")
    except RecursionError:
        return refuse(path, f"{library} 读取时嵌套过深 / structure nested too deeply for {library}")
    except Exception as exc:  # a corrupt file makes libraries raise anything
        text = " ".join(str(exc).split())[:200]
        return refuse(path, f"{library} 无法读取（文件损坏？） / {library} cannot read the file: {type(exc).__name__}: {text}{_where(exc)}")


#: a tag opener ("<a", "</p", "<!x", "<?") whose tag is not closed before the next "<"
_UNCLOSED_TAG = re.compile(r"<(?!!--)(?=[A-Za-z!/?])(?=[^<>]*<)")
#: more unclosed openers than this and the page is defused (a real page has a few, in scripts)
MAX_UNCLOSED_TAGS = 20


def defuse_markup(text: str) -> str:
    """Escape the tag openers that make ``html.parser`` quadratic, in linear time.

    For every "<" that starts a tag, the parser scans forward for its ">"; when
    thousands of openers never close (``"<a " * 120000``, 360 KB) that is hours
    of scanning.  An opener with another "<" before any ">" cannot be a
    well-formed tag, so when a page has more than a few of them they become
    text (``&lt;``); likewise comment openers after the last "-->".  Ordinary
    pages are returned unchanged.
    """
    if len(_UNCLOSED_TAG.findall(text, 0, len(text))) > MAX_UNCLOSED_TAGS:
        text = _UNCLOSED_TAG.sub("&lt;", text)
    end = text.rfind("-->")
    tail = end + 3 if end >= 0 else 0
    if text.count("<!--", tail) > MAX_UNCLOSED_TAGS:
        text = text[:tail] + text[tail:].replace("<!--", "&lt;!--")
    return text
