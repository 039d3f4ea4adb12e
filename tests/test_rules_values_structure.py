"""Indicator values (VAL001–VAL009), indicator structure (IND001–IND005) and
documents, identities and dates (DOC001–DOC004) on small documents.

Each rule: a case that fires (rule, the RULES.md anchor line, a message part),
a case that must not fire, and an edge.  Layouts: the markdown pipe 绩效目标表
(``perf_table``), the one-cell-a-line 绩效目标表 and form (seeds 000/001/003) and
plain notice text (seeds 003/004).
"""
from __future__ import annotations

import json

import pytest

from auditor.testing import assert_findings, audit_text, line_of, perf_table, run_rule

from _rule_docs import TabDoc, tab_perf_table

OUT = ("产出指标", "数量指标", "培训企业数量", "≥150家")


def table(*rows, **kw):
    """A pipe 绩效目标表 with an output row unless the test brings its own."""
    rows = list(rows)
    if not any(r[0] == "产出指标" or r[1] in ("数量指标", "质量指标", "时效指标") for r in rows):
        rows.insert(0, OUT)
    return perf_table(indicators=rows, **kw)


def one(rule, text, value, part, **params):
    """Assert exactly one finding of ``rule`` at the line of ``value`` with ``part`` in it."""
    findings = run_rule(rule, text, **params)
    assert_findings(findings, [(rule, part, line_of(text, value))])
    return findings[0]


# -- VAL001 zero-value-target -------------------------------------------------------

def test_val001_fires_on_a_zero_lower_bound():
    text = table(("产出指标", "质量指标", "非财政拨款收支结余", "≥0元"))
    f = one("VAL001", text, "≥0元", "为零下限")
    assert f.evidence == "≥0元" and f.severity == "warning"


def test_val001_fires_on_a_zero_ceiling_written_as_a_bound():
    d = tab_perf_table(indicators=[("产出指标", "质量指标", "人为故障次数", "≤0次")])
    assert_findings(run_rule("VAL001", d.text), [("VAL001", "=0次", d.line(("value", 0)))])


@pytest.mark.parametrize("value", ["0次", "=0次", "≥5万元", ">0家", "0-5次"])
def test_val001_quiet_on_real_targets(value):
    assert run_rule("VAL001", table(("产出指标", "质量指标", "人为故障次数", value))) == []


@pytest.mark.parametrize("value", ["≥0", "＞＝0", "≥0.00万元", "不低于0%"])
def test_val001_edge_spellings_of_a_zero_lower_bound(value):
    one("VAL001", table(("产出指标", "质量指标", "收支结余", value)), value, "为零下限")


# -- VAL002 rate-with-count-unit ----------------------------------------------------

def test_val002_fires_on_a_degree_given_as_a_count():
    d = tab_perf_table(indicators=[("产出指标", "质量指标", "拨付搬迁企业资金政策符合度", "1家")])
    findings = run_rule("VAL002", d.text)
    assert_findings(findings, [("VAL002", "比率类指标", d.line(("value", 0)))])
    assert findings[0].evidence == "1家" and findings[0].severity == "error"


@pytest.mark.parametrize("name, value", [("核查误差率", "零次"), ("第三方机构审核结果验收合格率", "1份"), ("审核企业覆盖率", "≥1个")])
def test_val002_fires_on_seed_cases(name, value):
    one("VAL002", table(("产出指标", "质量指标", name, value)), value, "计数单位")


@pytest.mark.parametrize("name, value", [
    ("拨付搬迁企业资金政策符合度", "=100%"),
    ("拨付资金额度", "1家"),            # 额度 is an amount, not a degree
    ("年度发展报告符合产业情况", "1份"),  # 年度 … not a rate
    ("培训企业数量", "≥150家"),
])
def test_val002_quiet(name, value):
    assert run_rule("VAL002", table(("产出指标", "数量指标", name, value))) == []


def test_val002_edge_range_and_spaces_in_the_name():
    text = table(("产出指标", "质量指标", "企业 覆盖 率", "3-5家"))
    one("VAL002", text, "3-5家", "比率类指标")


