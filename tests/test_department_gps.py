"""Department-level target tables (部门整体支出绩效目标表), the GPS rules and default-off rules."""
from __future__ import annotations

import json

import pytest

from auditor.engine import Settings, audit_bytes, read_document, registry_for, selected
from auditor.models import DepartmentTable
from auditor.testing import assert_findings, audit_text, run_rule

import selfeval_docs as sd
from _rule_docs import disclosure
from conftest import seed

DEPT = "某局2024年度部门整体支出绩效目标表"
GOOD_SOURCES = [("财政拨款", "1200"), ("其他资金", "300")]
GOOD_USES = [("基本支出", "500"), ("项目支出", "1000")]
BAD_SOURCES = [("一般公共预算拨款", "1000"), ("政府性基金拨款", "200"), ("其他资金", "200")]  # 1400
BAD_USES = [("基本支出", "500"), ("项目支出", "900")]                                         # 1400

FORMS = {
    "one-cell-a-line": lambda rows: ("d.txt", sd.department_text(DEPT, rows)),
    "markdown": lambda rows: ("d.md", sd.markdown(DEPT, rows, note="单位：万元")),
}


def _findings(name, text, rules=()):
    return audit_bytes(name, text.encode("utf-8"), Settings(use_plugins=False, select=list(rules))).findings


@pytest.mark.parametrize("inline", [False, True])
@pytest.mark.parametrize("form", sorted(FORMS))
def test_department_table_correct_gives_no_finding(form, inline):
    name, text = FORMS[form](sd.department_table("1500", GOOD_SOURCES, GOOD_USES, inline=inline))
    assert _findings(name, text) == []


@pytest.mark.parametrize("inline", [False, True])
@pytest.mark.parametrize("form", sorted(FORMS))
def test_bud006_once_for_each_split_that_does_not_add_up(form, inline):
    name, text = FORMS[form](sd.department_table("1500", BAD_SOURCES, BAD_USES, inline=inline))
    findings = _findings(name, text)
    assert [f.rule for f in findings] == ["BUD006", "BUD006"]
    total_line = next(i for i, l in enumerate(text.splitlines(), start=1) if "1500" in l)
    assert all(f.line == total_line for f in findings)
    by_source, by_use = sorted(findings, key=lambda f: "用途" in f.message)
    assert "一般公共预算拨款 1000 + 政府性基金拨款 200 + 其他资金 200 = 1400" in by_source.message
    assert "基本支出 500 + 项目支出 900 = 1400" in by_use.message and "1500" in by_use.message


def test_bud006_on_one_split_only():
    name, text = FORMS["one-cell-a-line"](sd.department_table("1500", GOOD_SOURCES, BAD_USES))
    [f] = _findings(name, text)
    assert f.rule == "BUD006" and "支出用途" in f.message


def test_fiscal_aggregate_beside_its_parts_is_not_counted_twice():
    sources = [("财政拨款", "1200"), ("一般公共预算拨款", "1000"), ("政府性基金拨款", "200"), ("其他资金", "300")]
    name, text = FORMS["one-cell-a-line"](sd.department_table("1500", sources, GOOD_USES))
    assert _findings(name, text) == []


CENTRAL = """## 2024年度部门整体支出绩效目标表

| 部门（单位）名称 | 市城市管理局 | | |
|---|---|---|---|
| 年度主要任务 | 任务名称 | 主要内容 | |
| | 道路巡查 | 全市主次干道日常巡查 | |
| | 项目支出管理 | 专项资金管理 | |
| 金额合计 | 资金总额 | 财政拨款 | 其他资金 |
| | 1000 | 800 | {other} |
| 年度总体目标 | 完成年度任务 | | |
| 一级指标 | 二级指标 | 三级指标 | 指标值 |
| 产出指标 | 数量指标 | 道路巡查里程 | ≥1200公里 |
| 成本指标 | 经济成本指标 | 巡查经费 | ≤300万元 |
| 效益指标 | 社会效益指标 | 城市道路完好率 | ≥90% |
| 满意度指标 | 服务对象满意度指标 | 市民满意度 | ≥90% |
"""


def test_central_template_labels_over_amounts():
    """The national template: a row of labels (资金总额 | 财政拨款 | 其他资金) over a row of amounts;
    a task named 项目支出管理 is a task, not a use of funds."""
    assert _findings("c.md", CENTRAL.format(other="200")) == []
    [f] = _findings("c.md", CENTRAL.format(other="100"))
    assert f.rule == "BUD006" and f.line == 9 and "财政拨款 800 + 其他资金 100 = 900" in f.message
    doc = read_document("c.md", CENTRAL.format(other="100").encode("utf-8"), registry_for(Settings(use_plugins=False)))
    assert [t.name.text for t in doc.tables[0].tasks] == ["道路巡查", "项目支出管理"] and doc.tables[0].uses == []


