"""Sweeps on a Dask cluster: a ``LocalCluster`` of two worker processes stands in
for scheduler and workers on other hosts (the client talks to it over TCP).

One cluster serves the whole module (starting one costs seconds); the
misbehaving test plugin of test_sweep is installed before it starts, so the
workers' audit children find it through their environment like any plugin.
"""
from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from distributed import LocalCluster

from auditor import engine
from test_sweep import PLUGIN, _slow_folder, _wait_for_files, db_rows, document, out_json, write

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    where = tmp_path_factory.mktemp("daskplugin")
    (where / "sweep_testplug.py").write_text(PLUGIN, encoding="utf-8")
    info = where / "sweep_testplug-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: sweep-testplug\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[auditor]\nsweep-testplug = sweep_testplug\n", encoding="utf-8")
    saved = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join([str(where), saved or ""]).rstrip(os.pathsep)
    sys.path.insert(0, str(where))
    local = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    try:
        yield local.scheduler_address
    finally:
        local.close()
        sys.path.remove(str(where))
        sys.modules.pop("sweep_testplug", None)
        if saved is None:
            os.environ.pop("PYTHONPATH", None)
        else:
            os.environ["PYTHONPATH"] = saved


@pytest.fixture(autouse=True)
def _fresh_registry(monkeypatch):
    monkeypatch.setattr(engine, "_REGISTRY_CACHE", {})


def _strip(data):
    return {k: v for k, v in data.items() if k != "run"}


def test_same_findings_as_the_local_pool_on_seeds_and_examples(tmp_path, cluster, seeds_dir, cli):
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "examples" / "docs", docs / "examples")
    shutil.copytree(seeds_dir, docs / "seeds")
    shutil.copy(ROOT / "examples" / "packs" / "province-example-doc.txt", docs)
    pack = ROOT / "examples" / "packs" / "province-example.yaml"  # sent to the workers by content
    outs = {}
    for name, how in (("pool", ("--jobs", "2")), ("dask", ("--executor", "dask", "--scheduler", cluster))):
        out = tmp_path / f"{name}.json"
        result = cli("sweep", docs, *how, "--rules-pack", pack, "--db", tmp_path / f"{name}.db", "--format", "json", "-o", out)
        assert result.exit_code == 1, result.output
        outs[name] = out_json(out)
    assert outs["dask"]["summary"]["files"] == len(list(docs.rglob("*.*")))
    assert outs["dask"]["findings"] and _strip(outs["dask"]) == _strip(outs["pool"])
    pack_rules = {f["rule"] for f in outs["dask"]["findings"] if f["file"].endswith("province-example-doc.txt")}
    assert any(not r.startswith(("BUD", "PLAN", "VAL", "IND", "DOC", "PARSE")) for r in pack_rules), pack_rules


def test_hang_and_worker_exit_become_parse001_and_the_sweep_goes_on(tmp_path, cluster, cli):
    docs = tmp_path / "docs"
    write(docs / "a_good.md", document("甲", amounts=True))
    write(docs / "b_hang.md", document("乙", marker="HANG-ME"))
    write(docs / "c_die.md", document("丙", marker="DIE-ME"))
    write(docs / "d_segv.md", document("丁", marker="HOSTILE-SEGV"))
    write(docs / "e_good.md", document("戊", zero=True))
    out, timeout = tmp_path / "o.json", 2.0
    started = time.monotonic()
    result = cli("sweep", docs, "--executor", "dask", "--scheduler", cluster, "--timeout", timeout, "--db", tmp_path / "h.db",
                 "--format", "json", "-o", out)
    elapsed = time.monotonic() - started
    assert result.exit_code == 1, result.output
    assert elapsed < timeout + 25, elapsed  # the hang is cut at the timeout (plus starting a new audit child)
    data = out_json(out)
    problems = {Path(p["file"]).name: p["message"] for p in data["problems"]}
    assert set(problems) == {"b_hang.md", "c_die.md", "d_segv.md"}
    assert "timed out" in problems["b_hang.md"] and "TST002" in problems["b_hang.md"]
    assert "worker died: exit status 3" in problems["c_die.md"] and "TST003 of plugin sweep-testplug" in problems["c_die.md"]
    assert "SIGSEGV" in problems["d_segv.md"]
    rules = {Path(f["file"]).name: f["rule"] for f in data["findings"]}
    assert rules["a_good.md"] == "PLAN001" and rules["e_good.md"] == "VAL001"
    assert db_rows(tmp_path / "h.db", "SELECT status, files, errors FROM runs") == [("complete", 5, 3)]


def test_killed_client_leaves_the_history_intact(tmp_path, cluster, cli):
    docs = _slow_folder(tmp_path, 24)
    db = tmp_path / "h.db"
    proc = subprocess.Popen([sys.executable, "-m", "auditor", "sweep", str(docs), "--db", str(db), "--executor", "dask",
                             "--scheduler", cluster, "--format", "json", "-o", str(tmp_path / "o.json")],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_for_files(db, 1, 2, proc, limit=45)
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert not (tmp_path / "o.json").exists()
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        recorded = con.execute("SELECT COUNT(*) FROM files WHERE run_id = 1").fetchone()[0]
    finally:
        con.close()
    assert recorded >= 2
    # the database takes the next sweep as usual, and that one completes
    again = cli("sweep", docs, "--db", db, "--executor", "dask", "--scheduler", cluster, "--format", "json", "-o", tmp_path / "o2.json")
    assert again.exit_code == 1, again.output
    assert out_json(tmp_path / "o2.json")["summary"]["files"] == 24
    assert db_rows(db, "SELECT status FROM runs WHERE id = 2") == [("complete",)]
