"""The engine: file → reader → document → rules → findings.

:func:`audit_bytes` is the unit of work of every run: a pure function of a
document's bytes and name and picklable :class:`Settings`, returning a
:class:`FileResult` (:func:`audit_file` reads the file first).  The same
function serves every executor (auditor.executors): the worker processes of
``check`` and ``sweep`` and the tasks on a Dask cluster.  It never raises for
bad input: an unreadable file, a crashing reader or a crashing rule becomes a
finding.
"""
from __future__ import annotations

import fnmatch
import functools
import hashlib
import contextlib
import os
import signal
import stat
import threading
import time
import traceback
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Iterable, Iterator, List, Optional, Sequence, Tuple, Union

from .discovery import shown as shown_path, why_not_regular
from .models import SEVERITIES, Document, Finding, ParseIssue
from .readers.decode import valid_text
from .registry import Registry, load_registry
from .fixes.locate import place_edits
from .rule import Issue, Rule
from .sources import SourceRef

#: refuse to read files larger than this (bytes); they become PARSE001
MAX_FILE_BYTES = 200 * 1024 * 1024


@dataclass
class Settings:
    """Everything a worker needs to audit a file, picklable."""

    select: Sequence[str] = ()
    ignore: Sequence[str] = ()
    severity: Dict[str, str] = field(default_factory=dict)
    params: Dict[str, Dict[str, Any]] = field(default_factory=dict)
    per_file_ignores: Dict[str, List[str]] = field(default_factory=dict)
    use_plugins: bool = True
    only_plugins: Sequence[str] = ()
    rules_packs: Sequence[str] = ()
    base_folder: Optional[str] = None

    def key(self) -> Tuple:
        return (self.use_plugins, tuple(self.only_plugins), tuple(self.rules_packs))


@dataclass
class FileResult:
    path: str
    findings: List[Finding] = field(default_factory=list)
    tables: int = 0
    kind: str = "unknown"
    problem: Optional[str] = None
    sha256: str = ""
    size: int = 0
    seconds: float = 0.0
    #: what the reading covered: {"parts": {kind: n}, "blocks": n, "unread": n, "partly": n, "unread_blocks": [...]}
    coverage: Dict[str, Any] = field(default_factory=dict)
    #: what checks across documents need from this file (``FileFacts`` as a JSON-able dict, or packed as bytes
    #: once it crossed from a worker: auditor.corpus.facts.pack_facts); None when no corpus rule runs
    facts: Optional[Union[Dict[str, Any], bytes]] = None


_REGISTRY_CACHE: Dict[Tuple, Registry] = {}


def registry_for(settings: Settings) -> Registry:
    """One registry per process and plugin selection (workers build theirs once)."""
    key = settings.key()
    reg = _REGISTRY_CACHE.get(key)
    if reg is None:
        extra: List[Tuple[str, object]] = []
        if settings.rules_packs:
            from .plugins.packs import load_pack_plugin

            for pack in settings.rules_packs:
                extra.append((f"pack:{os.path.basename(pack)}", load_pack_plugin(pack)))
        reg = load_registry(use_plugins=settings.use_plugins, only=settings.only_plugins or None, extra=extra)
        _REGISTRY_CACHE[key] = reg
    return reg


#: ``--select ALL`` runs every rule, default-off (opt-in) rules included
SELECT_ALL = "ALL"


def selected(rule_id: str, select: Sequence[str], ignore: Sequence[str], opt_in: bool = False) -> bool:
    """Longest-prefix wins between --select and --ignore, as in ruff/flake8.

    An opt-in rule runs only when a selector names it (its ID or a prefix of it)
    or ``ALL`` is selected; an empty selection does not."""
    try:  # asked per rule per file and per finding: remembered per selection
        return _selected(rule_id, tuple(select), tuple(ignore), bool(opt_in))
    except TypeError:  # an unhashable selector
        return _select(rule_id, select, ignore, opt_in)


