"""One sweep from start to exit status: discover, audit, record, stream, summarise.

The order of events per file is: the worker returns its result → it is
committed to the history (its own transaction) → when every earlier file is
also done, its findings go to the output.  Nothing keeps all findings of the
run in memory; formats that need them all are rendered from the database at
the end.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import signal
import sys
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Sequence, Set, Tuple

from .. import __version__
from ..engine import Settings
from ..models import Finding, Problem
from ..reporting.base import exit_status, fails
from .baseline import load_baseline, write_baseline
from .history import History
from .output import STREAMING_FORMATS, Target, make_sink, summary_dict
from .progress import Progress
from .runner import Runner, _sha256

EXIT_INTERRUPTED = 130


@dataclass
class SweepOptions:
    files: List[str]
    folders: Sequence[str]
    jobs: int
    timeout: Optional[float]
    db: str
    fmt: str
    output: Optional[str]
    fail_on: str
    changed_only: bool = False
    baseline: Optional[str] = None
    write_baseline: Optional[str] = None
    progress: bool = True
    color: bool = False
    #: where messages for people go (warnings, the failure count)
    err: Any = field(default_factory=lambda: sys.stderr)
    #: the configuration's [[suppress]] entries (an :class:`auditor.suppressions.Suppressor`), if any
    suppressor: Any = None


@dataclass
class Tally:
    """Running totals of what was reported (after the baseline)."""

    files: int = 0
    tables: int = 0
    findings: int = 0
    failing: int = 0
    hidden: int = 0
    suppressed: int = 0
    by_severity: Dict[str, int] = field(default_factory=lambda: {"error": 0, "warning": 0, "info": 0})
    problems: List[Problem] = field(default_factory=list)


def config_record(settings: Settings, rule_versions: Dict[str, str]) -> Tuple[Dict[str, Any], str]:
    """The run's configuration as JSON, and the hash --changed-only compares.

    The hash covers the tool version, every rule's version, the settings and
    the contents of rule packs, so any of them changing audits every file again.
    """
    config = dataclasses.asdict(settings)
    config = {k: (list(v) if isinstance(v, tuple) else v) for k, v in config.items()}
    packs = {}
    for pack in settings.rules_packs:
        packs[pack] = _sha256(pack)[0]
    key = json.dumps({"tool": __version__, "rules": rule_versions, "config": config, "packs": packs}, sort_keys=True, ensure_ascii=False)
    return config, hashlib.sha256(key.encode("utf-8")).hexdigest()


class _Interrupt:
    """SIGINT/SIGTERM → KeyboardInterrupt in the main process, old handlers restored after."""

    def __enter__(self) -> "_Interrupt":
        self.signum: Optional[int] = None
        self.saved: Dict[int, Any] = {}
        for sig in (signal.SIGINT, getattr(signal, "SIGTERM", None)):
            if sig is None or signal.getsignal(sig) is signal.SIG_IGN:  # e.g. SIGINT of a background job
                continue
            try:
                self.saved[sig] = signal.signal(sig, self._handle)
            except ValueError:  # not the main thread
                pass
        return self

    def _handle(self, signum: int, frame: Any) -> None:
        self.signum = signum
        raise KeyboardInterrupt()

    def __exit__(self, *exc: Any) -> None:
        for sig, handler in self.saved.items():
            signal.signal(sig, handler)


def run_sweep(opts: SweepOptions, settings: Settings, reg: Any) -> int:
    """Run the sweep; return the exit status (0, 1, 2, or 130 when interrupted)."""
    return _Sweep(opts, settings, reg).run()


class _Sweep:
    """The state of one sweep: history, output, tallies; one method a phase."""

    def __init__(self, opts: SweepOptions, settings: Settings, reg: Any) -> None:
        self.opts, self.settings, self.reg = opts, settings, reg
        self.accepted: Set[str] = load_baseline(opts.baseline) if opts.baseline else set()
        rule_versions = reg.rule_versions()
        config, self.config_hash = config_record(settings, rule_versions)
        self.history = History(opts.db)
        self.run_id = self.history.start_run(tool_version=__version__, rule_versions=rule_versions, config=config, config_hash=self.config_hash,
                                             paths=[os.path.abspath(p) for p in opts.folders], total=len(opts.files))
        self.progress = Progress(len(opts.files), enabled=None if opts.progress else False)
        stdout_tty = hasattr(sys.stdout, "isatty") and sys.stdout.isatty()
        self.target = Target(opts.output, before_write=self.progress.clear if stdout_tty else None)
        self.sink = make_sink(opts.fmt, self.target, paths=opts.files, rules=reg.rules, color=opts.color)
        self.runner = Runner(settings=settings, reg=reg, jobs=opts.jobs, timeout=opts.timeout)
        self.tally = Tally()
        self.results: Any = None  # the runner's generator, closed at once on Ctrl-C

    def run(self) -> int:
        status = "failed"
        try:
            with _Interrupt() as interrupt:
                try:
                    self._audit_all()
                    status = "complete"
                except KeyboardInterrupt:
                    status = "interrupted"
                    _close_quietly(self.results)  # kill the workers before anything else
                    return self._interrupted(interrupt.signum or signal.SIGINT)
            self.history.finish_run(self.run_id, "complete")
            self._finish()
        finally:
            if status == "failed":
                try:
                    self.history.finish_run(self.run_id, "failed")
                except Exception:
                    pass
                self.progress.close()
                self.target.abort()
            self.history.close()
        return exit_status(self.tally.files, len(self.tally.problems), self.tally.failing)

    def _audit_all(self) -> None:
        """Carry forward, audit the rest, and report every file in the sorted order."""
        opts, history = self.opts, self.history
        if self.sink is not None:
            self.sink.begin()
        carried = _carry_forward(history, self.run_id, opts, self.config_hash)
        tasks = [(i, p) for i, p in enumerate(opts.files) if i not in carried]
        self.results = results = self.runner.run(tasks, lambda i, r: history.record_file(self.run_id, i, r))
        for i, path in enumerate(opts.files):
            if i in carried:
                self._take(path, list(history.findings(self.run_id, path)), carried[i], None)
            else:
                j, result = next(results)
                assert j == i, (j, i)
                self._take(path, result.findings, result.tables, result.problem)
        for _ in results:  # run the generator to its end: it lets the workers exit and reaps them
            raise AssertionError("the runner returned more results than files")

    def _take(self, path: str, findings: List[Finding], tables: int, problem: Optional[str]) -> None:
        """Count one file's findings (after the baseline) and stream them out."""
        tally = self.tally
        tally.files += 1
        tally.tables += tables
        if problem:
            tally.problems.append(Problem(file=path, message=problem))
        shown = [f for f in findings if f.fingerprint not in self.accepted] if self.accepted else findings
        tally.hidden += len(findings) - len(shown)
        if self.opts.suppressor is not None:
            shown, quiet = self.opts.suppressor.split(shown)
            tally.suppressed += len(quiet)
        self._count(shown)
        if self.sink is not None:
            self.sink.file(shown)
        self.progress.update(tally.files, tally.findings + tally.hidden + tally.suppressed, len(tally.problems))

    def _count(self, shown: List[Finding]) -> None:
        tally = self.tally
        for f in shown:
            tally.by_severity[f.severity] = tally.by_severity.get(f.severity, 0) + 1
            if fails(f, self.opts.fail_on):
                tally.failing += 1
        tally.findings += len(shown)

    def _interrupted(self, signum: int) -> int:
        """Workers are gone; keep what was recorded, drop the half-written report."""
        self.history.finish_run(self.run_id, "interrupted")
        self.progress.close()
        self.target.abort()
        row = self.history.run(self.run_id) or {}
        print(f"\ninterrupted: run #{self.run_id} recorded {row.get('files', 0)} of {len(self.opts.files)} files in {self.opts.db}",
              file=self.opts.err)
        return EXIT_INTERRUPTED if signum == signal.SIGINT else 128 + int(signum)

    def _finish(self) -> None:
        """Close the report (or render it from the database), write the baseline, say what failed."""
        opts, tally = self.opts, self.tally
        notes = opts.suppressor.notes(opts.files) if opts.suppressor is not None else []
        if notes:  # SUP001/SUP002 about the configuration, after every document
            self._count(notes)
            if self.sink is not None:
                self.sink.file(notes)
        self.progress.close()
        extra: Dict[str, Any] = {"run": {"id": self.run_id, "db": opts.db}}
        if opts.baseline:
            extra["baseline"] = {"file": opts.baseline, "hidden": tally.hidden}
        summary = summary_dict(tally.files, tally.tables, tally.by_severity)
        if tally.suppressed:
            summary["suppressed"] = tally.suppressed
        if self.sink is not None:
            self.sink.end(summary, tally.problems, extra)
            self.target.commit()
        else:
            self.target.abort()
            _render_from_db(self.history, self.run_id, opts, self.reg, tally, self.accepted, extra, notes)
        if opts.write_baseline:
            n = write_baseline(opts.write_baseline, self.history.fingerprint_rows(self.run_id))
            print(f"baseline: {n} findings written to {opts.write_baseline}", file=opts.err)
        if tally.problems:
            kinds = ", ".join(f"{n} {k}" for k, n in sorted(self.runner.failures.items()))
            print(f"{len(tally.problems)} of {tally.files} files could not be audited" + (f" ({kinds})" if kinds else ""), file=opts.err)


