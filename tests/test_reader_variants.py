"""Layouts the seeds do not show but other offices' exports do.

Each document here is written for the test: a title inside the Word table,
quarterly checkpoints, amounts in 元, headers without a description column,
sections numbered （一）…, a table with no title line at all.
"""
from __future__ import annotations

from auditor.testing import audit_text, parse_text

T = "\t"


def cells(*cs: str) -> str:
    return "\n".join(T + c for c in cs) + "\n\n"


def test_title_inside_the_table_quarterly_plan_amounts_in_yuan():
    text = cells("1.城市书房运营补助绩效目标表")
    text += cells("单位：元")
    text += cells("项目名称", "城市书房运营补助", "项目编码", "37021125P88002810999Z")
    text += cells("预算规模及资金用途", "年度资金总额", "1,500,000.00", "其中：财政拨款", "1,500,000.00", "其他资金", "")
    text += cells("资金支出进度计划（%）", "一季度", "二季度", "三季度", "四季度")
    text += cells("", "20", "50", "80", "100")
    text += cells("一级指标", "二级指标", "三级指标", "指标值")
    text += cells("产出指标", "数量", "新建城市书房数量", "≥10个")
    text += cells("", "质量", "书房开放达标率", "≥95%")
    text += cells("", "成本", "单个书房运营补助", "≤150000元")
    text += cells("效益指标", "社会效益", "年接待读者人次", "≥20万人次")
    text += cells("满意度指标", "服务对象满意度", "读者满意度", "≥90%")
    doc = parse_text(text)
    (table,) = doc.tables
    assert table.title.startswith("城市书房运营补助")
    assert table.unit == "元" and table.budget.value == 1_500_000 and table.budget.wan == 150
    assert [(c.label, c.value) for c in table.plan.checkpoints] == [("3月底", 20), ("6月底", 50), ("9月底", 80), ("12月底", 100)]
    assert [i.level1 for i in table.indicators] == ["产出指标", "产出指标", "产出指标", "效益指标", "满意度指标"]
    assert not [f for f in audit_text(text) if f.rule != "PARSE003"], "a correct table must raise nothing"


def test_markdown_without_empty_header_and_level_written_on_every_row():
    text = """# 2.社区体育设施维护经费绩效目标表

单位：万元

| 项目编码 | 37021125P88002810777Y | 项目名称 | 社区体育设施维护经费 |
|---|---|---|---|
| 预算数 | 80.00 | 其中：财政资金 | 80.00 |
| 资金支出计划（%） | 3月底 | 6月底 | 10月底 | 12月底 |
| | 20.00 | 40.00 | 60.00 | 80.00 |

| 一级指标 | 二级指标 | 三级指标 | 指标值 |
|---|---|---|---|
| 产出指标 | 数量指标 | 维护设施数量 | ≥300处 |
| 产出指标 | 质量指标 | 设施完好率 | ≥0.9 |
| 成本指标 | 经济成本指标 | 维护费用 | ≤80万元 |
| 效益指标 | 社会效益指标 | 居民健身便利度 | 明显提升 |
"""
    findings = {(f.rule, f.evidence) for f in audit_text(text)}
    assert ("PLAN001", "80.00") in findings  # 20, 40, 60, 80 with 预算数 80: amounts
    assert ("VAL003", "≥0.9") in findings
    assert any(rule == "IND001" for rule, _ in findings)  # no 满意度指标


def test_disclosure_in_yuan_with_bracketed_section_numbers():
    text = "区示例局2024年政府购买服务信息公开表\n\n（一）预算信息\n\n"
    text += cells("序号", "政府购买服务项目名称", "预算金额（元）", "备注")
    text += cells("1", "物业管理服务", "500000", "")
    text += "\n\n（二）承接主体信息\n\n"
    text += cells("序号", "政府购买服务项目名称", "承接主体名称", "承接价格（元）", "合同起始期限", "合同截止期限", "备注")
    text += cells("1", "物业管理服务", "示例物业公司", "520000", "2024年1月1日", "2024年12月31日", "")
    text += "\n\n（三）决算信息\n\n"
    text += cells("序号", "政府购买服务项目名称", "决算金额（元）", "备注")
    text += cells("1", "“物业管理服务”", "520000", "")
    doc = parse_text(text)
    (disc,) = doc.disclosures
    assert disc.year == 2024 and disc.budget[0].amount.wan == 50
    rules = sorted(f.rule for f in audit_text(text))
    assert rules == ["BUD001", "BUD002"]


