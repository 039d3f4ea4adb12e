"""The sweep history: runs, files and findings in one SQLite file.

Why SQLite in WAL mode with ``synchronous=NORMAL``: results are committed
in small transactions as files are done, which is cheap in WAL mode and
survives the sweep being killed (a crash loses at most the files in flight
and those recorded in the last fraction of a second, never an earlier commit
or an earlier run).  A sweep records its files in batches (:meth:`History.batch`):
one transaction for the files done within :data:`BATCH_SECONDS`, each file
inside it all or nothing (a savepoint), committed before anything else is
written and whenever the executor waits with nothing to hand over.
"""
from __future__ import annotations

import json
import os
import socket
import sqlite3
import time
import zlib
from contextlib import contextmanager
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, Dict, Iterable, Iterator, List, Optional, Sequence, Tuple

from pydantic_core import to_json

from ..atomic import pid_alive
from ..corpus.facts import FileFacts, FileHeads, PackedFacts, pack_facts
from ..discovery import shown
from ..engine import MAX_POSITION, FileResult
from ..readers.decode import valid_text
from ..models import Finding

if TYPE_CHECKING:  # pragma: no cover
    from ..corpus.phase import RuleChunk

#: a batch of recorded files is committed once it is this old (seconds) or this long
BATCH_SECONDS = 0.25
BATCH_FILES = 64

SCHEMA_VERSION = 3  # 2: the facts table (checks across documents); 3: facts packed in lines (heads, then each project's indicators)
STATUSES = ("running", "complete", "interrupted", "failed")

SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    started       TEXT NOT NULL,
    finished      TEXT,
    tool_version  TEXT NOT NULL,
    rule_versions TEXT NOT NULL,          -- JSON {rule: version}
    config        TEXT NOT NULL,          -- JSON of the worker settings
    config_hash   TEXT NOT NULL,          -- tool + rule versions + config: what --changed-only compares
    paths         TEXT NOT NULL,          -- JSON list of the folders swept
    status        TEXT NOT NULL DEFAULT 'running',
    host          TEXT,
    pid           INTEGER,
    total         INTEGER NOT NULL DEFAULT 0,   -- files discovered
    files         INTEGER NOT NULL DEFAULT 0,   -- files recorded so far
    carried       INTEGER NOT NULL DEFAULT 0,   -- of which carried forward (--changed-only)
    tables        INTEGER NOT NULL DEFAULT 0,
    findings      INTEGER NOT NULL DEFAULT 0,
    errors        INTEGER NOT NULL DEFAULT 0    -- files with a problem
);
CREATE TABLE IF NOT EXISTS files (
    run_id       INTEGER NOT NULL REFERENCES runs(id),
    seq          INTEGER NOT NULL,            -- position in the sorted file list
    path         TEXT NOT NULL,
    sha256       TEXT,
    size         INTEGER,
    tables       INTEGER,
    kind         TEXT,
    problem      TEXT,
    seconds      REAL,
    carried_from INTEGER,                     -- run the findings were copied from
    PRIMARY KEY (run_id, path)
);
CREATE INDEX IF NOT EXISTS files_path ON files(path, run_id);
CREATE INDEX IF NOT EXISTS files_seq ON files(run_id, seq);
CREATE TABLE IF NOT EXISTS findings (
    id           INTEGER PRIMARY KEY,
    run_id       INTEGER NOT NULL REFERENCES runs(id),
    file_seq     INTEGER NOT NULL,
    file         TEXT NOT NULL,
    rule         TEXT NOT NULL,
    severity     TEXT NOT NULL,
    line         INTEGER NOT NULL,
    message      TEXT NOT NULL,
    table_name   TEXT,
    project_code TEXT,
    evidence     TEXT NOT NULL DEFAULT '',
    fingerprint  TEXT NOT NULL,
    name         TEXT,
    location     TEXT,
    extra        TEXT                          -- JSON of a plugin's extra finding fields
);
CREATE INDEX IF NOT EXISTS findings_run_file ON findings(run_id, file);
CREATE INDEX IF NOT EXISTS findings_run_fp ON findings(run_id, fingerprint);
CREATE TABLE IF NOT EXISTS facts (
    sha256       TEXT NOT NULL,                -- the file's content hash
    config_hash  TEXT NOT NULL,                -- of the run that extracted them (tool, rules, settings)
    data         BLOB NOT NULL,                -- zlib-compressed JSON lines: facts without indicators, then each project's (corpus.facts.pack_facts)
    PRIMARY KEY (sha256, config_hash)
);
"""

_FINDING_COLUMNS = "rule, severity, file, line, message, table_name, project_code, evidence, fingerprint, name, location, extra"


def now() -> str:
    return datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds")


class HistoryError(Exception):
    """The database cannot be used (newer schema, not a database, locked)."""


def _text(value: Any) -> Any:
    """Text SQLite can store: no lone surrogates (U+FFFD), paths as :func:`shown` spells them."""
    return valid_text(value)


def finding_row(run_id: int, seq: int, f: Finding) -> Tuple[Any, ...]:
    extra = dict(f.model_extra or {})
    for key in ("column", "end_column", "source", "fix", "field"):  # the contract's optional fields ride in ``extra``
        value = getattr(f, key, None)
        if value is not None:
            extra[key] = value
    return (run_id, seq, f.rule, f.severity, shown(f.file), min(int(f.line), MAX_POSITION), _text(f.message), _text(f.table),
            _text(f.project_code), _text(f.evidence), f.fingerprint, _text(f.name), _text(f.location),
            _extra_json(extra) if extra else None)


def _extra_json(extra: Dict[str, Any]) -> str:
    """The ``extra`` column: pydantic-core's encoder (a few times json.dumps' speed), the
    standard library's for what it refuses (a plugin's odd value, a lone surrogate)."""
    try:
        return to_json(extra).decode("utf-8")
    except Exception:
        return _text(json.dumps(extra, ensure_ascii=False, default=str))


def _pack(facts: Any) -> bytes:
    """The stored form: a worker's result brings it packed already; a dict (the inline executor) is packed here."""
    return facts if isinstance(facts, bytes) else pack_facts(facts)