def test_department_table_is_read_as_its_own_kind_without_plan():
    name, text = FORMS["markdown"](sd.department_table("1500", BAD_SOURCES, BAD_USES, inline=True))
    doc = read_document(name, text.encode("utf-8"), registry_for(Settings(use_plugins=False)))
    [t] = doc.tables
    assert isinstance(t, DepartmentTable) and doc.kind == "department"
    assert t.budget.wan == 1500 and t.department.text == "市城市管理局"
    assert [(l.label, l.amount.wan) for l in t.sources] == [("一般公共预算拨款", 1000), ("政府性基金拨款", 200), ("其他资金", 200)]
    assert [(l.label, l.amount.wan) for l in t.uses] == [("基本支出", 500), ("项目支出", 900)]
    assert [x.name.text for x in t.tasks] == ["道路巡查", "设施维护"] and t.tasks[1].amount.wan == 700
    assert len(t.indicators) == 5 and not t.plan.present
    assert _findings(name, text, rules=["PLAN"]) == []


# -- GPS001 contract-term-long -------------------------------------------------------------

P = "数字集群服务"


def _term(start, end):
    return disclosure(budget=[(P, "300")], contracts=[(P, "某通信公司", "198", start, end)], finals=[(P, "198")])


def test_gps001_fires_on_a_two_year_term_at_the_start_cell():
    d = _term("2019年1月1日", "2020年12月31日")
    [f] = run_rule("GPS001", d.text)
    assert f.line == d.line(("start", 0)) and f.severity == "warning" and "731 天" in f.message


def test_gps001_error_above_three_years():
    d = _term("2019年1月1日", "2022年6月30日")
    [f] = run_rule("GPS001", d.text)
    assert f.severity == "error" and "超过3年" in f.message


@pytest.mark.parametrize("start, end", [("2019年1月1日", "2020年1月1日"), ("2019年2月19日", "2020年2月18日"),
                                        ("2019年5月1日", "2019年12月31日"), ("2019年12月31日", "2019年1月1日")])
def test_gps001_quiet_within_one_year_or_reversed(start, end):
    assert run_rule("GPS001", _term(start, end).text) == []


def test_gps001_on_seed_000_line_242():
    findings = audit_bytes("000.txt", seed("000").read_bytes(), Settings(use_plugins=False, select=["GPS001"])).findings
    assert [(f.rule, f.line, f.evidence) for f in findings] == [("GPS001", 242, "2019年1月1日")]


# -- GPS002 price-equals-budget (opt-in) --------------------------------------------------------

def test_gps002_fires_when_selected_on_a_single_contractor_at_budget():
    d = disclosure(budget=[(P, "198")], contracts=[(P, "某通信公司", "198", "2019年1月1日", "2019年12月31日")], finals=[(P, "198")])
    [f] = run_rule("GPS002", d.text)
    assert f.line == d.line(("price", 0)) and f.severity == "info"
    assert [x.rule for x in audit_text(d.text)] == []  # default-off


@pytest.mark.parametrize("contracts", [
    [(P, "某通信公司", "197.5", "2019年1月1日", "2019年12月31日")],
    [(P, "甲公司", "99", "2019年1月1日", "2019年12月31日"), (P, "乙公司", "99", "2019年1月1日", "2019年12月31日")],
])
def test_gps002_quiet_below_budget_or_with_two_contractors(contracts):
    d = disclosure(budget=[(P, "198")], contracts=contracts, finals=[(P, "198")])
    assert run_rule("GPS002", d.text) == []


# -- GPS003 contractor-concentration (opt-in, within one disclosure) ------------------------------

def _projects(n, winner_of, prices=None):
    names = [f"第{i}项咨询服务" for i in range(1, n + 1)]
    prices = prices or ["10"] * n
    contracts = [(name, "甲事务所" if i < winner_of else f"乙{i}公司", prices[i], "2019年3月1日", "2019年10月31日") for i, name in enumerate(names)]
    return disclosure(budget=[(name, "20") for name in names], contracts=contracts, finals=[(name, p) for name, p in zip(names, prices)])


def test_gps003_five_projects_to_one_contractor():
    d = _projects(8, winner_of=5)
    [f] = run_rule("GPS003", d.text)
    assert f.line == d.line(("start", 0)) - 3  # the contractor cell of its first row
    assert "5/8" in f.message and f.evidence == "甲事务所"


def test_gps003_share_of_prices():
    d = _projects(5, winner_of=2, prices=["40", "30", "10", "10", "10"])  # 70 of 100
    [f] = run_rule("GPS003", d.text)
    assert "70.0%" in f.message


def test_gps003_quiet_when_spread():
    assert run_rule("GPS003", _projects(8, winner_of=2).text) == []


