"""Budget (BUD001–BUD007) and spend-plan (PLAN001–PLAN004) rules on small documents.

Each rule: a case that fires (rule, the RULES.md anchor line, a message part),
a case that must not fire, and edges (the 0.005 万元 tolerance, 元/万元/亿元,
per-year bounds, a 预算数 of exactly 100 …).  Three layouts: the disclosure
(seed 000) and the 绩效目标表 (seed 001) one cell a line, and the markdown pipe
绩效目标表 (seed 002) from ``perf_table``.
"""
from __future__ import annotations

import pytest

from auditor.testing import assert_findings, audit_text, line_of, perf_table, run_rule

from _rule_docs import disclosure, tab_perf_table

SOFT = "2019青岛国际软博会采购项目"
LAW = "法律服务费"
AD = "“青岛制造”品牌整体宣传"
CAR = "车辆租赁"


def only(findings, rule):
    return [f for f in findings if f.rule == rule]


# -- BUD001 contract-above-budget ------------------------------------------------

def _contracts_doc(*prices, budget="56"):
    contracts = [(SOFT, f"承接单位{i}", p, "2019年7月9日", "2019年7月28日") for i, p in enumerate(prices)]
    total = sum(float(p.rstrip("元万亿")) for p in prices)  # only used when prices are plain 万元
    return disclosure(budget=[(SOFT, budget)], contracts=contracts, finals=[(SOFT, f"{total:g}")])


def test_bud001_fires_on_the_last_contractor_price():
    d = _contracts_doc("40", "20")
    findings = run_rule("BUD001", d.text)
    assert_findings(findings, [("BUD001", "超过预算金额", d.line(("price", 1)))])
    assert "40 + 20 = 60" in findings[0].message
    assert findings[0].severity == "error"
    assert findings[0].evidence == "20"


def test_bud001_quiet_when_contracts_within_budget():
    d = _contracts_doc("40", "15.65")
    assert run_rule("BUD001", d.text) == []


@pytest.mark.parametrize("second, fires", [("16.004", False), ("16.005", False), ("16.006", True)])
def test_bud001_tolerance_of_half_a_hundredth(second, fires):
    d = _contracts_doc("40", second)
    findings = run_rule("BUD001", d.text)
    if fires:
        assert_findings(findings, [("BUD001", "56.006", d.line(("price", 1)))])
    else:
        assert findings == []


def test_bud001_converts_yuan_and_yiyuan_before_comparing():
    # budget 0.0056亿元 = 56万元; 400000元 = 40万元; 16.006万元 → 56.006万元 > 56
    d = disclosure(
        budget=[(SOFT, "0.0056亿元")],
        contracts=[(SOFT, "甲公司", "400000元", "2019年7月9日", "2019年7月28日"),
                   (SOFT, "乙公司", "16.006万元", "2019年7月9日", "2019年7月28日")],
        finals=[(SOFT, "56")],
    )
    assert_findings(run_rule("BUD001", d.text), [("BUD001", "56.006", d.line(("price", 1)))])
    # 400000元 + 160000元 = 56万元 exactly: within budget
    d = disclosure(
        budget=[(SOFT, "0.0056亿元")],
        contracts=[(SOFT, "甲公司", "400000元", "2019年7月9日", "2019年7月28日"),
                   (SOFT, "乙公司", "160000元", "2019年7月9日", "2019年7月28日")],
        finals=[(SOFT, "56")],
    )
    assert run_rule("BUD001", d.text) == []


def test_bud001_sums_per_project_only():
    d = disclosure(
        budget=[(SOFT, "56"), (LAW, "3")],
        contracts=[(SOFT, "甲公司", "40", "2019年7月9日", "2019年7月28日"),
                   (SOFT, "乙公司", "15", "2019年7月9日", "2019年7月28日"),
                   (LAW, "丙律所", "3", "2019年4月15日", "2020年4月14日")],
        finals=[(SOFT, "55"), (LAW, "3")],
    )
    assert run_rule("BUD001", d.text) == []


# -- BUD002 final-above-budget ---------------------------------------------------

def _final_doc(final, budget="60", price="60"):
    return disclosure(budget=[(CAR, budget)],
                      contracts=[(CAR, "青岛国际旅游集散中心有限公司", price, "2019年1月1日", "2019年12月20日")],
                      finals=[(CAR, final)])


