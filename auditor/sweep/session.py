"""One sweep from start to exit status: discover, audit, record, stream, summarise.

The order of events per file is: the executor (local processes or a Dask
cluster) returns its result → this process, the only writer, commits it to
the history (its own transaction) → when every earlier file is also done, its
findings go through the report's lifecycle (:mod:`auditor.reporting.pipeline`).
Nothing keeps all findings of the run in memory; formats that need them all
get them from the database at the end.
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
from ..corpus.facts import heads_of
from ..corpus.index import FactsIndex
from ..corpus.phase import active_corpus_rules, corpus_chunks
from ..discovery import shown
from ..engine import Settings
from ..executors import make_executor
from ..executors.base import _sha256
from ..models import Finding
from ..reporting.base import Report, exit_status
from ..reporting.pipeline import Stream, Target
from ..runtime import tune_gc
from .baseline import load_baseline, write_baseline
from .history import History
from .progress import Progress

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
    #: the configuration's [[suppress]] entries (an :class:`auditor.suppressions.Suppressor`), if any
    suppressor: Any = None
    progress: bool = True
    color: bool = False
    #: ``process`` (local workers), ``inline`` or ``dask`` (a cluster at ``scheduler``)
    executor: str = "process"
    scheduler: Optional[str] = None
    #: where messages for people go (warnings, the failure count)
    err: Any = field(default_factory=lambda: sys.stderr)


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
    return config, hashlib.sha256(key.encode("utf-8", "backslashreplace")).hexdigest()


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
    """The state of one sweep: history, output stream, executor; one method a phase."""

    def __init__(self, opts: SweepOptions, settings: Settings, reg: Any) -> None:
        self.opts, self.settings, self.reg = opts, settings, reg
        self.accepted: Set[str] = load_baseline(opts.baseline) if opts.baseline else set()
        rule_versions = reg.rule_versions()
        config, self.config_hash = config_record(settings, rule_versions)
        self.executor = make_executor(opts.executor, settings=settings, reg=reg, jobs=opts.jobs, timeout=opts.timeout, scheduler=opts.scheduler)
        self.history = History(opts.db)
        self.run_id = self.history.start_run(tool_version=__version__, rule_versions=rule_versions, config=config, config_hash=self.config_hash,
                                             paths=[os.path.abspath(p) for p in opts.folders], total=len(opts.files))
        self.progress = Progress(len(opts.files), enabled=None if opts.progress else False)
        stdout_tty = hasattr(sys.stdout, "isatty") and sys.stdout.isatty()
        self.report = Report(findings=[], rules=reg.rules, rule_source=reg.rule_source, fail_on=opts.fail_on, color=opts.color,
                             audited=[shown(f) for f in opts.files], extra={"run": {"id": self.run_id, "db": opts.db}})
        target = Target(opts.output, before_write=self.progress.clear if stdout_tty else None)
        self.stream = Stream(reg.reporters[opts.fmt], target, self.report, accepted=self.accepted, baseline=opts.baseline,
                             suppressor=opts.suppressor)
        self.results: Any = None  # the executor's generator, closed at once on Ctrl-C
        #: with corpus rules, each file's findings go out after the corpus phase (from the history, in report order):
        #: meanwhile only (path, tables, problem) of each file is held
        self.corpus = bool(active_corpus_rules(settings, reg))
        #: the heads of every file's facts, indexed as results arrive (while workers still run), for the corpus phase
        self.index: Optional[FactsIndex] = FactsIndex(loader=lambda seq: self.history.file_facts_data(self.run_id, seq)) if self.corpus else None
        self.held: List[Tuple[str, int, Optional[str]]] = []
        self.seen = [0, 0]  # findings and problems of the files held so far (the progress line)

    def run(self) -> int:
        status = "failed"
        tune_gc()  # again after loading the plugins: the registry outlives the run, collections need not walk it
        try:
            with _Interrupt() as interrupt:
                try:
                    self._audit_all()
                    status = "complete"
                except KeyboardInterrupt:
                    status = "interrupted"
                    _close_quietly(self.results)  # kill the workers before anything else
                    return self._interrupted(interrupt.signum or signal.SIGINT)
            self._finish()
            self.history.finish_run(self.run_id, "complete")
        except BaseException:
            status = "failed"
            raise
        finally:
            if status == "failed":
                try:
                    self.history.finish_run(self.run_id, "failed")
                except Exception:
                    pass
                self.progress.close()
                self.stream.abort()
            self.history.close()
        return exit_status(self.report.files, len(self.report.problems), self.stream.failing)

    def _audit_all(self) -> None:
        """Carry forward, audit the rest, and report every file in the sorted order."""
        opts, history = self.opts, self.history
        self.stream.begin()
        carried = _carry_forward(history, self.run_id, opts, self.config_hash, list(self.reg.corpus_rules), self.corpus)
        tasks = [(i, p) for i, p in enumerate(opts.files) if i not in carried]
        history.batch()  # files committed a fraction of a second apart, not one by one
        self.results = results = self.executor.run(tasks, lambda i, r: history.record_file(self.run_id, i, r), history.commit)
        for i, path in enumerate(opts.files):
            name = shown(path)  # the path as reports and the history spell it
            if i in carried:
                if self.index is not None:
                    heads = history.file_facts(self.run_id, i, heads=True)
                    if heads is not None:
                        self.index.add(i, name, heads)
                self._take(name, None, carried[i], None)
            else:
                j, result = next(results)
                assert j == i, (j, i)
                if self.index is not None and result.facts is not None and result.sha256:  # as the history stores them
                    self.index.add(i, shown(result.path), heads_of(result.facts))
                self._take(name, result.findings, result.tables, result.problem)
        for _ in results:  # run the generator to its end: it lets the workers exit and reaps them
            raise AssertionError("the executor returned more results than files")
        if self.corpus:
            self._across_documents()

    def _across_documents(self) -> None:
        """The corpus phase over the facts of every file (carried ones included), then every file's findings
        (its own and those across documents) through the report's lifecycle, in report order."""
        history, run_id = self.history, self.run_id
        history.record_corpus_findings(run_id, corpus_chunks(
            self.index if self.index is not None else history.run_facts(run_id, heads=True), self.settings, self.reg,
            loader=lambda seq: history.file_facts_data(run_id, seq)))
        self.index = None
        for path, tables, problem in self.held:
            self.stream.take(path, list(history.findings(run_id, path)), tables, problem)
        self.held = []

    def _take(self, path: str, findings: Optional[List[Finding]], tables: int, problem: Optional[str]) -> None:
        """One file's findings (after the baseline) through the report's lifecycle (held until the
        corpus phase when corpus rules run; ``None``: a carried file's findings, read when needed)."""
        if self.corpus:
            self.held.append((path, tables, problem))
            self.seen[0] += len(findings or ())
            self.seen[1] += 1 if problem else 0
            self.progress.update(len(self.held), self.seen[0], self.seen[1])
            return
        if findings is None:
            findings = list(self.history.findings(self.run_id, path))
        self.stream.take(path, findings, tables, problem)
        report = self.report
        self.progress.update(report.files, self.stream.findings_shown + self.stream.hidden, len(report.problems))

    def _interrupted(self, signum: int) -> int:
        """Workers are gone; keep what was recorded, drop the half-written report."""
        self.history.finish_run(self.run_id, "interrupted")
        self.progress.close()
        self.stream.abort()
        row = self.history.run(self.run_id) or {}
        print(f"\ninterrupted: run #{self.run_id} recorded {row.get('files', 0)} of {len(self.opts.files)} files in {self.opts.db}",
              file=self.opts.err, flush=True)
        return EXIT_INTERRUPTED if signum == signal.SIGINT else 128 + int(signum)

    def _finish(self) -> None:
        """Close the report (a whole-run format reads every finding back from the database),
        write the baseline, say what failed.  The run is marked complete only after this."""
        opts, report = self.opts, self.report
        self.progress.close()
        self.stream.finish(lambda: self.history.findings(self.run_id))
        if opts.write_baseline:
            n = write_baseline(opts.write_baseline, self.history.fingerprint_rows(self.run_id))
            print(f"baseline: {n} findings written to {opts.write_baseline}", file=opts.err, flush=True)
        if report.problems:
            kinds = ", ".join(f"{n} {k}" for k, n in sorted(self.executor.failures.items()))
            print(f"{len(report.problems)} of {report.files} files could not be audited" + (f" ({kinds})" if kinds else ""), file=opts.err, flush=True)


