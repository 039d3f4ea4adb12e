"""The sweep's building blocks on their own: history database, baselines, progress, runner, writers."""
from __future__ import annotations

import io
import json
import multiprocessing
import os
import sqlite3
import subprocess
import sys

import pytest

from auditor.engine import FileResult, Settings, registry_for
from auditor.models import Finding
from auditor.sweep.baseline import BaselineError, load_baseline, write_baseline
from auditor.sweep.history import History, HistoryError
from auditor.reporting.pipeline import Stream, Target
from auditor.sweep.progress import Progress
from auditor.sweep.runner import Runner
from auditor.testing import perf_table


def finding(file: str, line: int, rule: str = "PLAN001", **extra) -> Finding:
    return Finding(rule=rule, severity="error", file=file, line=line, message="m", evidence="e", fingerprint=f"{file}-{line}-{rule}", **extra)


def start(h: History, config_hash: str = "c") -> int:
    return h.start_run(tool_version="0", rule_versions={"PLAN001": "1"}, config={}, config_hash=config_hash, paths=["."], total=2)


def test_findings_round_trip_with_extra_fields(tmp_path):
    with History(str(tmp_path / "h.db")) as h:
        rid = start(h)
        f1 = finding("a.txt", 3, table=None, location="p. 2", status="new")
        h.record_file(rid, 0, FileResult(path="a.txt", findings=[f1, finding("a.txt", 9)], tables=2, sha256="x"))
        h.finish_run(rid, "complete")
        back = list(h.findings(rid))
        assert [b.model_dump(exclude_none=True) for b in back] == [f1.model_dump(exclude_none=True), finding("a.txt", 9).model_dump(exclude_none=True)]
        assert h.run(rid)["findings"] == 2 and h.run(rid)["tables"] == 2 and h.run(rid)["status"] == "complete"


def test_a_file_is_all_or_nothing(tmp_path):
    """An interrupt inside a file's transaction leaves none of that file behind."""
    with History(str(tmp_path / "h.db")) as h:
        rid = start(h)
        with pytest.raises(KeyboardInterrupt):
            with h.transaction() as c:
                c.execute("INSERT INTO files (run_id, seq, path) VALUES (?, 0, 'a.txt')", (rid,))
                raise KeyboardInterrupt
        assert h.files(rid) == []
        h.record_file(rid, 1, FileResult(path="b.txt"))  # the connection is still usable
        assert [f["path"] for f in h.files(rid)] == ["b.txt"]


def test_previous_needs_a_complete_run_with_the_same_configuration(tmp_path):
    with History(str(tmp_path / "h.db")) as h:
        r1 = start(h)
        h.record_file(r1, 0, FileResult(path="a.txt", sha256="s1"))
        h.record_file(r1, 1, FileResult(path="bad.txt", sha256="s2", problem="timed out"))
        assert h.previous("a.txt", "c") is None  # run 1 is still running
        h.finish_run(r1, "complete")
        assert h.previous("a.txt", "c") == (r1, "s1")
        assert h.previous("a.txt", "other") is None
        assert h.previous("bad.txt", "c") is None  # failed files are always audited again
        r2 = start(h)
        assert h.carry_forward(r2, 0, "a.txt", r1) == (0, 0)
        assert h.files(r2)[0]["carried_from"] == r1


def test_stale_running_runs_become_interrupted(tmp_path):
    db = str(tmp_path / "h.db")
    code = ("import sys; from auditor.sweep.history import History; h = History(sys.argv[1]); "
            "h.start_run(tool_version='0', rule_versions={}, config={}, config_hash='c', paths=[], total=1)")
    subprocess.run([sys.executable, "-c", code, db], check=True)  # a sweep that died without finishing
    with History(db) as h:
        assert [r["status"] for r in h.runs()] == ["interrupted"]


