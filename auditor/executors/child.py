"""The worker side: a loop around :func:`auditor.engine.audit_bytes`.

Started two ways, one loop: forked (or spawned) by :mod:`multiprocessing`
for local runs, or as ``python -m auditor.executors.child`` talking over its
standard input and output (inside a Dask task, whose daemonic worker may not
fork children of its own).  Nothing here starts work at import time.

Before each reader and rule the worker writes what it is about to run on a
small shared board (:class:`Board`), so when it dies or overruns the parent
can say "in rule TST003 of plugin x" without a message per rule.
"""
from __future__ import annotations

import mmap
import os
import signal
import sys
import tempfile
from typing import Any, Dict, Optional, Sequence

from ..engine import Settings, _short, audit_bytes, audit_file, registry_for
from ..runtime import tune_gc
from .base import encode_result, where

#: messages a worker sends: ("ready", pid) once, then per file ("done", index, encoded
#: FileResult) or ("error", index, text) when the audit itself escaped with an exception
READY = "ready"
DONE = "done"
ERROR = "error"


class Board:
    """A few hundred shared bytes: the stage the worker is in (file-backed mmap,
    so forked, spawned and separately started children all can map it)."""

    SIZE = 512

    def __init__(self, path: Optional[str] = None) -> None:
        self.owner = path is None
        if path is None:
            fd, path = tempfile.mkstemp(prefix="auditor-stage-")
            os.ftruncate(fd, self.SIZE)
        else:
            fd = os.open(path, os.O_RDWR)
        try:
            self.mm: Optional[mmap.mmap] = mmap.mmap(fd, self.SIZE)
        finally:
            os.close(fd)
        self.path = path
        self._encoded: Dict[str, bytes] = {}

    def write(self, label: str) -> None:
        data = self._encoded.get(label)
        if data is None:
            data = self._encoded[label] = label.encode("utf-8", "replace")[: self.SIZE - 2]
        mm = self.mm
        if mm is not None:
            mm[2 : 2 + len(data)] = data
            mm[0:2] = len(data).to_bytes(2, "little")

    def read(self) -> str:
        if self.mm is None:
            return ""
        n = int.from_bytes(self.mm[0:2], "little")
        return self.mm[2 : 2 + min(n, self.SIZE - 2)].decode("utf-8", "replace")

    def unlink(self) -> None:
        """Remove the file once the worker has mapped it: nothing is left behind, even after kill -9."""
        if self.owner:
            try:
                os.unlink(self.path)
            except OSError:  # Windows: not while mapped; close() tries again
                return
            self.owner = False

    def close(self) -> None:
        if self.mm is not None:
            self.mm.close()
            self.mm = None
        if self.owner:
            try:
                os.unlink(self.path)
            except OSError:
                pass
            self.owner = False


def _die_with_parent() -> None:
    """Linux: be killed when the parent dies, even inside a hang (PR_SET_PDEATHSIG)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL))  # 1 = PR_SET_PDEATHSIG
    except Exception:
        pass


def serve(recv: Any, send: Any, settings: Settings, board_path: str, inherited: Sequence[Any] = (), die_with_parent: bool = False) -> None:
    """Serve batches ``[(index, name, data or None), …]`` until ``None`` or EOF;
    ``("settings", Settings)`` replaces the settings for the batches after it.

    ``data`` None means read the file ``name`` here (local runs share the
    filesystem); bytes are audited as given (a cluster's work item).
    SIGINT is ignored so that Ctrl-C at a terminal (sent to the whole process
    group) is handled once, by the parent, which then stops the workers.
    """
    for other in inherited:  # forked: the parent's ends of every pipe; holding
        try:                   # them would keep us from seeing EOF when it dies
            other.close()
        except OSError:
            pass
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "SIGTERM"):  # a forked worker inherits the parent's handler
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if die_with_parent:
        _die_with_parent()
    board = Board(board_path)
    try:  # mapped: the file is no longer needed (the parent removes it too, whichever comes first)
        os.unlink(board_path)
    except OSError:
        pass
    try:
        registry_for(settings)  # before "ready", so no file's deadline pays for plugin loading
    except Exception:  # the audit reports a broken registry per file
        pass
    tune_gc()  # spawned or started apart too (not only forked from a tuned parent); the registry is frozen with the rest
    send.send((READY, os.getpid()))
    profile = _profiler()
    try:
        _loop(recv, send, settings, board)
    finally:
        if profile is not None:
            profile.disable()
            profile.dump_stats(os.path.join(os.environ[PROFILE_ENV], f"worker-{os.getpid()}.prof"))


#: a folder: each worker writes its cProfile statistics there (``worker-PID.prof``) when it ends normally
PROFILE_ENV = "AUDITOR_PROFILE_WORKERS"


def _profiler() -> Any:
    folder = os.environ.get(PROFILE_ENV)
    if not folder or not os.path.isdir(folder):
        return None
    import cProfile

    profile = cProfile.Profile()
    profile.enable()
    return profile


def _loop(recv: Any, send: Any, settings: Settings, board: Board) -> None:
    """Audit batches until ``None`` or EOF (see :func:`serve`)."""
    stage = board.write
    while True:
        try:
            batch = recv.recv()
        except (EOFError, OSError):
            return
        if batch is None:
            return
        if isinstance(batch, tuple) and batch[0] == "settings":  # the next run's settings (a long-lived child)
            settings = batch[1]
            continue
        for index, name, data in batch:
            try:
                if data is None:
                    result = audit_file(name, settings, stage=stage)
                else:
                    result = audit_bytes(name, data, settings, stage=stage)
                message: Any = (DONE, index, encode_result(result))
            except BaseException as exc:  # noqa: BLE001 - a plugin raising KeyboardInterrupt, SystemExit in a reader …
                text = _short(exc)
                message = (ERROR, index, f"{type(exc).__name__}{': ' + text if text else ''}{where(board.read())}")
            board.write("")
            try:
                send.send(message)
            except (BrokenPipeError, EOFError, ConnectionError):  # the parent is gone: nobody to tell
                return
            except Exception as exc:  # a finding that cannot be pickled
                try:
                    send.send((ERROR, index, f"result could not be sent: {type(exc).__name__}: {_short(exc)}"))
                except Exception:
                    return


def serve_pipe(conn: Any, settings: Settings, board_path: str, inherited: Sequence[Any] = ()) -> None:
    """Entry point of a :mod:`multiprocessing` worker (one duplex pipe); it dies with its parent."""
    serve(conn, conn, settings, board_path, inherited, die_with_parent=True)


def main() -> None:
    """``python -m auditor.executors.child``: the protocol on stdin/stdout.

    The protocol's stdout is moved to a private descriptor first, so a plugin
    that prints cannot corrupt it (its output goes to stderr).
    """
    from multiprocessing.connection import Connection

    out_fd = os.dup(1)
    os.dup2(2, 1)
    recv = Connection(os.dup(0), writable=False)
    send = Connection(out_fd, readable=False)
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    try:
        settings, board_path = recv.recv()
    except (EOFError, OSError):
        return
    serve(recv, send, settings, board_path)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