def test_a_file_with_one_table_and_no_title_line():
    text = cells("项目编码", "37021125P88002810555X", "项目名称", "河道保洁经费")
    text += cells("预算规模及资金用途", "预算数", "60.00", "其中：财政资金", "60.00", "其他资金", "")
    text += cells("资金支出计划（%）", "3月底", "6月底", "10月底", "12月底")
    text += cells("", "25", "50", "75", "100")
    text += cells("一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据")
    text += cells("产出指标", "数量指标", "保洁河道长度", "保洁河道", "≥0公里", "计划标准")
    text += cells("", "成本指标", "保洁费用", "保洁费用", "≤60万元", "计划标准")
    text += cells("效益指标", "生态效益指标", "河道水质", "水质改善", "明显改善", "计划标准")
    text += cells("满意度指标", "服务对象满意度指标", "沿岸居民满意度", "问卷", "≥90%", "计划标准")
    (table,) = parse_text(text).tables
    assert table.project_name.text == "河道保洁经费"
    assert [f.rule for f in audit_text(text)] == ["VAL001"]


def test_second_level_label_written_in_the_first_level_column():
    """Seed 003's template writes 社会公众或服务对象满意度指标 in the 一级 column."""
    text = "项目绩效评价表\n\n"
    text += cells("项目名称", "示例项目")
    text += cells("年度绩效指标", "一级指标", "二级指标", "指标内容", "指标值", "完成情况")
    text += cells("", "产出指标", "数量指标", "服务企业数量", "≥50家", "")
    text += cells("", "", "成本指标", "项目总成本", "≤30万元", "")
    text += cells("", "效益指标", "社会效益指标", "服务覆盖面", "明显提升", "")
    text += cells("", "社会公众或服务对象满意度指标", "具体指标", "企业满意度", "≥90%", "")
    (table,) = parse_text(text).tables
    assert table.indicators[-1].level1 == "满意度指标"
    assert not [f for f in audit_text(text) if f.rule.startswith("IND")]


def test_csv_is_read_only_when_rows_share_one_field_count():
    """An Excel CSV pads every row to one width; prose with ASCII commas has lines of every count."""
    from auditor.readers.delimited import as_tab_separated

    csv_lines = ["标题,,,", "项目编码,123,项目名称,测试", '一级指标,二级指标,"三级,指标",指标值', "产出指标,数量指标,次数,≥3次"]
    assert as_tab_separated(csv_lines) == ["标题\t\t\t", "项目编码\t123\t项目名称\t测试", "一级指标\t二级指标\t三级,指标\t指标值",
                                           "产出指标\t数量指标\t次数\t≥3次"]
    prose = ["各单位:", "请按要求,于3月前报送,逾期不候。", "联系人:张三,电话:123", "一,申报条件,见附件,二,其他", "特此通知."]
    assert as_tab_separated(prose) is None


def test_a_folder_of_csv_and_tsv_exports_is_checked_and_swept(tmp_path, cli):
    """Excel's CSV and TSV saves in a folder are documents (blind round 29: a folder check skipped
    them, though the same files named one by one were read), and so are a plugin reader's endings."""
    from types import SimpleNamespace

    from auditor.discovery import discover, reader_extensions

    import json
    import shutil
    from pathlib import Path

    source = Path(__file__).parent / "data" / "exports" / "b29_r01_excel_csv_in_a_folder.csv"
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(source, docs / "a.csv")
    (docs / "b.tsv").write_text(source.read_text(encoding="utf-8-sig").replace(",", "\t"), encoding="utf-8")
    (docs / "notes.log").write_text("not a document", encoding="utf-8")
    checked = json.loads(cli("check", docs, "--format", "json", "--fail-on", "never").stdout)
    assert sorted((Path(f["file"]).name, f["rule"], f["line"]) for f in checked["findings"]) == [("a.csv", "VAL003", 8), ("b.tsv", "VAL003", 8)]
    swept = cli("sweep", docs, "--db", tmp_path / "h.db", "--format", "json", "--fail-on", "never")
    assert swept.exit_code == 0 and len(json.loads(swept.stdout)["findings"]) == 2
    ofd = SimpleNamespace(readers=[SimpleNamespace(extensions=(".ofd", "", "x"))])
    (docs / "c.ofd").write_bytes(b"")
    assert [Path(p).name for p in discover([str(docs)], extensions=reader_extensions(ofd))] == ["a.csv", "b.tsv", "c.ofd"]
