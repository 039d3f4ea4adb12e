"""Self-evaluations (项目支出绩效自评表) read in every input form, and the SE rules.

A correct table (every sum, rate and score checks out) gives no finding at all in
any form; a table with one planted anomaly per SE rule gives exactly those nine
findings, each on the line (text) or cell (.xlsx) RULES.md names as the anchor.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from auditor.engine import Settings, audit_bytes, audit_file, read_document, registry_for
from auditor.models import SelfEvaluation
from auditor.testing import audit_text

import selfeval_docs as sd

TITLE = "城市道路养护项目支出绩效自评表"
SE_RULES = [f"SE00{i}" for i in range(1, 10)]

TEXT_FORMS = {
    "one-cell-a-line": lambda rows: sd.one_cell_a_line(TITLE, rows),
    # the page break falls inside the indicator rows (after 时效指标)
    "markdown-page-break": lambda rows: sd.markdown(TITLE, rows, break_at=13),
    "tab-separated": lambda rows: sd.tab_separated(TITLE, rows),
    "space-aligned": lambda rows: sd.space_aligned(TITLE, rows),
    "space-aligned-narrow": lambda rows: sd.space_aligned(TITLE, rows, wide=False),
}


def _text_findings(text: str, name: str = "se.txt"):
    return audit_bytes(name, text.encode("utf-8"), Settings(use_plugins=False)).findings


@pytest.mark.parametrize("form", sorted(TEXT_FORMS))
def test_correct_self_evaluation_gives_no_finding(form):
    text = TEXT_FORMS[form](sd.good_table())
    assert _text_findings(text) == []


@pytest.mark.parametrize("form", sorted(TEXT_FORMS))
def test_each_se_rule_fires_once_on_its_anchor_line(form):
    text = TEXT_FORMS[form](sd.bad_table())
    findings = _text_findings(text)
    assert sorted(f.rule for f in findings) == SE_RULES, [(f.rule, f.line, f.message) for f in findings]
    lines = text.splitlines()
    for f in findings:
        assert sd.MARKS[f.rule] in lines[f.line - 1], (form, f.rule, f.line, lines[f.line - 1])


def test_a_target_and_its_actual_in_units_that_convert_are_compared_converted():
    """≤2小时 against 150分钟 misses (SE007 without a reason, SE009 on a full score); against 90分钟 it is met (blind round 24)."""
    def text(actual: str) -> str:
        indicators = [list(row) for row in sd.GOOD_INDICATORS]
        indicators[2] = ["", "时效指标", "故障响应时间", "≤2小时", actual, "10", "10", ""]
        return sd.one_cell_a_line(TITLE, sd.self_evaluation(sd.GOOD_FUNDS, indicators, sd.GOOD_TOTAL))

    assert sorted(f.rule for f in _text_findings(text("150分钟"))) == ["SE007", "SE009"]  # missed, no reason, full score
    assert _text_findings(text("90分钟")) == []
    assert _text_findings(text("1.5小时")) == []


def test_se001_in_a_yuan_table_shows_the_amounts_as_written_and_in_wan():
    """RULES.md "Amounts and units": as written, and in 万元 where the unit is another (blind round 24)."""
    funds = [["年度资金总额", "1000000", "1200000", "1080000", "10", "90%", "9"],
             ["其中：当年财政拨款", "800000", "1000000", "900000", "—", "—", "—"],
             ["上年结转资金", "100000", "200000", "180000", "—", "—", "—"]]
    rows = sd.self_evaluation(funds, sd.GOOD_INDICATORS, sd.GOOD_TOTAL)
    rows[2][0] = "项目资金（元）"
    [finding] = [f for f in _text_findings(sd.one_cell_a_line(TITLE, rows)) if f.rule == "SE001"]
    assert "年初预算数 100 万元（1000000 元） ≠ 当年财政拨款 800000 + 上年结转资金 100000 = 90 万元（900000 元）" in finding.message


def test_self_evaluation_is_read_with_every_column():
    doc = read_document("se.md", sd.markdown(TITLE, sd.bad_table(), break_at=13).encode("utf-8"), registry_for(Settings(use_plugins=False)))
    [se] = doc.tables
    assert isinstance(se, SelfEvaluation) and doc.kind == "self-evaluation" and se.year == 2023
    assert se.project_name.text == "城市道路养护项目" and se.department.text == "市城市管理局" and se.implementer.text == "市市政工程中心"
    assert (se.planned.wan, se.budget.wan, se.executed.wan) == (100, 120, 108)
    total = se.fund_total()
    assert (total.weight.value, total.rate.raw, total.score.value) == (10, "95%", 9)
    assert [f.label for f in se.fund_parts()] == ["其中：当年财政拨款", "上年结转资金", "其他资金"]
    assert se.goal_expected.startswith("完成城市道路") and "92%" in se.goal_actual
    rows = [(i.level1, i.level2, i.name, i.value_raw, i.actual_raw, i.weight.raw, i.score.raw) for i in se.indicators]
    assert rows[1] == ("产出指标", "质量指标", "养护工程验收合格率", "≥95%", "90.5%", "15", "12")
    assert rows[4][0] == "效益指标" and se.indicators[4].reason == "受雨雪天气影响"
    assert (se.total_weight.value, se.total_score.value) == (105, 101)
    assert not se.plan.present


def test_markdown_row_cut_by_a_page_break_goes_on_with_the_row_above():
    rows = sd.bad_table()
    at = next(i for i, r in enumerate(rows) if "养护工程验收合格率" in r)
    head = rows[at][:5] + [""] * 4                  # name and target before the break …
    tail = ["", "", "", "", "", *rows[at][5:]]      # … actual, weight, score after it
    text = sd.markdown(TITLE, rows[:at] + [head, tail] + rows[at + 1:], break_at=at + 1)
    findings = _text_findings(text, "cut.md")
    assert sorted(f.rule for f in findings if f.rule != "PARSE003") == SE_RULES
    [joined] = [f for f in findings if f.rule == "PARSE003"]
    se07 = next(f for f in findings if f.rule == "SE007")
    assert "90.5%" in text.splitlines()[se07.line - 1]


def test_space_aligned_wrapped_cell_goes_on_with_its_row():
    text = sd.space_aligned(TITLE, sd.good_table())
    lines = text.splitlines()
    at = next(i for i, l in enumerate(lines) if "道路完好率" in l and "≥90%" in l)
    pad = sd._width(lines[at][:lines[at].index("道路完好率")])  # display columns: a wide character takes two
    lines.insert(at + 1, " " * pad + "（主次干道）")  # the 三级指标 wrapped onto a line of its own
    doc = read_document("wrap.txt", ("\n".join(lines) + "\n").encode("utf-8"), registry_for(Settings(use_plugins=False)))
    names = [i.name for i in doc.tables[0].indicators]
    assert "道路完好率（主次干道）" in names and len(names) == 7
    assert audit_bytes("wrap.txt", ("\n".join(lines) + "\n").encode("utf-8"), Settings(use_plugins=False)).findings == []


# -- native forms ---------------------------------------------------------------------

#: the column (letter) of the cell each rule names in the .xlsx (A = the merged first column)
XLSX_COLUMNS = {"SE001": "B", "SE002": "G", "SE004": "H", "SE005": "D", "SE006": "F", "SE007": "F", "SE008": "H", "SE009": "H"}


def test_xlsx_with_merged_cells(tmp_path):
    good, bad = tmp_path / "good.xlsx", tmp_path / "bad.xlsx"
    good.write_bytes(sd.xlsx_bytes(TITLE, sd.good_table()))
    bad.write_bytes(sd.xlsx_bytes(TITLE, sd.bad_table()))
    assert audit_file(str(good), Settings(use_plugins=False)).findings == []
    findings = audit_file(str(bad), Settings(use_plugins=False)).findings
    assert sorted(f.rule for f in findings) == SE_RULES
    for f in findings:
        if f.rule in XLSX_COLUMNS:
            cell = f.location.split("!")[1].split(" ")[0]
            assert cell.rstrip("0123456789") == XLSX_COLUMNS[f.rule], (f.rule, f.location)


def _pdf_bytes(title, rows):
    import tempfile

    from test_native import build_pdf

    with tempfile.TemporaryDirectory() as folder:
        return build_pdf([title, "（2023年度）", rows], Path(folder) / "se.pdf").read_bytes()


@pytest.mark.parametrize("suffix, build", [(".docx", sd.docx_bytes), (".html", lambda t, r: sd.html_text(t, r).encode("utf-8")),
                                           (".pdf", _pdf_bytes)])
def test_docx_html_and_pdf(tmp_path, suffix, build):
    good, bad = tmp_path / f"good{suffix}", tmp_path / f"bad{suffix}"
    good.write_bytes(build(TITLE, sd.good_table()))
    bad.write_bytes(build(TITLE, sd.bad_table()))
    assert audit_file(str(good), Settings(use_plugins=False)).findings == []
    assert sorted(f.rule for f in audit_file(str(bad), Settings(use_plugins=False)).findings) == SE_RULES


# -- the anomalies of real published tables (issue 14) ------------------------------------

def _with(funds=None, indicators=None, total=None):
    return sd.one_cell_a_line(TITLE, sd.self_evaluation(funds or sd.GOOD_FUNDS, indicators or sd.GOOD_INDICATORS, total or sd.GOOD_TOTAL))


def test_zero_total_row_with_funded_source():
    funds = [["年度资金总额", "0", "0", "0", "10", "0", "0"],
             ["其中：本年财政拨款", "90", "89.974", "89.974", "—", "—", "—"]]
    findings = _text_findings(_with(funds=funds, total=["100", "90", ""]))
    rules = sorted(f.rule for f in findings)
    # the sources stand for the blank total: 全年预算数 89.974, so the ≤120万元 cost ceiling is above it (BUD005)
    assert rules == ["BUD005", "SE001", "SE002"], [(f.rule, f.message) for f in findings]
    se1 = next(f for f in findings if f.rule == "SE001")
    assert "年初预算数 0 ≠ 本年财政拨款 90 = 90" in se1.message and "全年执行数 0 ≠ 本年财政拨款 89.974 = 89.974" in se1.message
    se2 = next(f for f in findings if f.rule == "SE002")
    assert "89.974 万元 ÷ 全年预算数 89.974 万元 = 100%" in se2.message and "100% × 10 = 10" in se2.message
    assert "89.974" in next(f for f in findings if f.rule == "BUD005").message


def test_blank_actuals_and_scores_with_a_total_of_100():
    indicators = [row[:4] + ["", row[5], "", ""] for row in sd.GOOD_INDICATORS]
    findings = _text_findings(_with(indicators=indicators, total=["100", "100", ""]))
    assert [f.rule for f in findings] == ["SE008"]
    assert "9 = 9" in findings[0].message  # only the execution rate's score


def test_cost_ceiling_above_adjusted_budget_with_actual_done():
    funds = [["年度资金总额", "3.36", "3.36", "3.36", "10", "100%", "10"],
             ["其中：本年财政拨款", "3.36", "3.36", "3.36", "—", "—", "—"]]
    indicators = [["成本指标", "经济成本指标", "委托业务费用", "≤30万元", "完成", "90", "90", ""],
                  ["产出指标", "质量指标", "委托业务报告合格率", "≥100百分比", "100%", "0", "0", ""]]
    findings = _text_findings(_with(funds=funds, indicators=indicators, total=["100", "100", ""]))
    rules = sorted(f.rule for f in findings)
    assert {"BUD005", "SE006", "VAL004"} <= set(rules), rules
    assert not any(r.startswith("PLAN") for r in rules)
    bud5 = next(f for f in findings if f.rule == "BUD005")
    assert "3.36" in bud5.message  # compared with 全年预算数


def test_val_and_ind_rules_read_the_annual_target():
    indicators = [list(r) for r in sd.GOOD_INDICATORS]
    indicators[1][3] = "≥0.95"        # VAL003: a fraction for a rate
    indicators = [r for r in indicators if r[0] != "满意度指标"]  # IND001: no satisfaction row
    indicators[1][4] = "0.98"
    findings = _text_findings(_with(indicators=indicators, total=["90", "89", ""]))
    rules = {f.rule for f in findings}
    assert {"VAL003", "IND001"} <= rules and not any(r.startswith("PLAN") for r in rules)


def test_no_plan_rule_on_a_self_evaluation():
    findings = audit_text(sd.one_cell_a_line(TITLE, sd.bad_table()), rules=["PLAN"])
    assert findings == []


# -- auditor parse ------------------------------------------------------------------------

def test_parse_shows_budget_columns_rate_score_and_indicator_rows(cli, tmp_path):
    path = tmp_path / "se.txt"
    path.write_text(sd.one_cell_a_line(TITLE, sd.bad_table()), encoding="utf-8")
    out = cli("parse", path).output
    assert "self-evaluation (project)" in out
    for words in (["年初预算数", "全年预算数", "全年执行数", "执行率", "得分"], ["年度资金总额", "100", "120", "108", "95%"],
                  ["养护工程验收合格率", "≥95%", "90.5%", "15", "12"], ["总分: weight 105, score 101"]):
        line = next((l for l in out.splitlines() if all(w in l for w in words)), None)
        assert line is not None, (words, out)


def test_untitled_self_evaluation_is_known_by_its_columns():
    text = "\n".join(l for l in sd.markdown(TITLE, sd.bad_table()).splitlines() if not l.startswith("## ")) + "\n"
    findings = _text_findings(text, "untitled.md")
    assert sorted(f.rule for f in findings) == SE_RULES
    assert {f.table for f in findings} == {"城市道路养护项目"}


def test_vocabulary_is_data_a_plugin_can_extend():
    from auditor.readers.assemble import _rows
    from auditor.readers.blocks import text_blocks
    from auditor.selfeval.reading import read_self_evaluation
    from auditor.selfeval.vocabulary import self_eval_vocabulary
    from auditor.vocabulary import Vocabulary

    rows = [list(r) for r in sd.good_table()]
    header = next(r for r in rows if "实际完成值" in r)
    header[header.index("实际完成值")] = "全年达成数"  # a header word no template here uses
    lines = sd.markdown(TITLE, rows).splitlines()
    grid_rows = _rows(text_blocks(lines))
    assert all(not i.actual_raw for i in read_self_evaluation(TITLE, 1, grid_rows, []).indicators)
    extended = self_eval_vocabulary().copy().extend(Vocabulary("self-evaluation", columns={"indicator.actual": ["全年达成数"]}))
    se = read_self_evaluation(TITLE, 1, _rows(text_blocks(lines)), [], vocab=extended)
    assert [i.actual_raw for i in se.indicators][:2] == ["52万平方米", "98%"]


def test_space_aligned_table_goes_on_after_a_page_number_and_form_feed():
    lines = sd.space_aligned(TITLE, sd.bad_table()).splitlines()
    at = next(i for i, l in enumerate(lines) if "时效指标" in l)
    lines = lines[:at + 1] + ["", " " * 40 + "- 1 -", "\f" + lines[at + 1]] + lines[at + 2:]
    text = "\n".join(lines) + "\n"
    findings = _text_findings(text)
    assert sorted(f.rule for f in findings) == SE_RULES
    for f in findings:
        assert sd.MARKS[f.rule] in text.split("\n")[f.line - 1]  # (splitlines would cut at the form feed)


def test_aligned_lines_without_a_table_label_stay_text():
    from auditor.readers.aligned import aligned_grids
    from auditor.readers.blocks import Grid, text_blocks

    lines = ["关于开展项目申报工作的通知", "",
             "  联系人：张三      电话：0532-1234567     邮箱：a@b.cn",
             "  联系人：李四      电话：0532-7654321     邮箱：c@d.cn",
             "  联系人：王五      电话：0532-1111111     邮箱：e@f.cn"]
    assert not any(isinstance(b, Grid) for b in aligned_grids(text_blocks(lines), lines))


# -- other templates met in practice ------------------------------------------------------------

DATA = Path(__file__).parent / "data" / "selfeval"
TEMPLATES = {
    # a county template: 预算数 | 执行数 | 执行率 | 分值 | 得分, 指标值 | 完成值, 未完成原因和改进措施, a 自评等级 row
    "county_template_reordered_columns.md": [("IND002", 1), ("SE002", 7), ("SE007", 12), ("SE009", 12)],
    # a 部门整体支出绩效自评表: the money split by source and by use, each checked (全年预算数 of the uses: 1500 ≠ 1600)
    "department_self_evaluation_two_splits.md": [("IND002", 1), ("SE001", 8)],
}


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_other_templates(name):
    findings = audit_file(str(DATA / name), Settings(use_plugins=False)).findings
    assert sorted((f.rule, f.line) for f in findings) == sorted(TEMPLATES[name])


def test_every_template_file_has_an_expectation():
    assert sorted(p.name for p in DATA.iterdir()) == sorted(TEMPLATES)


def test_execution_rate_message_shows_yuan_amounts_as_written():
    """Blind round 32: in a 单位：元 self-evaluation SE002 printed the 万元 figures bare (95 ÷ 100); RULES.md
    "Amounts and units": amounts as written and, where the units differ, in 万元."""
    from auditor.engine import Settings, audit_bytes

    path = Path(__file__).parent / "data" / "variants" / "b32_r01_selfeval_in_yuan_rate_message.txt"
    result = audit_bytes(str(path), path.read_bytes(), Settings())
    se2 = [f for f in result.findings if f.rule == "SE002"]
    assert len(se2) == 1
    assert "全年执行数 95 万元（950000 元） ÷ 全年预算数 100 万元（1000000 元）" in se2[0].message
