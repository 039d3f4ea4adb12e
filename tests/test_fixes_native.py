"""`auditor fix` on a .docx and an .xlsx built from seed 001's tables: only the plan
cells change; formatting, merges and every other part stay as they were."""
from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Dict, List, Tuple

import docx
import openpyxl
import pytest
from openpyxl.styles import Font, PatternFill

from auditor.engine import Settings, audit_file
from test_native import build_docx, build_xlsx, seed_part


def key(f) -> Tuple:
    return (f.rule, f.table, f.field, f.evidence)


def findings(path: Path):
    return audit_file(str(path), Settings()).findings


@pytest.fixture(scope="module")
def items():
    return seed_part("001")[1]


def _docx_cells(path: Path) -> Dict[Tuple[int, int, int], Tuple[str, List[Tuple[bool, str]]]]:
    """(table, row, tc) → (text, [(bold, colour) of each run]), tc elements as Word stores them."""
    from docx.oxml.ns import qn

    out = {}
    document = docx.Document(str(path))
    for t, table in enumerate(document.tables, start=1):
        for r, tr in enumerate(table._tbl.tr_lst, start=1):
            for c, tc in enumerate(tr.tc_lst, start=1):
                runs = [(run.find(qn("w:rPr") + "/" + qn("w:b")) is not None,
                         (run.find(qn("w:rPr") + "/" + qn("w:color")).get(qn("w:val")) if run.find(qn("w:rPr") + "/" + qn("w:color")) is not None else ""))
                        for run in tc.iter(qn("w:r"))]
                out[(t, r, c)] = ("\n".join("".join(x.text or "" for x in p.iter(qn("w:t"))) for p in tc.iter(qn("w:p"))), runs)
    return out


def _merges(path: Path) -> List[str]:
    """gridSpan and vMerge marks of the document, in order."""
    from docx.oxml.ns import qn

    body = docx.Document(str(path)).element.body
    return [f"{el.tag.split('}')[1]}={el.get(qn('w:val'))}" for el in body.iter(qn("w:gridSpan"), qn("w:vMerge"))]


def test_docx_plans_rewritten_with_formatting_and_merges_kept(tmp_path, cli, items):
    (tmp_path / "in").mkdir()
    src = build_docx(items, tmp_path / "in" / "s001.docx")
    document = docx.Document(str(src))
    for table in document.tables:  # formatting to keep: every run bold and coloured
        for row in table.rows:
            for cell in row.cells:
                for p in cell.paragraphs:
                    for run in p.runs:
                        run.font.bold = True
                        run.font.color.rgb = docx.shared.RGBColor(0x12, 0x34, 0x56)
    document.save(str(src))
    before = findings(src)
    plans = [f for f in before if f.rule == "PLAN001"]
    assert len(plans) == 16 and all(e.get("source", {}).get("kind") == "docx" for f in plans for e in f.fix["edits"])

    result = cli("fix", src, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    out = tmp_path / "out" / "s001.docx"
    after = findings(out)
    assert not [f for f in after if f.rule == "PLAN001"]
    assert {key(f) for f in after} <= {key(f) for f in before}

    old, new = _docx_cells(src), _docx_cells(out)
    assert old.keys() == new.keys() and _merges(src) == _merges(out)
    changed = {k for k in old if old[k][0] != new[k][0]}
    assert len(changed) == sum(len(f.fix["edits"]) for f in plans)
    assert {k[2] for k in changed} <= {2, 3, 4, 5}  # the four checkpoint columns of the plan rows
    for k in changed:
        assert new[k][1] == old[k][1] and all(b and c == "123456" for b, c in new[k][1])  # runs keep bold and colour
    first = sorted(k for k in changed if k[0] == 1)
    assert [new[k][0] for k in first] == ["2.94", "23.53", "41.18", "100.00"]


def test_xlsx_plans_rewritten_as_numbers_with_styles_merges_and_other_parts_kept(tmp_path, cli, items):
    (tmp_path / "in").mkdir()
    src = build_xlsx(items, tmp_path / "in" / "s001.xlsx")
    book = openpyxl.load_workbook(str(src))
    sheet = book.active
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, (int, float)):  # the plan and budget cells: formatting to keep
                cell.font = Font(bold=True, color="FF123456")
                cell.fill = PatternFill("solid", fgColor="FFFFEE99")
    book.save(str(src))
    before = findings(src)
    plans = [f for f in before if f.rule == "PLAN001"]
    assert len(plans) == 16 and all(e.get("source", {}).get("kind") == "xlsx" for f in plans for e in f.fix["edits"])

    original = src.read_bytes()
    shown = cli("fix", src, "--diff")
    assert shown.exit_code == 1 and src.read_bytes() == original  # a cell table, nothing written
    assert any("绩效目标表!B7" in line and "5.00" in line and "2.94" in line for line in shown.output.splitlines())

    result = cli("fix", src, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    out = tmp_path / "out" / "s001.xlsx"
    after = findings(out)
    assert not [f for f in after if f.rule == "PLAN001"]
    assert {key(f) for f in after} <= {key(f) for f in before}

    a, b = openpyxl.load_workbook(str(src)).active, openpyxl.load_workbook(str(out)).active
    assert sorted(map(str, a.merged_cells.ranges)) == sorted(map(str, b.merged_cells.ranges))
    edited = {e["source"]["cell"]: e["new"] for f in plans for e in f.fix["edits"]}
    for row in a.iter_rows():
        for cell in row:
            other = b[cell.coordinate]
            if cell.coordinate in edited:
                assert other.value == pytest.approx(float(edited[cell.coordinate]))
                assert other.number_format == cell.number_format == "0.00"
                assert other.font.b and other.font.color.rgb == "FF123456" and other.fill.fgColor.rgb == "FFFFEE99"
            else:
                assert other.value == cell.value
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out) as zout:
        assert zin.namelist() == zout.namelist()
        differ = [n for n in zin.namelist() if zin.read(n) != zout.read(n)]
    assert differ == ["xl/worksheets/sheet1.xml"]  # styles, shared strings, workbook: byte for byte


def test_a_formula_cell_is_not_overwritten(tmp_path, items):
    from auditor.fixes.apply import plan_fixes

    (tmp_path / "in").mkdir()
    src = build_xlsx(items, tmp_path / "in" / "s001.xlsx")
    plan = next(f for f in findings(src) if f.rule == "PLAN001")
    book = openpyxl.load_workbook(str(src))
    target = plan.fix["edits"][0]["source"]["cell"]
    book.active[target] = "=1+4"
    book.save(str(src))
    out = plan_fixes(str(src), src.read_bytes(), [plan])
    assert out.after is None and "formula" in out.skipped[0][1]