# -- VAL003 fraction-as-percent -----------------------------------------------------

def test_val003_fires_on_a_bare_fraction():
    text = table(("产出指标", "质量指标", "食堂供餐达标率", "≥0.95"))
    f = one("VAL003", text, "≥0.95", "≥95%")
    assert f.evidence == "≥0.95"


def test_val003_fires_on_a_satisfaction_row_one_cell_a_line():
    d = tab_perf_table(indicators=[OUT, ("满意度指标", "服务对象满意度指标", "参会企业评价", "≥0.9")])
    assert_findings(run_rule("VAL003", d.text), [("VAL003", "≥90%", d.line(("value", 1)))])


@pytest.mark.parametrize("value", ["≥95%", "≥95百分比", "1", "=100%", "≥2"])
def test_val003_quiet(value):
    assert run_rule("VAL003", table(("产出指标", "质量指标", "食堂供餐达标率", value))) == []


def test_val003_edge_not_a_rate_and_one_point_zero():
    assert run_rule("VAL003", table(("产出指标", "数量指标", "设备运行负荷", "≥0.95"))) == []
    one("VAL003", table(("产出指标", "质量指标", "验收合格率", "1.0")), "| 1.0 |", "100%")


# -- VAL004 percent-out-of-range ----------------------------------------------------

def test_val004_fires_on_at_least_100_percent():
    text = table(("产出指标", "质量指标", "收支记账率", "≥100%"))
    f = one("VAL004", text, "≥100%", "=100%")
    assert f.evidence == "≥100%"


@pytest.mark.parametrize("value, part", [("120%", "超过100%"), ("≥100百分比", "=100%"), ("-5%", "负百分比"), ("90-110%", "超过100%"), (">100%", "不可能达到")])
def test_val004_fires(value, part):
    d = tab_perf_table(indicators=[("产出指标", "质量指标", "收支记账率", value)])
    assert_findings(run_rule("VAL004", d.text), [("VAL004", part, d.line(("value", 0)))])


@pytest.mark.parametrize("value", ["=100%", "100%", "≥99.5%", "≤100%", "≥95%", "提高5个百分点"])
def test_val004_quiet(value):
    assert run_rule("VAL004", table(("产出指标", "质量指标", "收支记账率", value))) == []


def test_val004_edge_percent_points_are_not_percent_of_a_whole():
    assert run_rule("VAL004", table(("效益指标", "经济效益指标", "出口增速", "≥120个百分点"))) == []


# -- VAL005 cost-not-money ------------------------------------------------------------

def test_val005_fires_on_a_cost_given_as_a_percent():
    text = table(("成本指标", "经济成本指标", "新能源汽车单辆补助标准", "100百分比"))
    f = one("VAL005", text, "100百分比", "百分比")
    assert f.severity == "error"


def test_val005_fires_on_a_cost_under_output_given_as_a_count():
    d = tab_perf_table(indicators=[OUT, ("产出指标", "成本指标", "平台运维次数", "≤5次")])
    assert_findings(run_rule("VAL005", d.text), [("VAL005", "计数", d.line(("value", 1)))])


@pytest.mark.parametrize("value", ["≤1.5万元/辆", "≤44.1万元", "≤5000元", "按实际发生", "≤0.01亿元"])
def test_val005_quiet_on_money_or_text(value):
    assert run_rule("VAL005", table(("成本指标", "经济成本指标", "单辆补助标准", value))) == []


def test_val005_edge_not_a_cost_row():
    assert run_rule("VAL005", table(("产出指标", "质量指标", "验收合格率", "100%"))) == []


# -- VAL006 cost-lower-bound ------------------------------------------------------------

def test_val006_fires_on_a_cost_lower_bound():
    text = table(("成本指标", "经济成本指标", "推动更高水平对外开放专项预算控制数", "≥200 万元"))
    f = one("VAL006", text, "≥200 万元", "上限（≤）")
    assert f.evidence == "≥200 万元"