def _close_quietly(gen: Any) -> None:
    """Stop the runner generator so its workers are killed now."""
    if gen is not None:
        try:
            gen.close()
        except BaseException:
            pass


def _carry_forward(history: History, run_id: int, opts: SweepOptions, config_hash: str) -> Dict[int, int]:
    """--changed-only: copy unchanged files from their last complete run; {index: tables}."""
    carried: Dict[int, int] = {}
    if not opts.changed_only:
        return carried
    for i, path in enumerate(opts.files):
        prev = history.previous(path, config_hash)
        if prev is None:
            continue
        digest, _ = _sha256(path)
        if digest and digest == prev[1]:
            tables, _n = history.carry_forward(run_id, i, path, prev[0])
            carried[i] = tables
    return carried


def _render_from_db(history: History, run_id: int, opts: SweepOptions, reg: Any, tally: Tally, accepted: Set[str], extra: Dict[str, Any],
                    notes: Sequence[Finding] = ()) -> None:
    """Formats that need every finding at once (html, sarif, junit, plugins')."""
    from ..cli import emit
    from ..reporting.base import Report

    findings = [f for f in history.findings(run_id) if f.fingerprint not in accepted]
    suppressed: List[Finding] = []
    if opts.suppressor is not None:
        findings, suppressed = opts.suppressor.split(findings, count=False)
        findings = sorted(findings + list(notes), key=lambda f: (f.file, f.line, f.rule))
    report = Report(findings=findings, files=tally.files, tables=tally.tables, problems=tally.problems, rules=reg.rules,
                    rule_source=reg.rule_source, fail_on=opts.fail_on, color=opts.color, extra=extra)
    if hasattr(report, "audited"):
        report.audited = list(opts.files)
    report.suppressed = suppressed
    emit(report, opts.fmt, opts.output, reg)


def default_db(cfg: Any) -> str:
    """``db`` from the configuration (relative to its folder), else auditor.db beside it."""
    if cfg.db:
        return cfg.db if os.path.isabs(cfg.db) else str(cfg.folder / cfg.db)
    return str(cfg.folder / "auditor.db")


def streaming(fmt: str) -> bool:
    return fmt in STREAMING_FORMATS