def _unpack(data: Any, kind: Any = FileFacts) -> Any:
    """Stored facts back (``FileHeads``: without indicators, from the first line only); a damaged row counts as no facts."""
    try:
        packed = PackedFacts(data)
    except (zlib.error, TypeError):
        return kind()
    if kind is FileHeads or not packed.split:
        return kind.load_json(packed.lines[0])
    return kind.load(packed.data())


def row_finding(row: Sequence[Any]) -> Finding:
    """A stored row back as the same Finding (same fields set, so same JSON)."""
    rule, severity, file, line, message, table, code, evidence, fp, name, location, extra = row
    data: Dict[str, Any] = dict(rule=rule, severity=severity, file=file, line=line, message=message, table=table,
                                project_code=code, evidence=evidence, fingerprint=fp, name=name, location=location)
    if extra:
        data.update(json.loads(extra))
    return Finding(**data)


class History:
    """One open history database."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._config_hashes: Dict[int, str] = {}
        #: files recorded in the open batch transaction, and when it began (None: no batch open)
        self.batching = False
        self._batched = 0
        self._since: Optional[float] = None
        folder = os.path.dirname(os.path.abspath(path))
        try:
            os.makedirs(folder, exist_ok=True)
        except OSError as exc:
            raise HistoryError(f"{shown(path)}: cannot create the folder of the history database: {exc.strerror or exc}") from None
        if os.path.isdir(path):
            raise HistoryError(f"{shown(path)}: is a folder, not a history database")
        try:
            self.conn = sqlite3.connect(path, timeout=30, isolation_level=None)
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            version = self.conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise HistoryError(f"{path}: written by a newer auditor (schema {version}, this one reads {SCHEMA_VERSION})")
            if version < SCHEMA_VERSION:
                with self.transaction():
                    for statement in SCHEMA.split(";"):
                        if statement.strip():
                            self.conn.execute(statement)
                    self.conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            elif not self.conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'files_seq'").fetchone():
                self.conn.execute("CREATE INDEX IF NOT EXISTS files_seq ON files(run_id, seq)")  # added within schema 3: a file by its place
        except (sqlite3.DatabaseError, OSError) as exc:
            raise HistoryError(f"{shown(path)}: {exc}") from None

    def close(self) -> None:
        try:
            self.commit()
        except sqlite3.Error:
            pass
        self.conn.close()

    def batch(self, on: bool = True) -> None:
        """Record files in batches (a sweep) or each in its own transaction (the default)."""
        if not on:
            self.commit()
        self.batching = on

    def commit(self, older_than: float = 0.0) -> None:
        """Commit the open batch of recorded files (only if it began ``older_than`` seconds ago or more)."""
        if self._since is None or time.monotonic() - self._since < older_than:
            return
        self._since, self._batched = None, 0
        if self.conn.in_transaction:
            self.conn.execute("COMMIT")

    def __enter__(self) -> "History":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE … COMMIT, rolled back on any exception (Ctrl-C included);
        an open batch of whole files is committed first."""
        self.commit()
        if self.conn.in_transaction:  # left open by an interrupt between BEGIN and try
            self.conn.execute("ROLLBACK")
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # -- runs -------------------------------------------------------------------
    def start_run(self, *, tool_version: str, rule_versions: Dict[str, str], config: Dict[str, Any],
                  config_hash: str, paths: Sequence[str], total: int) -> int:
        self.mark_stale()
        with self.transaction() as c:
            cur = c.execute(
                "INSERT INTO runs (started, tool_version, rule_versions, config, config_hash, paths, status, host, pid, total)"
                " VALUES (?, ?, ?, ?, ?, ?, 'running', ?, ?, ?)",
                (now(), tool_version, json.dumps(rule_versions, sort_keys=True), _text(json.dumps(config, ensure_ascii=False, sort_keys=True, default=str)),
                 config_hash, json.dumps([shown(p) for p in paths], ensure_ascii=False), socket.gethostname(), os.getpid(), total),
            )
            assert cur.lastrowid is not None
            self._config_hashes[cur.lastrowid] = config_hash
            return cur.lastrowid

    def finish_run(self, run_id: int, status: str) -> None:
        assert status in STATUSES
        with self.transaction() as c:
            c.execute("UPDATE runs SET status = ?, finished = ? WHERE id = ?", (status, now(), run_id))

    def mark_stale(self) -> int:
        """Runs left 'running' by a process on this host that no longer exists were killed."""
        host = socket.gethostname()
        stale = [rid for rid, pid in self.conn.execute("SELECT id, pid FROM runs WHERE status = 'running' AND host = ?", (host,))
                 if pid and not pid_alive(pid)]
        if stale:
            with self.transaction() as c:
                c.executemany("UPDATE runs SET status = 'interrupted' WHERE id = ? AND status = 'running'", [(r,) for r in stale])
        return len(stale)

    def runs(self, limit: Optional[int] = None) -> List[Dict[str, Any]]:
        self.mark_stale()
        sql = "SELECT * FROM runs ORDER BY id DESC" + (f" LIMIT {int(limit)}" if limit else "")
        cur = self.conn.execute(sql)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur]

    def run(self, run_id: int) -> Optional[Dict[str, Any]]:
        cur = self.conn.execute("SELECT * FROM runs WHERE id = ?", (run_id,))
        row = cur.fetchone()
        return dict(zip([d[0] for d in cur.description], row)) if row else None

    def complete_runs(self, n: int = 2) -> List[int]:
        """Ids of the last ``n`` complete runs, oldest first."""
        rows = self.conn.execute("SELECT id FROM runs WHERE status = 'complete' ORDER BY id DESC LIMIT ?", (n,)).fetchall()
        return sorted(r[0] for r in rows)

    # -- files ------------------------------------------------------------------
    def record_file(self, run_id: int, seq: int, result: FileResult) -> None:
        """One file's row and findings and the run's counters, all or nothing: in its own
        transaction, or when batching in a savepoint of the batch's transaction."""
        if not self.batching:
            with self.transaction() as c:
                self._record(c, run_id, seq, result)
            return
        c = self.conn
        if self._since is None or not c.in_transaction:
            if c.in_transaction:  # left open by an interrupt between BEGIN and the bookkeeping
                c.execute("ROLLBACK")
            c.execute("BEGIN IMMEDIATE")
            self._since, self._batched = time.monotonic(), 0
        c.execute("SAVEPOINT file")
        try:
            self._record(c, run_id, seq, result)
        except BaseException:
            if c.in_transaction:
                c.execute("ROLLBACK TO file")
                c.execute("RELEASE file")
            raise
        c.execute("RELEASE file")
        self._batched += 1
        if self._batched >= BATCH_FILES:
            self.commit()
        else:
            self.commit(older_than=BATCH_SECONDS)

    def _record(self, c: sqlite3.Connection, run_id: int, seq: int, result: FileResult) -> None:
        c.execute(
            "INSERT OR REPLACE INTO files (run_id, seq, path, sha256, size, tables, kind, problem, seconds)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (run_id, seq, shown(result.path), result.sha256, result.size, result.tables, _text(result.kind), _text(result.problem), result.seconds),
        )
        if result.findings:
            c.executemany(f"INSERT INTO findings (run_id, file_seq, {_FINDING_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          [finding_row(run_id, seq, f) for f in result.findings])
        c.execute("UPDATE runs SET files = files + 1, tables = tables + ?, findings = findings + ?, errors = errors + ? WHERE id = ?",
                  (result.tables, len(result.findings), 1 if result.problem else 0, run_id))
        if result.facts is not None and result.sha256:
            c.execute("INSERT OR REPLACE INTO facts (sha256, config_hash, data) VALUES (?, ?, ?)",
                      (result.sha256, self.config_hash(run_id), _pack(result.facts)))

    def previous(self, path: str, config_hash: str) -> Optional[Tuple[int, str]]:
        """(run id, sha256) of this file in the newest complete run with the same configuration,
        if it was read without a problem there (a failed file is always audited again)."""
        path = shown(path)
        row = self.conn.execute(
            "SELECT f.run_id, f.sha256 FROM files f JOIN runs r ON r.id = f.run_id"
            " WHERE f.path = ? AND r.status = 'complete' AND r.config_hash = ? AND f.problem IS NULL"
            " ORDER BY f.run_id DESC LIMIT 1",
            (path, config_hash),
        ).fetchone()
        return (int(row[0]), row[1]) if row else None

    def carry_forward(self, run_id: int, seq: int, path: str, from_run: int, skip_rules: Sequence[str] = ()) -> Tuple[int, int]:
        """Copy a file's row and findings from an earlier run; returns (tables, findings).

        ``skip_rules``: rules whose findings are not copied (the corpus rules: they are found again over the whole run)."""
        path = shown(path)
        skip = " AND rule NOT IN (" + ", ".join("?" * len(skip_rules)) + ")" if skip_rules else ""
        with self.transaction() as c:
            c.execute(
                "INSERT OR REPLACE INTO files (run_id, seq, path, sha256, size, tables, kind, problem, seconds, carried_from)"
                " SELECT ?, ?, path, sha256, size, tables, kind, problem, 0, ? FROM files WHERE run_id = ? AND path = ?",
                (run_id, seq, from_run, from_run, path),
            )
            cur = c.execute(
                f"INSERT INTO findings (run_id, file_seq, {_FINDING_COLUMNS})"
                f" SELECT ?, ?, {_FINDING_COLUMNS} FROM findings WHERE run_id = ? AND file = ?{skip} ORDER BY id",
                (run_id, seq, from_run, path, *skip_rules),
            )
            n = cur.rowcount
            tables = c.execute("SELECT tables FROM files WHERE run_id = ? AND path = ?", (run_id, path)).fetchone()[0] or 0
            c.execute("UPDATE runs SET files = files + 1, carried = carried + 1, tables = tables + ?, findings = findings + ? WHERE id = ?",
                      (tables, n, run_id))
            return tables, n

    # -- facts (checks across documents) --------------------------------------------------
    def config_hash(self, run_id: int) -> str:
        known = self._config_hashes.get(run_id)
        if known is None:
            row = self.conn.execute("SELECT config_hash FROM runs WHERE id = ?", (run_id,)).fetchone()
            known = self._config_hashes[run_id] = row[0] if row else ""
        return known

    def has_facts(self, sha256: str, config_hash: str) -> bool:
        return self.conn.execute("SELECT 1 FROM facts WHERE sha256 = ? AND config_hash = ?", (sha256, config_hash)).fetchone() is not None

    def run_facts(self, run_id: int, heads: bool = False) -> Iterator[Tuple[int, str, Any]]:
        """(seq, path, facts) of every file of a run that has facts, in file order (read lazily);
        ``heads``: without indicators (FileHeads), as the corpus phase indexes them."""
        cur = self.conn.execute(
            "SELECT f.seq, f.path, x.data FROM files f JOIN facts x ON x.sha256 = f.sha256 AND x.config_hash = ?"
            " WHERE f.run_id = ? ORDER BY f.seq", (self.config_hash(run_id), run_id))
        for seq, path, data in cur:
            yield int(seq), path, _unpack(data, FileHeads if heads else FileFacts)

    def file_facts(self, run_id: int, seq: int, heads: bool = False) -> Optional[Any]:
        """One file's facts again (``heads``: without indicators, FileHeads); None when none are stored."""
        row = self.conn.execute(
            "SELECT x.data FROM files f JOIN facts x ON x.sha256 = f.sha256 AND x.config_hash = ? WHERE f.run_id = ? AND f.seq = ?",
            (self.config_hash(run_id), run_id, seq)).fetchone()
        return _unpack(row[0], FileHeads if heads else FileFacts) if row else None

    def file_facts_data(self, run_id: int, seq: int) -> Optional[PackedFacts]:
        """One file's packed facts, opened lazily (a project's indicators parsed when asked): the corpus index's loader."""
        row = self.conn.execute(
            "SELECT x.data FROM files f JOIN facts x ON x.sha256 = f.sha256 AND x.config_hash = ? WHERE f.run_id = ? AND f.seq = ?",
            (self.config_hash(run_id), run_id, seq)).fetchone()
        if not row:
            return None
        try:
            return PackedFacts(row[0])
        except (zlib.error, TypeError):
            return None

    def record_corpus_findings(self, run_id: int, chunks: Iterable["RuleChunk"]) -> int:
        """The corpus phase's findings as its rules yield them (:func:`~auditor.corpus.phase.corpus_chunks`),
        each with the seq of the file it points at, and the run's count: one transaction, a
        savepoint per rule, so a rule that crashes leaves only its crash finding.  Returns how many."""
        total, current, of_rule = 0, None, 0
        with self.transaction() as c:
            for chunk in chunks:
                if chunk.rule != current:
                    if current is not None:
                        c.execute("RELEASE corpus_rule")
                    c.execute("SAVEPOINT corpus_rule")
                    current, of_rule = chunk.rule, 0
                if chunk.restart:
                    c.execute("ROLLBACK TO corpus_rule")
                    total, of_rule = total - of_rule, 0
                c.executemany(f"INSERT INTO findings (run_id, file_seq, {_FINDING_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                              [finding_row(run_id, seq, f) for seq, f in chunk.findings])
                total, of_rule = total + len(chunk.findings), of_rule + len(chunk.findings)
            if current is not None:
                c.execute("RELEASE corpus_rule")
            c.execute("UPDATE runs SET findings = findings + ? WHERE id = ?", (total, run_id))
        return total

    def files(self, run_id: int) -> List[Dict[str, Any]]:
        cur = self.conn.execute("SELECT * FROM files WHERE run_id = ? ORDER BY seq", (run_id,))
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur]

    def problems(self, run_id: int) -> List[Tuple[str, str]]:
        return [(p, m) for p, m in self.conn.execute("SELECT path, problem FROM files WHERE run_id = ? AND problem IS NOT NULL ORDER BY seq", (run_id,))]

    # -- findings ---------------------------------------------------------------
    def findings(self, run_id: int, file: Optional[str] = None) -> Iterator[Finding]:
        """Stored findings in report order (file, line, rule), read lazily."""
        file = shown(file) if file is not None else None
        if file is None:
            cur = self.conn.execute(f"SELECT {_FINDING_COLUMNS} FROM findings WHERE run_id = ? ORDER BY file_seq, line, rule, id", (run_id,))
        else:
            cur = self.conn.execute(f"SELECT {_FINDING_COLUMNS} FROM findings WHERE run_id = ? AND file = ? ORDER BY line, rule, id", (run_id, file))
        for row in cur:
            yield row_finding(row)

    def new_findings(self, run_id: int, base_id: int) -> Iterator[Finding]:
        """Findings of ``run_id`` whose fingerprint ``base_id`` does not have."""
        cur = self.conn.execute(
            f"SELECT {_FINDING_COLUMNS} FROM findings WHERE run_id = ?"
            " AND fingerprint NOT IN (SELECT fingerprint FROM findings WHERE run_id = ?) ORDER BY file_seq, line, rule, id",
            (run_id, base_id),
        )
        for row in cur:
            yield row_finding(row)

    def common_count(self, run_id: int, base_id: int) -> int:
        return int(self.conn.execute(
            "SELECT COUNT(*) FROM findings WHERE run_id = ? AND fingerprint IN (SELECT fingerprint FROM findings WHERE run_id = ?)",
            (run_id, base_id),
        ).fetchone()[0])

    def fingerprint_rows(self, run_id: int) -> Iterator[Tuple[str, str, str, int, str]]:
        """(fingerprint, rule, file, line, message) of a run, for baselines."""
        yield from self.conn.execute(
            "SELECT fingerprint, rule, file, line, message FROM findings WHERE run_id = ? ORDER BY file_seq, line, rule, id", (run_id,))