@functools.lru_cache(maxsize=4096)
def _selected(rule_id: str, select: Tuple[str, ...], ignore: Tuple[str, ...], opt_in: bool) -> bool:
    return _select(rule_id, select, ignore, opt_in)


def _select(rule_id: str, select: Sequence[str], ignore: Sequence[str], opt_in: bool) -> bool:
    every = any(s.upper() == SELECT_ALL for s in select)
    named = max((len(s) for s in select if s and rule_id.startswith(s.upper())), default=-1)
    sel = max(named, 0) if every else (named if select or opt_in else 0)
    ign = max((len(s) for s in ignore if rule_id.startswith(s.upper())), default=-1)
    return sel >= 0 and sel >= ign


def is_opt_in(rule_cls: object) -> bool:
    return bool(getattr(rule_cls, "opt_in", False))


def fingerprint(rule: str, file: str, table: Optional[str], fieldname: str, evidence: str) -> str:
    """Stable across edits elsewhere: rule + file (as given) + table + field + evidence.

    No line number, so a finding keeps its fingerprint when lines move; the path
    as given (not the base name) keeps same-named files in different folders apart.
    """
    text = "\x1f".join([rule, file.replace(os.sep, "/"), table or "", fieldname, " ".join(evidence.split())])
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:20]


def _ignored_for_file(path: str, rule_id: str, per_file: Dict[str, List[str]], base: Optional[str]) -> bool:
    rel = os.path.relpath(path, base) if base else path
    for pattern, rules in per_file.items():
        if fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(os.path.basename(path), pattern) or fnmatch.fnmatch(path, pattern):
            if any(rule_id.startswith(r.upper()) for r in rules):
                return True
    return False


#: called with what the audit is about to run ("rule TST001 of plugin x"), so a
#: worker that dies or hangs there can say where; see :func:`stage_labels`
Stage = Optional[Callable[[str], None]]


def stage_labels(reg: Registry) -> Dict[Any, str]:
    """``rule_id``/reader → "rule X of plugin Y" (built once per registry)."""
    labels: Optional[Dict[Any, str]] = getattr(reg, "_stage_labels", None)
    if labels is None:
        labels = {rid: f"rule {rid} of plugin {reg.rule_source.get(rid, '?')}" for rid in reg.rules}
        owner = {name: p.name for p in reg.plugins for name in p.readers}
        for reader in reg.readers:
            rname = getattr(reader, "name", type(reader).__name__)
            labels[id(reader)] = f"reader {rname} of plugin {owner.get(rname, '?')}"
        setattr(reg, "_stage_labels", labels)
    return labels


def read_document(path: str, data: bytes, reg: Registry, stage: Stage = None) -> Document:
    """Pick the first reader that accepts the file and read it."""
    from .interpret import active

    head = data[:4096]
    for reader in reg.readers:
        if stage is not None:
            stage(stage_labels(reg)[id(reader)])
        if reader.accepts(path, head):
            with active(reg.interpreters):
                return reader.read(path, data)
    return Document(path=path, issues=[ParseIssue(rule="PARSE001", line=1, message="无可用读取器 / no reader accepts this file")])


def crash_site(exc: BaseException, module_hint: str = "") -> Optional[str]:
    """``file.py:42`` where ``exc`` was raised: the deepest frame in ``module_hint``
    (a rule's own module) if there is one, else the last frame; None without a traceback."""
    frames = traceback.extract_tb(exc.__traceback__)
    for frame in reversed(frames):
        if module_hint and module_hint.replace(".", os.sep) in frame.filename:
            return f"{os.path.basename(frame.filename)}:{frame.lineno}"
    if frames:
        return f"{os.path.basename(frames[-1].filename)}:{frames[-1].lineno}"
    return None


def _crash_line(exc: BaseException, module_hint: str) -> str:
    return crash_site(exc, module_hint) or "?"


