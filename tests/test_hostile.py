"""Issue 19: nothing in the input can stop a run, lose a file or leak into the output.

The corpus (tests/hostile_corpus.py) is built on the fly: non-UTF-8 and control
characters in names, lone surrogates, huge line numbers, wrong JSON types, zip
and PDF bombs, quadratic HTML, big honest inputs, link loops, dangling links,
a pipe and a folder without permissions.  `check`, `sweep --jobs 1` and
`sweep --jobs 2` must complete on it, report every file as a finding or a
problem, stay within 20 × the largest file + 100 MB, and write every format
so that it parses.
"""
from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import Dict, List, Tuple

import pytest

import hostile_corpus
from auditor.discovery import discover, shown, why_not_regular

AUDITOR = [sys.executable, "-m", "auditor"]
#: runs a command and prints the peak RSS (KB) of its process tree: resource.getrusage(RUSAGE_CHILDREN)
_MEASURE = ("import resource, subprocess, sys; rc = subprocess.run(sys.argv[1:]).returncode; "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, rc, file=sys.stderr)")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    cases = hostile_corpus.build(root / "corpus")
    yield root, cases
    hostile_corpus.unlock(root / "corpus")


def _run(root: Path, *args: str) -> Tuple[int, int, str]:
    """(exit status, peak RSS in bytes of the auditor and its workers, stderr) of one command."""
    env = dict(os.environ, PYTHONIOENCODING="latin-1", NO_COLOR="1")  # a console that cannot show most characters
    proc = subprocess.run([sys.executable, "-c", _MEASURE, *AUDITOR, *args], cwd=root, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=300)
    err = proc.stderr.decode("utf-8", "replace")
    rss_kb, status = err.strip().splitlines()[-1].split()
    assert "Traceback" not in err and "internal error" not in err, err
    return int(status), int(rss_kb) * 1024, err


def _bound(root: Path) -> int:
    """20 × the largest input + 100 MB (the issue's memory bound)."""
    sizes = [os.lstat(os.path.join(d, f)).st_size for d, _, fs in os.walk(root / "corpus") for f in fs]
    return 20 * max(sizes) + 100 * 2**20


def _expected(cases: Dict[str, str]) -> List[str]:
    names = []
    for rel in cases:
        if rel == "locked" and os.geteuid() == 0:  # root reads a chmod-000 folder anyway
            rel = os.path.join("locked", "secret.txt")
        names.append(shown(os.path.join("corpus", rel)))
    return names


def _reported(doc: dict) -> set:
    return {f["file"] for f in doc["findings"]} | {p["file"] for p in doc["problems"]}


def test_check_reports_every_hostile_file_within_the_memory_bound(corpus):
    root, cases = corpus
    status, rss, err = _run(root, "check", "corpus", os.path.join("corpus", "plain.txt"), "--format", "json", "-o", "check.json",
                            "--fail-on", "never", "--timeout", "30")
    assert status in (0, 2), err
    doc = json.loads((root / "check.json").read_text(encoding="utf-8"))
    missing = [name for name in _expected(cases) if name not in _reported(doc)]
    assert not missing, missing
    # overlapping arguments: corpus/plain.txt is audited once
    assert doc["summary"]["files"] == len(cases)
    assert len({f["fingerprint"] for f in doc["findings"] if f["file"] == "corpus/plain.txt"}) == \
        len([f for f in doc["findings"] if f["file"] == "corpus/plain.txt"])
    assert rss < _bound(root), f"peak RSS {rss // 2**20} MB over the bound {_bound(root) // 2**20} MB"
    by_file = {}
    for f in doc["findings"]:
        by_file.setdefault(f["file"], []).append(f)
    for name in ("bomb.xlsx", "bomb.pdf"):
        assert "bomb" in by_file[f"corpus/{name}"][0]["message"], by_file[f"corpus/{name}"]
    for name, words in (("loop.txt", "loop"), ("dangling.txt", "dangling"), ("pipe.txt", "pipe"), ("sub/up", "loop")):
        assert words in by_file[f"corpus/{name}"][0]["message"], by_file[f"corpus/{name}"]
    assert by_file["corpus/huge-line.json"][0]["rule"] == "PARSE001"
    assert {f["rule"] for f in by_file["corpus/wrong-types.json"]} == {"PARSE001"}
    assert "\ufffd" in by_file["corpus/surrogate.json"][0]["message"]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_sweep_reports_every_hostile_file_and_writes_every_format(corpus, jobs):
    root, cases = corpus
    db = f"history-{jobs}.db"
    later = root / "corpus" / "later.txt"  # regular now, a pipe at the --changed-only rerun
    later.write_text(hostile_corpus.TABLE, encoding="utf-8")
    status, rss, err = _run(root, "sweep", "corpus", "--jobs", jobs, "--db", db, "--format", "json", "-o", f"sweep-{jobs}.json",
                            "--fail-on", "never", "--timeout", "30", "--no-progress")
    assert status in (0, 2), err
    doc = json.loads((root / f"sweep-{jobs}.json").read_text(encoding="utf-8"))
    missing = [name for name in _expected(cases) + ["corpus/later.txt"] if name not in _reported(doc)]
    assert not missing, missing
    assert rss < _bound(root), f"peak RSS {rss // 2**20} MB over the bound {_bound(root) // 2**20} MB"

    later.unlink()
    if jobs == "1":
        return
    os.mkfifo(later)  # formats rendered from the history, on a --changed-only rerun where a recorded file became a pipe
    try:
        for fmt in ("csv", "sarif", "junit", "html"):
            out = f"sweep-{jobs}.{fmt}"
            status, _, err = _run(root, "sweep", "corpus", "--jobs", jobs, "--db", db, "--format", fmt, "-o", out,
                                  "--fail-on", "never", "--timeout", "30", "--no-progress", "--changed-only")
            assert status in (0, 2), err
            _parses(fmt, (root / out).read_bytes())
    finally:
        later.unlink()
    rows = list(csv.DictReader(io.StringIO((root / f"sweep-{jobs}.csv").read_text(encoding="utf-8-sig"))))
    assert any("later.txt" in "".join(r.values()) and "pipe" in "".join(r.values()) for r in rows)


