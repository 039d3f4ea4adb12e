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

import io
import zipfile
from typing import Callable, Optional, Tuple

from ...models import Document, ParseIssue
from ..decode import looks_binary
from .sniff import HTML_EXTENSIONS, describe_bytes, extension, head_kind, zip_kind

#: more members than this is not a document but an attack or an archive
MAX_ZIP_ENTRIES = 10_000
#: total declared uncompressed size of a .docx/.xlsx
MAX_UNCOMPRESSED = 200 * 1024 * 1024
#: compression ratio refused for members larger than RATIO_MIN_BYTES
MAX_RATIO = 100
RATIO_MIN_BYTES = 10 * 1024 * 1024
#: PDF pages read; the rest is reported as PARSE002
MAX_PDF_PAGES = 500
#: decoded HTML characters read
MAX_HTML_CHARS = 50_000_000

_LIMIT_NOTE = "拒绝读取（疑似压缩炸弹） / refused: zip bomb"

_NAMES = {"docx": "Word (.docx)", "xlsx": "Excel (.xlsx)", "pdf": "PDF", "html": "HTML"}


class Refusal(Exception):
    """A file the reader will not read; its message becomes the PARSE001 finding."""


def refuse(path: str, message: str, rule: str = "PARSE001", line: int = 1) -> Document:
    """A document that holds only the reason it was not read."""
    return Document(path=path, issues=[ParseIssue(rule=rule, line=line, message=message)])


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
        if info.file_size > RATIO_MIN_BYTES and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            return None, (f"{_LIMIT_NOTE}: {info.filename} 压缩比 {ratio}:1（解压后 {info.file_size // 2**20} MB） / "
                          f"{info.filename} expands {ratio}:1 to {info.file_size // 2**20} MB, limit {MAX_RATIO}:1")
        if info.flag_bits & 0x1:
            return None, f"ZIP 成员已加密，无法读取 / encrypted ZIP member: {info.filename}"
    if total > MAX_UNCOMPRESSED:
        return None, (f"{_LIMIT_NOTE}: 解压后共 {total // 2**20} MB，上限 {MAX_UNCOMPRESSED // 2**20} MB / "
                      f"{total // 2**20} MB uncompressed, limit {MAX_UNCOMPRESSED // 2**20} MB")
    kind = zip_kind(info.filename for info in infos)
    if kind is None:
        return None, "ZIP 压缩包，但不是 Word 或 Excel 文档（无 word/ 或 xl/） / a ZIP archive but not a Word or Excel document (no word/ or xl/ part)"
    return kind, None


def ole_message(data: bytes) -> str:
    """Why an OLE compound file is refused: encrypted OOXML or a legacy binary format."""
    if "EncryptedPackage".encode("utf-16-le") in data or "EncryptionInfo".encode("utf-16-le") in data:
        return ("文件已加密（设有打开密码），无法读取；请去除密码后重新导出 / "
                "encrypted (password-protected) Office document; remove the password and export again")
    if "WordDocument".encode("utf-16-le") in data:
        zh = en = "Word 97-2003 (.doc)"
    elif "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") in data:
        zh = en = "Excel 97-2003 (.xls)"
    else:
        zh, en = "OLE2 复合文档", "OLE2 compound file"
    return (f"旧版二进制格式（{zh}）或加密文档，不支持；请另存为 .docx/.xlsx / "
            f"legacy binary format ({en}) or encrypted document, not supported; save as .docx/.xlsx")


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
        return None, refuse(path, ole_message(data))
    if kind == "rtf":
        return None, refuse(path, "RTF 格式不支持，请另存为 .docx / RTF document, not supported; save as .docx")
    if kind in ("pdf", "html"):
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
        return refuse(path, str(exc))
    except ModuleNotFoundError as exc:
        return refuse(path, f"未安装 {library}，无法读取此类文件 / {library} is not installed ({exc}); pip install 'auditor[native]'")
    except MemoryError:
        return refuse(path, f"{library} 读取时内存不足 / out of memory while {library} read the file")
    except RecursionError:
        return refuse(path, f"{library} 读取时嵌套过深 / structure nested too deeply for {library}")
    except Exception as exc:  # a corrupt file makes libraries raise anything
        text = " ".join(str(exc).split())[:200]
        return refuse(path, f"{library} 无法读取（文件损坏？） / {library} cannot read the file: {type(exc).__name__}: {text}{_where(exc)}")