def read_regular_file(path: str) -> bytes:
    """The bytes of a regular file within :data:`MAX_FILE_BYTES`; raises OSError or ValueError.

    Opened with O_NONBLOCK, so a file swapped for a pipe since it was listed cannot hang the run.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise ValueError("not a regular file; not read")
        data = fh.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise ValueError(f"file is over the {MAX_FILE_BYTES // 2**20} MB limit; not read")
    return data


def audit_file(path: str, settings: Optional[Settings] = None, display: Optional[str] = None, stage: Stage = None) -> FileResult:
    """Audit one file on disk. Never raises for bad input."""
    display = display or shown_path(path)
    why = why_not_regular(path)  # a pipe, a loop, a locked folder: named, never opened
    if why is not None:
        return _unreadable(display, settings or Settings(), f"cannot read file: {why}")
    try:
        data = read_regular_file(path)
    except Exception as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        return _unreadable(display, settings or Settings(), f"cannot read file: {reason}")
    return audit_bytes(path, data, settings, display=display, stage=stage)


def _unreadable(shown: str, settings: Settings, problem: str) -> FileResult:
    reg = registry_for(settings)
    result = FileResult(path=shown_path(shown), problem=valid_text(problem))
    issue = Issue(line=1, message=f"文件无法读取 / {problem}")
    result.findings = to_findings(shown, [("PARSE001", issue)], reg, settings)
    return result


def audit_bytes(name: str, data: bytes, settings: Optional[Settings] = None, display: Optional[str] = None, stage: Stage = None) -> FileResult:
    """Audit a document given as bytes and a name (whose extension picks the reader).

    The pure unit of work: no filesystem access, so a worker on another host
    needs only the work item.  Never raises for bad input.  ``stage`` (a
    worker's) is told which reader or rule runs next.
    """
    settings = settings or Settings()
    shown = display or shown_path(name)
    started = time.perf_counter()
    result = FileResult(path=shown, size=len(data), sha256=hashlib.sha256(data).hexdigest())
    reg = registry_for(settings)
    issues: List[Tuple[str, Issue]] = []
    doc: Optional[Document] = None
    try:
        doc = read_document(name, data, reg, stage)
        if not isinstance(doc, Document):
            raise TypeError(f"a reader returned {type(doc).__name__}, not a Document")
    except (Exception, RecursionError) as exc:
        where = _crash_line(exc, "auditor")
        result.problem = f"reader crashed: {type(exc).__name__}: {exc} ({where})"
        issues.append(("PARSE001", Issue(line=1, message=f"读取失败 / reader crashed: {type(exc).__name__}: {exc} ({where})")))
    if doc is not None:
        from .interpret import coverage_of

        result.kind = doc.kind
        result.tables = doc.table_count()
        result.coverage = coverage_of(doc)
        for pi in doc.issues:
            issues.append((pi.rule, Issue(line=pi.line, message=pi.message, table=pi.table, evidence=pi.evidence, field=pi.message,
                                          source=pi.ref)))  # type: ignore[arg-type]
            if pi.rule == "PARSE001" and result.problem is None:
                result.problem = pi.message
        kinds = {type(p) for p in doc.parts}
        labels = stage_labels(reg) if stage is not None else None
        for rule_id, rule_cls in reg.rules.items():
            if rule_id in reg.corpus_rules or not selected(rule_id, settings.select, settings.ignore, is_opt_in(rule_cls)):
                continue
            wanted = getattr(rule_cls, "parts", ())
            if wanted and not any(issubclass(k, wanted) for k in kinds):
                continue  # the rule checks parts this document does not hold
            if labels is not None:
                stage(labels[rule_id])  # type: ignore[misc]
            found: List[Tuple[str, Issue]] = []
            try:
                rule: Rule = rule_cls(settings.params.get(rule_id))
                for issue in rule.check(doc):
                    found.append((rule_id, _checked(issue)))
                issues.extend(found)
            except (Exception, SystemExit) as exc:  # a plugin's bug must not end the run
                where = _crash_line(exc, getattr(rule_cls, "__module__", ""))
                plugin = reg.rule_source.get(rule_id, "?")
                issues.append((rule_id, Issue(line=1, message=f"规则执行出错 / rule crashed: {rule_id} of plugin {plugin}: {type(exc).__name__}: {_short(exc)} ({where})",
                                              field="crash")))
    if doc is not None:
        lines = doc.text_lines
        for _, issue in issues:
            _place(issue, lines)
            if issue.fix:
                place_edits(issue.fix, lines)
            if issue.location is None and doc.locations:
                issue.location = doc.locations.get(int(issue.line))
    result.findings = to_findings(shown, issues, reg, settings)
    result.problem = valid_text(result.problem)
    if doc is not None and reg.corpus_rules:
        result.facts = _facts(doc, settings, reg)
    result.seconds = time.perf_counter() - started
    return result


def _facts(doc: Document, settings: Settings, reg: Registry) -> Optional[Dict[str, Any]]:
    """The file's facts when a corpus rule will run; a failing extraction gives none (the file's own findings stand)."""
    from .corpus.extract import facts_data
    from .corpus.phase import wants_facts

    if not wants_facts(settings, reg):
        return None
    try:
        return facts_data(doc)
    except Exception:
        return None


class Overrun(BaseException):
    """Raised by :func:`deadline` (not an Exception, so audit_file's handlers let it pass)."""


@contextlib.contextmanager
def deadline(seconds: Optional[float]) -> Iterator[None]:
    """Raise :class:`Overrun` after ``seconds`` (main thread on POSIX; else no limit).

    Only the ``inline`` executor uses this.  Every other run puts its deadline
    outside the audit: the parent kills a worker process that overruns (see
    auditor.executors.pool), which works on any thread and also stops code
    that swallows exceptions or loops in C.
    """
    usable = bool(seconds) and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def _alarm(signum: int, frame: object) -> None:
        raise Overrun()

    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, float(seconds or 0))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _fingerprint_path(path: str, base: Optional[str]) -> str:
    """``x.txt``, ``./x.txt`` and ``/abs/x.txt`` are one file for baselines and diffs."""
    cwd = os.getcwd()
    return _relative(path, base or cwd, "" if os.path.isabs(path) else cwd)


