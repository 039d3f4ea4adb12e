"""Local worker processes, each file under a deadline: the ``process`` executor.

Why not ``ProcessPoolExecutor``: it cannot stop one hung task (a timeout there
only stops *waiting*), and a dead worker breaks the whole pool.  Here every
worker is a process with its own pipe; it gets a small batch of files, sends
one result per file, and the deadline restarts with each result.  A worker
that overruns is killed, one that dies is noticed through its pipe or
sentinel; the file it held becomes a failure (naming the reader or rule it
was in, from the worker's :class:`~auditor.executors.child.Board`), the
rest of its batch goes back in the queue and a new worker takes over.

:class:`WorkerPool` yields raw outcomes in arrival order (a Dask task uses it
as is); :class:`ProcessExecutor` turns them into results in input order.
"""
from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import time
from collections import deque
from dataclasses import dataclass, field
from multiprocessing.connection import wait
from typing import Any, Callable, Deque, Dict, Iterator, List, Optional, Sequence, Tuple

from ..engine import FileResult, Settings
from . import child as _child
from .base import OnDone, OnIdle, Ordered, Outcome, Stopped, Task, WorkersCannotStart, decode_result, exit_detail, failure_result, where

Item = Tuple[int, str, Optional[bytes]]  # (index, name, bytes or None: read the file there)

#: how long a new worker may take to load plugins before it counts as broken
START_TIMEOUT = 60.0
#: give up when this many workers in a row die before becoming ready
MAX_START_FAILURES = 3
#: longest single wait, so a stop request is seen quickly
POLL = 0.2


class _Popen:
    """A ``subprocess.Popen`` with the face of a ``multiprocessing.Process``."""

    def __init__(self, proc: subprocess.Popen) -> None:
        self.proc = proc
        self.sentinel = None

    def is_alive(self) -> bool:
        return self.proc.poll() is None

    def kill(self) -> None:
        self.proc.kill()

    def join(self, timeout: Optional[float] = None) -> None:
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            pass

    @property
    def exitcode(self) -> Optional[int]:
        return self.proc.poll()


@dataclass
class _Handle:
    proc: Any
    recv: Any
    send: Any


class ForkLauncher:
    """Workers from :mod:`multiprocessing`: ``fork`` on Linux (ready at once,
    with the registry the parent built), ``spawn`` elsewhere; AUDITOR_START_METHOD overrides."""

    def __init__(self, method: Optional[str] = None) -> None:
        default = "fork" if sys.platform.startswith("linux") else "spawn"
        self.ctx = multiprocessing.get_context(method or os.environ.get("AUDITOR_START_METHOD") or default)

    def start(self, settings: Settings, board: str, others: Sequence[Any]) -> _Handle:
        parent, child = self.ctx.Pipe(duplex=True)
        inherited = [parent] + list(others) if self.ctx.get_start_method() == "fork" else []
        proc = self.ctx.Process(target=_child.serve_pipe, args=(child, settings, board, inherited), daemon=True, name="auditor-worker")
        proc.start()
        child.close()
        return _Handle(proc=proc, recv=parent, send=parent)


