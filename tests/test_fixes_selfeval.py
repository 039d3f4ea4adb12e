"""SE002 / SE008 fixes: the recomputed 执行率, its 得分 and the 总分, written back in every
form a self-evaluation comes in; re-auditing shows them gone and nothing new."""
from __future__ import annotations

from pathlib import Path

import pytest

import selfeval_docs as sd
from auditor.engine import Settings, audit_file

TITLE = "城市道路养护项目支出绩效自评表"
FORMS = {
    "se.txt": lambda rows: sd.one_cell_a_line(TITLE, rows).encode("utf-8"),
    "se.md": lambda rows: sd.markdown(TITLE, rows).encode("utf-8"),
    "se.xlsx": lambda rows: sd.xlsx_bytes(TITLE, rows),
    "se.docx": lambda rows: sd.docx_bytes(TITLE, rows),
}


def findings(path: Path):
    return audit_file(str(path), Settings()).findings


def key(f):
    return (f.rule, f.table, f.field, f.evidence)


@pytest.mark.parametrize("name", sorted(FORMS))
def test_wrong_rate_and_total_are_recomputed(tmp_path, cli, name):
    src = tmp_path / name
    src.write_bytes(FORMS[name](sd.bad_table()))
    before = findings(src)
    fixes = {f.rule: f.fix for f in before if f.rule in ("SE002", "SE008")}
    assert fixes["SE002"]["applicability"] == "safe" and [(e["old"], e["new"]) for e in fixes["SE002"]["edits"]] == [("95%", "90%")]
    assert [(e["old"], e["new"]) for e in fixes["SE008"]["edits"]] == [("101", "103.5")]
    result = cli("fix", src, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    after = findings(tmp_path / "out" / name)
    assert not [f for f in after if f.rule in ("SE002", "SE008")]
    assert {key(f) for f in after} <= {key(f) for f in before}


@pytest.mark.parametrize("name", ["se.txt", "se.xlsx"])
def test_a_wrong_rate_score_is_recomputed_and_the_total_follows(tmp_path, cli, name):
    funds = [list(row) for row in sd.GOOD_FUNDS]
    funds[0][6] = "9.5"  # 90% × 10 is 9; the indicators sum to 90, the total says 99
    src = tmp_path / name
    src.write_bytes(FORMS[name](sd.self_evaluation(funds, sd.GOOD_INDICATORS, sd.GOOD_TOTAL)))
    before = findings(src)
    assert {f.rule for f in before} >= {"SE002", "SE008"}
    se002 = next(f for f in before if f.rule == "SE002")
    assert [(e["old"], e["new"]) for e in se002.fix["edits"]] == [("9.5", "9")]
    assert next(f for f in before if f.rule == "SE008").fix is None  # the total is right once the score is
    assert cli("fix", src, "--in-place").exit_code == 0
    assert findings(src) == []


def test_a_consistent_total_moves_with_the_recomputed_score(tmp_path, cli):
    funds = [list(row) for row in sd.GOOD_FUNDS]
    funds[0][6] = "9.5"
    src = tmp_path / "se.txt"
    src.write_bytes(FORMS["se.txt"](sd.self_evaluation(funds, sd.GOOD_INDICATORS, ["100", "99.5", ""])))
    se002 = next(f for f in findings(src) if f.rule == "SE002")
    assert [(e["old"], e["new"]) for e in se002.fix["edits"]] == [("9.5", "9"), ("99.5", "99")]
    assert cli("fix", src, "--in-place").exit_code == 0
    assert findings(src) == []
