"""RULES.md v2 "Layouts met in other offices", on documents built here: per-period
plans, split fund lines, rate words in 度, cost sub-kinds, vague quality values,
applications' budgets and Big5 text."""
from __future__ import annotations

from auditor.engine import Settings, audit_bytes
from auditor.testing import line_of, perf_table, run_rule

PLAN_RULES = ("PLAN001", "PLAN002", "PLAN003", "PLAN004")


def _table(plan_rows: str, extra: str = "") -> str:
    return ("1.测试项目绩效目标表\n\n| 项目编码 | 37020024P88002810001A | 项目名称 | 测试项目 | | |\n|---|---|---|---|---|---|\n"
            "| 预算数 | 100 | 其中：财政资金 | 100 | 其他资金 | |\n" + plan_rows + extra +
            "| 一级指标 | 二级指标 | 三级指标 | 指标值 | | |\n| 产出指标 | 数量指标 | 测评系统数 | ≥5个 | | |\n"
            "| 成本指标 | 经济成本指标 | 测评费用 | ≤100万元 | | |\n| 效益指标 | 社会效益指标 | 系统安全 | 有效保障 | | |\n"
            "| 满意度指标 | 服务对象满意度指标 | 满意度 | ≥90% | | |\n")


def _findings(text: str, *rules: str):
    result = audit_bytes("t.md", text.encode("utf-8"), Settings(select=list(rules)))
    return [(f.rule, f.line) for f in result.findings]


def test_quarter_shares_with_a_total_of_100_are_complete_and_not_decreasing():
    text = _table("| 资金支出计划（%） | 一季度 | 二季度 | 三季度 | 四季度 | 合计 |\n| | 40 | 30 | 20 | 10 | 100 |\n")
    assert _findings(text, *PLAN_RULES, "PARSE003") == []


def test_shares_marked_per_quarter_are_made_cumulative():
    text = _table("| 资金支出计划（%）（分季度） | 第一季度 | 第二季度 | 第三季度 | 第四季度 | |\n| | 10 | 20 | 30 | 30 | |\n")
    assert _findings(text, *PLAN_RULES) == [("PLAN003", 7)]  # 10 + 20 + 30 + 30 = 90: incomplete


def test_cumulative_quarters_stay_as_they_are():
    text = _table("| 资金支出计划（%） | 一季度 | 二季度 | 三季度 | 四季度 | |\n| | 40 | 30 | 80 | 100 | |\n")
    assert _findings(text, *PLAN_RULES) == [("PLAN002", 7)]


def test_monthly_checkpoints_read_in_order():
    months = " | ".join(f"{m}月" for m in range(1, 13))
    values = " | ".join(str(v) for v in (5, 10, 20, 30, 40, 50, 60, 70, 80, 90, 95, 100))
    text = _table(f"| 资金支出计划（%） | {months} |\n| | {values} |\n")
    assert _findings(text, *PLAN_RULES, "PARSE003") == []


def test_split_fiscal_lines_are_summed_for_bud006():
    rows = ("| 一般公共预算拨款 | 60 | 政府性基金拨款 | 40 | | |\n")
    text = _table("", rows)
    assert _findings(text.replace("| 其中：财政资金 | 100 | 其他资金 | |", "| | | | |"), "BUD006") == []
    short = _table("", "| 一般公共预算拨款 | 60 | 政府性基金拨款 | 30 | | |\n")
    assert _findings(short.replace("| 其中：财政资金 | 100 | 其他资金 | |", "| | | | |"), "BUD006") == [("BUD006", 5)]


def test_rate_words_in_du_and_period_words():
    text = perf_table(indicators=[("产出指标", "质量指标", "系统运行符合度", "≥3次"), ("产出指标", "数量指标", "年度巡检次数", "≥4次")])
    found = run_rule("VAL002", text)
    assert [(f.rule, f.line) for f in found] == [("VAL002", line_of(text, "系统运行符合度"))]


def test_vague_quality_values_fire_and_pass_fail_standards_do_not():
    text = perf_table(indicators=[("产出指标", "质量指标", "服务质量", "明显提高"), ("产出指标", "质量指标", "验收情况", "通过验收"),
                                  ("产出指标", "数量指标", "培训场次", "较多")])
    found = sorted((f.line for f in run_rule("VAL008", text)))
    assert found == sorted([line_of(text, "服务质量"), line_of(text, "培训场次")])


