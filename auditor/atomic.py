"""Atomic output: write a temporary file beside the target, then rename it over.

Every report, baseline and sweep output goes through here, so a crash or a
Ctrl-C never leaves half a file where a whole one was expected.
"""
from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from typing import IO, Iterator, Tuple


def file_mode(path: str) -> int:
    """The mode the final file gets: the old file's, else what the umask allows (not mkstemp's 0600)."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def temp_beside(path: str) -> Tuple[int, str]:
    """A temporary file in the folder of ``path`` (same file system, so os.replace is atomic)."""
    folder = os.path.dirname(os.path.abspath(path)) or "."
    fd, tmp = tempfile.mkstemp(prefix=".auditor-", suffix=".tmp", dir=folder)
    os.chmod(tmp, file_mode(path))
    return fd, tmp


@contextlib.contextmanager
def atomic_open(path: str, mode: str = "w", encoding: str = "utf-8") -> Iterator[IO]:
    """``with atomic_open(p) as fh: …`` — ``p`` appears only when the block succeeds."""
    fd, tmp = temp_beside(path)
    try:
        with os.fdopen(fd, mode, **({} if "b" in mode else {"encoding": encoding})) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
