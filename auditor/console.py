"""Standard output and error that never raise on a character.

A Chinese Windows console (GBK), a latin-1 locale or a redirect into a file
must not end a run on ``✓``, an emoji or a file name with undecodable bytes.
Redirected streams (files, pipes) get UTF-8, what the tools reading them
expect; a terminal keeps its encoding and shows what it cannot encode as
``?``/``\\xNN`` instead of raising.  Lone surrogates are replaced either way.
"""
from __future__ import annotations

import io
import sys
from typing import Any


def _safe(stream: Any) -> None:
    if not isinstance(stream, io.TextIOWrapper):
        return
    try:
        tty = stream.isatty()
    except (ValueError, OSError):
        return
    try:
        if tty:
            stream.reconfigure(errors="replace")
        else:
            stream.reconfigure(encoding="utf-8", errors="replace")
    except (ValueError, OSError, io.UnsupportedOperation):  # closed, or already read from
        pass


def configure_streams() -> None:
    """Make ``sys.stdout`` and ``sys.stderr`` safe for any text (idempotent)."""
    for stream in (sys.stdout, sys.stderr):
        _safe(stream)
