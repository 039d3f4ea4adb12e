"""What every native reader shares: choosing files by content, the safety
preflight, delegating a mislabelled file to the right reader, and turning
library errors into PARSE001."""
from __future__ import annotations

from typing import Tuple

from ...models import Document
from ..base import Reader
from .safety import guarded, preflight
from .sniff import native_accepts


class NativeReader(Reader):
    """A reader of one binary or markup format; subclasses implement :meth:`parse`.

    ``accepts`` decides by magic bytes; the extension only decides between
    Word and Excel when the first bytes do not say, and claims files that
    are binary junk with the reader's extension (so they get a clear
    PARSE001 instead of "not a text file").  ``read`` never raises.
    """

    kind: str = ""
    library: str = ""
    priority = 40
    extensions: Tuple[str, ...] = ()

    def accepts(self, path: str, head: bytes) -> bool:
        return native_accepts(self.kind, self.extensions, path, head)

    def read(self, path: str, data: bytes) -> Document:
        kind, refused = preflight(path, data, self.kind)
        if refused is not None:
            return refused
        reader = self if kind == self.kind else reader_for(kind or self.kind)
        return guarded(path, reader.library, lambda: reader.parse(path, data))

    def parse(self, path: str, data: bytes) -> Document:  # pragma: no cover - abstract
        raise NotImplementedError


def reader_for(kind: str) -> NativeReader:
    """The reader of a kind, for a file whose extension named another."""
    from . import native_readers

    for reader in native_readers():
        if isinstance(reader, NativeReader) and reader.kind == kind:
            return reader
    raise LookupError(kind)
