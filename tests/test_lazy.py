"""Start-up: what `auditor check` imports, and the light specs that stand for the built-ins.

Built-in native readers and reporters are registered by their spec
(auditor.lazy) and imported when used; these tests keep each spec equal to
its class and show that a plain run leaves the unused modules unimported.
"""
from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from io import BytesIO
from pathlib import Path

import pytest

from auditor.engine import Settings, registry_for
from auditor.lazy import LazyReader, LazyReporter
from auditor.reporting.base import Report

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "docs" / "performance-targets.txt"


def _zip(*names: str) -> bytes:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name in names:
            zf.writestr(name, "<x/>")
    return buffer.getvalue()


HEADS = {
    "docx zip": _zip("[Content_Types].xml", "word/document.xml")[:4096],
    "xlsx zip": _zip("[Content_Types].xml", "xl/workbook.xml")[:4096],
    "bare zip": _zip("a.txt")[:4096],
    "ole": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100,
    "rtf": b"{\\rtf1\\ansi hello}",
    "pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
    "html": "<!DOCTYPE html><html><body><table><tr><td>预算数</td></tr></table></body></html>".encode("utf-8"),
    "text": "1.企业搬迁改造工作经费绩效目标表\n项目编码\n".encode("utf-8"),
    "binary junk": bytes(range(256)) * 4,
    "empty": b"",
}
PATHS = ["a.docx", "a.doc", "a.xlsx", "a.xls", "a.pdf", "a.html", "a.htm", "a.txt", "a.md", "a", "A.DOCX"]


def _builtin_readers():
    reg = registry_for(Settings(use_plugins=False))
    return [r for r in reg.readers if isinstance(r, LazyReader)]


def test_the_native_readers_are_registered_as_specs_equal_to_their_classes():
    lazy = _builtin_readers()
    assert sorted(r.name for r in lazy) == ["docx", "html", "pdf", "xlsx"]
    for spec in lazy:
        real = spec.load()
        assert type(real).__name__ != "LazyReader"
        for attribute in ("name", "extensions", "priority", "description", "kind", "library"):
            assert getattr(spec, attribute) == getattr(real, attribute), (spec.name, attribute)


@pytest.mark.parametrize("kind", list(HEADS))
def test_a_spec_accepts_exactly_the_files_its_reader_accepts(kind):
    head = HEADS[kind]
    for spec in _builtin_readers():
        real = spec.load()
        for path in PATHS:
            assert spec.accepts(path, head) == real.accepts(path, head), (spec.name, path, kind)


def test_a_reporter_spec_renders_as_its_reporter():
    reg = registry_for(Settings(use_plugins=False))
    specs = [r for r in reg.reporters.values() if isinstance(r, LazyReporter)]
    assert sorted(r.name for r in specs) == ["csv", "github", "gitlab", "html", "json", "junit", "sarif", "text"]
    report = Report(findings=[], files=1, audited=["a.txt"])
    for spec in specs:
        real = type(spec.load())()
        for attribute in ("name", "extension", "description", "binary", "streaming"):
            assert getattr(spec, attribute) == getattr(real, attribute), (spec.name, attribute)
        if spec.name == "html":
            continue  # stamps the time it was made
        assert spec.render(report) == real.render(report), spec.name


def test_a_lazy_object_says_what_it_stands_for():
    spec = LazyReader("auditor.readers.json_reader:JsonReader", name="json")
    assert "json_reader:JsonReader" in repr(spec) and "loaded" not in repr(spec)
    assert spec.accepts("a.json", b"{}")  # no predicate given: the real reader answers
    assert "loaded" in repr(spec)
    with pytest.raises(AttributeError):
        spec.__no_such_thing__  # noqa: B018


# -- what a run imports -------------------------------------------------------------------

PROBE = r"""
import json, sys
from auditor.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(json.dumps(sorted(m for m in sys.modules if m.startswith(("auditor", "pathspec", "tabulate", "docx", "openpyxl", "pdfplumber")))))
"""


def _imported(tmp_path: Path, *args: str) -> set:
    """The modules of interest imported by ``auditor ARGS`` run in ``tmp_path`` (inline: reading
    happens in this process too)."""
    (tmp_path / "auditor.toml").write_text('executor = "inline"\n', encoding="utf-8")
    proc = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, cwd=tmp_path, timeout=300)
    return set(json.loads(proc.stdout.strip().splitlines()[-1]))


UNUSED_BY_A_TEXT_CHECK = {
    "auditor.readers.native.docx", "auditor.readers.native.xlsx", "auditor.readers.native.pdf", "auditor.readers.native.html",
    "auditor.reporting.sarif", "auditor.reporting.junit", "auditor.reporting.html", "auditor.reporting.csv_reporter",
    "auditor.reporting.ci", "auditor.sweep.cli", "auditor.fixes.cli", "auditor.plugins.scaffold", "pathspec", "tabulate",
    "docx", "openpyxl", "pdfplumber",
}


def test_checking_a_text_file_imports_no_reader_format_or_command_it_does_not_use(tmp_path):
    (tmp_path / "doc.txt").write_bytes(EXAMPLE.read_bytes())
    imported = _imported(tmp_path, "check", "doc.txt", "--fail-on", "never")
    assert "auditor.readers.text_reader" in imported and "auditor.reporting.text" in imported  # the probe sees the run
    assert not imported & UNUSED_BY_A_TEXT_CHECK


def test_the_reader_and_format_a_run_uses_are_imported_then(tmp_path):
    from docx import Document as WordDocument

    word = WordDocument()
    word.add_paragraph("关于开展绩效评价工作的通知")
    word.save(str(tmp_path / "n.docx"))
    (tmp_path / ".gitignore").write_text("*.tmp\n", encoding="utf-8")
    imported = _imported(tmp_path, "check", ".", "--format", "sarif", "--fail-on", "never")
    assert {"auditor.readers.native.docx", "auditor.reporting.sarif", "pathspec"} <= imported
    assert "auditor.reporting.junit" not in imported and "auditor.readers.native.pdf" not in imported


def test_every_command_is_listed_and_runs(cli):
    from auditor.cli import LAZY_COMMANDS

    listed = cli("--help").output
    for name in LAZY_COMMANDS:
        assert f"  {name} " in listed
        assert cli(name, "--help").exit_code == 0


def test_what_start_up_made_is_frozen_once_the_plugins_are_loaded(tmp_path):
    """The registry (rules, readers, schemas) is kept out of later collections and of the worker's (runtime.tune_gc)."""
    (tmp_path / "doc.txt").write_bytes(EXAMPLE.read_bytes())
    code = ("import gc\nfrom auditor.cli import main\ntry:\n    main(['check', 'doc.txt', '-q'])\nexcept SystemExit:\n    pass\n"
            "from auditor import engine\nreg = next(iter(engine._REGISTRY_CACHE.values()))\nlive = {id(o) for o in gc.get_objects()}\n"
            "print('FROZEN', id(reg) not in live and not any(id(c) in live for c in reg.rules.values()))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert "FROZEN True" in proc.stdout, proc.stdout + proc.stderr
