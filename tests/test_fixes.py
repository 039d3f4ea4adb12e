"""Suggested fixes and `auditor fix` on text documents (seed 001 and built tables)."""
from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import List, Tuple

import pytest

from auditor.engine import Settings, audit_file
from auditor.fixes.apply import plan_fixes
from auditor.fixes.model import edit, make_fix
from auditor.models import Finding
from auditor.plugins.testing import perf_table
from conftest import seed


def audit(path: Path) -> List[Finding]:
    return audit_file(str(path), Settings()).findings


def key(f: Finding) -> Tuple:
    """A finding without its file and line: what "the same finding" means across a fix."""
    return (f.rule, f.table, f.field, f.evidence)


def copy_seed(folder: Path, name: str = "s001.txt") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    target.write_bytes(seed("001").read_bytes())
    return target


# -- the fixes rules suggest ---------------------------------------------------------

def test_seed_001_plans_carry_safe_fixes_to_cumulative_percent(tmp_path):
    found = audit(copy_seed(tmp_path))
    plans = [f for f in found if f.rule == "PLAN001"]
    assert len(plans) == 16
    assert all(f.fix and f.fix["applicability"] == "safe" for f in plans)
    first = plans[0].fix["edits"]
    assert [(e["old"], e["new"]) for e in first] == [("5.00", "2.94"), ("40.00", "23.53"), ("70.00", "41.18"), ("170.00", "100.00")]
    assert all(e["column"] == 2 and e["end_column"] == 2 + len(e["old"]) for e in first)  # after the tab; end exclusive
    for f in plans:  # every plan ends at 100 once rewritten
        assert f.fix["edits"][-1]["new"] == "100.00"


def test_value_fixes_on_a_pipe_table(tmp_path):
    text = perf_table(indicators=[
        ("产出指标", "质量指标", "设备完好率", "≥0.95"),
        ("产出指标", "质量指标", "资料归档率", "≥100%"),
        ("产出指标", "质量指标", "政策符合度", "1家"),
        ("产出指标", "质量指标", "验收合格率", "292%"),
        ("成本指标", "经济成本指标", "设备采购成本", "≥80万元"),
    ])
    path = tmp_path / "t.md"
    path.write_text(text, encoding="utf-8")
    fixes = {f.rule: f.fix for f in audit(path) if f.fix}
    assert fixes["VAL003"]["applicability"] == "safe" and fixes["VAL003"]["edits"][0]["new"] == "≥95%"
    assert fixes["VAL004"]["applicability"] in ("unsafe", "display-only")
    assert fixes["VAL002"]["applicability"] == "unsafe"
    assert (fixes["VAL002"]["edits"][0]["old"], fixes["VAL002"]["edits"][0]["new"]) == ("1家", "100%")
    assert fixes["VAL006"]["applicability"] == "unsafe" and fixes["VAL006"]["edits"][0]["new"] == "≤80万元"
    lines = text.split("\n")
    for fix in fixes.values():  # every edit points at its own cell on a line holding several
        for e in fix["edits"]:
            assert lines[e["line"] - 1][e["column"] - 1:e["end_column"] - 1] == e["old"]


def test_misread_percent_is_a_display_only_hint_and_point_bound_unsafe(tmp_path):
    path = tmp_path / "t.md"
    path.write_text(perf_table(indicators=[("产出指标", "质量指标", "验收合格率", "292%"),
                                           ("产出指标", "质量指标", "资料归档率", "≥100%")]), encoding="utf-8")
    val004 = {f.evidence: f.fix for f in audit(path) if f.rule == "VAL004"}
    assert val004["292%"]["applicability"] == "display-only" and val004["292%"]["edits"][0]["new"] == "≥92%"
    assert val004["≥100%"]["applicability"] == "unsafe" and val004["≥100%"]["edits"][0]["new"] == "=100%"


# -- auditor fix on text ------------------------------------------------------------

