"""Parallel execution: ``audit_file`` over many paths, results in input order.

Why not ``ProcessPoolExecutor``: it cannot stop one hung task (a timeout there
only stops *waiting*), and a dead worker breaks the whole pool.  Here every
worker is a ``multiprocessing.Process`` with its own pipe, running one file at
a time under a deadline; a worker that overruns is killed, a worker that dies
is noticed through its sentinel, and either is replaced while the sweep goes
on.  The file it held becomes a PARSE001 finding.

Results are handed to ``on_done`` the moment they arrive (so they can be
committed to the history at once) and yielded in input order (so output is
stable).  Dispatch stays at most ``window`` files ahead of the next result to
yield, which bounds the memory held for reordering.
"""
from __future__ import annotations

import hashlib
import multiprocessing
import os
import signal
import stat
import sys
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from multiprocessing.connection import wait
from typing import Any, Callable, Deque, Dict, Iterator, List, Optional, Sequence, Tuple

from ..discovery import shown
from ..readers.decode import valid_text
from ..engine import FileResult, Overrun, Settings, audit_file, deadline, to_findings
from ..rule import Issue
from . import worker as _worker

Task = Tuple[int, str]  # (index in the sorted file list, path)
OnDone = Callable[[int, FileResult], None]

#: how long a new worker may take to load plugins before it counts as broken
START_TIMEOUT = 60.0
#: give up when this many workers in a row die before becoming ready
MAX_START_FAILURES = 3
#: longest single wait, so a stop request is seen quickly
POLL = 0.2


class WorkersCannotStart(RuntimeError):
    """Workers die before they can take work (a broken install or plugin)."""


class Stopped(KeyboardInterrupt):
    """The sweep was asked to stop (SIGINT/SIGTERM)."""


def _sha256(path: str) -> Tuple[str, int]:
    """Digest and size of a regular file; ("", 0) for anything else, which is never
    opened (a pipe would block the sweep forever)."""
    try:
        h = hashlib.sha256()
        size = 0
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return "", 0
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
                size += len(chunk)
        return h.hexdigest(), size
    except OSError:
        return "", 0


def failure_result(path: str, kind: str, detail: str, settings: Settings, reg: Any) -> FileResult:
    """A file the sweep itself had to give up on, as PARSE001 and a problem.

    Built through the engine's own finding conversion so severity overrides,
    --select/--ignore and per-file ignores apply exactly as for other findings;
    the field (``timeout``/``worker-died``) keeps the fingerprint stable.
    """
    messages = {
        "timeout": ("处理超时", "timed out"),
        "died": ("工作进程异常退出", "worker died"),
        "error": ("审核异常中止", "audit aborted"),
    }
    zh, en = messages.get(kind, ("审核失败", kind))
    text = f"{zh} / {en}: {detail}"
    result = FileResult(path=shown(path), problem=valid_text(f"{en}: {detail}"))
    result.sha256, result.size = _sha256(path)
    result.findings = to_findings(path, [("PARSE001", Issue(line=1, message=text, field=f"sweep:{kind}"))], reg, settings)
    return result


def _exit_detail(code: Optional[int]) -> str:
    if code is None:
        return "exit status unknown"
    if code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit status {code}"


@dataclass
class _Worker:
    proc: Any
    conn: Any
    born: float
    ready: bool = False
    task: Optional[Task] = None
    deadline: Optional[float] = None
    sent: float = 0.0

    def stop(self) -> None:
        """Kill without ceremony: a worker holds nothing worth saving."""
        try:
            if self.proc.is_alive():
                self.proc.kill()
            self.proc.join(2)
        except Exception:
            pass
        try:
            self.conn.close()
        except Exception:
            pass