def test_val006_fires_one_cell_a_line_on_an_older_cost_row():
    d = tab_perf_table(indicators=[OUT, ("产出指标", "成本指标", "会议组织费用", ">20万元")])
    assert_findings(run_rule("VAL006", d.text), [("VAL006", ">20万元", d.line(("value", 1)))])


@pytest.mark.parametrize("value", ["≤200万元", "200万元", "=200万元", "<200万元"])
def test_val006_quiet_on_ceilings(value):
    assert run_rule("VAL006", table(("成本指标", "经济成本指标", "专项预算控制数", value))) == []


def test_val006_edge_lower_bound_outside_cost_rows():
    assert run_rule("VAL006", table(("效益指标", "经济效益指标", "带动投资", "≥200万元"))) == []


# -- VAL007 missing-value ----------------------------------------------------------------

def test_val007_fires_on_the_indicator_name():
    d = tab_perf_table(indicators=[OUT, ("产出指标", "时效指标", "资金拨付及时率", "")])
    findings = run_rule("VAL007", d.text)
    assert_findings(findings, [("VAL007", "没有指标值", d.line(("name", 1)))])
    assert findings[0].evidence == "资金拨付及时率"


def test_val007_pipe_layout():
    text = table(("产出指标", "时效指标", "资金拨付及时率", ""))
    one("VAL007", text, "| 资金拨付及时率 |", "资金拨付及时率")


def test_val007_quiet_when_filled_and_on_a_blank_template():
    assert run_rule("VAL007", table(("产出指标", "时效指标", "资金拨付及时率", "≥95%"))) == []
    blank = [("产出指标", "数量指标", "培训企业数量", ""), ("产出指标", "成本指标", "项目成本", ""),
             ("效益指标", "社会效益指标", "带动就业", ""), ("满意度指标", "服务对象满意度指标", "企业满意度", "")]
    assert run_rule("VAL007", tab_perf_table(budget="", fiscal="", plan=("", "", "", ""), indicators=blank, defaults=False).text) == []


# -- VAL008 qualitative-quantity -----------------------------------------------------------

def test_val008_fires_on_a_qualitative_quantity():
    value = "按照市卫生健康委提出的要求编制年度市级医药储备目录"
    d = tab_perf_table(indicators=[("产出指标", "数量指标", "企业应储备医药品种", value)])
    findings = run_rule("VAL008", d.text)
    assert_findings(findings, [("VAL008", "定性描述", d.line(("value", 0)))])


@pytest.mark.parametrize("value", ["及时", "效果明显", "提高"])
def test_val008_fires_on_a_qualitative_quality(value):
    one("VAL008", table(("产出指标", "质量指标", "服务质量", value)), f"| {value} |", "质量指标")


@pytest.mark.parametrize("level2", ["数量", "质量", "数量 指标"])
def test_val008_edge_second_level_written_without_zhibiao(level2):
    # the reader files 数量 / 质量 under 产出指标 like 数量指标 / 质量指标; so must the rule
    one("VAL008", table(("产出指标", level2, "服务质量", "按要求完成")), "| 按要求完成 |", "定性描述")


def test_val008_quiet():
    assert run_rule("VAL008", table(("产出指标", "数量指标", "企业应储备医药品种", "≥120种"))) == []
    # 时效 and 效益 indicators may be qualitative
    assert run_rule("VAL008", table(OUT, ("产出指标", "时效指标", "资金拨付完成时间", "及时"))) == []
    assert run_rule("VAL008", table(("效益指标", "社会效益指标", "风险自动预警能力", "明显提升"))) == []


# -- VAL009 unit-missing -------------------------------------------------------------------

def test_val009_fires_on_a_number_without_its_unit():
    text = table(("产出指标", "数量指标", "新增各类商业网点面积", "≥100000"))
    f = one("VAL009", text, "≥100000", "缺少计量单位")
    assert f.evidence == "≥100000"


