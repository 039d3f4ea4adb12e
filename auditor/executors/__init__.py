"""Executors: how ``check`` and ``sweep`` run the engine over many files.

One protocol (:class:`~auditor.executors.base.Executor`), three kinds:

- ``process`` (default): local worker processes, each file under a deadline;
- ``inline``: in this process, no isolation (debugging, profiling);
- ``dask``: a Dask distributed cluster; work items carry the file's bytes.

Every kind yields ``(index, FileResult)`` in input order and calls
``on_done`` as each result arrives; only the client writes history and output.
"""
from __future__ import annotations

from typing import Any, Callable, Optional

from ..engine import Settings
from .base import Executor, Stopped, WorkersCannotStart, failure_result

EXECUTORS = ("process", "inline", "dask")

__all__ = ["EXECUTORS", "Executor", "Stopped", "WorkersCannotStart", "failure_result", "make_executor"]


def make_executor(kind: str, *, settings: Settings, reg: Any, jobs: int = 1, timeout: Optional[float] = None,
                  scheduler: Optional[str] = None, should_stop: Callable[[], bool] = lambda: False, client: Any = None) -> Executor:
    """The executor named ``kind`` (see :data:`EXECUTORS`)."""
    if kind == "inline":
        from .inline import InlineExecutor

        return InlineExecutor(settings=settings, reg=reg, timeout=timeout, should_stop=should_stop)
    if kind == "dask":
        from .cluster import DaskExecutor

        return DaskExecutor(settings=settings, reg=reg, timeout=timeout, scheduler=scheduler, should_stop=should_stop, client=client)
    if kind == "process":
        from .pool import ProcessExecutor

        return ProcessExecutor(settings=settings, reg=reg, jobs=jobs, timeout=timeout, should_stop=should_stop)
    raise ValueError(f"unknown executor {kind!r}; one of {', '.join(EXECUTORS)}")