# -- GPS004 excluded-purchase -------------------------------------------------------------------------

def test_gps004_labour_dispatch_at_the_budget_name():
    name = "政务窗口劳务派遣人员"
    d = disclosure(budget=[(name, "50"), ("专家劳务费", "10")],
                   contracts=[(name, "某人力公司", "50", "2019年1月1日", "2019年12月31日")], finals=[(name, "50")])
    assert_findings(run_rule("GPS004", d.text), [("GPS004", "劳务派遣", d.line(("budget", name)))])


def test_gps004_quiet_on_expert_fees():
    d = disclosure(budget=[("专家劳务费", "10")], contracts=[("专家劳务费", "行业专家", "10", "2019年3月1日", "2019年4月1日")],
                   finals=[("专家劳务费", "10")])
    assert run_rule("GPS004", d.text) == []


# -- default-off rules --------------------------------------------------------------------------------

def test_selection_of_opt_in_rules():
    assert not selected("GPS002", [], [], opt_in=True)
    assert selected("GPS002", ["GPS002"], [], opt_in=True) and selected("GPS002", ["GPS"], [], opt_in=True)
    assert selected("GPS002", ["ALL"], [], opt_in=True) and selected("BUD001", ["ALL"], [])
    assert not selected("GPS002", ["ALL"], ["GPS002"], opt_in=True)
    assert not selected("GPS002", ["BUD"], [], opt_in=True) and selected("GPS001", [], [])


def test_cli_rules_shows_opt_in_and_select_all_runs_them(cli, tmp_path):
    out = cli("rules", "--no-plugins").output
    row = next(l for l in out.splitlines() if l.startswith("GPS002"))
    assert "opt-in" in row and "opt-in" not in next(l for l in out.splitlines() if l.startswith("GPS001"))
    listed = json.loads(cli("rules", "--no-plugins", "--format", "json").output)
    assert {r["id"] for r in listed if r["opt_in"]} == {"GPS002", "GPS003"}
    d = disclosure(budget=[(P, "198")], contracts=[(P, "某通信公司", "198", "2019年1月1日", "2019年12月31日")], finals=[(P, "198")])
    path = tmp_path / "d.txt"
    path.write_text(d.text, encoding="utf-8")
    rules_of = lambda *a: {f["rule"] for f in json.loads(cli("check", path, "--no-plugins", "--format", "json", "--fail-on", "never", *a).output)["findings"]}  # noqa: E731
    assert "GPS002" not in rules_of()
    assert "GPS002" in rules_of("--select", "ALL") and "GPS002" in rules_of("--select", "GPS")
    (tmp_path / "auditor.toml").write_text('select = ["ALL"]\n', encoding="utf-8")
    assert "GPS002" in rules_of()
    assert "opt-in" in cli("explain", "GPS003").output


def test_every_new_rule_has_its_page():
    from auditor.engine import Settings, registry_for

    rules = registry_for(Settings(use_plugins=False)).rules
    for rid in [f"SE00{i}" for i in range(1, 10)] + [f"GPS00{i}" for i in range(1, 5)]:
        cls = rules[rid]
        for field in ("summary", "why", "bad", "good", "fix", "policy", "anchor"):
            assert getattr(cls, field).strip(), (rid, field)
        assert " / " in cls.summary, rid  # 中文 / English
        assert cls.parts, rid  # declares the part types it checks


def test_contract_terms_written_as_durations():
    """GPS001 on a 合同期限 cell that gives a duration (3年, 36个月) instead of dates; one year is not longer than one."""
    from auditor.readers.disclosure import term_months

    assert [term_months(t) for t in ("3年", "36个月", "一年", "半年", "两年", "18 个月", "共3年", "2023.1.1-2023.12.31", "三方")] == \
        [36, 36, 12, 6, 24, 18, 36, None, None]
    from auditor.engine import Settings, audit_bytes

    def gps001(term: str):
        text = ("某局2024年政府购买服务信息公开表\n\n一、政府购买服务预算\n\n| 序号 | 项目名称 | 预算金额（万元） |\n|---|---|---|\n| 1 | 保洁服务 | 50.00 |\n\n"
                "二、承接主体\n\n| 序号 | 项目名称 | 承接主体 | 承接价格（万元） | 合同期限 |\n|---|---|---|---|---|\n"
                f"| 1 | 保洁服务 | 某物业公司 | 50.00 | {term} |\n")
        found = audit_bytes("d.md", text.encode("utf-8"), Settings(select=["GPS001"])).findings
        return [(f.line, f.severity) for f in found]

    assert gps001("1年") == [] and gps001("12个月") == []
    assert gps001("2年") == [(13, "warning")]
    assert gps001("5年") == [(13, "error")]  # above the three-year ceiling
