"""`auditor sweep`, `runs`, `diff`: parallel runs, fault isolation, history, baselines.

Documents are written with ``auditor.testing.perf_table`` so nothing here
depends on ../shared.  Misbehaviour comes from a real third-party plugin
(a module plus a ``*.dist-info`` with an ``auditor`` entry point) that the
worker processes find through importlib.metadata like any installed plugin.
"""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import zlib
from pathlib import Path
from typing import Dict, List

import jsonschema
import pytest

from auditor import engine
from auditor.schemas import load_schema
from auditor.testing import perf_table

ROOT = Path(__file__).resolve().parent.parent

PLUGIN = '''
"""Misbehaves on marker texts: for the sweep tests."""
import os
import sys
import time

from auditor import hookimpl
from auditor.rule import Rule


def _has(doc, marker):
    try:
        with open(doc.path, "rb") as fh:
            return marker in fh.read()
    except OSError:
        return False


class Crashes(Rule):
    id = "TST001"
    name = "crashes"
    severity = "warning"
    summary = "raises on CRASH-ME"

    def check(self, doc):
        if _has(doc, b"CRASH-ME"):
            raise RuntimeError("boom")
        return []


class Hangs(Rule):
    id = "TST002"
    name = "hangs"
    summary = "sleeps on HANG-ME"

    def check(self, doc):
        if _has(doc, b"HANG-ME"):
            time.sleep(120)
        return []


class Dies(Rule):
    id = "TST003"
    name = "dies"
    summary = "ends the process on DIE-ME"

    def check(self, doc):
        if _has(doc, b"DIE-ME"):
            os._exit(3)
        return []


class Slow(Rule):
    id = "TST004"
    name = "slow"
    summary = "takes a while on SLOW-ME (so a sweep can be stopped mid-run)"

    def check(self, doc):
        if _has(doc, b"SLOW-ME"):
            time.sleep(0.15)
        return []


def _hostile(rule_id, marker, act):
    """A rule that misbehaves (``act``) on documents holding ``marker``."""
    def check(self, doc):
        if _has(doc, marker.encode()):
            result = act()
            if result is not None:
                yield from result
    return type("Hostile" + rule_id, (Rule,), {"id": rule_id, "name": marker.lower(), "summary": marker, "check": check})


def _segfault():
    import ctypes
    ctypes.string_at(0)


def _swallow():
    while True:
        try:
            time.sleep(1000)
        except BaseException:
            pass


def _c_loop():
    import re
    re.match(r"(a+)+$", "a" * 64 + "b")  # catastrophic backtracking: C code holding the GIL


def _raise_keyboard():
    raise KeyboardInterrupt()


def _malformed():
    from auditor.rule import Issue
    return ["not an Issue"]


def _huge_line():
    from auditor.rule import Issue
    return [Issue(line=2 ** 70, message="x")]


def _exit(code):
    def act():
        sys.exit(code) if code else os._exit(0)
    return act


HOSTILE = {
    "HOSTILE-RAISE": _hostile("TST005", "HOSTILE-RAISE", lambda: 1 / 0),
    "HOSTILE-EXIT0": _hostile("TST006", "HOSTILE-EXIT0", _exit(0)),
    "HOSTILE-EXIT1": _hostile("TST007", "HOSTILE-EXIT1", _exit(1)),
    "HOSTILE-SEGV": _hostile("TST008", "HOSTILE-SEGV", _segfault),
    "HOSTILE-HANG": _hostile("TST009", "HOSTILE-HANG", lambda: time.sleep(600)),
    "HOSTILE-SWALLOW": _hostile("TST010", "HOSTILE-SWALLOW", _swallow),
    "HOSTILE-CLOOP": _hostile("TST011", "HOSTILE-CLOOP", _c_loop),
    "HOSTILE-MALFORMED": _hostile("TST012", "HOSTILE-MALFORMED", _malformed),
    "HOSTILE-KBINT": _hostile("TST013", "HOSTILE-KBINT", _raise_keyboard),
    "HOSTILE-HUGELINE": _hostile("TST014", "HOSTILE-HUGELINE", _huge_line),
}


@hookimpl
def auditor_register_rules():
    return [Crashes, Hangs, Dies, Slow, *HOSTILE.values()]
'''

