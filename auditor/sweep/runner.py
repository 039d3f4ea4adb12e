"""The sweep's executor: now :mod:`auditor.executors` (names kept for callers)."""
from __future__ import annotations

from ..executors.base import Stopped, Task, WorkersCannotStart, _sha256, failure_result
from ..executors.pool import ProcessExecutor as Runner

__all__ = ["Runner", "Stopped", "Task", "WorkersCannotStart", "_sha256", "failure_result"]
