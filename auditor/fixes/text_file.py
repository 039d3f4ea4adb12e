"""Writing fixes into a text export, byte for byte faithful to the rest.

The file is decoded as the reader decodes it, edited cell by cell and encoded
back with the same encoding, byte-order mark and line endings.  Before any
edit the decoded text is encoded back and compared with the input: a file
that does not round-trip exactly is left alone, never rewritten approximately.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from typing import Any, Callable, Dict, List, Optional, Tuple

from ..readers.decode import UndecodableError, decode

_ENDINGS = re.compile(r"(\r\n|\r|\n)")
#: characters that continue a token: an edit of ``70.00`` must not match inside ``170.00``
_WORD = re.compile(r"[0-9A-Za-z.%％_]")


class NotWritable(Exception):
    """The file cannot be rewritten faithfully (says why)."""


@dataclass
class TextSource:
    """A decoded text file: its lines (without endings), their endings, and how to encode it."""

    lines: List[str]
    endings: List[str]
    encode: Callable[[str], bytes]

    def text(self) -> str:
        return "".join(line + end for line, end in zip(self.lines, self.endings))

    def to_bytes(self) -> bytes:
        return self.encode(self.text())


def _encoder(data: bytes, encoding: str) -> Callable[[str], bytes]:
    """An encoder that gives back ``data`` from its decoded text (BOM and byte order kept)."""
    if encoding == "utf-16":
        if data.startswith(codecs.BOM_UTF16_LE):
            return lambda s: codecs.BOM_UTF16_LE + s.encode("utf-16-le")
        if data.startswith(codecs.BOM_UTF16_BE):
            return lambda s: codecs.BOM_UTF16_BE + s.encode("utf-16-be")
        le = data[1::2].count(0) > data[0::2].count(0)
        codec = "utf-16-le" if le else "utf-16-be"
        return lambda s: s.encode(codec)
    return lambda s: s.encode(encoding)


def load(data: bytes) -> TextSource:
    """Decode ``data`` as the text reader does; raise :class:`NotWritable` if it would not round-trip."""
    try:
        text, encoding = decode(data)
    except UndecodableError as exc:
        raise NotWritable(str(exc)) from None
    encode = _encoder(data, encoding)
    try:
        same = encode(text) == data
    except (UnicodeError, LookupError):
        same = False
    if not same:
        raise NotWritable(f"{encoding} text that does not encode back to the same bytes; not rewritten")
    parts = _ENDINGS.split(text)
    lines, endings = parts[0::2], parts[1::2] + [""]
    return TextSource(lines=lines, endings=endings, encode=encode)


def _bounded(line: str, start: int, end: int) -> bool:
    before = line[start - 1] if start > 0 else ""
    after = line[end] if end < len(line) else ""
    return not (before and _WORD.match(before)) and not (after and _WORD.match(after))


def _occurrences(line: str, old: str) -> List[int]:
    """Where ``old`` starts on ``line``, left to right, not overlapping (as ``re.finditer`` would find it,
    without compiling a pattern for every value a fix names)."""
    found: List[int] = []
    at = line.find(old)
    while at != -1:
        found.append(at)
        at = line.find(old, at + len(old))
    return found


def locate(line: str, edit: Dict[str, Any]) -> Tuple[Optional[Tuple[int, int]], str]:
    """The span (0-based, end exclusive) of the edit's cell on ``line``, or (None, why not)."""
    old = edit.get("old", "")
    col, end_col = edit.get("column"), edit.get("end_column")
    if isinstance(col, int) and isinstance(end_col, int) and 1 <= col <= end_col <= len(line) + 1:
        if line[col - 1:end_col - 1] == old:
            return (col - 1, end_col - 1), ""
    if old == "":
        if line.strip() == "":  # an empty cell on its own line (one cell a line)
            return (len(line), len(line)), ""
        return None, "空单元格位置不明 / the empty cell's column is not known"
    hits = [at for at in _occurrences(line, old) if _bounded(line, at, at + len(old))]
    if len(hits) == 1:
        return (hits[0], hits[0] + len(old)), ""
    if not hits:
        return None, f"第{edit.get('line')}行已不含“{old}” / line {edit.get('line')} no longer holds {old!r}"
    return None, f"第{edit.get('line')}行有多处“{old}”，位置不明 / {old!r} occurs {len(hits)} times on line {edit.get('line')}"


def cell_key(edit: Dict[str, Any], span: Tuple[int, int]) -> Tuple[Any, ...]:
    """What two edits of the same cell share (conflicts are decided on it)."""
    return ("text", edit.get("line"), span[0], span[1])


def resolve(src: TextSource, edit: Dict[str, Any]) -> Tuple[Optional[Tuple[Any, ...]], str]:
    """The key of the cell an edit changes, or (None, why it cannot be applied)."""
    n = edit.get("line")
    if not isinstance(n, int) or not 1 <= n <= len(src.lines):
        return None, f"行号 {n} 不在文件中 / line {n} is not in the file"
    span, why = locate(src.lines[n - 1], edit)
    if span is None:
        return None, why
    return cell_key(edit, span), ""


def apply_edits(src: TextSource, edits: List[Dict[str, Any]]) -> None:
    """Apply located edits (right to left within a line, so spans stay valid)."""
    located = []
    for e in edits:
        span, _ = locate(src.lines[e["line"] - 1], e)
        if span is not None:
            located.append((e["line"], span, e["new"]))
    for n, (a, b), new in sorted(located, key=lambda t: (t[0], -t[1][0])):
        line = src.lines[n - 1]
        src.lines[n - 1] = line[:a] + new + line[b:]


def unified_diff(before: TextSource, after: TextSource, name: str) -> str:
    """A unified diff of the decoded text (line endings not shown)."""
    import difflib

    lines = difflib.unified_diff(before.lines, after.lines, fromfile=f"a/{name}", tofile=f"b/{name}", lineterm="")
    return "\n".join(lines) + "\n"


def to_bytes(src: TextSource) -> bytes:
    return src.to_bytes()


def diff(before: bytes, after: TextSource, name: str, changes: Any = None) -> str:
    """--diff for text: a unified diff of the file as read and as fixed."""
    return unified_diff(load(before), after, name)