#: marker → (rule it triggers, what the report must say about the file)
HOSTILE = {
    "HOSTILE-RAISE": ("TST005", "ZeroDivisionError"),
    "HOSTILE-EXIT0": ("TST006", "exit status 0"),
    "HOSTILE-EXIT1": ("TST007", "SystemExit"),
    "HOSTILE-SEGV": ("TST008", "SIGSEGV"),
    "HOSTILE-HANG": ("TST009", "timed out"),
    "HOSTILE-SWALLOW": ("TST010", "timed out"),
    "HOSTILE-CLOOP": ("TST011", "timed out"),
    "HOSTILE-MALFORMED": ("TST012", "not an auditor.rule.Issue"),
    "HOSTILE-KBINT": ("TST013", "KeyboardInterrupt"),
    "HOSTILE-HUGELINE": ("TST014", "outside 1"),
}


def document(tag: str, tables: int = 2, amounts: bool = False, zero: bool = False, marker: str = "") -> str:
    """A clean 绩效目标表 document; ``amounts`` plants PLAN001, ``zero`` plants VAL001.

    Each tag has codes of its own (one code naming two projects in two files is XDOC004)."""
    parts = []
    tag_digits = zlib.crc32(tag.encode("utf-8")) % 100000
    for k in range(tables):
        indicators = [("产出指标", "数量指标", f"{tag}服务企业数量{k}", "≥10家")]
        if zero and k == 0:
            indicators.append(("效益指标", "经济效益指标", f"{tag}结余", "≥0元"))
        plan = ("40.00", "100.00", "160.00", "200.00") if amounts and k == 0 else ("20.00", "50.00", "80.00", "100.00")
        parts.append(perf_table(title=f"{k + 1}.{tag}项目{k}绩效目标表", code=f"37020024P88{tag_digits:05d}{k:04d}A", name=f"{tag}项目{k}",
                                budget="200.00", plan=plan, indicators=indicators))
    return "\n".join(parts) + (f"\n{marker}\n" if marker else "")


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def plugin(tmp_path, monkeypatch) -> Path:
    """Install the misbehaving plugin for this process, its workers and subprocesses."""
    where = tmp_path / "plugin"
    where.mkdir()
    (where / "sweep_testplug.py").write_text(PLUGIN, encoding="utf-8")
    info = where / "sweep_testplug-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: sweep-testplug\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[auditor]\nsweep-testplug = sweep_testplug\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(where))
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(where), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep))
    monkeypatch.setattr(engine, "_REGISTRY_CACHE", {})
    yield where
    sys.modules.pop("sweep_testplug", None)


@pytest.fixture(autouse=True)
def _fresh_registry(monkeypatch):
    """Each test builds its registry from what is installed at that moment."""
    monkeypatch.setattr(engine, "_REGISTRY_CACHE", {})


def out_json(path: Path) -> Dict:
    data = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.validate(data, load_schema("findings"))
    return data


def db_rows(db: Path, sql: str, *args) -> List[tuple]:
    con = sqlite3.connect(db)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def run_cli(*args: str, env: Dict[str, str] = None, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "auditor", *map(str, args)], capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})})


# -- fault isolation -------------------------------------------------------------

