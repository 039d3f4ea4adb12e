"""The ``dask`` executor: a sweep on a Dask distributed cluster.

The client (``auditor sweep``) reads each file and sends its bytes and name
in batches (:func:`audit_batch` tasks), with the rule packs' contents, so
workers need no shared filesystem, only auditor and the same plugins installed.  Results come back
as compact tuples, are handed out in input order, and only the client
writes the history database and the outputs.

Timeouts and crashes are handled inside each task: it runs the audit in a
child process of the Dask worker (``python -m auditor.executors.child``,
kept for the worker thread's next tasks) under the same per-file deadline
as local runs.  A hanging file becomes PARSE001 within ``--timeout`` plus a
process start; a file that kills the child is reported and the task goes on
with a new child.  The Dask worker itself never runs third-party code.
"""
from __future__ import annotations

import atexit
import dataclasses
import hashlib
import os
import tempfile
import threading
from collections import deque
from dataclasses import dataclass, field
from typing import Any, Callable, Deque, Dict, Iterator, List, Optional, Sequence, Tuple

from ..engine import FileResult, Settings, audit_file, read_regular_file
from .base import OnDone, OnIdle, Ordered, Outcome, Stopped, Task
from .pool import Item, SubprocessLauncher, WorkerPool, to_result

#: a task carries at most this many files / bytes (small files batched, big ones alone)
BATCH_FILES = 64
BATCH_BYTES = 4 << 20
#: bytes of documents the client keeps in flight at most (besides the window in files)
INFLIGHT_BYTES = 256 << 20

_local = threading.local()
_pools: List[WorkerPool] = []


def _close_all() -> None:
    for pool in _pools:
        try:
            pool.close()
        except Exception:
            pass


atexit.register(_close_all)


def _local_packs(settings: Settings, packs: Dict[str, bytes]) -> Settings:
    """Rule packs sent by the client, written to this host (by content) and used from there."""
    if not packs:
        return settings
    paths = []
    for path, data in packs.items():
        folder = os.path.join(tempfile.gettempdir(), "auditor-packs-" + hashlib.sha256(data).hexdigest()[:16])
        local = os.path.join(folder, os.path.basename(path))  # the registry names a pack by its file name
        if not os.path.exists(local):
            os.makedirs(folder, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=folder)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, local)
        paths.append(local)
    return dataclasses.replace(settings, rules_packs=paths)


def audit_batch(settings: Settings, items: List[Item], timeout: Optional[float], packs: Optional[Dict[str, bytes]] = None) -> List[Tuple[int, Outcome]]:
    """Runs on a Dask worker: the batch through this thread's child process, under the deadline."""
    settings = _local_packs(settings, packs or {})
    pool: Optional[WorkerPool] = getattr(_local, "pool", None)
    if pool is None:
        pool = WorkerPool(settings=settings, jobs=1, timeout=timeout, launcher=SubprocessLauncher(), batch=BATCH_FILES)
        _local.pool = pool
        _pools.append(pool)
    pool.retarget(settings)  # the child stays for the next sweep's tasks
    pool.timeout = timeout
    return list(pool.outcomes(items))


def _has_ready(running: Any) -> bool:
    try:
        return bool(running.has_ready())
    except Exception:
        return False


def _read(path: str) -> Optional[bytes]:
    from ..discovery import why_not_regular

    if why_not_regular(path) is not None:  # a pipe or a loop: never opened (audit_file names it)
        return None
    try:
        return read_regular_file(path)
    except (OSError, ValueError):
        return None


@dataclass
class DaskExecutor:
    settings: Settings
    reg: Any
    timeout: Optional[float] = None
    #: ``tcp://host:8786``; None: Dask's configured scheduler, else a local cluster
    scheduler: Optional[str] = None
    should_stop: Callable[[], bool] = lambda: False
    client: Any = None
    #: files in flight or waiting to be handed out, at most
    window: int = 1024
    failures: Dict[str, int] = field(default_factory=dict)

    def _connect(self) -> Tuple[Any, bool]:
        from distributed import Client

        if self.client is not None:
            return self.client, False
        return Client(self.scheduler, timeout="30s", set_as_default=False), True

    def _batches(self, tasks: Sequence[Task], local: Deque[Tuple[int, FileResult]], slots: int) -> Iterator[List[Item]]:
        """Work items with the bytes read here; a file that cannot be read is audited
        here at once (the engine's own PARSE001 for it) and queued in ``local``.
        A small run is cut finer, so every worker thread gets a share."""
        most = max(1, min(BATCH_FILES, len(tasks) // (4 * max(1, slots))))
        batch: List[Item] = []
        size = 0
        for index, path in tasks:
            data = _read(path)
            if data is None:
                local.append((index, audit_file(path, self.settings)))
                continue
            if batch and (len(batch) >= most or size + len(data) > BATCH_BYTES):
                yield batch
                batch, size = [], 0
            batch.append((index, path, data))
            size += len(data)
        if batch:
            yield batch

    def run(self, tasks: Sequence[Task], on_done: OnDone, on_idle: OnIdle = None) -> Iterator[Tuple[int, FileResult]]:
        if not tasks:
            return
        from distributed import as_completed

        client, own = self._connect()
        order = Ordered(tasks, self.window)
        paths = dict(tasks)
        local: Deque[Tuple[int, FileResult]] = deque()
        try:
            slots = sum(client.nthreads().values())
        except Exception:
            slots = 1
        batches = self._batches(tasks, local, slots)
        packs = {}
        for pack in self.settings.rules_packs:  # the workers may not see the client's files
            with open(pack, "rb") as fh:
                packs[pack] = fh.read()
        running = as_completed(loop=client.loop)
        held: Dict[Any, Tuple[List[Item], int]] = {}
        dispatched = 0
        inflight = 0
        exhausted = False
        try:
            while True:
                if self.should_stop():
                    raise Stopped()
                while not exhausted and order.allowed(dispatched) and (inflight < INFLIGHT_BYTES or not held):
                    batch = next(batches, None)
                    if batch is None:
                        exhausted = True
                        break
                    future = client.submit(audit_batch, self.settings, batch, self.timeout, packs, pure=False)
                    size = sum(len(data or b"") for _, _, data in batch)
                    held[future] = ([(i, n, None) for i, n, _ in batch], size)  # the names, not the bytes
                    running.add(future)
                    dispatched += len(batch)
                    inflight += size
                while local:
                    index, result = local.popleft()
                    dispatched += 1
                    on_done(index, result)
                    yield from order.add(index, result)
                if not held:
                    if exhausted:
                        break
                    continue
                if on_idle is not None and not _has_ready(running):
                    on_idle()  # about to wait for the cluster
                future = next(running)
                items, size = held.pop(future)
                inflight -= size
                try:
                    outcomes = future.result()
                except Exception as exc:  # the task itself was lost (its Dask worker died, KilledWorker …)
                    detail = f"Dask task failed: {type(exc).__name__}: {exc}"
                    outcomes = [(i, ("fail", "died", detail)) for i, _, _ in items]
                future.release()
                for index, outcome in outcomes:
                    if outcome[0] == "fail":
                        self.failures[outcome[1]] = self.failures.get(outcome[1], 0) + 1
                    result = to_result(paths[index], outcome, self.settings, self.reg)
                    on_done(index, result)
                    yield from order.add(index, result)
        finally:
            for future in held:
                try:
                    future.cancel()
                except Exception:
                    pass
            if own:
                try:
                    client.close()
                except Exception:
                    pass
