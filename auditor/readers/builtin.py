"""The built-in readers, registered through the same hook as a plugin's."""
from __future__ import annotations

from typing import List

from ..hookspecs import hookimpl
from .base import Reader


@hookimpl
def auditor_register_readers() -> List[Reader]:
    from .json_reader import JsonReader
    from .text_reader import TextReader

    from .native import native_readers

    return native_readers() + [JsonReader(), TextReader()]


@hookimpl
def auditor_register_interpreters() -> list:
    from ..interpret import builtin_interpreters

    return builtin_interpreters()