def test_newer_schema_and_non_database_are_refused(tmp_path):
    db = tmp_path / "h.db"
    History(str(db)).close()
    con = sqlite3.connect(db)
    con.execute("PRAGMA user_version = 99")
    con.close()
    with pytest.raises(HistoryError, match="newer"):
        History(str(db))
    (tmp_path / "junk.db").write_bytes(b"not a database" * 100)
    with pytest.raises(HistoryError):
        History(str(tmp_path / "junk.db"))


def test_baseline_round_trip(tmp_path):
    path = tmp_path / "b.json"
    rows = [("fp1", "PLAN001", "a.txt", 3, "m1"), ("fp2", "VAL001", "a.txt", 5, "引号\"m2"), ("fp1", "PLAN001", "b/a.txt", 3, "m1")]
    assert write_baseline(str(path), iter(rows)) == 2
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["fingerprints"]["fp2"] == {"rule": "VAL001", "file": "a.txt", "line": 5, "message": "引号\"m2"}
    assert load_baseline(str(path)) == {"fp1", "fp2"}
    assert [p.name for p in tmp_path.iterdir()] == ["b.json"]  # no temporary file left
    report = tmp_path / "findings.json"
    report.write_text(json.dumps({"tool": {}, "findings": [{"fingerprint": "fp9"}]}), encoding="utf-8")
    assert load_baseline(str(report)) == {"fp9"}
    with pytest.raises(BaselineError):
        load_baseline(str(tmp_path / "missing.json"))


def test_progress_only_on_a_terminal():
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    tty, pipe = Tty(), io.StringIO()
    for stream in (tty, pipe):
        p = Progress(10, stream=stream)
        p.update(5, 7, force=True)
        p.close()
    assert "5/10 files, 7 findings" in tty.getvalue() and "files/s" in tty.getvalue() and tty.getvalue().startswith("\r")
    assert pipe.getvalue() == ""


def test_runner_yields_in_order_with_a_tiny_window(tmp_path):
    paths = []
    for i in range(7):
        p = tmp_path / f"d{i}.md"
        p.write_text(perf_table(title=f"1.项目{i}绩效目标表") if i != 3 else "", encoding="utf-8")
        paths.append(str(p))
    settings = Settings()
    seen = []
    runner = Runner(settings=settings, reg=registry_for(settings), jobs=2, timeout=30, window=1)
    got = list(runner.run(list(enumerate(paths)), lambda i, r: seen.append(i)))
    assert [i for i, _ in got] == list(range(7)) and sorted(seen) == list(range(7))
    assert [r.path for _, r in got] == paths and got[3][1].problem and got[0][1].tables == 1
    assert multiprocessing.active_children() == []  # a finished run leaves no worker behind


def test_sweep_leaves_no_workers(tmp_path, cli):
    (tmp_path / "a.md").write_text(perf_table(), encoding="utf-8")
    (tmp_path / "b.md").write_text(perf_table(), encoding="utf-8")
    assert cli("sweep", tmp_path, "--jobs", "2", "--db", tmp_path / "h.db").exit_code in (0, 1)
    assert multiprocessing.active_children() == []


def test_json_stream_with_no_findings_matches_the_reporter(tmp_path):
    from auditor.reporting.base import Report

    out = tmp_path / "o.json"
    target = Target(str(out))
    reg = registry_for(Settings())
    stream = Stream(reg.reporters["json"], target, Report(findings=[]))
    stream.begin()
    stream.take("a.txt", [], 0, None)
    assert not out.exists()  # nothing until the end
    stream.finish()
    assert out.read_text(encoding="utf-8") == reg.reporters["json"].render(Report(findings=[], files=1))
    umask = os.umask(0)
    os.umask(umask)
    assert os.stat(out).st_mode & 0o777 == 0o666 & ~umask  # not mkstemp's private 0600


def test_baseline_helpers_for_check(tmp_path):
    """What `auditor check --baseline/--write-baseline` would call on its finished Report."""
    from auditor.reporting.base import Report
    from auditor.sweep.baseline import apply_baseline, finding_rows

    old = [finding("a.txt", 3), finding("a.txt", 5, rule="VAL001")]
    write_baseline(str(tmp_path / "b.json"), finding_rows(old))
    report = Report(findings=old + [finding("b.txt", 1)])
    assert apply_baseline(report, str(tmp_path / "b.json")) == 2
    assert [f.file for f in report.findings] == ["b.txt"] and report.extra["baseline"]["hidden"] == 2