def test_bud002_fires_on_the_final_amount():
    d = _final_doc("65")
    findings = run_rule("BUD002", d.text)
    assert_findings(findings, [("BUD002", "超过预算金额", d.line(("final", CAR)))])
    assert findings[0].evidence == "65"


def test_bud002_quiet_when_final_within_budget():
    assert run_rule("BUD002", _final_doc("57.7").text) == []


@pytest.mark.parametrize("final, fires", [("60.004", False), ("60.006", True), ("600000元", False), ("600600元", True), ("0.006亿元", False)])
def test_bud002_tolerance_and_units(final, fires):
    d = _final_doc(final)
    findings = run_rule("BUD002", d.text)
    if fires:
        assert_findings(findings, [("BUD002", final, d.line(("final", CAR)))])
    else:
        assert findings == []


# -- BUD003 final-contract-mismatch ----------------------------------------------

def test_bud003_fires_when_final_differs_from_contract_total():
    d = disclosure(budget=[(AD, "8000")],
                   contracts=[(AD, "青岛日报报业集团", "7950", "2019年2月19日", "2020年2月18日")],
                   finals=[(AD, "7552.5")])
    findings = run_rule("BUD003", d.text)
    assert_findings(findings, [("BUD003", "承接价格合计 7950", d.line(("final", AD)))])
    assert findings[0].severity == "warning"


def test_bud003_fires_when_a_remark_states_another_payment():
    name = "企业技术改造综合奖补政策核定"
    d = disclosure(budget=[(name, "60")],
                   contracts=[(name, "甲会计师事务所", "27.9", "2019年11月5日", "2019年11月12日"),
                              (name, "乙会计师事务所", "29.8", "2019年10月24日", "2019年11月12日")],
                   finals=[(name, "57.7", "实际支付9.7995万元")])
    assert_findings(run_rule("BUD003", d.text), [("BUD003", "备注实际支付 9.7995", d.line(("final", name)))])


def test_bud003_quiet_when_final_matches_contracts_and_remark():
    name = "企业技术改造综合奖补政策核定"
    d = disclosure(budget=[(name, "60")],
                   contracts=[(name, "甲会计师事务所", "27.9", "2019年11月5日", "2019年11月12日"),
                              (name, "乙会计师事务所", "29.8", "2019年10月24日", "2019年11月12日")],
                   finals=[(name, "57.7", "实际支付577000元")])  # 577000元 = 57.7万元
    assert run_rule("BUD003", d.text) == []


@pytest.mark.parametrize("final, fires", [("55.654", False), ("55.646", False), ("55.656", True), ("55.644", True)])
def test_bud003_tolerance(final, fires):
    d = disclosure(budget=[(SOFT, "56")],
                   contracts=[(SOFT, "青岛市软件行业协会", "55.65", "2019年7月9日", "2019年7月28日")],
                   finals=[(SOFT, final)])
    findings = run_rule("BUD003", d.text)
    if fires:
        assert_findings(findings, [("BUD003", final, d.line(("final", SOFT)))])
    else:
        assert findings == []


# -- BUD004 project-missing-from-section -----------------------------------------

def _four_sections(evaluations, finals=None):
    budget = [(LAW, "3"), ("专家劳务费", "30")]
    contracts = [(LAW, "山东德衡律师事务所", "3", "2019年4月15日", "2020年4月14日"),
                 ("专家劳务费", "行业专家", "14.6", "2019年1月20日", "2019年12月20日")]
    finals = finals if finals is not None else [(LAW, "3"), ("专家劳务费", "14.6")]
    return disclosure(budget=budget, contracts=contracts, finals=finals, evaluations=evaluations)


def test_bud004_fires_on_the_name_in_the_budget_section():
    d = _four_sections([LAW])
    findings = run_rule("BUD004", d.text)
    assert_findings(findings, [("BUD004", "四、绩效评价", d.line(("budget", "专家劳务费")))])
    assert findings[0].evidence == "专家劳务费"


def test_bud004_one_finding_lists_every_missing_section():
    d = _four_sections([LAW], finals=[(LAW, "3")])
    findings = run_rule("BUD004", d.text)
    assert_findings(findings, [("BUD004", "三、决算、四、绩效评价", d.line(("budget", "专家劳务费")))])


def test_bud004_quiet_when_every_section_has_the_project():
    assert run_rule("BUD004", _four_sections([LAW, "专家劳务费"]).text) == []