@functools.lru_cache(maxsize=4096)
def _relative(path: str, base: str, cwd: str) -> str:
    """(``cwd``: what a relative ``path`` is relative to, part of the cache key.)"""
    try:
        return os.path.normpath(os.path.relpath(os.path.join(cwd, path) if cwd else path, base))
    except ValueError:  # another drive on Windows
        return os.path.normpath(path)


def _place(issue: Issue, lines: List[str]) -> None:
    """Turn the SourceRef an issue points at into the finding's location, column and source dict;
    on a text line, find the cell's column span from its text."""
    from .sources import SourceRef, text_ref

    ref = issue.source
    if isinstance(ref, dict) or (ref is None and not (issue.target_text and lines)):
        return
    if ref is None or (ref.kind == "text" and ref.column is None):
        line = int(issue.line)
        if not issue.target_text or not 0 < line <= len(lines):
            issue.source = ref.as_dict() if isinstance(ref, SourceRef) else None
            return
        ref = text_ref(line, lines[line - 1], issue.target_text)
    if not isinstance(ref, SourceRef):
        issue.source = None
        return
    if ref.kind == "text" and int(ref.line) != int(issue.line):
        ref = ref.with_(line=int(issue.line), column=None, end_column=None)
    if issue.location is None:
        issue.location = ref.location()
    if issue.column is None and ref.column is not None:
        issue.column, issue.end_column = ref.column, ref.end_column
    issue.source = ref.as_dict()


#: line and column numbers a finding may carry (SQLite and every output hold them)
MAX_POSITION = 10**9


def _short(exc: BaseException, limit: int = 300) -> str:
    text = str(exc)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _position(value: object, what: str, optional: bool = False) -> Optional[int]:
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise TypeError(f"{what} is {type(value).__name__}, not a number")
    number = int(value)
    if not 1 <= number <= MAX_POSITION:
        raise ValueError(f"{what} {number} is outside 1…{MAX_POSITION}")
    return number