def test_sweep_isolates_crashes_hangs_dead_workers_and_garbage(tmp_path, plugin, cli):
    docs = tmp_path / "docs"
    write(docs / "a_good.md", document("甲", amounts=True))
    write(docs / "b_good.md", document("乙"))
    write(docs / "sub" / "c_good.md", document("丙", zero=True))
    write(docs / "crash.md", document("丁", amounts=True, marker="CRASH-ME"))
    write(docs / "hang.md", document("戊", marker="HANG-ME"))
    write(docs / "die.md", document("己", marker="DIE-ME"))
    (docs / "garbage.txt").write_bytes(bytes(range(256)) * 20)
    (docs / "empty.txt").write_bytes(b"")
    db, out = tmp_path / "h.db", tmp_path / "out.json"

    started = time.monotonic()
    result = cli("sweep", docs, "--jobs", "2", "--timeout", "2", "--db", db, "--format", "json", "--output", out)
    assert time.monotonic() - started < 30, "a hung file must not hang the sweep"
    assert result.exit_code == 1, result.output
    data = out_json(out)
    files = [str(docs / n) for n in ("a_good.md", "b_good.md", "crash.md", "die.md", "empty.txt", "garbage.txt", "hang.md")] + [str(docs / "sub" / "c_good.md")]
    assert data["summary"]["files"] == 8
    assert data["summary"]["tables"] == 8  # four two-table documents finished
    problems = {Path(p["file"]).name: p["message"] for p in data["problems"]}
    assert set(problems) == {"hang.md", "die.md", "garbage.txt", "empty.txt"}
    assert "timed out" in problems["hang.md"]
    assert "worker died" in problems["die.md"] and "3" in problems["die.md"]
    by_file: Dict[str, List[Dict]] = {}
    for f in data["findings"]:
        by_file.setdefault(Path(f["file"]).name, []).append(f)
    # the crashing rule becomes a finding about the rule; the other rules still ran on that file
    crash_rules = {f["rule"] for f in by_file["crash.md"]}
    assert "TST001" in crash_rules and "PLAN001" in crash_rules
    assert "rule crashed" in next(f["message"] for f in by_file["crash.md"] if f["rule"] == "TST001")
    for name in ("hang.md", "die.md", "garbage.txt", "empty.txt"):
        assert [f["rule"] for f in by_file[name]] == ["PARSE001"]
    assert [f["rule"] for f in by_file["a_good.md"]] == ["PLAN001"]
    assert [f["rule"] for f in by_file["c_good.md"]] == ["VAL001"]
    # stable order: the sorted file order, whatever order the workers finished in
    order = [files.index(f["file"]) for f in data["findings"]]
    assert order == sorted(order)
    assert "4 of 8 files could not be audited" in result.stderr
    assert "1 died" in result.stderr and "1 timeout" in result.stderr
    # the history holds every file, each with its findings
    assert db_rows(db, "SELECT status, files, total, errors FROM runs") == [("complete", 8, 8, 4)]
    assert sorted(r[0] for r in db_rows(db, "SELECT path FROM files WHERE run_id = 1")) == sorted(files)
    assert db_rows(db, "SELECT COUNT(*) FROM findings WHERE run_id = 1")[0][0] == len(data["findings"])
    assert db_rows(db, "PRAGMA journal_mode")[0][0] == "wal"


def hostile_folder(root: Path) -> Path:
    """A good document, and one document per hostile behaviour of the test plugin."""
    docs = root / "hostile"
    write(docs / "a_good.md", document("甲", amounts=True))
    for marker in HOSTILE:
        write(docs / f"{marker.lower()}.md", document("乙", marker=marker))
    return docs


def assert_hostile_report(docs: Path, data: Dict) -> None:
    """Every file reported; each hostile one by a finding naming the plugin, the rule and the file."""
    assert data["summary"]["files"] == len(HOSTILE) + 1
    by_file: Dict[str, List[Dict]] = {}
    for f in data["findings"]:
        by_file.setdefault(Path(f["file"]).name, []).append(f)
    assert [f["rule"] for f in by_file["a_good.md"]] == ["PLAN001"]
    for marker, (rule, words) in HOSTILE.items():
        name = f"{marker.lower()}.md"
        about = [f for f in by_file.get(name, []) if f["rule"] in ("PARSE001", rule)]
        assert about, (name, by_file.get(name))
        message = about[0]["message"]
        assert rule in message and "sweep-testplug" in message and words in message, (name, message)
        assert about[0]["file"] == str(docs / name)


@pytest.mark.parametrize("how", [("check",), ("sweep", "--jobs", "1"), ("sweep", "--jobs", "2")], ids=["check", "jobs1", "jobs2"])
def test_hostile_plugin_costs_one_file_each(tmp_path, plugin, how):
    """raise, exit 0, exit 1, segfault, hang, swallow BaseException, loop in C, malformed
    findings, KeyboardInterrupt: the run completes and reports every file."""
    docs = hostile_folder(tmp_path)
    out = tmp_path / "out.json"
    extra = ("--db", tmp_path / "h.db") if how[0] == "sweep" else ()
    started = time.monotonic()
    proc = run_cli(*how, docs, "--timeout", "3", "--format", "json", "-o", out, *extra, timeout=150)
    assert time.monotonic() - started < 120
    assert proc.returncode == 1, proc.stderr
    assert_hostile_report(docs, out_json(out))