def test_val009_one_cell_a_line():
    d = tab_perf_table(indicators=[("产出指标", "数量指标", "新增各类商业网点面积", "≥100000")])
    assert_findings(run_rule("VAL009", d.text), [("VAL009", "≥100000", d.line(("value", 0)))])


@pytest.mark.parametrize("name, value", [
    ("新增各类商业网点面积", "≥100000平方米"),
    ("培训人数", "≥100"),          # a count by name
    ("资金拨付及时率", "≥95"),       # a rate by name
    ("平台运维费用", "≤44.1"),      # money by name
])
def test_val009_quiet(name, value):
    assert run_rule("VAL009", table(("产出指标", "数量指标", name, value))) == []


def test_val009_edge_names_that_imply_a_unit_or_not():
    # a name ending in 时间 measures a time even when it speaks of 资金: the number needs a unit
    one("VAL009", table(("产出指标", "时效指标", "资金拨付完成时间", "≤30")), "| ≤30 |", "缺少计量单位")
    # 人次 names a count: the unit is in the name
    assert run_rule("VAL009", table(("产出指标", "数量指标", "培训人次", "≥400"))) == []


def test_val009_edge_value_split_over_two_lines_is_one_value():
    # ``≥100000`` then ``m ²`` on a line without the tab: one value, 平方米
    d = tab_perf_table(indicators=[("产出指标", "数量指标", "新增各类商业网点面积", "≥100000\nm ²")])
    assert run_rule("VAL009", d.text) == []


# -- IND001 missing-satisfaction ----------------------------------------------------------

def test_ind001_fires_on_the_title_line():
    text = table(satisfaction=False)
    f = one("IND001", text, "绩效目标表", "没有满意度指标")
    assert f.severity == "error"


def test_ind001_fires_when_the_satisfaction_row_is_empty_one_cell_a_line():
    d = tab_perf_table(indicators=[OUT, ("满意度指标", "服务对象满意度指标", "企业满意度", "")])
    assert_findings(run_rule("IND001", d.text), [("IND001", "满意度", d.line("title"))])


def test_ind001_quiet():
    assert run_rule("IND001", table()) == []
    assert run_rule("IND001", table(("满意度指标", "社会公众或服务对象满意度指标", "企业满意度", "≥90%"))) == []


# -- IND002 missing-first-level -------------------------------------------------------------

def test_ind002_fires_on_the_title_line():
    text = table(effect=False)
    one("IND002", text, "绩效目标表", "效益指标")


def test_ind002_lists_every_missing_level():
    d = tab_perf_table(indicators=[("满意度指标", "服务对象满意度指标", "企业满意度", "≥90百分比")], defaults=False)
    findings = run_rule("IND002", d.text)
    assert_findings(findings, [("IND002", "产出指标、成本指标、效益指标", d.line("title"))])


def test_ind002_quiet_in_both_frameworks():
    assert run_rule("IND002", table()) == []  # 2021 guide: 成本指标 first-level
    assert run_rule("IND002", tab_perf_table(indicators=[OUT]).text) == []  # older: under 产出指标


# -- IND003 satisfaction-too-low --------------------------------------------------------------

def test_ind003_fires_on_a_low_satisfaction_target():
    text = table(("满意度指标", "服务对象满意度指标", "参会企业满意度", "≥50%"))
    f = one("IND003", text, "≥50%", "低于 80%")
    assert f.evidence == "≥50%" and f.severity == "warning"


@pytest.mark.parametrize("value", ["≥80%", "≥90%", "=95百分比", "≤10%"])
def test_ind003_quiet(value):
    assert run_rule("IND003", table(("满意度指标", "服务对象满意度指标", "参会企业满意度", value))) == []


@pytest.mark.parametrize("value", ["≥50%。", "50百分比", "５０％", "不低于50%"])
def test_ind003_edge_spellings(value):
    one("IND003", table(("满意度指标", "服务对象满意度指标", "参会企业满意度", value)), f"| {value} |", "低于 80%")