def test_one_lifecycle_for_streaming_and_whole_run_formats(tmp_path):
    """A streaming format sees begin, each file, end; a whole-run one only its end, with every finding."""
    from auditor.reporting.base import Report, Reporter
    from auditor.reporting.pipeline import Stream, Target

    calls = []

    class Streaming(Reporter):
        name, streaming = "streaming", True

        def begin(self, report, out):
            calls.append(("begin", len(report.audited)))

        def file(self, report, findings, out):
            calls.append(("file", [f.line for f in findings]))
            out.write("".join(f"{f.file}:{f.line}\n" for f in findings))

        def end(self, report, out):
            calls.append(("end", report.summary()["findings"], report.by_rule()))

    class Whole(Reporter):
        name = "whole"

        def render(self, report):
            return f"{len(report.findings)} findings, {report.files} files\n"

    files = {"a.txt": [finding("a.txt", 3), finding("a.txt", 5, rule="VAL001")], "b.txt": [], "c.txt": [finding("c.txt", 1)]}
    for reporter, name in ((Streaming(), "s.txt"), (Whole(), "w.txt")):
        stream = Stream(reporter, Target(str(tmp_path / name)), Report(findings=[], audited=list(files)), keep=True)
        stream.begin()
        for path, found in files.items():
            stream.take(path, found, 1, None)
        assert stream.failing == 3 and stream.findings_shown == 3
        stream.finish()
    assert calls == [("begin", 3), ("file", [3, 5]), ("file", []), ("file", [1]), ("end", 3, {"PLAN001": 2, "VAL001": 1})]
    assert (tmp_path / "s.txt").read_text(encoding="utf-8") == "a.txt:3\na.txt:5\nc.txt:1\n"
    assert (tmp_path / "w.txt").read_text(encoding="utf-8") == "3 findings, 3 files\n"


def test_sweep_and_check_write_the_summary_line_once(tmp_path, cli):
    (tmp_path / "a.md").write_text(perf_table(), encoding="utf-8")
    for args in (("check", tmp_path / "a.md"), ("sweep", tmp_path, "--db", tmp_path / "h.db", "--jobs", "1")):
        out = cli(*args).stdout
        assert out.count(" in 1 files, 1 tables") == 1, out


def test_a_batched_file_is_all_or_nothing_and_the_batch_is_kept(tmp_path, monkeypatch):
    """A sweep records files in batches: an interrupt inside one file drops that file only,
    and the files recorded before it are committed with the run's status."""
    import auditor.sweep.history as history

    db = str(tmp_path / "h.db")
    with History(db) as h:
        rid = start(h)
        h.batch()
        h.record_file(rid, 0, FileResult(path="a.txt", findings=[finding("a.txt", 3)], tables=1))
        real = history.finding_row

        def interrupted(*args):
            raise KeyboardInterrupt

        monkeypatch.setattr(history, "finding_row", interrupted)
        with pytest.raises(KeyboardInterrupt):
            h.record_file(rid, 1, FileResult(path="b.txt", findings=[finding("b.txt", 4)], tables=5))
        monkeypatch.setattr(history, "finding_row", real)
        other = sqlite3.connect(db)
        try:  # not committed yet: another reader sees none of the batch
            assert other.execute("SELECT COUNT(*) FROM files").fetchone()[0] == 0
        finally:
            other.close()
        h.finish_run(rid, "interrupted")  # commits the batch first
    other = sqlite3.connect(db)
    try:
        assert other.execute("SELECT path FROM files").fetchall() == [("a.txt",)]
        assert other.execute("SELECT files, tables, findings, status FROM runs").fetchall() == [(1, 1, 1, "interrupted")]
        assert other.execute("SELECT file FROM findings").fetchall() == [("a.txt",)]
    finally:
        other.close()
