"""In this process, one file after another: no isolation from a plugin that
exits or hangs in C (``--executor inline``, for debugging and profiling);
a deadline by SIGALRM where the platform and thread allow it."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Iterator, Optional, Sequence, Tuple

from ..engine import FileResult, Overrun, Settings, audit_file, deadline
from .base import OnDone, OnIdle, Stopped, Task, failure_result


@dataclass
class InlineExecutor:
    settings: Settings
    reg: Any
    timeout: Optional[float] = None
    should_stop: Callable[[], bool] = lambda: False
    failures: Dict[str, int] = field(default_factory=dict)

    def run(self, tasks: Sequence[Task], on_done: OnDone, on_idle: OnIdle = None) -> Iterator[Tuple[int, FileResult]]:
        """One file after another (no waiting, so ``on_idle`` is never called)."""
        for index, path in tasks:
            if self.should_stop():
                raise Stopped()
            try:
                with deadline(self.timeout):
                    result = audit_file(path, self.settings)
            except Overrun:
                self.failures["timeout"] = self.failures.get("timeout", 0) + 1
                result = failure_result(path, "timeout", f"no result after {self.timeout:g} s", self.settings, self.reg)
            on_done(index, result)
            yield index, result