def _parses(fmt: str, data: bytes) -> None:
    text = data.decode("utf-8")  # every format is valid UTF-8
    if fmt == "csv":
        assert list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    elif fmt in ("sarif", "json"):
        json.loads(text)
    elif fmt == "junit":
        ET.fromstring(data)
    elif fmt == "html":
        parser = HTMLParser()
        parser.feed(text)
        parser.close()
        assert "<html" in text.lower()


def test_outputs_never_replace_an_input_and_are_checked_first(corpus, tmp_path):
    root, _ = corpus
    plain = os.path.join("corpus", "plain.txt")
    before = (root / plain).read_bytes()
    status, _, err = _run(root, "check", plain, "-o", plain)
    assert status == 2 and "never replaces an input" in err
    assert (root / plain).read_bytes() == before
    status, _, err = _run(root, "check", plain, "-o", os.path.join("no-such-folder", "out.json"))
    assert status == 2 and "no-such-folder" in err
    status, _, err = _run(root, "sweep", plain, "--db", str(tmp_path / "h.db"), "--write-baseline", plain)
    assert status == 2 and "never replaces an input" in err


@pytest.mark.parametrize("option", [("--timeout", "inf"), ("--timeout", "nan"), ("--timeout", "1e300"), ("--jobs", "0")])
def test_numeric_options_are_validated(cli, option):
    command = "sweep" if option[0] == "--jobs" else "check"
    result = cli(command, hostile_corpus.__file__, *option)
    assert result.exit_code == 2
    assert option[0] in result.output


@pytest.mark.parametrize("text, key", [("timeout = inf\n", "timeout"), ("[params.IND003]\nminimum = nan\n", "minimum")])
def test_numeric_settings_are_validated(cli, tmp_path, text, key):
    (tmp_path / "auditor.toml").write_text(text, encoding="utf-8")
    doc = tmp_path / "doc.txt"
    doc.write_text(hostile_corpus.TABLE, encoding="utf-8")
    result = cli("check", doc)
    assert result.exit_code == 2
    assert key in result.output and "finite" in result.output


def test_a_folder_that_cannot_be_listed_is_a_problem(tmp_path, monkeypatch):
    """Root reads chmod-000 folders, so the refusal is simulated where the OS would give it."""
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "a.txt").write_text("x", encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path="."):
        if os.path.basename(os.fspath(path)) == "locked":
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    assert discover([str(tmp_path)]) == [str(locked)]
    assert why_not_regular(str(locked)) == "folder cannot be read: Permission denied"


def test_a_file_named_like_an_option_is_a_path_after_double_dash(tmp_path, cli):
    (tmp_path / "--help").write_text(hostile_corpus.TABLE, encoding="utf-8")
    result = cli("check", "--format", "json", "--", "--help")
    assert json.loads(result.output)["summary"]["files"] == 1


