"""One output pipeline for every run: a reporter's lifecycle fed file by file.

``check`` and ``sweep`` both hand each file's findings to a :class:`Stream`
the moment the file is next in the stable order.  The stream applies the
baseline, counts (the summary line comes from these counts, once), and
passes the findings to the reporter's :meth:`~auditor.reporting.base.Reporter.file`
when the format streams; a whole-run format gets every finding in its end
step, from ``findings()`` (the sweep reads them back from its database;
``check`` keeps them, being small by design).

Output to a file goes to a temporary file beside it, renamed over the path
only when the run completes, so an interrupted run never leaves half a report.
"""
from __future__ import annotations

import os
import sys
from collections import Counter
from typing import Any, Callable, Iterable, List, Optional, Set, Union

from ..atomic import temp_beside
from ..models import Finding, Problem
from .base import Out, Report, fails


class Target(Out):
    """Stdout, or a temporary file renamed over ``path`` by :meth:`commit`."""

    def __init__(self, path: Optional[str], before_write: Optional[Callable[[], None]] = None) -> None:
        self.path = path
        self.before_write = before_write
        self._tmp: Optional[str] = None
        self._fh: Any = None
        if path:
            fd, self._tmp = temp_beside(path)
            self._fh = os.fdopen(fd, "wb")

    def write(self, data: Union[str, bytes]) -> None:
        if self._fh is not None:
            self._fh.write(data.encode("utf-8", "replace") if isinstance(data, str) else data)  # never a lone surrogate
            return
        if self.before_write is not None:
            self.before_write()
        if isinstance(data, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
        else:
            sys.stdout.write(data)

    def commit(self) -> None:
        if self._fh is None:
            sys.stdout.flush()
            return
        self._fh.flush()
        os.fsync(self._fh.fileno())
        self._fh.close()
        self._fh = None
        os.replace(self._tmp, self.path)  # type: ignore[arg-type]
        self._tmp = None

    def abort(self) -> None:
        if self._fh is None:
            try:
                sys.stdout.flush()
            except Exception:
                pass
            return
        try:
            self._fh.close()
        finally:
            self._fh = None
            try:
                os.unlink(self._tmp)  # type: ignore[arg-type]
            except OSError:
                pass
            self._tmp = None


class Stream:
    """One run's report: begin, each file's findings in order, end; counted once.

    ``report`` carries the run's context (rules, audited files, fail-on,
    colour, statistics, extra sections); ``accepted`` the fingerprints a
    baseline hides; ``keep`` keeps the findings for a whole-run format when
    no ``findings()`` source is given at the end.
    """

    def __init__(self, reporter: Any, target: Target, report: Report, accepted: Optional[Set[str]] = None,
                 baseline: Optional[str] = None, keep: bool = False, suppressor: Any = None) -> None:
        self.reporter, self.target, self.report = reporter, target, report
        self.streaming = bool(getattr(reporter, "streaming", False))
        self.accepted = accepted or set()
        self.baseline = baseline
        self.keep = keep and not self.streaming
        self.kept: List[Finding] = []
        self.counts: Counter = Counter()
        self.failing = 0
        self.hidden = 0
        #: the configuration's [[suppress]] entries (:class:`auditor.suppressions.Suppressor`), if any
        self.suppressor = suppressor
        report.findings = []
        report.counts = None
        report.suppressed = []

    def begin(self) -> None:
        if self.streaming:
            self.reporter.begin(self.report, self.target)

    def take(self, path: str, findings: List[Finding], tables: int, problem: Optional[str]) -> List[Finding]:
        """One file's results, in the stable order; returns the findings shown (after the baseline)."""
        report = self.report
        report.files += 1
        report.tables += tables
        if problem:
            report.problems.append(Problem(file=path, message=problem))
        shown = [f for f in findings if f.fingerprint not in self.accepted] if self.accepted else findings
        self.hidden += len(findings) - len(shown)
        if self.suppressor is not None:
            shown, quiet = self.suppressor.split(shown)
            report.suppressed.extend(quiet)
        self._count(shown)
        if self.streaming:
            self.reporter.file(report, shown, self.target)
        elif self.keep:
            self.kept.extend(shown)
        return shown

    def _count(self, shown: List[Finding]) -> None:
        fail_on = self.report.fail_on
        for f in shown:
            self.counts[(f.rule, f.severity)] += 1
            if fails(f, fail_on):
                self.failing += 1

    def _notes(self) -> List[Finding]:
        """SUP001 / SUP002 about the [[suppress]] entries, after every document (counted, streamed)."""
        if self.suppressor is None:
            return []
        notes = self.suppressor.notes(self.report.audited)
        self._count(notes)
        if notes and self.streaming:
            self.reporter.file(self.report, notes, self.target)
        return notes

    def finish(self, findings: Optional[Callable[[], Iterable[Finding]]] = None) -> None:
        """Write the end (a whole-run format gets every finding here) and commit the output."""
        report = self.report
        notes = self._notes()
        if self.baseline:
            report.extra["baseline"] = {"file": self.baseline, "hidden": self.hidden}
        if self.streaming:
            report.counts = dict(self.counts)
            self.reporter.end(report, self.target)
        else:
            source = findings() if findings is not None else self.kept
            report.findings = [f for f in source if f.fingerprint not in self.accepted] if self.accepted and findings is not None else list(source)
            if findings is not None and self.suppressor is not None:  # read back from a database: suppress again
                report.findings = self.suppressor.split(report.findings, count=False)[0]
            if notes:
                report.findings = sorted(report.findings + notes, key=lambda f: (f.file, f.line, f.rule))
            content = self.reporter.render(report)
            self.target.write(content)
        self.target.commit()

    def abort(self) -> None:
        self.target.abort()

    @property
    def findings_shown(self) -> int:
        return sum(self.counts.values())
