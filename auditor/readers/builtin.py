"""The built-in readers, registered through the same hook as a plugin's.

The native readers are registered by their spec (:class:`~auditor.lazy.LazyReader`):
which files they take is answered from the name and first bytes
(:func:`~auditor.readers.native.sniff.native_accepts`), and a reader's module,
with the libraries it pulls in, is imported only when it reads a file.
"""
from __future__ import annotations

from typing import List

from ..hookspecs import hookimpl
from .base import Reader


@hookimpl
def auditor_register_readers() -> List[Reader]:
    from .json_reader import JsonReader
    from .native import lazy_native_readers
    from .text_reader import TextReader

    return lazy_native_readers() + [JsonReader(), TextReader()]


@hookimpl
def auditor_register_interpreters() -> list:
    from ..interpret import builtin_interpreters

    return builtin_interpreters()