def test_temporary_files_of_a_killed_run_are_removed(tmp_path, cli):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f".auditor-{dead.pid}-abc123.tmp"
    stale.write_text("half a report", encoding="utf-8")
    doc = tmp_path / "doc.txt"
    doc.write_text(hostile_corpus.TABLE, encoding="utf-8")
    cli("check", doc, "--format", "json", "-o", tmp_path / "out.json")
    assert not stale.exists()
    assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["summary"]["files"] == 1


def test_a_sweep_whose_report_cannot_be_written_is_not_complete(tmp_path, cli, monkeypatch):
    from auditor.reporting import pipeline
    from auditor.sweep.history import History

    doc = tmp_path / "doc.txt"
    doc.write_text(hostile_corpus.TABLE, encoding="utf-8")

    def full_disk(self):
        raise OSError(28, "No space left on device", self.path)

    monkeypatch.setattr(pipeline.Target, "commit", full_disk)
    result = cli("sweep", doc, "--db", tmp_path / "h.db", "--format", "json", "-o", tmp_path / "out.json", "--no-progress")
    assert result.exit_code == 2
    assert "out.json" in result.output and "No space left" in result.output
    with History(str(tmp_path / "h.db")) as history:
        assert [r["status"] for r in history.runs()] == ["failed"]


def test_output_survives_a_console_that_cannot_show_the_text(tmp_path):
    doc = tmp_path / "rtl\u202e✓.txt"
    doc.write_text(hostile_corpus.TABLE, encoding="utf-8")
    for encoding in ("latin-1", "gbk", "ascii"):
        proc = subprocess.run([*AUDITOR, "check", str(doc)], env=dict(os.environ, PYTHONIOENCODING=encoding),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
        assert proc.returncode == 1, proc.stderr.decode("utf-8", "replace")
        assert "PLAN001" in proc.stdout.decode("utf-8")  # redirected: written as UTF-8


@pytest.mark.parametrize("line, ok", [(2**64, False), (10**9 + 1, False), (12, True), (4.0, True)])
def test_line_numbers_from_rules_are_bounded_where_they_enter(line, ok):
    from auditor.engine import _checked
    from auditor.rule import Issue

    issue = Issue(line=1, message="m")
    issue.line = line
    if ok:
        assert 1 <= _checked(issue).line <= 10**9
    else:
        with pytest.raises((TypeError, ValueError)):
            _checked(issue)


def test_unclosed_tags_are_defused_and_ordinary_pages_are_not():
    from auditor.readers.native.safety import defuse_markup

    page = "<html><body><!-- <p>old</p> --><script>if (a<b) x()</script><p title='x'>正文</p></body></html>"
    assert defuse_markup(page) == page
    hostile = "<html><body>" + "<a " * 1000
    defused = defuse_markup(hostile)
    assert defused.count("&lt;a ") >= 999 and "<body>" in defused


def test_every_zip_member_is_checked_for_its_ratio_whatever_its_size(tmp_path):
    from auditor.readers.native.safety import inspect_zip

    path = tmp_path / "small-bomb.xlsx"
    hostile_corpus._zip_bomb(path, members=2, member_bytes=2**20)  # 1 MB members, far below any old floor
    kind, problem = inspect_zip(path.read_bytes())
    assert kind is None and "1026:1" in problem or "limit 100:1" in problem


def test_pdf_streams_are_inflated_within_a_budget(tmp_path, monkeypatch):
    from auditor.readers.native import safety

    path = tmp_path / "bomb.pdf"
    hostile_corpus._pdf_bomb(path, inflated=8 * 2**20)
    monkeypatch.setattr(safety, "PDF_INFLATE_BASE", 2**20)
    problem = safety.pdf_inflation(path.read_bytes())
    assert problem and "decompression bomb" in problem
    monkeypatch.setattr(safety, "PDF_INFLATE_BASE", 64 * 2**20)
    assert safety.pdf_inflation(path.read_bytes()) is None


def test_ascii85_wrapped_pdf_streams_count_too(tmp_path, monkeypatch):
    import base64
    import zlib

    from auditor.readers.native import safety

    body = base64.a85encode(zlib.compress(b" " * 8 * 2**20, 9)) + b"~>"
    pdf = b"%%PDF-1.4\n4 0 obj\n<< /Length %d /Filter [/ASCII85Decode /FlateDecode] >>\nstream\n" % len(body) + body + b"\nendstream\nendobj\n"
    monkeypatch.setattr(safety, "PDF_INFLATE_BASE", 2**20)
    assert "decompression bomb" in (safety.pdf_inflation(pdf) or "")