class SubprocessLauncher:
    """Workers as ``python -m auditor.executors.child`` (possible where forking
    is not: inside a daemonic Dask worker process)."""

    def start(self, settings: Settings, board: str, others: Sequence[Any]) -> _Handle:
        from multiprocessing.connection import Connection

        proc = subprocess.Popen([sys.executable, "-m", "auditor.executors.child"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, close_fds=True)
        assert proc.stdin is not None and proc.stdout is not None
        send = Connection(os.dup(proc.stdin.fileno()), readable=False)
        recv = Connection(os.dup(proc.stdout.fileno()), writable=False)
        proc.stdin.close()
        proc.stdout.close()
        send.send((settings, board))
        return _Handle(proc=_Popen(proc), recv=recv, send=send)


@dataclass
class _Worker:
    handle: _Handle
    board: "_child.Board"
    born: float
    ready: bool = False
    batch: Deque[Item] = field(default_factory=deque)
    deadline: Optional[float] = None

    def stop(self) -> None:
        """Kill without ceremony: a worker holds nothing worth saving."""
        try:
            if self.handle.proc.is_alive():
                self.handle.proc.kill()
            self.handle.proc.join(2)
        except Exception:
            pass
        for conn in {id(self.handle.recv): self.handle.recv, id(self.handle.send): self.handle.send}.values():
            try:
                conn.close()
            except Exception:
                pass
        self.board.close()


@dataclass
class WorkerPool:
    """``jobs`` workers; :meth:`outcomes` runs items and yields ``(index, outcome)`` as they arrive."""

    settings: Settings
    jobs: int = 1
    timeout: Optional[float] = None
    launcher: Any = field(default_factory=ForkLauncher)
    #: most files sent to a worker at once (fewer when little is left)
    batch: int = 16
    should_stop: Callable[[], bool] = lambda: False
    failures: Dict[str, int] = field(default_factory=dict)
    workers: List[_Worker] = field(default_factory=list)
    _start_failures: int = 0
    _dispatched: int = 0

    def outcomes(self, items: Sequence[Item], allowed: Callable[[int], bool] = lambda n: True,
                 on_idle: OnIdle = None) -> Iterator[Tuple[int, Outcome]]:
        queue: Deque[Item] = deque(items)
        pending = len(queue)
        self._dispatched = 0  # files sent and not put back (the reorder window counts them)
        self._start_failures = 0
        while pending:
            if self.should_stop():
                raise Stopped()
            while queue and len(self.workers) < min(self.jobs, pending):
                self.workers.append(self._spawn())
            for w in self.workers:
                if not (w.ready and queue and allowed(self._dispatched)):
                    continue
                size = max(1, min(self.batch, len(queue) // (2 * self.jobs)))
                # the next batch goes out while the worker still has up to half a batch to do, so it never
                # waits for us between batches; only paths (a few bytes), never a cluster's file contents,
                # so our send cannot block on a full pipe while the worker blocks sending us a result
                if w.batch and (len(w.batch) > max(1, size // 2) or queue[0][2] is not None):
                    continue
                new: List[Item] = []
                while queue and len(new) < size and allowed(self._dispatched):
                    new.append(queue.popleft())
                    self._dispatched += 1
                try:
                    w.handle.send.send(new)
                except OSError:  # died: not these files' fault (any earlier batch is settled as usual)
                    queue.extendleft(reversed(new))
                    self._dispatched -= len(new)
                    continue
                if not w.batch:  # else the deadline of the file in hand still runs
                    w.deadline = time.monotonic() + self.timeout if self.timeout else None
                w.batch.extend(new)
            arrived = self._settle(queue)
            if not arrived and on_idle is not None:  # waited a while (POLL) and nothing came
                on_idle()
            for index, outcome in arrived:
                pending -= 1
                yield index, outcome

    def retarget(self, settings: Settings) -> None:
        """Use ``settings`` from now on, in the running workers too (no restart)."""
        if settings == self.settings:
            return
        self.settings = settings
        for w in self.workers:
            try:
                w.handle.send.send(("settings", settings))
            except OSError:
                pass  # a dead worker is noticed and replaced by the next run

    def close(self, clean: bool = False) -> None:
        """After a clean run, let idle workers exit; otherwise kill them at once."""
        if clean:
            for w in self.workers:
                try:
                    w.handle.send.send(None)
                except Exception:
                    pass
            limit = time.monotonic() + 1.0
            for w in self.workers:
                w.handle.proc.join(max(0.0, limit - time.monotonic()))
        for w in self.workers:
            w.stop()
        self.workers = []

    # -- internals -----------------------------------------------------------------
    def _spawn(self) -> _Worker:
        for stream in (sys.stdout, sys.stderr):  # a forked child flushes its copy of these buffers on exit
            try:
                stream.flush()
            except Exception:
                pass
        board = _child.Board()
        others = [w.handle.recv for w in self.workers]
        try:
            handle = self.launcher.start(self.settings, board.path, others)
        except BaseException:
            board.close()
            raise
        return _Worker(handle=handle, board=board, born=time.monotonic())

    def _count(self, kind: str) -> None:
        self.failures[kind] = self.failures.get(kind, 0) + 1

    def _settle(self, queue: Deque[Item]) -> List[Tuple[int, Outcome]]:
        """Wait for results, deaths or the nearest deadline; replace lost workers."""
        out: List[Tuple[int, Outcome]] = []
        now = time.monotonic()
        limits = [w.deadline if w.ready else w.born + START_TIMEOUT for w in self.workers]
        pause = min([POLL] + [max(0.0, t - now) for t in limits if t is not None])
        handles = [w.handle.recv for w in self.workers] + [w.handle.proc.sentinel for w in self.workers if w.handle.proc.sentinel is not None]
        if handles:
            wait(handles, pause)
        now = time.monotonic()
        for w in list(self.workers):
            alive = self._drain(w, out, now)  # also what arrived after wait() returned
            if alive and not w.handle.proc.is_alive():
                self._drain(w, out, now)  # its last words
                alive = False
            if alive:
                overdue = w.deadline is not None and bool(w.batch) and now >= w.deadline
                late_start = not w.ready and now >= w.born + START_TIMEOUT
                if not (overdue or late_start):
                    continue
            stage = where(w.board.read())
            w.stop()
            if w.batch:
                index = w.batch.popleft()[0]
                if alive:  # killed by us for running past --timeout
                    self._count("timeout")
                    out.append((index, ("fail", "timeout", f"no result after {self.timeout:g} s{stage}; worker stopped")))
                else:
                    self._count("died")
                    out.append((index, ("fail", "died", f"{exit_detail(w.handle.proc.exitcode)}{stage}")))
                queue.extendleft(reversed(w.batch))  # the rest of its batch, in order, to the next worker
                self._dispatched -= len(w.batch)
                w.batch.clear()
            elif not w.ready:
                self._start_failures += 1
                if self._start_failures >= MAX_START_FAILURES:
                    raise WorkersCannotStart(f"{self._start_failures} worker processes died while starting ({exit_detail(w.handle.proc.exitcode)})")
            self.workers.remove(w)
        return out

    def _drain(self, w: _Worker, out: List[Tuple[int, Outcome]], now: float) -> bool:
        """Read every message the worker sent; False when its pipe is closed."""
        try:
            while w.handle.recv.poll():
                msg = w.handle.recv.recv()
                kind = msg[0]
                if kind == _child.READY:
                    w.ready = True
                    w.board.unlink()  # mapped on both sides now
                    self._start_failures = 0
                    continue
                if not w.batch:
                    continue
                w.batch.popleft()
                if kind == _child.DONE:
                    out.append((msg[1], ("done", msg[2])))
                else:
                    self._count("error")
                    out.append((msg[1], ("fail", "error", msg[2])))
                w.deadline = now + self.timeout if (self.timeout and w.batch) else None
        except (EOFError, OSError):
            return False
        return True


@dataclass
class ProcessExecutor:
    """The ``process`` executor: a :class:`WorkerPool` of ``jobs`` local workers, results in order."""

    settings: Settings
    reg: Any
    jobs: int = 1
    timeout: Optional[float] = None
    should_stop: Callable[[], bool] = lambda: False
    window: int = 256
    start_method: Optional[str] = None
    failures: Dict[str, int] = field(default_factory=dict)

    def run(self, tasks: Sequence[Task], on_done: OnDone, on_idle: OnIdle = None) -> Iterator[Tuple[int, FileResult]]:
        """Yield ``(index, FileResult)`` in the order of ``tasks``."""
        if not tasks:
            return
        order = Ordered(tasks, self.window)
        paths = dict(tasks)
        pool = WorkerPool(settings=self.settings, jobs=max(1, self.jobs), timeout=self.timeout, launcher=ForkLauncher(self.start_method),
                          should_stop=self.should_stop, failures=self.failures)
        clean = False
        try:
            for index, outcome in pool.outcomes([(i, p, None) for i, p in tasks], order.allowed, on_idle):
                result = to_result(paths[index], outcome, self.settings, self.reg)
                on_done(index, result)
                yield from order.add(index, result)
            clean = True
        finally:
            pool.close(clean)


def to_result(path: str, outcome: Outcome, settings: Settings, reg: Any) -> FileResult:
    """A worker's outcome as a FileResult (a failure becomes PARSE001 here, in the client)."""
    if outcome[0] == "done":
        return decode_result(outcome[1])
    return failure_result(path, outcome[1], outcome[2], settings, reg)
