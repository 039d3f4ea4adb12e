"""Bad input never crashes a run: each becomes PARSE001/PARSE002 with file and line."""
from __future__ import annotations

import json

import pytest

from auditor.engine import Settings, audit_file
from auditor.testing import perf_table
from conftest import seed


def _bad_folder(tmp_path):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (folder / "zeros.md").write_bytes(b"\x00" * 4096)
    (folder / "one-long-line.txt").write_bytes(("很长的一行" * 4_200_000).encode("utf-8"))  # ~20 MB, no newline
    blank = "1.空白项目绩效目标表\n\n" + "\n".join("| | | | | | |" for _ in range(12)) + "\n"
    (folder / "all-blank.md").write_text(blank, encoding="utf-8")
    full = perf_table(indicators=[("产出指标", "数量指标", "活动场次", "≥5场")])
    (folder / "truncated.md").write_text(full[: full.index("| 产出指标")], encoding="utf-8")
    (folder / "unknown.txt").write_text("这是一段普通的说明文字。\n没有任何表格。\n", encoding="utf-8")
    (folder / "latin1.txt").write_bytes("caf\xe9 cr\xe8me".encode("latin-1") * 10)
    return folder


def test_a_folder_of_bad_input_is_swept_without_a_crash(cli, tmp_path):
    folder = _bad_folder(tmp_path)
    result = cli("check", folder, "--format", "json", "--fail-on", "never")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    by_file = {}
    for f in doc["findings"]:
        by_file.setdefault(f["file"].rsplit("/", 1)[-1], set()).add(f["rule"])
    assert "PARSE001" in by_file["empty.txt"]
    assert "PARSE001" in by_file["binary.txt"]
    assert "PARSE001" in by_file["zeros.md"]
    assert "PARSE002" in by_file["one-long-line.txt"]
    assert "PARSE002" in by_file["all-blank.md"]
    assert "PARSE002" in by_file["unknown.txt"]
    assert by_file.get("truncated.md", set()) <= {"PARSE002", "PLAN004"}, by_file.get("truncated.md")
    assert {p["file"].rsplit("/", 1)[-1] for p in doc["problems"]} >= {"empty.txt", "binary.txt", "zeros.md"}
    assert "Traceback" not in result.output


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"])
def test_encodings_are_detected_not_guessed(tmp_path, encoding):
    text = seed("001").read_text(encoding="utf-8")
    path = tmp_path / "doc.dat"
    path.write_bytes(text.encode(encoding))
    result = audit_file(str(path), Settings(select=["PLAN001"]))
    assert result.problem is None
    assert len([f for f in result.findings if f.rule == "PLAN001"]) == 16


def test_utf16_without_bom(tmp_path):
    text = perf_table(plan=("10", "40", "70", "170"), budget="170.00")
    path = tmp_path / "doc.txt"
    path.write_bytes(text.encode("utf-16-le"))
    assert [f.rule for f in audit_file(str(path), Settings(select=["PLAN001"])).findings] == ["PLAN001"]


def test_full_width_digits_are_read_and_kept_as_written(tmp_path):
    text = perf_table(indicators=[("产出指标", "质量指标", "验收合格率", "≥０.９５")])
    path = tmp_path / "doc.md"
    path.write_text(text, encoding="utf-8")
    (finding,) = audit_file(str(path), Settings(select=["VAL003"])).findings
    assert finding.evidence == "≥０.９５"


def test_an_unreadable_path_is_a_problem_not_a_crash(tmp_path):
    result = audit_file(str(tmp_path / "missing.txt"))
    assert result.problem and result.findings[0].rule == "PARSE001"