@pytest.mark.parametrize("how", [("--jobs", "1"), ("--executor", "inline")], ids=["one-worker", "inline"])
def test_sweep_timeout_with_one_worker_and_inline(tmp_path, plugin, cli, how):
    """--jobs 1: one worker process, killed at the deadline; inline: this process, SIGALRM."""
    docs = tmp_path / "docs"
    write(docs / "a.md", document("甲"))
    write(docs / "hang.md", document("戊", marker="HANG-ME"))
    result = cli("sweep", docs, *how, "--timeout", "3", "--db", tmp_path / "h.db", "--format", "json", "--output", tmp_path / "o.json")
    data = out_json(tmp_path / "o.json")
    assert [Path(p["file"]).name for p in data["problems"]] == ["hang.md"]
    assert result.exit_code == 1


def test_nothing_readable_exits_2(tmp_path, cli):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_bytes(b"")
    (docs / "b.txt").write_bytes(b"\x00\x01\x02" * 100)
    result = cli("sweep", docs, "--jobs", "2", "--db", tmp_path / "h.db", "--no-progress")
    assert result.exit_code == 2
    assert cli("sweep", tmp_path / "missing", "--db", tmp_path / "h.db").exit_code == 2


# -- output ---------------------------------------------------------------------------

def test_streamed_json_equals_the_json_reporter(tmp_path, cli):
    """The incremental writer produces exactly what the reporter renders for the same findings."""
    from auditor.engine import Settings, registry_for
    from auditor.reporting.base import Report
    from auditor.sweep.history import History

    docs = tmp_path / "docs"
    for i in range(6):
        write(docs / f"d{i}.md", document(f"文{i}", amounts=i % 2 == 0, zero=i % 3 == 0))
    (docs / "empty.txt").write_bytes(b"")
    outs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"o{jobs}.json"
        result = cli("sweep", docs, "--jobs", jobs, "--db", tmp_path / "h.db", "--format", "json", "-o", out)
        assert result.exit_code == 1
        outs[jobs] = out_json(out)
    strip = lambda d: {k: v for k, v in d.items() if k != "run"}  # noqa: E731
    assert strip(outs["1"]) == strip(outs["2"])
    with History(str(tmp_path / "h.db")) as h:
        findings = list(h.findings(2))
        problems = h.problems(2)
    from auditor.models import Problem

    reg = registry_for(Settings())
    report = Report(findings=findings, files=7, tables=12, problems=[Problem(file=p, message=m) for p, m in problems], extra={"run": outs["2"]["run"]})
    assert (tmp_path / "o2.json").read_text(encoding="utf-8") == reg.reporters["json"].render(report)


def test_text_and_csv_streams(tmp_path, cli):
    docs = tmp_path / "docs"
    write(docs / "a.md", document("甲", amounts=True))
    write(docs / "b.md", document("乙"))
    result = cli("sweep", docs, "--db", tmp_path / "h.db", "--jobs", "2")
    assert result.exit_code == 1
    assert "PLAN001" in result.stdout and "1 findings (1 error, 0 warning, 0 info) in 2 files, 4 tables" in result.stdout
    assert "\r" not in result.stderr  # no progress line when not on a terminal
    result = cli("sweep", docs, "--db", tmp_path / "h.db", "--format", "csv", "--output", tmp_path / "o.csv")
    streamed = (tmp_path / "o.csv").read_bytes()
    lines = streamed.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("file,line,rule,severity")
    assert len(lines) == 2 and ",PLAN001," in lines[1]
    cli("check", docs, "--format", "csv", "--output", tmp_path / "c.csv")
    assert streamed == (tmp_path / "c.csv").read_bytes()  # the same bytes as the csv reporter


