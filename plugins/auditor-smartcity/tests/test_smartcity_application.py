"""SC001–SC004 on applications built from the competition's template (seed 003)."""
from __future__ import annotations

from pathlib import Path

import pytest

from auditor.testing import assert_findings, audit_text, line_of, run_rule
from smartcity_docs import (INVALID_CODE, OTHER_VALID_CODE, VALID_CODE, application, application_form,
                            evaluation_form, notice)

SEED_003 = Path(__file__).resolve().parents[4] / "shared" / "seeds" / "003_3f97dec1f991da43.txt"


def sc(text: str, **params):
    """Findings of the smart-city rules only (built-in rules have their own tests)."""
    return audit_text(text, rules=["SC"], params=params or None)


def test_the_plugin_is_registered_through_its_entry_point():
    from auditor.engine import Settings, registry_for

    reg = registry_for(Settings())
    assert {"SC001", "SC002", "SC003", "SC004", "SC005", "SC006"} <= set(reg.rules)
    assert reg.rule_source["SC001"] == "smartcity"
    assert not [f for f in reg.failures if f.plugin == "smartcity"]


def test_a_correct_application_gives_no_findings():
    assert sc(application()) == []


def test_a_faulty_application_fires_each_rule_at_its_line():
    """Invalid credit code, late filing date, a required field left empty, no 满意度 value."""
    text = application(code=INVALID_CODE, phone="", filed="2021年12月20日", satisfaction_value="")
    found = sc(text)
    assert_findings(found, [
        ("SC001", INVALID_CODE, line_of(text, INVALID_CODE, 1)),  # in the 申报表
        ("SC001", INVALID_CODE, line_of(text, INVALID_CODE, 2)),  # and again in the 项目绩效评价表
        ("SC002", "2021年12月20日", line_of(text, "申报日期：2021年12月20日")),
        ("SC003", "联系方式", line_of(text, "\t联系方式") + 1),  # the empty cell after the label
        ("SC004", "服务对象满意度", line_of(text, "\t服务对象满意度")),
    ])
    by_rule = {f.rule: f for f in found}
    assert "校验码应为 K" in by_rule["SC001"].message
    assert "2021-12-15" in by_rule["SC002"].message
    assert by_rule["SC004"].severity == "error"


def test_each_rule_alone_with_run_rule():
    assert_findings(run_rule("SC001", application(code=INVALID_CODE)), [("SC001", INVALID_CODE), ("SC001", INVALID_CODE)])
    assert_findings(run_rule("SC002", application(filed="2021年12月16日")), [("SC002", "2021年12月16日")])
    assert_findings(run_rule("SC003", application(contact="")), [("SC003", "联系人")])
    assert_findings(run_rule("SC004", application(satisfaction_value="")), [("SC004", "服务对象满意度")])


def test_credit_codes_that_differ_between_the_two_forms():
    text = application(code=VALID_CODE, eval_code=OTHER_VALID_CODE)
    assert_findings(sc(text), [("SC001", OTHER_VALID_CODE, line_of(text, OTHER_VALID_CODE))])


def test_filed_on_the_deadline_day_is_in_time():
    assert sc(application(filed="2021年12月15日")) == []


def test_the_deadline_comes_from_the_notice_in_the_document():
    late_for_default = application(filed="2021年12月20日", notice=notice("2021年12月31日"))
    assert sc(late_for_default) == []
    text = application(filed="2022年1月5日", notice=notice("2021年12月31日"))
    (finding,) = sc(text)
    assert finding.rule == "SC002" and finding.line == line_of(text, "申报日期：2022年1月5日")
    assert f"通知第{line_of(text, '截止时间为2021年12月31日')}行" in finding.message


def test_the_deadline_is_a_parameter():
    text = application(filed="2021年12月20日")
    assert sc(text, SC002={"deadline": "2021-12-31"}) == []
    assert [f.rule for f in sc(application(filed="2021年12月10日"), SC002={"deadline": "2021-12-01"})] == ["SC002"]


def test_required_fields_are_a_parameter():
    text = application()
    params = {"required_fields": ["参赛单位名称", "注册资本", "营业执照编号"]}
    assert_findings(sc(text, SC003=params), [("SC003", "营业执照编号", line_of(text, "济南市新型智慧城市试点示范项目申报表"))])


def test_a_satisfaction_row_left_blank_is_reported_at_the_table():
    text = application(satisfaction_name="", satisfaction_value="")
    assert_findings(sc(text), [("SC004", "没有填写满意度指标", line_of(text, "项目绩效评价表"))])


def test_an_application_without_the_evaluation_table():
    text = application_form()
    assert_findings(sc(text), [("SC004", "缺少", 1)])
    assert sc(text, SC004={"require_table": False}) == []


def test_other_documents_are_out_of_scope():
    # a filled evaluation form of some other programme: not the competition's
    other = evaluation_form(satisfaction_value="").replace("项目绩效评价表", "某某专项资金项目绩效评价表", 1)
    assert sc(other) == []


def test_blank_template_layout_is_not_an_application():
    blank = application_form(code="", contact="", phone="", filed=None)
    blank = blank.replace("济南泉城智慧科技有限公司（盖章）", "（盖章）").replace("☑", "□")
    for value in ("1000万元", "济南市历下区经十路1号", "李四", "项目经理", "zhangsan@example.com", "5000万元", "35%", "3000", "3600",
                  "300", "380", "专注城市级智慧停车平台建设与运营。", "智慧停车一体化服务平台", "建设全市停车泊位一张网，实现泊位查询、预约、无感支付。"):
        blank = blank.replace(value, "")
    assert sc(blank) == []


@pytest.mark.skipif(not SEED_003.is_file(), reason="the seed documents are not beside this checkout")
def test_the_blank_template_seed_003_gives_no_findings():
    assert sc(SEED_003.read_text(encoding="utf-8")) == []


def test_explain_pages_are_bilingual():
    from auditor_smartcity import RULES

    for rule in RULES:
        page = rule.explain()
        for part in (rule.summary, rule.why, rule.bad, rule.good, rule.fix, rule.policy):
            assert part and part in page
        assert " / " in rule.summary  # 中文 / English
        assert rule.id.startswith("SC") and rule.parameters