def test_ind003_minimum_through_the_rule_parameter():
    text = table(("满意度指标", "服务对象满意度指标", "参会企业满意度", "≥85%"))
    assert run_rule("IND003", text) == []
    one("IND003", text, "≥85%", "低于 90%", minimum=90)
    assert run_rule("IND003", text, minimum=85) == []  # the minimum itself is met


def test_ind003_minimum_through_a_configuration_file(tmp_path, cli):
    d = tab_perf_table(indicators=[OUT, ("满意度指标", "服务对象满意度指标", "参会企业满意度", "≥85百分比")])
    doc = tmp_path / "table.txt"
    doc.write_text(d.text, encoding="utf-8")

    def run():
        result = cli("check", doc, "--format", "json", "--select", "IND003", "--fail-on", "never")
        assert result.exit_code == 0, result.output
        return json.loads(result.output)["findings"]

    assert run() == []
    (tmp_path / "setup.cfg").write_text("[auditor]\nIND003.minimum = 90\n", encoding="utf-8")
    findings = run()
    assert [(f["rule"], f["line"]) for f in findings] == [("IND003", d.line(("value", 1)))]
    assert "低于 90%" in findings[0]["message"]


# -- IND004 duplicate-indicator ----------------------------------------------------------------

def test_ind004_fires_on_the_second_occurrence():
    d = tab_perf_table(indicators=[
        OUT,
        ("效益指标", "社会效益指标", "企业安全环保在线监测率", "≥5百分比"),
        ("效益指标", "生态效益指标", " 企业安全环保在线监测率", "≥5百分比"),
    ])
    findings = run_rule("IND004", d.text)
    assert_findings(findings, [("IND004", "重复", d.line(("name", 2)))])
    assert f"第{d.line(('name', 1))}行" in findings[0].message
    assert findings[0].severity == "info"


def test_ind004_edge_numbering_and_spaces_are_ignored():
    text = table(("产出指标", "数量指标", "指标1：服务企业数量", "≥10家"), ("产出指标", "数量指标", "服务企业 数量", "≥10家"))
    one("IND004", text, "| 服务企业 数量 |", "服务企业数量")


def test_ind004_quiet_on_distinct_names():
    assert run_rule("IND004", table(("产出指标", "数量指标", "服务企业数量", "≥10家"), ("产出指标", "数量指标", "服务企业满意数量", "≥10家"))) == []


# -- IND005 misfiled-indicator -----------------------------------------------------------------

def test_ind005_fires_on_a_second_level_under_the_wrong_first_level():
    text = table(("效益指标", "数量指标", "培训企业数量", "≥50家"), ("产出指标", "质量指标", "验收合格率", "100%"))
    f = one("IND005", text, "≥50家", "应属于产出指标")
    assert f.severity == "warning"


def test_ind005_fires_on_a_quantity_written_under_cost():
    text = table(("成本指标", "数量指标", "信息化平台数据条数", "≥160万条"))
    one("IND005", text, "≥160万条", "应属于产出指标")


def test_ind005_fires_on_a_quality_that_is_a_plain_count():
    d = tab_perf_table(indicators=[("产出指标", "质量指标", "农产品产销对接会参会人数", "≥200人")])
    assert_findings(run_rule("IND005", d.text), [("IND005", "单纯计数", d.line(("value", 0)))])


def test_ind005_fires_on_a_timeliness_with_money():
    one("IND005", table(("产出指标", "时效指标", "资金拨付时间", "≤10万元")), "≤10万元", "时效指标")


def test_ind005_edge_second_level_written_without_zhibiao():
    one("IND005", table(("产出指标", "质量", "农产品产销对接会参会人数", "≥200人")), "≥200人", "单纯计数")
    one("IND005", table(("产出指标", "时效", "资金拨付时间", "≤10万元")), "≤10万元", "时效指标")