def test_config_settings_and_default_db(tmp_path, cli):
    """per-file-ignores from the configuration apply; the history sits beside the configuration."""
    write(tmp_path / "auditor.toml", '[auditor]\nfail-on = "never"\n[auditor.per-file-ignores]\n"a*.md" = ["PLAN"]\n')
    docs = tmp_path / "docs"
    write(docs / "a.md", document("甲", amounts=True))
    write(docs / "b.md", document("乙", amounts=True))
    result = cli("sweep", "docs", "--format", "json", "--jobs", "2")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [Path(f["file"]).name for f in data["findings"]] == ["b.md"]
    assert (tmp_path / "auditor.db").is_file()


# -- history: runs, diff, --changed-only ---------------------------------------------------

def test_runs_and_diff_new_and_fixed(tmp_path, cli):
    docs = tmp_path / "docs"
    write(docs / "a.md", document("甲", amounts=True))
    write(docs / "b.md", document("乙", zero=True))
    write(docs / "c.md", document("丙"))
    db = tmp_path / "h.db"
    assert cli("sweep", docs, "--db", db, "--jobs", "2", "--format", "json").exit_code == 1
    write(docs / "a.md", document("甲"))                  # PLAN001 fixed
    write(docs / "c.md", "\n\n" + document("丙", amounts=True))  # PLAN001 new (lines moved too)
    assert cli("sweep", docs, "--db", db, "--jobs", "2", "--format", "json").exit_code == 1

    result = cli("runs", "--db", db, "--format", "json")
    runs = json.loads(result.stdout)
    assert [(r["id"], r["status"], r["files"], r["findings"]) for r in runs] == [(2, "complete", 3, 2), (1, "complete", 3, 2)]
    assert "complete" in cli("runs", "--db", db).stdout

    result = cli("diff", "--db", db, "--format", "json")
    assert result.exit_code == 1  # a new error
    data = json.loads(result.stdout)
    jsonschema.validate(data, load_schema("findings"))
    status = {(Path(f["file"]).name, f["rule"], f["status"]) for f in data["findings"]}
    assert status == {("c.md", "PLAN001", "new"), ("a.md", "PLAN001", "fixed")}
    assert data["diff"]["unchanged"] == 1 and len(data["diff"]["new"]) == 1 and len(data["diff"]["fixed"]) == 1
    assert data["diff"]["base"] == 1 and data["diff"]["head"] == 2

    text = cli("diff", "1", "2", "--db", db).stdout
    assert "diff: new 1, fixed 1, unchanged 1" in text and "[new]" in text and "[fixed]" in text
    assert cli("diff", "2", "1", "--db", db, "--fail-on", "never").exit_code == 0
    assert cli("diff", "--db", tmp_path / "none.db").exit_code == 2


def test_changed_only_carries_unchanged_files_forward(tmp_path, cli):
    docs = tmp_path / "docs"
    for i in range(4):
        write(docs / f"d{i}.md", document(f"文{i}", amounts=i != 2))
    db = tmp_path / "h.db"
    cli("sweep", docs, "--db", db, "--jobs", "2", "--format", "json", "-o", tmp_path / "full1.json")
    write(docs / "d1.md", document("文1", zero=True))  # PLAN001 fixed, VAL001 new
    result = cli("sweep", docs, "--db", db, "--jobs", "2", "--changed-only", "--format", "json", "-o", tmp_path / "changed.json")
    assert result.exit_code == 1
    rows = dict(db_rows(db, "SELECT path, carried_from FROM files WHERE run_id = 2"))
    assert {Path(p).name: c for p, c in rows.items()} == {"d0.md": 1, "d1.md": None, "d2.md": 1, "d3.md": 1}
    assert db_rows(db, "SELECT carried, files, status FROM runs WHERE id = 2") == [(3, 4, "complete")]
    cli("sweep", docs, "--db", db, "--jobs", "2", "--format", "json", "-o", tmp_path / "full2.json")
    changed, full = out_json(tmp_path / "changed.json"), out_json(tmp_path / "full2.json")
    assert changed["findings"] == full["findings"] and changed["summary"] == full["summary"]
    assert [(Path(f["file"]).name, f["rule"]) for f in changed["findings"]] == [("d0.md", "PLAN001"), ("d1.md", "VAL001"), ("d3.md", "PLAN001")]
    # another configuration audits everything again
    cli("sweep", docs, "--db", db, "--changed-only", "--ignore", "VAL001", "--format", "json")
    assert db_rows(db, "SELECT carried FROM runs WHERE id = 4") == [(0,)]


