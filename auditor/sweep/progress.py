"""A one-line progress display on stderr, only when stderr is a terminal.

Piped or redirected runs (CI logs, ``2> file``) get nothing, so logs stay
clean.  The line is redrawn at most ten times a second.
"""
from __future__ import annotations

import sys
import time
from typing import Optional, TextIO


class Progress:
    def __init__(self, total: int, stream: Optional[TextIO] = None, enabled: Optional[bool] = None, interval: float = 0.1) -> None:
        self.total = total
        self.stream = stream or sys.stderr
        self.enabled = (hasattr(self.stream, "isatty") and self.stream.isatty()) if enabled is None else enabled
        self.interval = interval
        self.started = time.monotonic()
        self._last = 0.0
        self._shown = False
        self.done = 0
        self.findings = 0
        self.failed = 0

    def update(self, done: int, findings: int, failed: int = 0, force: bool = False) -> None:
        self.done, self.findings, self.failed = done, findings, failed
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self._last < self.interval and done < self.total:
            return
        self._last = now
        self.stream.write("\r" + self.line(now) + "\x1b[K")
        self.stream.flush()
        self._shown = True

    def line(self, now: Optional[float] = None) -> str:
        elapsed = max(1e-6, (now or time.monotonic()) - self.started)
        rate = self.done / elapsed
        width = 24
        filled = int(width * self.done / self.total) if self.total else width
        bar = "#" * filled + "-" * (width - filled)
        text = f"[{bar}] {self.done}/{self.total} files, {self.findings} findings, {rate:.1f} files/s"
        if self.failed:
            text += f", {self.failed} failed"
        if 0 < self.done < self.total and rate > 0:
            left = int((self.total - self.done) / rate)
            text += f", {left // 60}:{left % 60:02d} left"
        return text

    def clear(self) -> None:
        """Wipe the line (before other output goes to the same terminal)."""
        if self.enabled and self._shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._shown = False

    def close(self) -> None:
        self.clear()