def test_ind005_quiet_and_no_repeat_of_more_specific_rules():
    text = table(("产出指标", "质量指标", "验收合格率", "1份"))   # VAL002's finding, not IND005's
    assert run_rule("IND005", text) == [] and len(run_rule("VAL002", text)) == 1
    assert run_rule("IND005", table(("产出指标", "质量指标", "人为故障次数", "≤0次"))) == []  # a defect ceiling
    assert run_rule("IND005", tab_perf_table(indicators=[OUT]).text) == []  # 成本指标 under 产出指标 is the older framework
    assert run_rule("IND005", table(("产出指标", "数量指标", "参会人数", "≥200人"))) == []


# -- DOC001 credit-code-invalid ----------------------------------------------------------------

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)

# 91370212MA3CGQ2K4L, by hand (GB 32100-2015):
#   char   9  1  3  7  0  2  1  2  M  A  3  C  G  Q  2  K  4
#   value  9  1  3  7  0  2  1  2 21 10  3 12 16 24  2 19  4
#   weight 1  3  9 27 19 26 16 17 20 29 25 13  8 24 10 30 28
#   prod   9  3 27 189 0 52 16 34 420 290 75 156 128 576 20 570 112
#   Σ = 2677; 2677 mod 31 = 2677 − 31×86 = 11; check = 31 − 11 = 20 → "L"
VALID = "91370212MA3CGQ2K4L"
# 91370212MA3CGQ2KJ0: Σ = 2677 − 4×28 + 18×28 (J = 18) = 3069 = 31×99, so Σ mod 31 = 0,
# 31 − 0 = 31, and 31 → "0"
VALID_CHECK_31 = "91370212MA3CGQ2KJ0"
# the example of RULES.md/DOC001: Σ = 1640, 1640 mod 31 = 28, 31 − 28 = 3
VALID_EXAMPLE = "91350100M000100Y43"
# one digit mistyped (2 → 3 at weight 10): Σ = 2687, mod 31 = 21, check should be 31 − 21 = 10 → "A"
MISTYPED = "91370212MA3CGQ3K4L"


def _check_char(first17: str) -> str:
    total = sum(ALPHABET.index(ch) * w for ch, w in zip(first17, WEIGHTS))
    return ALPHABET[(31 - total % 31) % 31]


def test_doc001_hand_computed_codes_are_self_consistent():
    for code in (VALID, VALID_CHECK_31, VALID_EXAMPLE):
        assert _check_char(code[:17]) == code[17]
    assert _check_char(MISTYPED[:17]) == "A"


def _notice(*body: str) -> str:
    lines = ["关于开展2024年数字化转型服务商申报工作的通知", "", "成文日期 2024-01-09", ""]
    for b in body:
        lines += [b, ""]
    lines += ["青岛市民营经济发展局", "", "2024年1月9日", ""]
    return "\n".join(lines)


def _form(*codes: str) -> TabDoc:
    """An application form one cell a line (seed 003), one 统一社会信用代码 a row."""
    d = TabDoc()
    d.para("数字化转型服务商申报表", "title")
    d.row("（一）申报单位基本信息")
    for i, code in enumerate(codes):
        d.row("参赛单位名称", f"{'甲乙丙丁戊'[i]}公司")
        ln = d.row("统一社会信用代码", code)
        d.at[("code", i)] = ln[1]
    return d


@pytest.mark.parametrize("code", [VALID, VALID_CHECK_31, VALID_EXAMPLE, VALID.lower(), "９１３７０２１２ＭＡ３ＣＧＱ２Ｋ４Ｌ"])
def test_doc001_quiet_on_valid_codes(code):
    assert run_rule("DOC001", _form(code).text) == []
    assert run_rule("DOC001", _notice(f"统一社会信用代码：{code}")) == []


def test_doc001_fires_on_a_mistyped_character_in_a_form():
    d = _form(VALID, MISTYPED)
    findings = run_rule("DOC001", d.text)
    assert_findings(findings, [("DOC001", "校验码应为 A，实为 L", d.line(("code", 1)))])
    assert findings[0].evidence == MISTYPED and findings[0].severity == "error"


