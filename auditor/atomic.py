"""Atomic output: write a temporary file beside the target, then rename it over.

Every report, baseline and sweep output goes through here, so a crash or a
Ctrl-C never leaves half a file where a whole one was expected.
"""
from __future__ import annotations

import contextlib
import os
import stat
import time
from typing import IO, Iterable, Iterator, Optional, Tuple


def file_mode(path: str) -> int:
    """The mode the final file gets: the old file's, else what the umask allows (not mkstemp's 0600)."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


#: temporary files are named ``.auditor-<pid>-<random>.tmp``: the pid tells a later run
#: whether the writer is gone (killed with -9), so the file can be removed
TEMP_PREFIX = ".auditor-"
TEMP_SUFFIX = ".tmp"
#: a temporary file without a pid (older versions) is removed when older than this
STALE_SECONDS = 24 * 3600


def pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def clean_stale_temps(folder: str) -> int:
    """Remove temporary files a killed auditor left in ``folder``; returns how many."""
    removed = 0
    try:
        names = [n for n in os.listdir(folder) if n.startswith(TEMP_PREFIX) and n.endswith(TEMP_SUFFIX)]
    except OSError:
        return 0
    for name in names:
        middle = name[len(TEMP_PREFIX):-len(TEMP_SUFFIX)]
        pid = middle.split("-", 1)[0]
        full = os.path.join(folder, name)
        try:
            if pid.isdigit() and "-" in middle:
                stale = not pid_alive(int(pid))
            else:
                stale = time.time() - os.stat(full).st_mtime > STALE_SECONDS
            if stale:
                os.unlink(full)
                removed += 1
        except OSError:
            pass
    return removed


def temp_beside(path: str) -> Tuple[int, str]:
    """A temporary file in the folder of ``path`` (same file system, so os.replace is atomic);
    leftovers of killed runs in that folder are removed first."""
    import tempfile  # only when a file is written: a report to stdout does without it

    folder = os.path.dirname(os.path.abspath(path)) or "."
    clean_stale_temps(folder)
    fd, tmp = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-", suffix=TEMP_SUFFIX, dir=folder)
    os.chmod(tmp, file_mode(path))
    return fd, tmp


def output_error(path: str, inputs: Iterable[str] = ()) -> Optional[str]:
    """Why ``path`` cannot take an output, checked before any work: it is one of the
    ``inputs`` (an output must never replace a document), it is a folder, or its
    folder is missing or not writable.  None when it can be written."""
    real = os.path.realpath(path)
    base = os.path.basename(real)
    for name in inputs:  # only same-named inputs can be the same file (cheap for 100,000 inputs)
        if os.path.basename(name) == base or os.path.islink(name):
            if os.path.realpath(name) == real:
                return f"{path} is one of the audited files; an output never replaces an input"
    if os.path.isdir(path):
        return f"{path} is a folder"
    folder = os.path.dirname(os.path.abspath(path)) or "."
    if not os.path.isdir(folder):
        return f"{path}: the folder {folder} does not exist"
    try:
        fd, tmp = temp_beside(path)
    except OSError as exc:
        return f"{path}: cannot write in {folder}: {exc.strerror or exc}"
    os.close(fd)
    with contextlib.suppress(OSError):
        os.unlink(tmp)
    return None


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