def test_fix_rewrites_all_16_plans_of_seed_001_and_nothing_else(tmp_path, cli):
    src = copy_seed(tmp_path / "in")
    original = src.read_bytes()
    before = audit(src)
    result = cli("fix", src, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "16 fixes applied" in result.output
    assert src.read_bytes() == original  # the input is never written without --in-place
    out = tmp_path / "out" / "s001.txt"
    after = audit(out)
    assert not [f for f in after if f.rule == "PLAN001"]
    assert {key(f) for f in after} <= {key(f) for f in before}  # no finding that was not there before
    old_lines = original.decode("utf-8").split("\n")
    new_lines = out.read_text(encoding="utf-8").split("\n")
    assert len(old_lines) == len(new_lines)
    changed = {n for n, (a, b) in enumerate(zip(old_lines, new_lines), start=1) if a != b}
    plan_cells = {e["line"] for f in before if f.rule == "PLAN001" for e in f.fix["edits"]}
    assert changed == plan_cells
    for n in changed:
        assert re.fullmatch(r"\t\d+\.\d\d", old_lines[n - 1]) and re.fullmatch(r"\t\d+\.\d\d", new_lines[n - 1])


@pytest.mark.parametrize("encoding,bom,newline", [
    ("gb18030", b"", "\r\n"),
    ("utf-8", codecs.BOM_UTF8, "\r\n"),
    ("utf-16-le", codecs.BOM_UTF16_LE, "\n"),
    ("utf-16-be", codecs.BOM_UTF16_BE, "\r"),
])
def test_text_keeps_encoding_bom_and_line_endings(tmp_path, cli, encoding, bom, newline):
    text = seed("001").read_text(encoding="utf-8").replace("\n", newline)
    path = tmp_path / "s001.txt"
    path.write_bytes(bom + text.encode(encoding))
    result = cli("fix", path, "--in-place")
    assert result.exit_code == 0, result.output
    data = path.read_bytes()
    assert data.startswith(bom)
    fixed = data[len(bom):].decode(encoding)
    assert fixed.count(newline) == text.count(newline) and (newline == "\r\n" or "\r\n" not in fixed)
    assert fixed != text and not [f for f in audit(path) if f.rule == "PLAN001"]
    changed = [(a, b) for a, b in zip(text.split(newline), fixed.split(newline)) if a != b]
    assert len(changed) == sum(len(f.fix["edits"]) for f in audit(copy_seed(tmp_path / "ref")) if f.rule == "PLAN001")


def test_diff_prints_a_unified_diff_and_writes_nothing(tmp_path, cli):
    src = copy_seed(tmp_path / "in")
    original = src.read_bytes()
    result = cli("fix", src, "--diff")
    assert result.exit_code == 1  # something would change
    assert "-\t5.00\n" in result.output and "+\t2.94\n" in result.output and "@@" in result.output
    assert src.read_bytes() == original and sorted(p.name for p in src.parent.iterdir()) == ["s001.txt"]


def test_fix_needs_a_destination_and_never_writes_over_an_input_with_o(tmp_path, cli):
    src = copy_seed(tmp_path / "in")
    original = src.read_bytes()
    assert cli("fix", src).exit_code == 2
    assert cli("fix", src, "-o", src.parent).exit_code == 2
    assert cli("fix", src, "-o", tmp_path / "x", "--in-place").exit_code == 2
    assert src.read_bytes() == original


def test_unsafe_fixes_only_when_asked(tmp_path, cli):
    src = copy_seed(tmp_path / "in")
    safe = cli("fix", src, "-o", tmp_path / "safe")
    assert "more with --unsafe-fixes" in safe.output
    assert any(f.rule == "VAL002" and f.evidence == "1家" for f in audit(tmp_path / "safe" / "s001.txt"))
    cli("fix", src, "-o", tmp_path / "unsafe", "--unsafe-fixes")
    after = audit(tmp_path / "unsafe" / "s001.txt")
    assert not any(f.rule == "VAL002" and f.evidence == "1家" for f in after)
    assert {key(f) for f in after} <= {key(f) for f in audit(src)}


def test_plan003_fills_an_empty_12yuedi_cell_with_100_when_unsafe_fixes_are_on(tmp_path, cli):
    lines = seed("001").read_text(encoding="utf-8").split("\n")
    head = next(i for i, line in enumerate(lines) if "资金支出计划" in line)
    values = [i for i in range(head, head + 15) if re.fullmatch(r"\t\d+\.\d\d", lines[i])][:4]
    for i, new in zip(values, ("\t10.00", "\t30.00", "\t80.00", "\t")):
        lines[i] = new
    path = tmp_path / "p.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    plan003 = [f for f in audit(path) if f.rule == "PLAN003"]
    assert plan003 and plan003[0].fix["applicability"] == "unsafe"
    assert cli("fix", path, "--in-place", "--unsafe-fixes").exit_code == 0
    assert path.read_text(encoding="utf-8").split("\n")[values[-1]] == "\t100"
    assert not [f for f in audit(path) if f.rule == "PLAN003" and f.table == plan003[0].table]


# -- choosing fixes ------------------------------------------------------------------

def _finding(rule: str, line: int, old: str, new: str, applicability: str = "safe") -> Finding:
    fix = make_fix("test", applicability, [edit(old, new, line=line)])
    return Finding(rule=rule, severity="warning", file="x.txt", line=line, message="m", fingerprint=f"{rule}-{line}-{new}", fix=fix)


def test_two_fixes_of_one_cell_are_never_both_applied():
    data = "预算数\n\t5.00\n\t7.00\n".encode("utf-8")
    first, second, other = _finding("R001", 2, "5.00", "6.00"), _finding("R002", 2, "5.00", "9.00"), _finding("R003", 3, "7.00", "8.00")
    out = plan_fixes("x.txt", data, [first, second, other])
    assert out.applied == [first, other]
    assert [f for f, _ in out.skipped] == [second]
    assert out.after == "预算数\n\t6.00\n\t8.00\n".encode("utf-8")


def test_a_fix_applies_whole_or_not_at_all_and_display_only_is_never_written():
    data = "a\n\t5.00\n".encode("utf-8")
    partly = Finding(rule="R001", severity="error", file="x.txt", line=2, message="m", fingerprint="f1",
                     fix=make_fix("t", "safe", [edit("5.00", "6.00", line=2), edit("9.99", "1.00", line=2)]))
    hint = _finding("R002", 2, "5.00", "7.00", "display-only")
    out = plan_fixes("x.txt", data, [partly, hint])
    assert out.after is None and out.display_only == 1 and [f for f, _ in out.skipped] == [partly]


def test_pdf_and_html_are_display_only(tmp_path):
    f = _finding("R001", 1, "5.00", "6.00")
    for name in ("x.pdf", "x.html"):
        out = plan_fixes(name, b"%PDF-1.4", [f])
        assert out.after is None and out.problem and "display-only" in out.problem


def test_a_file_that_does_not_round_trip_is_not_rewritten():
    data = b"\xef\xbb\xbf" + "a\n\t5.00\n".encode("utf-8") + b"\xff"  # not valid UTF-8 after the BOM
    out = plan_fixes("x.txt", data, [_finding("R001", 2, "5.00", "6.00")])
    assert out.after is None and out.problem


def test_a_folder_keeps_its_layout_below_the_output_folder(tmp_path, cli):
    copy_seed(tmp_path / "docs" / "2022", "a.txt")
    copy_seed(tmp_path / "docs" / "2023", "a.txt")
    (tmp_path / "docs" / "note.txt").write_text("无表格的说明\n", encoding="utf-8")
    result = cli("fix", tmp_path / "docs", "-o", tmp_path / "fixed")
    assert result.exit_code == 0 and "32 fixes applied in 2 of 3 files" in result.output
    written = sorted(str(p.relative_to(tmp_path / "fixed")) for p in (tmp_path / "fixed").rglob("*") if p.is_file())
    assert written == ["2022/a.txt", "2023/a.txt"]  # files without a fix are not copied
    assert cli("fix", tmp_path / "docs", "-o", tmp_path / "docs").exit_code == 2  # would write over the inputs
