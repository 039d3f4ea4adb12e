"""Findings name the exact cell they speak of (issue 13 point 1): the value cell in
.xlsx (``表2!E8``) and .docx (``表1 第7行第5列``) built here with merged cells, and the
column span on a text line; the JSON ``source`` carries sheet / cell / row / col and
the row's excerpt with the marked cell."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from auditor.engine import Settings, audit_file

docx = pytest.importorskip("docx")
openpyxl = pytest.importorskip("openpyxl")

PERF_ROWS = [
    ["项目编码", "37020024P000000000001", "项目名称", "网络安全服务项目", ""],
    ["预算数（万元）", "80", "其中：财政资金", "80", ""],
    ["资金支出计划（%）", "3月底", "6月底", "9月底", "12月底"],
    ["", "20", "40", "60", "80"],
    ["一级指标", "二级指标", "三级指标", "指标描述", "指标值"],
    ["产出指标", "数量指标", "服务企业数量", "服务的企业", "≥50家"],
    ["", "质量指标", "资金使用合规率", "合规", "≥5家"],
    ["", "成本指标", "运维费用", "费用", "≤150万元"],
    ["效益指标", "社会效益指标", "服务覆盖率", "覆盖", "≥95%"],
    ["", "数量指标", "培训人次", "培训", "≥200人次"],
    ["满意度指标", "服务对象满意度指标", "企业满意度", "满意", "≥90%"],
]
TITLE = "网络安全服务项目支出绩效目标表"


def _by_rule(path: Path) -> dict:
    result = audit_file(str(path), Settings())
    out: dict = {}
    for f in result.findings:
        out.setdefault(f.rule, []).append(json.loads(f.model_dump_json(exclude_none=True)))
    return out


def _perf_xlsx(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "表2"
    sheet.append([TITLE])
    for row in PERF_ROWS:
        sheet.append([float(v) if v.isdigit() else v for v in row])
    sheet.merge_cells("A7:A9")   # 产出指标 over three rows
    sheet.merge_cells("A10:A11")  # 效益指标 over a misfiled 数量指标 row
    sheet["E10"] = 0.95
    sheet["E10"].number_format = "0%"  # shown as 95%: not a bare fraction
    book.save(path)
    return path


def _perf_docx(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph(TITLE)
    table = document.add_table(rows=len(PERF_ROWS), cols=5)
    for i, row in enumerate(PERF_ROWS):
        for j, text in enumerate(row):
            table.cell(i, j).text = text
    table.cell(5, 0).merge(table.cell(7, 0)).text = "产出指标"
    table.cell(8, 0).merge(table.cell(9, 0)).text = "效益指标"
    document.save(path)
    return path


DISC_ROWS = [
    ["序号", "政府购买服务项目名称", "承接主体名称", "承接价格（元）", "合同起始日期", "合同截止日期"],
    [1, "法律服务费", "甲律师事务所", 40000, dt.datetime(2024, 1, 1), dt.datetime(2024, 12, 31)],
    ["", "", "乙律师事务所", 40000, dt.datetime(2024, 1, 1), dt.datetime(2024, 12, 31)],
    ["", "", "丙律师事务所", 30000, dt.datetime(2024, 2, 1), dt.datetime(2024, 12, 31)],
    [2, "宣传推介费", "丁文化公司", 400000, dt.datetime(2024, 3, 1), dt.datetime(2024, 12, 31)],
]


def _disc_xlsx(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "公开表"
    for row in [["2024年政府购买服务信息公开表"], ["一、2024年度政府购买服务预算"],
                ["序号", "政府购买服务项目名称", "预算金额（元）", "备注"], [1, "法律服务费", 100000, ""], [2, "宣传推介费", 500000, ""],
                [], ["二、政府购买服务承接主体"]] + DISC_ROWS:
        sheet.append(row)
    sheet.merge_cells("A9:A11")
    sheet.merge_cells("B9:B11")  # one project over three contractor rows
    for r in range(9, 13):
        for c in "EF":
            sheet[f"{c}{r}"].number_format = "yyyy-mm-dd"
    book.save(path)
    return path


def _disc_docx(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("2024年政府购买服务信息公开表")
    document.add_paragraph("一、2024年度政府购买服务预算")
    budget = document.add_table(rows=3, cols=4)
    for i, row in enumerate([["序号", "政府购买服务项目名称", "预算金额（元）", "备注"], ["1", "法律服务费", "100000", ""], ["2", "宣传推介费", "500000", ""]]):
        for j, text in enumerate(row):
            budget.cell(i, j).text = text
    document.add_paragraph("二、政府购买服务承接主体")
    contracts = document.add_table(rows=len(DISC_ROWS), cols=6)
    for i, row in enumerate(DISC_ROWS):
        for j, value in enumerate(row):
            contracts.cell(i, j).text = value.date().isoformat() if isinstance(value, dt.datetime) else str(value)
    contracts.cell(1, 1).merge(contracts.cell(3, 1)).text = "法律服务费"
    document.save(path)
    return path


def test_xlsx_findings_name_the_value_cell(tmp_path):
    found = _by_rule(_perf_xlsx(tmp_path / "perf.xlsx"))
    cells = {rule: [(f["location"], f["source"]["cell"]) for f in fs] for rule, fs in found.items()}
    assert cells["PLAN001"] == [("表2!E5", "E5")]      # the plan value that equals the budget
    assert cells["VAL002"] == [("表2!E8", "E8")]       # ≥5家 for a 合规率
    assert cells["BUD005"] == [("表2!E9", "E9")]       # ≤150万元 above 80 万元
    assert cells["IND005"] == [("表2!E11", "E11")]     # 数量指标 inside the merged 效益指标 block
    assert "VAL003" not in found                       # 0.95 formatted as a percent is 95%
    val002 = found["VAL002"][0]["source"]
    assert val002["sheet"] == "表2" and val002["kind"] == "xlsx"
    assert val002["excerpt"][val002["excerpt_index"]] == "≥5家" and val002["excerpt"][0] == "产出指标"


def test_xlsx_merged_label_source_names_its_range(tmp_path):
    from auditor.engine import read_document, registry_for

    path = _perf_xlsx(tmp_path / "perf.xlsx")
    doc = read_document(str(path), path.read_bytes(), registry_for(Settings()))
    cost = next(i for i in doc.tables[0].indicators if i.name == "运维费用")
    assert cost.ref.cell == "E9" and cost.name_ref.cell == "C9"
    assert cost.level1_written == "产出指标"  # the merged label is written on every row it covers


def test_docx_findings_name_table_row_and_column(tmp_path):
    found = _by_rule(_perf_docx(tmp_path / "perf.docx"))
    loc = {rule: [f["location"] for f in fs] for rule, fs in found.items()}
    assert loc["PLAN001"] == ["表1 第4行第5列"]
    assert loc["VAL002"] == ["表1 第7行第5列"]
    assert loc["BUD005"] == ["表1 第8行第5列"]
    assert loc["IND005"] == ["表1 第10行第5列"]
    src = found["VAL002"][0]["source"]
    assert (src["kind"], src["table"], src["row"], src["col"]) == ("docx", 1, 7, 5)


def test_xlsx_disclosure_in_yuan_with_a_merged_project_cell(tmp_path):
    found = _by_rule(_disc_xlsx(tmp_path / "disc.xlsx"))
    (bud001,) = found["BUD001"]
    assert bud001["location"] == "公开表!D11" and bud001["source"]["cell"] == "D11"  # the last contractor's price
    assert "11 万元" in bud001["message"] and "110000" in bud001["message"]  # as written and in 万元
    assert "BUD007" not in found  # Excel dates read as the dates they display


def test_docx_disclosure_points_at_the_price_cell(tmp_path):
    found = _by_rule(_disc_docx(tmp_path / "disc.docx"))
    (bud001,) = found["BUD001"]
    assert bud001["location"] == "表2 第4行第4列"
    assert bud001["source"]["excerpt"][bud001["source"]["excerpt_index"]] == "30000"


def test_text_findings_carry_the_column_span(tmp_path):
    lines = [TITLE, ""] + ["\t" + "\n\t".join(row) + "\n" for row in PERF_ROWS]
    path = tmp_path / "perf.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    found = _by_rule(path)
    (val002,) = found["VAL002"]
    text = path.read_text(encoding="utf-8").split("\n")[val002["line"] - 1]
    assert text[val002["column"] - 1: val002["end_column"] - 1] == "≥5家"
    assert val002["source"] == {"kind": "text", "line": val002["line"], "column": val002["column"], "end_column": val002["end_column"]}


def test_csv_sarif_and_html_carry_the_exact_cell(tmp_path, cli):
    """The cell a finding names reaches every report a person opens, not only JSON."""
    import csv

    path = _perf_xlsx(tmp_path / "perf.xlsx")
    out = {fmt: tmp_path / f"report.{fmt}" for fmt in ("csv", "sarif", "html")}
    for fmt, target in out.items():
        cli("check", path, "--format", fmt, "--fail-on", "never", "-o", target)

    rows = list(csv.DictReader(out["csv"].read_text(encoding="utf-8-sig").splitlines()))
    assert {(r["rule"], r["location"]) for r in rows} >= {("VAL002", "表2!E8"), ("PLAN001", "表2!E5"), ("BUD005", "表2!E9")}

    results = json.loads(out["sarif"].read_text(encoding="utf-8"))["runs"][0]["results"]
    val002 = next(r for r in results if r["ruleId"] == "VAL002")
    names = [loc.get("fullyQualifiedName", "") + loc.get("name", "")
             for place in val002["locations"] for loc in place.get("logicalLocations", [])]
    assert any("E8" in n for n in names), val002["locations"]

    html = out["html"].read_text(encoding="utf-8")
    assert "表2!E8" in html and "≥5家" in html  # the cell and its row's excerpt


_GB32100 = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_GB32100_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def _credit_code(body17: str) -> str:
    """A 统一社会信用代码 with its GB 32100 check character."""
    total = sum(_GB32100.index(ch) * w for ch, w in zip(body17, _GB32100_WEIGHTS))
    return body17 + _GB32100[(31 - total % 31) % 31]


def test_xlsx_contract_performance_section_with_credit_codes(tmp_path):
    """二、…合同履行情况 (no 承接主体 in the heading) opens the contracts section; its rows are
    audited, with the finding on the cell it is about."""
    good = _credit_code("91330100MA2ABCDE1")
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "公开表"
    for row in [["2024年政府购买服务信息公开表"], ["金额单位：元"], ["一、2024年度政府购买服务预算"],
                ["序号", "政府购买服务项目名称", "预算金额（元）", "备注"], [1, "法律服务费", 100000, ""], [2, "宣传推介费", 500000, ""],
                [], ["二、2024年度政府购买服务合同履行情况"],
                ["序号", "政府购买服务项目名称", "承接主体", "统一社会信用代码", "承接价格（元）", "合同起始期限", "合同截止期限"],
                [1, "法律服务费", "甲律师事务所", good, 60000, dt.datetime(2024, 1, 1), dt.datetime(2024, 12, 31)],
                ["", "", "乙律师事务所", good, 50000, dt.datetime(2024, 1, 1), dt.datetime(2024, 12, 31)],
                [2, "宣传推介费", "丁文化公司", bad, 400000, dt.datetime(2024, 9, 1), dt.datetime(2024, 3, 31)]]:
        sheet.append(row)
    sheet.merge_cells("A10:A11")
    sheet.merge_cells("B10:B11")
    path = tmp_path / "contracts.xlsx"
    book.save(path)
    found = _by_rule(path)
    (bud001,) = found["BUD001"]
    assert bud001["location"] == "公开表!E11"  # 60000 + 50000 over the merged project > 100000
    (bud007,) = found["BUD007"]
    assert bud007["location"] == "公开表!F12"  # the 合同起始期限 cell, not the row's first cell
    (doc001,) = found["DOC001"]
    assert doc001["location"] == "公开表!D12"


def test_a_pdf_location_is_its_page_as_rules_md_names_it():
    """RULES.md "Anchors": `第3页` for a PDF; the row on the page stays in the source reference."""
    from auditor.sources import SourceRef

    ref = SourceRef("pdf", line=40, page=3, row=6)
    assert ref.location() == "第3页" and ref.as_dict()["row"] == 6
