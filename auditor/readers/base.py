"""The reader interface every built-in or plugin reader implements."""
from __future__ import annotations

import os
from typing import Tuple

from ..models import Document


class Reader:
    """Turns the bytes of one file into a :class:`~auditor.models.Document`.

    ``accepts`` is asked with the path and the first 4 KiB; readers with a
    higher ``priority`` are asked first.  ``read`` must not raise for bad
    input: it returns a document whose ``issues`` hold PARSE001/002/003.
    """

    name: str = ""
    extensions: Tuple[str, ...] = ()
    priority: int = 0
    description: str = ""

    def accepts(self, path: str, head: bytes) -> bool:
        return os.path.splitext(path)[1].lower() in self.extensions

    def read(self, path: str, data: bytes) -> Document:  # pragma: no cover - abstract
        raise NotImplementedError