def _close_quietly(gen: Any) -> None:
    """Stop the runner generator so its workers are killed now."""
    if gen is not None:
        try:
            gen.close()
        except BaseException:
            pass


def _carry_forward(history: History, run_id: int, opts: SweepOptions, config_hash: str, corpus_rules: Sequence[str] = (),
                   need_facts: bool = False) -> Dict[int, int]:
    """--changed-only: copy unchanged files from their last complete run; {index: tables}.

    Findings of corpus rules are not copied (the corpus phase finds them again over
    the whole run); a file whose facts are not stored is audited again when they are needed."""
    carried: Dict[int, int] = {}
    if not opts.changed_only:
        return carried
    for i, path in enumerate(opts.files):
        prev = history.previous(shown(path), config_hash)
        if prev is None:
            continue
        digest, _ = _sha256(path)  # "" for what is no longer a regular file (a pipe): audited, never opened
        if digest and digest == prev[1] and (not need_facts or history.has_facts(digest, config_hash)):
            tables, _n = history.carry_forward(run_id, i, shown(path), prev[0], corpus_rules)
            carried[i] = tables
    return carried


def default_db(cfg: Any) -> str:
    """``db`` from the configuration (relative to its folder), else auditor.db beside it."""
    if cfg.db:
        return cfg.db if os.path.isabs(cfg.db) else str(cfg.folder / cfg.db)
    return str(cfg.folder / "auditor.db")