def test_cost_sub_kinds_social_and_ecological_need_not_be_money():
    text = perf_table(indicators=[("成本指标", "社会成本指标", "社会影响", "≤5%"), ("成本指标", "生态环境成本指标", "排放", "≤2次"),
                                  ("成本指标", "经济成本指标", "运行成本", "≤5%")], cost=False)
    assert [f.line for f in run_rule("VAL005", text)] == [line_of(text, "运行成本")]


def test_big5_text_is_read():
    import opencc

    text = opencc.OpenCC("s2t").convert(perf_table(indicators=[("产出指标", "数量指标", "服务企业数量", "50家")])).replace("≥", "").replace("≤", "")
    result = audit_bytes("big5.txt", text.encode("big5"), Settings())
    assert result.tables == 1 and not any(f.rule == "PARSE001" for f in result.findings)


def test_bud005_in_an_application_compares_with_the_total_investment():
    text = ("XX项目申报表\n\n| 项目名称 | 测试项目 | 项目总投资（万元） | 80 |\n|---|---|---|---|\n| 申请金额（万元） | 50 | 申报单位 | 某单位 |\n"
            "| 一级指标 | 二级指标 | 三级指标 | 指标值 |\n| 产出指标 | 数量指标 | 测评系统数 | ≥5个 |\n"
            "| 成本指标 | 经济成本指标 | 测评费用 | ≤90万元 |\n| 满意度指标 | 服务对象满意度指标 | 满意度 | ≥90% |\n")
    result = audit_bytes("app.md", text.encode("utf-8"), Settings(select=["BUD005"]))
    assert [(f.rule, f.line) for f in result.findings] == [("BUD005", 8)]
    assert "项目总投资 80 万元" in result.findings[0].message
    requested_only = text.replace("| 项目总投资（万元） | 80 |", "| 联系人 | 张三 |")
    result = audit_bytes("app.md", requested_only.encode("utf-8"), Settings(select=["BUD005"]))
    assert [(f.rule, f.line) for f in result.findings] == [("BUD005", 8)] and "申请金额 50 万元" in result.findings[0].message


def test_a_renamed_value_column_is_found_from_what_its_cells_hold():
    text = ("1.测试项目绩效目标表\n\n| 项目名称 | 测试项目 | 预算数 | 100 | |\n|---|---|---|---|---|\n"
            "| 一级指标 | 二级指标 | 三级指标 | 预期成效 | 说明 |\n| 产出指标 | 数量指标 | 测评系统数 | ≥5个 | 按计划 |\n"
            "| 产出指标 | 质量指标 | 资金使用合规率 | ≥5家 | 依据制度 |\n| 成本指标 | 经济成本指标 | 测评费用 | ≤150万元 | 合同 |\n"
            "| 效益指标 | 社会效益指标 | 覆盖率 | ≥90% | 统计 |\n| 满意度指标 | 服务对象满意度指标 | 满意度 | ≥90% | 调查 |\n")
    assert _findings(text, "VAL002", "BUD005") == [("VAL002", 7), ("BUD005", 8)]


def test_project_names_compare_without_punctuation():
    from auditor.rules._common import find_project, project_key

    assert project_key("“青岛制造”品牌-宣传（本级）") == project_key("青岛制造品牌宣传 本级")
    assert find_project(project_key("《法律服务费》"), [project_key("法律 服务费"), project_key("宣传费")]) == project_key("法律服务费")


def test_separate_columns_join_an_operator_but_not_a_qualitative_direction():
    """RULES.md "Separate columns": ≥ + 数值 + 度量单位 make one value; a 定性 direction is not part of it."""
    from auditor.engine import read_document, registry_for

    text = ("1.测试项目绩效目标表\n\n| 项目编码 | 37020024P88002810001A | 项目名称 | 测试项目 | | |\n|---|---|---|---|---|---|\n"
            "| 预算数 | 100 | 其中：财政资金 | 100 | 其他资金 | |\n"
            "| 一级指标 | 二级指标 | 三级指标 | 指标值 | | |\n| | | | 指标性质 | 度量单位 | 数值 |\n"
            "| 产出指标 | 数量指标 | 维修处数 | ≥ | 处 | 120 |\n| | 质量指标 | 维修质量 | 定性 | | 合格 |\n"
            "| 满意度指标 | 服务对象满意度指标 | 满意度 | 不低于 | % | 90 |\n")
    doc = read_document("t.md", text.encode("utf-8"), registry_for(Settings()))
    values = [(i.name, i.value_raw) for i in doc.tables[0].indicators]
    assert values == [("维修处数", "≥120处"), ("维修质量", "合格"), ("满意度", "不低于90%")]