def test_doc001_fires_in_notice_text():
    text = _notice(f"申报单位统一社会信用代码：{MISTYPED}。")
    one("DOC001", text, MISTYPED, "校验码应为 A")


@pytest.mark.parametrize("code, part", [
    (VALID[:17], "长度为17"),
    (VALID + "1", "长度为19"),
] + [(VALID[:9] + letter + VALID[10:], f"非法字符 {letter}") for letter in "IOSVZ"])
def test_doc001_fires_on_wrong_length_and_forbidden_letters(code, part):
    d = _form(code)
    assert_findings(run_rule("DOC001", d.text), [("DOC001", part, d.line(("code", 0)))])


def test_doc001_pipe_list_table_flags_only_the_bad_row():
    text = "\n".join([
        "服务商推荐汇总表", "",
        "| 序号 | 单位名称 | 统一社会信用代码 | 投资金额（万元） |",
        "| --- | --- | --- | --- |",
        f"| 1 | 甲公司 | {VALID} | 100 |",
        f"| 2 | 乙公司 | {MISTYPED} | 200 |",
        f"| 3 | 丙公司 | {VALID_CHECK_31} | 300 |",
    ]) + "\n"
    one("DOC001", text, MISTYPED, "校验码")


# -- DOC002 project-code-year ------------------------------------------------------------------

def _two_tables(code2, name2="第二个项目"):
    first = perf_table(title="1.第一个项目绩效目标表", code="37020024P17000110001A", name="第一个项目", indicators=[OUT])
    second = perf_table(title="2.第二个项目绩效目标表", code=code2, name=name2, indicators=[OUT])
    return first + "\n" + second


def test_doc002_fires_on_a_code_of_another_year():
    text = _two_tables("37020023P17000110002B")
    f = one("DOC002", text, "37020023P17000110002B", "年度为 2023")
    assert f.severity == "warning"


def test_doc002_fires_on_one_code_for_two_projects():
    d = tab_perf_table(title="1.食盐储备工作经费绩效目标表", code="37020022P88002810309T", name="食盐储备工作经费")
    tab_perf_table(doc=d, title="2.法律顾问服务费绩效目标表", code="37020022P88002810309T", name="法律顾问服务费")
    findings = run_rule("DOC002", d.text)
    assert len(findings) == 1 and "同时用于" in findings[0].message
    assert findings[0].line == max(i for i, line in enumerate(d.lines, 1) if line == "\t37020022P88002810309T")


def test_doc002_year_from_the_documents_own_title():
    text = "青岛市商务局\n\n2024年部门预算绩效目标\n\n" + perf_table(code="37020023P17000110022A", indicators=[OUT])
    one("DOC002", text, "37020023P17000110022A", "文件年度为 2024")


def test_doc002_quiet_on_codes_of_the_documents_year():
    assert run_rule("DOC002", _two_tables("37020024P17000110002B")) == []
    # the same project twice (a table repeated) is not two projects
    assert run_rule("DOC002", _two_tables("37020024P17000110001A", name2="第一个项目")) == []


# -- DOC003 dates-inconsistent -------------------------------------------------------------------

def _dated_notice(written, signed, *body):
    lines = ["关于开展中小企业数字化转型城市试点服务商申报工作的通知", "", f"成文日期 {written}", "", "各区市主管部门："]
    for b in body:
        lines += ["", b]
    lines += ["", "联系人：张三 88999550", "", "附件：1.申报书", "", "", "青岛市民营经济发展局 青岛市财政局", "", f"                        {signed}", ""]
    return "\n".join(lines)


@pytest.mark.parametrize("signed", ["2024年1月19日", "二〇二四年一月十九日", "2024-01-19"])
def test_doc003_fires_on_a_signature_date_other_than_the_written_date(signed):
    text = _dated_notice("2024-01-09", signed, "一、申报对象", "二、请于2024年1月31日前报送材料。")
    f = one("DOC003", text, signed, "与成文日期 2024-01-09 不一致")
    assert f.evidence == signed