def _checked(issue: object) -> Issue:
    """An Issue a rule yielded, validated at the plugin boundary; else raise (the
    engine reports the rule, its plugin and the file)."""
    if not isinstance(issue, Issue):
        raise TypeError(f"yielded {type(issue).__name__}, not an auditor.rule.Issue")
    issue.line = _position(issue.line, "line")  # type: ignore[assignment]
    issue.column = _position(issue.column, "column", optional=True)
    issue.end_column = _position(issue.end_column, "end_column", optional=True)
    issue.evidence = "" if issue.evidence is None else str(issue.evidence)
    issue.message = str(issue.message)
    issue.field = "" if issue.field is None else str(issue.field)
    for name in ("table", "project_code", "location"):
        value = getattr(issue, name)
        if value is not None:
            setattr(issue, name, str(value))
    for name in ("source", "fix"):
        value = getattr(issue, name)
        if value is not None and not isinstance(value, dict) and not (name == "source" and isinstance(value, SourceRef)):
            raise TypeError(f"{name} is {type(value).__name__}, not a dict")
    if issue.severity is not None and issue.severity not in SEVERITIES:
        raise ValueError(f"severity {issue.severity!r} is not one of {', '.join(SEVERITIES)}")
    return issue


def to_findings(shown: str, issues: Iterable[Tuple[str, Issue]], reg: Registry, settings: Settings, *,
                seen: Optional[Dict[str, int]] = None, ordered: bool = True) -> List[Finding]:
    """Issues → findings: selection, per-file ignores, severity, fingerprints, order.

    ``seen``: the file's fingerprint counts so far (a corpus rule's findings come in chunks);
    ``ordered=False`` keeps the issues' order instead of sorting by line and rule."""
    findings: List[Finding] = []
    seen = {} if seen is None else seen
    shown = shown_path(shown)
    where = _fingerprint_path(shown, settings.base_folder)  # the same for every finding of the file
    for rule_id, issue in issues:
        if not selected(rule_id, settings.select, settings.ignore, is_opt_in(reg.rules.get(rule_id))):
            continue
        if settings.per_file_ignores and _ignored_for_file(shown, rule_id, settings.per_file_ignores, settings.base_folder):
            continue
        rule_cls = reg.rules.get(rule_id)
        default = getattr(rule_cls, "severity", "error")
        severity = settings.severity.get(rule_id) or issue.severity or default
        for name in ("message", "table", "project_code", "evidence", "field"):  # lone surrogates from any source
            setattr(issue, name, valid_text(getattr(issue, name)))
        fp = fingerprint(rule_id, where, issue.table, issue.field, issue.evidence)
        n = seen.get(fp, 0)
        seen[fp] = n + 1
        if n:
            fp = f"{fp}-{n + 1}"
        findings.append(
            Finding(
                rule=rule_id,
                severity=severity,
                file=shown,
                line=min(max(1, int(issue.line)), MAX_POSITION),
                message=issue.message,
                table=issue.table,
                project_code=issue.project_code,
                evidence=issue.evidence,
                fingerprint=fp,
                name=getattr(rule_cls, "name", None),
                location=issue.location,
                column=issue.column,
                end_column=issue.end_column,
                source=issue.source,
                fix=issue.fix,
                field=issue.field or None,
            )
        )
    if ordered:
        findings.sort(key=lambda f: (f.line, f.rule))
    return findings


def settings_from_config(cfg: Any, **overrides: Any) -> Settings:
    """Build worker settings from a loaded :class:`auditor.config.Config`."""
    s = Settings(
        select=list(cfg.select),
        ignore=list(cfg.ignore),
        severity=dict(cfg.severity),
        params={k.upper(): dict(v) for k, v in cfg.params.items()},
        per_file_ignores={k: list(v) for k, v in cfg.per_file_ignores.items()},
        rules_packs=[str((cfg.folder / p)) if not os.path.isabs(p) else p for p in cfg.rules_packs],
        base_folder=str(cfg.folder),
    )
    for k, v in overrides.items():
        setattr(s, k, v)
    return s