def test_bud004_matches_names_without_quotes_and_spaces():
    d = disclosure(budget=[(AD, "8000")],
                   contracts=[(AD, "青岛日报报业集团", "7950", "2019年2月19日", "2020年2月18日")],
                   finals=[(AD, "7950")],
                   evaluations=["青岛制造 品牌整体宣传"])
    assert run_rule("BUD004", d.text) == []


# -- BUD005 cost-indicator-above-budget ------------------------------------------

def test_bud005_fires_on_the_cost_value_pipe_layout():
    text = perf_table(budget="44.10", indicators=[("成本指标", "经济成本指标", "平台运维费用", "≤180万元")])
    findings = run_rule("BUD005", text)
    assert_findings(findings, [("BUD005", "高于预算数 44.1", line_of(text, "≤180万元"))])
    assert findings[0].evidence == "≤180万元"


def test_bud005_fires_on_a_cost_under_output_one_cell_a_line():
    # the older framework of seed 001: 成本指标 as a 二级指标 under 产出指标
    d = tab_perf_table(budget="44.10", indicators=[("产出指标", "成本指标", "平台运维费用", "≤180万元")])
    assert_findings(run_rule("BUD005", d.text), [("BUD005", "≤180万元", d.line(("value", 0)))])


def test_bud005_quiet_when_ceiling_within_budget():
    text = perf_table(budget="44.10", indicators=[("成本指标", "经济成本指标", "平台运维费用", "≤44.1万元")])
    assert run_rule("BUD005", text) == []


@pytest.mark.parametrize("value, fires", [
    ("≤44.104万元", False), ("≤44.106万元", True),
    ("≤441000元", False), ("≤441060元", True),          # 元 → 万元
    ("≤0.00441亿元", False), ("≤0.0045亿元", True),      # 亿元 → 万元
    ("≤23.43万元/年", False), ("≤45万元/年", True),       # a per-year bound is the year's total
    ("≤50万元/人", False),                                # a unit cost is not the project total
    ("=44.1万元", False), ("50万元", True),
])
def test_bud005_tolerance_units_and_periods(value, fires):
    text = perf_table(budget="44.10", indicators=[("成本指标", "经济成本指标", "平台运维费用", value)])
    findings = run_rule("BUD005", text)
    if fires:
        assert_findings(findings, [("BUD005", value, line_of(text, value))])
    else:
        assert findings == []


def test_bud005_per_year_bound_against_a_smaller_budget():
    text = perf_table(budget="20.00", indicators=[("成本指标", "经济成本指标", "年度运维费用", "≤23.43万元/年")])
    assert_findings(run_rule("BUD005", text), [("BUD005", "23.43", line_of(text, "≤23.43万元/年"))])


# -- BUD006 fund-sources-mismatch ------------------------------------------------

def test_bud006_fires_on_the_budget_cell():
    d = tab_perf_table(budget="170.00", fiscal="150.00", other="")
    findings = run_rule("BUD006", d.text)
    assert_findings(findings, [("BUD006", "不等于预算数 170", d.line("budget"))])
    assert findings[0].evidence == "170.00"


def test_bud006_pipe_layout():
    text = perf_table(budget="170.00", fiscal="150.00", other="10.00")
    assert_findings(run_rule("BUD006", text), [("BUD006", "150 + 其他资金 10", line_of(text, "| 预算数 |"))])


def test_bud006_quiet_when_sources_add_up():
    assert run_rule("BUD006", tab_perf_table(budget="170.00", fiscal="150.00", other="20.00").text) == []
    # a blank 其他资金 counts as 0
    assert run_rule("BUD006", tab_perf_table(budget="170.00", fiscal="170.00", other="").text) == []


@pytest.mark.parametrize("other, fires", [("20.004", False), ("19.996", False), ("20.006", True), ("19.994", True)])
def test_bud006_tolerance(other, fires):
    d = tab_perf_table(budget="170.00", fiscal="150.00", other=other)
    findings = run_rule("BUD006", d.text)
    assert bool(findings) == fires
    if fires:
        assert findings[0].line == d.line("budget")


# -- BUD007 contract-dates-invalid -------------------------------------------------

def _dated(start, end):
    return disclosure(budget=[(CAR, "30")], contracts=[(CAR, "青岛礼宾车队", "20", start, end)], finals=[(CAR, "20")])


def test_bud007_fires_when_contract_ends_before_it_starts():
    d = _dated("2019年6月1日", "2019年3月1日")
    findings = run_rule("BUD007", d.text)
    assert_findings(findings, [("BUD007", "早于起始", d.line(("start", 0)))])
    assert findings[0].severity == "warning"