@pytest.mark.parametrize("signed", ["2024年1月9日", "二〇二四年一月九日", "2024-01-09"])
def test_doc003_quiet_when_signed_on_the_written_date(signed):
    assert run_rule("DOC003", _dated_notice("2024-01-09", signed, "一、请于2024年1月31日前报送材料。")) == []


def test_doc003_fires_on_a_deadline_before_publication():
    text = _dated_notice("2024-01-09", "2024年1月9日", "一、请于2024年1月5日前报送推荐材料。")
    one("DOC003", text, "于2024年1月5日前", "截止日期 2024年1月5日 早于成文日期")


def test_doc003_fires_on_a_later_stage_due_before_an_earlier_one():
    text = _dated_notice("2024-01-09", "2024年1月9日", "二、时间安排",
                         "（一）申报阶段：2024年3月1日-3月31日。", "（二）评审阶段：2024年2月10日-2月20日。")
    one("DOC003", text, "（二）评审阶段", "后一阶段")


def test_doc003_edge_deadline_on_the_publication_day_and_stages_in_order():
    text = _dated_notice("2024-01-09", "二〇二四年一月九日", "一、请于2024年1月9日前报送材料。", "二、时间安排",
                         "（一）申报阶段：2024年1月10日-1月31日。", "（二）评审阶段：2024年2月。")
    assert run_rule("DOC003", text) == []


# -- DOC004 deadline-passed ----------------------------------------------------------------------

def _submission(filed, deadline="2024年1月31日"):
    """A notice with a deadline, then the filled 申报表 (pipe layout) that answers it."""
    return "\n".join([
        "关于开展数字化转型服务商申报工作的通知", "",
        "成文日期 2024-01-09", "",
        f"请各区市于{deadline}前报送推荐材料，逾期不再受理。", "",
        "数字化转型服务商申报表", "",
        "| 单位名称 | 甲公司 | 统一社会信用代码 | " + VALID + " |",
        "| --- | --- | --- | --- |",
        f"| 申报日期 | {filed} | 联系人 | 张三 |",
        "",
    ]) + "\n"


@pytest.mark.parametrize("filed", ["2024-02-05", "2024年2月5日", "二〇二四年二月五日"])
def test_doc004_fires_on_a_late_filing_date(filed):
    text = _submission(filed)
    f = one("DOC004", text, f"| {filed} |", "晚于截止日期 2024年1月31日")
    assert f.evidence == filed and f.severity == "error"


@pytest.mark.parametrize("filed", ["2024-01-20", "2024年1月31日", "二〇二四年一月三十一日"])
def test_doc004_quiet_on_time(filed):
    assert run_rule("DOC004", _submission(filed)) == []


def test_doc004_cover_page_filing_date():
    text = "\n".join([
        "关于开展数字化转型服务商申报工作的通知", "", "成文日期 2024-01-09", "",
        "请于2024年1月31日前报送。", "",
        "申 报 日 期   二〇二四年二月五日", "",
        "青岛市民营经济发展局", "", "2024年1月9日", "",
    ])
    one("DOC004", text, "申 报 日 期", "晚于截止日期")


def test_doc004_quiet_without_a_deadline():
    text = _submission("2024-02-05").replace("请各区市于2024年1月31日前报送推荐材料，逾期不再受理。", "请各区市及时报送推荐材料。")
    assert run_rule("DOC004", text) == []


def test_doc004_form_one_cell_a_line():
    """A filing date in a form cell is not the notice's signature date."""
    lines = ["关于开展数字化转型服务商申报工作的通知", "", "成文日期 2024-01-09", "",
             "请各区市于2024年1月31日前报送推荐材料。", "", "数字化转型服务商申报表", "",
             "\t单位名称", "\t甲公司", "", "\t申报日期", "\t2024年2月5日", ""]
    text = "\n".join(lines) + "\n"
    assert_findings(audit_text(text, rules=["DOC003", "DOC004"]), [("DOC004", "2024年2月5日", 13)])