# -- baselines --------------------------------------------------------------------------------

def test_baseline_hides_known_findings(tmp_path, cli):
    docs = tmp_path / "docs"
    write(docs / "a.md", document("甲", amounts=True))
    write(docs / "b.md", document("乙", zero=True))
    db, base = tmp_path / "h.db", tmp_path / "baseline.json"
    result = cli("sweep", docs, "--db", db, "--write-baseline", base, "--format", "json")
    assert result.exit_code == 1
    data = json.loads(base.read_text(encoding="utf-8"))
    assert data["tool"]["name"] == "auditor" and data["created"]
    assert sorted(v["rule"] for v in data["fingerprints"].values()) == ["PLAN001", "VAL001"]
    assert all({"rule", "file", "line", "message"} <= set(v) for v in data["fingerprints"].values())

    result = cli("sweep", docs, "--db", db, "--baseline", base, "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["findings"] == [] and json.loads(result.stdout)["baseline"]["hidden"] == 2

    write(docs / "a.md", "\n" + document("甲", amounts=True, zero=True))  # the known finding moves; one new
    result = cli("sweep", docs, "--db", db, "--baseline", base, "--format", "json")
    assert result.exit_code == 0  # VAL001 is a warning
    out = json.loads(result.stdout)
    assert [(Path(f["file"]).name, f["rule"]) for f in out["findings"]] == [("a.md", "VAL001")]
    assert out["summary"]["findings"] == 1
    assert cli("sweep", docs, "--db", db, "--baseline", base, "--fail-on", "warning").exit_code == 1
    # a findings JSON works as a baseline too; a broken baseline is a usage error
    (tmp_path / "bad.json").write_text("{}", encoding="utf-8")
    assert cli("sweep", docs, "--db", db, "--baseline", tmp_path / "bad.json").exit_code == 2


# -- killed and interrupted sweeps ----------------------------------------------------------------

def _slow_folder(root: Path, n: int) -> Path:
    docs = root / "many"
    for i in range(n):
        write(docs / f"d{i:03d}.md", document(f"文{i}", amounts=i % 3 == 0, marker="SLOW-ME"))
    return docs


def _wait_for_files(db: Path, run_id: int, at_least: int, proc: subprocess.Popen, limit: float = 30) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        assert proc.poll() is None, "the sweep ended before it could be stopped"
        try:
            rows = db_rows(db, "SELECT files FROM runs WHERE id = ?", run_id)
        except sqlite3.OperationalError:
            rows = []
        if rows and rows[0][0] >= at_least:
            return
        time.sleep(0.05)
    raise AssertionError("the sweep made no progress")


def _children(pid: int) -> List[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _assert_gone(pids: List[int], limit: float = 10) -> None:
    deadline = time.monotonic() + limit
    for pid in pids:
        while Path(f"/proc/{pid}").exists() and "zombie" not in _state(pid):
            assert time.monotonic() < deadline, f"worker {pid} outlived the sweep"
            time.sleep(0.05)


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/status").read_text().split("State:")[1].splitlines()[0].lower()
    except (OSError, IndexError):
        return "zombie"


def test_sigkill_mid_run_keeps_the_database_and_earlier_runs(tmp_path, plugin):
    docs = _slow_folder(tmp_path, 40)
    db = tmp_path / "h.db"
    first = run_cli("sweep", docs, "--db", db, "--jobs", "2", "--format", "json", "-o", tmp_path / "first.json")
    assert first.returncode == 1, first.stderr
    before = db_rows(db, "SELECT * FROM runs WHERE id = 1")
    before_findings = db_rows(db, "SELECT * FROM findings WHERE run_id = 1 ORDER BY id")

    proc = subprocess.Popen([sys.executable, "-m", "auditor", "sweep", str(docs), "--db", str(db), "--jobs", "2", "--format", "json",
                             "-o", str(tmp_path / "second.json")], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_for_files(db, 2, 6, proc)
        workers = _children(proc.pid)
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert not (tmp_path / "second.json").exists()  # no half report
    _assert_gone(workers)  # orphaned workers notice and exit on their own
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        con.close()
    assert db_rows(db, "SELECT * FROM runs WHERE id = 1") == before
    assert db_rows(db, "SELECT * FROM findings WHERE run_id = 1 ORDER BY id") == before_findings
    # every file the killed run recorded is whole: same findings as in the first run
    recorded = db_rows(db, "SELECT path FROM files WHERE run_id = 2")
    assert 6 <= len(recorded) < 40
    sql = "SELECT COUNT(*) FROM findings WHERE run_id = ? AND file = ?"
    for (path,) in recorded:
        assert db_rows(db, sql, 2, path) == db_rows(db, sql, 1, path)
    # the killed run shows as interrupted; diff still compares complete runs only
    runs = json.loads(run_cli("runs", "--db", db, "--format", "json").stdout)
    assert [(r["id"], r["status"]) for r in runs] == [(2, "interrupted"), (1, "complete")]


def test_sigint_stops_cleanly_with_status_130(tmp_path, plugin):
    docs = _slow_folder(tmp_path, 80)  # ≥ 6 s of work: the signal lands mid-run even on a loaded machine
    db = tmp_path / "h.db"
    # a run started in the background of a shell without job control ignores SIGINT, and so would the sweep
    # (it keeps an ignored SIGINT ignored, as a background job must): the child gets the default disposition
    proc = subprocess.Popen([sys.executable, "-m", "auditor", "sweep", str(docs), "--db", str(db), "--jobs", "2", "--format", "json",
                             "-o", str(tmp_path / "out.json")], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        _wait_for_files(db, 1, 4, proc)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130, err
    assert "interrupted" in err
    assert not (tmp_path / "out.json").exists()
    (status, files), = db_rows(db, "SELECT status, files FROM runs")
    assert status == "interrupted" and 4 <= files < 80
    assert db_rows(db, "SELECT COUNT(*) FROM files WHERE run_id = 1")[0][0] == files


# -- benchmark ------------------------------------------------------------------------------------

def test_benchmark_runs_at_a_tiny_size(tmp_path):
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "sweep_bench.py"), "--docs", "5", "--tables-per-doc", "2"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    print(proc.stdout)
    assert "tables/s" in proc.stdout and "speed-up --jobs 1 -> --jobs 2" in proc.stdout and "cold start" in proc.stdout
    assert "floor (read + decode + split" in proc.stdout and "x the floor" in proc.stdout and "python -c pass" in proc.stdout



def test_phase_benchmark_runs_at_a_tiny_size():
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "sweep_phases.py"), "--docs", "5", "--tables-per-doc", "2"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("--jobs 1: 5 documents, ") and "tables/s" in lines[0] and "workers' CPU" in lines[0]
    phases = [line.rsplit(None, 2)[0] for line in lines[2:]]
    assert phases == ["start (configuration, registry, discovery, history)", "audit loop, while the workers run (client side)",
                      "tail: corpus rules (and recording their findings)", "tail: every file's findings through the report", "end of the report"]

def test_formats_rendered_from_the_database(tmp_path, cli):
    """junit/sarif/html need every finding at once: read back from the history at the end."""
    docs = tmp_path / "docs"
    write(docs / "a.md", document("甲", amounts=True))
    write(docs / "b.md", document("乙"))
    db = tmp_path / "h.db"
    for fmt, name in (("junit", "o.xml"), ("sarif", "o.sarif")):
        result = cli("sweep", docs, "--db", db, "--format", fmt, "-o", tmp_path / name)
        assert result.exit_code == 1
    import xml.etree.ElementTree as ET

    cases = ET.parse(tmp_path / "o.xml").getroot().iter("testcase")
    assert sorted(Path(c.get("classname") or "").name for c in cases) == ["a.md", "b.md"]  # every audited file
    sarif = json.loads((tmp_path / "o.sarif").read_text(encoding="utf-8"))
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["PLAN001"]
    assert cli("sweep", docs, "--db", db, "--format", "nonesuch").exit_code == 2