def test_bud007_fires_when_the_whole_term_lies_outside_the_year():
    d = _dated("2018-01-09", "2018-06-30")
    findings = run_rule("BUD007", d.text)
    assert_findings(findings, [("BUD007", "不在预算年度 2019", d.line(("start", 0)))])
    assert findings[0].severity == "warning"


def test_bud007_info_when_signed_before_the_year():
    d = _dated("2018年12月20日", "2019年12月20日")
    findings = run_rule("BUD007", d.text)
    assert_findings(findings, [("BUD007", "提前签订", d.line(("start", 0)))])
    assert findings[0].severity == "info"
    assert findings[0].evidence == "2018年12月20日"


@pytest.mark.parametrize("start, end", [
    ("2019年5月24日", "2020年5月23日"),  # runs into the next year: still the 2019 budget
    ("2019-01-01", "2019-12-31"),
    ("二〇一九年一月九日", "二〇一九年十二月三十一日"),
])
def test_bud007_quiet_within_the_year(start, end):
    assert run_rule("BUD007", _dated(start, end).text) == []


# -- PLAN001 percent-given-as-amount -------------------------------------------------

def test_plan001_fires_on_the_first_value_above_100():
    d = tab_perf_table(budget="170.00", plan=("5.00", "40.00", "120.00", "170.00"))
    findings = run_rule("PLAN001", d.text)
    assert_findings(findings, [("PLAN001", "填写为金额", d.line(("plan", 2)))])
    assert "3%, 24%, 71%, 100%" in findings[0].message  # value / 预算数 × 100
    assert findings[0].evidence == "120.00"


def test_plan001_fires_on_the_last_value_equal_to_the_budget():
    d = tab_perf_table(budget="80.00", plan=("20.00", "40.00", "60.00", "80.00"))
    findings = run_rule("PLAN001", d.text)
    assert_findings(findings, [("PLAN001", "25%, 50%, 75%, 100%", d.line(("plan", 3)))])


def test_plan001_fires_when_every_value_equals_the_budget():
    d = tab_perf_table(budget="50.00", plan=("50.00", "50.00", "50.00", "50.00"))
    assert_findings(run_rule("PLAN001", d.text), [("PLAN001", "100%, 100%, 100%, 100%", d.line(("plan", 3)))])


def test_plan001_pipe_layout():
    text = perf_table(budget="170.00", plan=("5.00", "40.00", "70.00", "170.00"))
    assert_findings(run_rule("PLAN001", text), [("PLAN001", "3%, 24%, 41%, 100%", line_of(text, "| 5.00 |"))])


@pytest.mark.parametrize("budget, plan", [
    ("100.00", ("25.00", "50.00", "75.00", "100.00")),   # 预算数 exactly 100: a correct percent plan
    ("100", ("100", "100", "100", "100")),
    ("170.00", ("3", "24", "41", "100")),
    ("80.00", ("20", "50", "80.5", "100")),
])
def test_plan001_quiet_on_a_percent_plan(budget, plan):
    assert run_rule("PLAN001", tab_perf_table(budget=budget, plan=plan).text) == []


def test_plan001_edge_values_at_100_are_not_amounts():
    # 100 is not "above 100"; 100.004 is 100 within the tolerance, so not a budget ≠ 100
    assert run_rule("PLAN001", tab_perf_table(budget="100.004", plan=("30", "60", "90", "100")).text) == []
    d = tab_perf_table(budget="100.00", plan=("30", "60", "90", "100.5"))
    assert_findings(run_rule("PLAN001", d.text), [("PLAN001", "100.5", d.line(("plan", 3)))])


def _plan_in_its_own_unit(table_unit: str, budget: str, plan_unit: str, plan) -> str:
    """A pipe table whose plan row declares its own money unit (资金支出计划（元）)."""
    return "\n".join([
        "1.某项目绩效目标表", "", f"单位：{table_unit}", "",
        "| 项目编码 | 15010023P13300210017 | 项目名称 | 某项目 | |", "|---|---|---|---|---|",
        f"| 预算数 | {budget} | 其中：财政资金 | {budget} | |",
        f"| 资金支出计划（{plan_unit}） | 3月底 | 6月底 | 10月底 | 12月底 |",
        "| | " + " | ".join(plan) + " |",
        "| 一级指标 | 二级指标 | 三级指标 | 绩效指标描述 | 指标值 |",
        "| 满意度指标 | 服务对象满意度指标 | 服务对象满意度 | 满意程度 | ≥90% |", ""])