@dataclass
class Runner:
    """Audit ``tasks`` with ``jobs`` workers (1: in this process)."""

    settings: Settings
    reg: Any
    jobs: int = 1
    timeout: Optional[float] = None
    should_stop: Callable[[], bool] = lambda: False
    window: int = 256
    start_method: Optional[str] = None
    #: counts for the end-of-run message
    failures: Dict[str, int] = field(default_factory=dict)
    _start_failures: int = 0

    # -- public -------------------------------------------------------------
    def run(self, tasks: Sequence[Task], on_done: OnDone) -> Iterator[Tuple[int, FileResult]]:
        """Yield ``(index, FileResult)`` in the order of ``tasks``."""
        if not tasks:
            return iter(())
        if self.jobs <= 1:
            return self._run_inline(tasks, on_done)
        return self._run_pool(tasks, on_done)

    # -- in-process (--jobs 1) --------------------------------------------------
    def _run_inline(self, tasks: Sequence[Task], on_done: OnDone) -> Iterator[Tuple[int, FileResult]]:
        """No isolation from os._exit here; timeouts via SIGALRM where available."""
        use_alarm = bool(self.timeout) and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
        for index, path in tasks:
            if self.should_stop():
                raise Stopped()
            result = self._audit_with_alarm(path) if use_alarm else audit_file(path, self.settings)
            on_done(index, result)
            yield index, result

    def _audit_with_alarm(self, path: str) -> FileResult:
        try:
            with deadline(self.timeout):
                return audit_file(path, self.settings)
        except Overrun:
            self._count("timeout")
            return failure_result(path, "timeout", f"no result after {self.timeout:g} s", self.settings, self.reg)

    # -- process pool -----------------------------------------------------------
    def _context(self) -> Any:
        """``fork`` on Linux (a new worker is ready at once, with the registry the
        parent already built); ``spawn`` elsewhere, where forking is unsafe.  The
        worker code is spawn-safe either way; AUDITOR_START_METHOD overrides."""
        default = "fork" if sys.platform.startswith("linux") else "spawn"
        method = self.start_method or os.environ.get("AUDITOR_START_METHOD") or default
        return multiprocessing.get_context(method)

    def _spawn(self, ctx: Any, others: Sequence[_Worker] = ()) -> _Worker:
        for stream in (sys.stdout, sys.stderr):  # a forked child flushes its copy of these buffers on exit
            try:
                stream.flush()
            except Exception:
                pass
        parent, child = ctx.Pipe(duplex=True)
        inherited = [parent] + [w.conn for w in others] if ctx.get_start_method() == "fork" else []
        proc = ctx.Process(target=_worker.worker_main, args=(child, self.settings, inherited), daemon=True, name="auditor-worker")
        proc.start()
        child.close()
        return _Worker(proc=proc, conn=parent, born=time.monotonic())

    def _count(self, kind: str) -> None:
        self.failures[kind] = self.failures.get(kind, 0) + 1

    def _run_pool(self, tasks: Sequence[Task], on_done: OnDone) -> Iterator[Tuple[int, FileResult]]:
        ctx = self._context()
        order: List[int] = [index for index, _ in tasks]
        queue: Deque[Task] = deque(tasks)
        done: Dict[int, FileResult] = {}
        workers: List[_Worker] = []
        next_pos = 0  # position in `order` of the next result to yield
        dispatched = 0
        self._start_failures = 0

        def finish(index: int, result: FileResult) -> None:
            done[index] = result
            on_done(index, result)

        clean = False
        try:
            for _ in range(min(self.jobs, len(tasks))):
                workers.append(self._spawn(ctx, workers))
            while True:
                while next_pos < len(order) and order[next_pos] in done:
                    index = order[next_pos]
                    next_pos += 1
                    yield index, done.pop(index)
                if next_pos >= len(order):
                    break
                if self.should_stop():
                    raise Stopped()
                for w in workers:
                    if w.ready and w.task is None and queue and dispatched < next_pos + self.window:
                        task = queue.popleft()
                        try:
                            w.conn.send(task)
                        except OSError:  # died while idle: not this file's fault
                            queue.appendleft(task)
                            continue
                        dispatched += 1
                        w.task, w.sent = task, time.monotonic()
                        w.deadline = w.sent + self.timeout if self.timeout else None
                self._wait_and_settle(ctx, workers, queue, finish)
            clean = True
        finally:
            self._shutdown(workers, clean)

    def _wait_and_settle(self, ctx: Any, workers: List[_Worker], queue: Deque[Task], finish: Callable[[int, FileResult], None]) -> None:
        """Wait for messages, deaths or the nearest deadline; replace lost workers."""
        now = time.monotonic()
        limits = [w.deadline if w.ready else w.born + START_TIMEOUT for w in workers]
        pause = min([POLL] + [max(0.0, t - now) for t in limits if t is not None])
        wait([w.conn for w in workers] + [w.proc.sentinel for w in workers], pause)
        now = time.monotonic()
        for w in list(workers):
            alive = self._drain(w, finish)  # also what arrived after wait() returned
            if alive and not w.proc.is_alive():
                self._drain(w, finish)  # its last words
                alive = False
            if alive:
                overdue = w.deadline is not None and now >= w.deadline
                late_start = not w.ready and now >= w.born + START_TIMEOUT
                if not (overdue or late_start):
                    continue
            w.stop()
            if w.task is not None:
                if alive:  # killed by us for running past --timeout
                    self._count("timeout")
                    detail = f"no result after {self.timeout:g} s; worker stopped"
                    finish(w.task[0], failure_result(w.task[1], "timeout", detail, self.settings, self.reg))
                else:
                    self._count("died")
                    finish(w.task[0], failure_result(w.task[1], "died", _exit_detail(w.proc.exitcode), self.settings, self.reg))
            elif not w.ready:
                self._start_failures += 1
                if self._start_failures >= MAX_START_FAILURES:
                    raise WorkersCannotStart(f"{self._start_failures} worker processes died while starting ({_exit_detail(w.proc.exitcode)})")
            workers.remove(w)
            if queue:
                workers.append(self._spawn(ctx, workers))

    @staticmethod
    def _shutdown(workers: List[_Worker], clean: bool) -> None:
        """After a clean run, let idle workers exit; otherwise kill them at once."""
        if clean:
            for w in workers:
                try:
                    w.conn.send(None)
                except Exception:
                    pass
            deadline = time.monotonic() + 1.0
            for w in workers:
                w.proc.join(max(0.0, deadline - time.monotonic()))
        for w in workers:
            w.stop()

    def _drain(self, w: _Worker, finish: Callable[[int, FileResult], None]) -> bool:
        """Read every message the worker sent; False when its pipe is closed."""
        try:
            while w.conn.poll():
                msg = w.conn.recv()
                kind = msg[0]
                if kind == _worker.READY:
                    w.ready = True
                    self._start_failures = 0
                elif kind == _worker.DONE:
                    finish(msg[1], msg[2])
                    w.task, w.deadline = None, None
                elif kind == _worker.ERROR and w.task is not None:
                    self._count("error")
                    finish(msg[1], failure_result(w.task[1], "error", msg[2], self.settings, self.reg))
                    w.task, w.deadline = None, None
        except (EOFError, OSError):
            return False
        return True

