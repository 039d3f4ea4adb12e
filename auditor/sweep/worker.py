"""The worker process: a loop around :func:`auditor.engine.audit_file`.

Kept tiny and importable on its own because ``spawn`` re-imports the module
of the target function in every new worker; nothing here may start work at
import time.
"""
from __future__ import annotations

import os
import signal
from typing import Any, Optional, Sequence, Tuple

from ..engine import Settings, audit_file, registry_for

#: messages a worker sends: ("ready", pid) once, then ("done", index, FileResult)
#: or ("error", index, text) when audit_file itself escaped with an exception
READY = "ready"
DONE = "done"
ERROR = "error"


def worker_main(conn: Any, settings: Settings, inherited: Sequence[Any] = ()) -> None:
    """Serve tasks ``(index, path)`` from ``conn`` until ``None`` or EOF.

    SIGINT is ignored so that Ctrl-C at a terminal (sent to the whole process
    group) is handled once, by the parent, which then stops the workers.  With
    ``fork`` the parent's registry is inherited and ready at once.  The
    registry is built before saying ready so the first file's deadline does
    not include plugin loading.
    """
    for other in inherited:  # forked: the parent's ends of every pipe, ours included;
        try:                   # holding them would keep us (and others) from seeing EOF
            other.close()      # when the sweep is killed
        except OSError:
            pass
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "SIGTERM"):  # a forked worker inherits the sweep's handler
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        registry_for(settings)
    except Exception:  # audit_file reports a broken registry per file
        pass
    conn.send((READY, os.getpid()))
    while True:
        try:
            task: Optional[Tuple[int, str]] = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        index, path = task
        try:
            message: Tuple[Any, ...] = (DONE, index, audit_file(path, settings))
        except BaseException as exc:  # noqa: BLE001 - e.g. a plugin calling sys.exit()
            message = (ERROR, index, f"{type(exc).__name__}: {exc}")
        try:
            conn.send(message)
        except (BrokenPipeError, EOFError, OSError):  # the sweep is gone (killed): nobody to tell
            return