def test_plan001_reads_a_plan_in_the_unit_its_label_declares():
    # 元 amounts under a 万元 budget: 90000 元 of 45 万元 is 20%, not 200000%
    text = _plan_in_its_own_unit("万元", "45.00", "元", ("90000", "200000", "350000", "450000"))
    findings = run_rule("PLAN001", text)
    assert_findings(findings, [("PLAN001", "20%, 44%, 78%, 100%", line_of(text, "| | 90000"))])
    assert "资金支出计划（元）" in findings[0].message and "预算数 450000 元" in findings[0].message
    edits = findings[0].fix["edits"]
    assert [e["new"] for e in edits] == ["20", "44.44", "77.78", "100"]


def test_plan001_finds_万元_amounts_under_a_元_budget_though_none_is_above_100():
    # 25 … 100 万元 of 1,000,000 元: amounts by the plan's own label, though none is above 100
    text = _plan_in_its_own_unit("元", "1000000", "万元", ("25", "50", "75", "100"))
    findings = run_rule("PLAN001", text)
    assert_findings(findings, [("PLAN001", "25%, 50%, 75%, 100%", line_of(text, "| | 25"))])


# -- PLAN002 plan-decreasing ------------------------------------------------------

def test_plan002_fires_on_the_lower_value():
    d = tab_perf_table(plan=("30", "60", "50", "100"))
    findings = run_rule("PLAN002", d.text)
    assert_findings(findings, [("PLAN002", "10月底 50 低于 6月底 60", d.line(("plan", 2)))])


def test_plan002_pipe_layout():
    text = perf_table(plan=("30.00", "60.00", "50.00", "100.00"))
    assert_findings(run_rule("PLAN002", text), [("PLAN002", "50", line_of(text, "| 30.00 |"))])


@pytest.mark.parametrize("plan", [("30", "50", "60", "100"), ("30", "30", "60", "100"), ("0", "0", "0", "100")])
def test_plan002_quiet_on_a_non_decreasing_plan(plan):
    assert run_rule("PLAN002", tab_perf_table(plan=plan).text) == []


def test_plan002_every_value_below_the_highest_so_far():
    d = tab_perf_table(plan=("30", "60", "50", "40"))
    assert_findings(run_rule("PLAN002", d.text), [("PLAN002", "50", d.line(("plan", 2))), ("PLAN002", "40", d.line(("plan", 3)))])


# -- PLAN003 plan-incomplete ------------------------------------------------------

def test_plan003_fires_on_the_last_value_below_100():
    d = tab_perf_table(plan=("10", "30", "80", "90"))
    findings = run_rule("PLAN003", d.text)
    assert_findings(findings, [("PLAN003", "12月底为 90", d.line(("plan", 3)))])
    assert findings[0].severity == "warning"


def test_plan003_fires_on_the_last_value_present_when_december_is_blank():
    d = tab_perf_table(plan=("10", "30", "80", ""))
    assert_findings(run_rule("PLAN003", d.text), [("PLAN003", "缺少12月底", d.line(("plan", 2)))])


def test_plan003_quiet_on_a_complete_plan_or_an_amount_plan():
    assert run_rule("PLAN003", tab_perf_table(plan=("10", "30", "80", "100")).text) == []
    # amounts are PLAN001's finding, not PLAN003's
    assert run_rule("PLAN003", tab_perf_table(budget="170.00", plan=("5", "40", "70", "170")).text) == []
    assert run_rule("PLAN003", tab_perf_table(budget="80.00", plan=("20", "40", "60", "80")).text) == []


def test_plan003_edge_just_below_100():
    d = tab_perf_table(plan=("25", "50", "75", "99.9"))
    assert_findings(run_rule("PLAN003", d.text), [("PLAN003", "99.9", d.line(("plan", 3)))])


# -- PLAN004 plan-missing ---------------------------------------------------------

def test_plan004_fires_on_the_row_header_when_every_checkpoint_is_empty():
    d = tab_perf_table(plan=("", "", "", ""))
    findings = run_rule("PLAN004", d.text)
    assert_findings(findings, [("PLAN004", "各时点均为空", d.line("plan"))])


def test_plan004_fires_on_the_title_when_the_row_is_absent_but_other_tables_have_it():
    with_plan = perf_table()
    without = perf_table(plan=None).replace("绩效目标表", "绩效目标表（二）", 1)
    text = with_plan + "\n" + without
    second_title = len(with_plan.split("\n")) + line_of(without, "绩效目标表")
    assert_findings(run_rule("PLAN004", text), [("PLAN004", "缺少资金支出计划", second_title)])


def test_plan004_quiet_when_the_template_has_no_plan_row():
    """The national 项目支出绩效目标表 has no plan row: no table of the document has one (RULES.md v2)."""
    assert run_rule("PLAN004", perf_table(plan=None)) == []
    assert run_rule("PLAN004", tab_perf_table(plan=None).text) == []


def test_plan004_quiet_when_the_plan_is_filled():
    assert run_rule("PLAN004", perf_table()) == []
    assert run_rule("PLAN004", tab_perf_table(plan=("", "", "", "100")).text) == []


# -- the whole catalogue on correct documents and on a blank template ------------

def test_correct_documents_raise_nothing():
    d = disclosure(
        budget=[(SOFT, "56"), (LAW, "3")],
        contracts=[(SOFT, "甲公司", "40", "2019年7月9日", "2019年7月28日"),
                   (SOFT, "乙公司", "15.65", "2019年7月9日", "2019年7月28日"),
                   (LAW, "丙律所", "3", "2019年4月15日", "2020年4月14日")],
        finals=[(SOFT, "55.65"), (LAW, "3")],
    )
    assert audit_text(d.text) == []
    assert audit_text(tab_perf_table().text) == []
    assert audit_text(perf_table(indicators=[("产出指标", "数量指标", "培训企业数量", "≥150家")])) == []


BLANK_ROWS = [
    ("产出指标", "数量指标", "", ""), ("产出指标", "质量指标", "", ""), ("产出指标", "时效指标", "", ""),
    ("产出指标", "成本指标", "", ""), ("效益指标", "社会效益指标", "", ""), ("满意度指标", "服务对象满意度指标", "", ""),
]


def test_no_rule_fires_on_a_blank_template_one_cell_a_line():
    d = tab_perf_table(code="", name="", budget="", fiscal="", other="", plan=("", "", "", ""),
                       indicators=BLANK_ROWS, defaults=False)
    assert [f for f in audit_text(d.text) if not f.rule.startswith("PARSE")] == []


def test_no_rule_fires_on_a_blank_template_pipe():
    text = perf_table(code="", name="", budget="", fiscal="", other="", plan=("", "", "", ""),
                      indicators=BLANK_ROWS, cost=False, effect=False, satisfaction=False)
    assert [f for f in audit_text(text) if not f.rule.startswith("PARSE")] == []


def test_no_rule_fires_on_a_blank_template_with_indicator_names():
    rows = [(l1, l2, name, "") for (l1, l2, _, _), name in zip(BLANK_ROWS, ("培训企业数量", "验收合格率", "完成时间", "项目成本", "带动就业", "企业满意度"))]
    d = tab_perf_table(budget="", fiscal="", other="", plan=("", "", "", ""), indicators=rows, defaults=False)
    assert [f for f in audit_text(d.text) if not f.rule.startswith("PARSE")] == []


# -- a table whose header says 单位：元 -------------------------------------------------------

def _yuan_table(value):
    text = perf_table(budget="441000.00", indicators=[("产出指标", "数量指标", "培训企业数量", "≥150家"),
                                                      ("成本指标", "经济成本指标", "平台运维费用", value)])
    return text.replace("单位：万元", "单位：元")


def test_bud005_table_in_yuan_converts_the_budget():
    # 预算数 441000 (元) = 44.1 万元
    text = _yuan_table("≤50万元")
    assert_findings(run_rule("BUD005", text), [("BUD005", "高于预算数 44.1", line_of(text, "≤50万元"))])
    assert run_rule("BUD005", _yuan_table("≤441000元")) == []
    assert run_rule("BUD005", _yuan_table("≤44.1万元")) == []


def test_projects_match_across_sections_when_one_name_contains_the_other():
    doc = disclosure(
        budget=[("青岛国际软博会采购项目", "56")],
        contracts=[("青岛国际软博会采购项目", "软件行业协会", "60", "2019年7月9日", "2019年7月28日")],
        finals=[("2019青岛国际软博会采购项目", "60")],
        evaluations=["“青岛国际软博会采购项目”"],
    )
    rules = sorted(f.rule for f in audit_text(doc.text))
    assert rules == ["BUD001", "BUD002"]  # matched by name, so no BUD004 for the decorated names
