"""Workbooks whose formulas are stored without their results (a program's output, never opened in Excel):
the reader shows what the office suite computes on opening, not an empty cell."""
from __future__ import annotations

import io

import openpyxl
import pytest

from auditor.engine import Settings, audit_bytes
from auditor.readers.native.formulas import compute
from auditor.readers.native.xlsx import XlsxReader


@pytest.mark.parametrize("formula, expected", [
    ("100%", 1.0),
    ("SUM(A1:A3)", 60.0),
    ("A1+A2*2", 50.0),
    ("(A1+A2)*2", 60.0),
    ("-2^2", 4.0),               # Excel: negation binds first
    ("2^3^2", 64.0),             # Excel: ^ is left-associative
    ("ROUND(2.5,0)", 3.0),       # halves away from zero, not to even
    ("ROUND(A2/A3*100,2)", 66.67),
    ("AVERAGE(A1:A3)", 20.0),
    ("MAX(A1:B3)", 30.0),        # text in a range is skipped
    ("COUNT(A1:B3)", 3.0),
    ('IF(A1>5,"达标","未达标")', "达标"),
    ('A1&"%"', "10%"),
    ("A1=10", True),
    ("_xlfn.ROUND(1.234,1)", 1.2),
])
def test_formulas_compute_as_a_spreadsheet_would(formula, expected):
    cells = {(1, 1): 10, (2, 1): 20, (3, 1): 30, (1, 2): "合计"}
    assert compute({(9, 9): formula}, cells)[(9, 9)] == expected


def test_formulas_reach_other_sheets_of_the_book():
    from auditor.readers.native.formulas import compute_book

    formulas = {"自评表": {(16, 7): "'得分汇总'!A1"}, "得分汇总": {(1, 1): "SUM('自评表'!G12:G13)"}}
    stored = {"自评表": {(12, 7): 30, (13, 7): 40}, "得分汇总": {}}
    assert compute_book(formulas, stored) == {"自评表": {(16, 7): 70.0}, "得分汇总": {(1, 1): 70.0}}
    assert compute_book({"a": {(1, 1): "nosuch!A1"}}, {"a": {}}) == {"a": {(1, 1): None}}


@pytest.mark.parametrize("formula", ["0次", "Sheet2!A1", "A1/0", "VLOOKUP(A1,A1:A3,1)", "A:A", "SUM(", "B5", "B6",
                                     "ROUND(1E+308*10,2)", "ROUND(1,99)", "(" * 3000 + "1" + ")" * 3000])
def test_formulas_that_cannot_be_computed_stay_empty(formula):
    # a name or 0次 (#NAME?), another sheet, #DIV/0!, an unknown function, a whole column, a broken formula,
    # B5 / B6 referring to each other (a cycle), an overflow, a ROUND past a number's digits, nesting past
    # the stack: none stops the file's reading
    assert compute({(9, 9): formula, (5, 2): "B6", (6, 2): "B5"}, {(1, 1): 1})[(9, 9)] is None


def _workbook(cells, formats=None) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "绩效目标"
    for ref, value in cells.items():
        sheet[ref] = value
    for ref, fmt in (formats or {}).items():
        sheet[ref].number_format = fmt
    out = io.BytesIO()
    book.save(out)  # openpyxl stores formulas without results, as a budget system's export does
    return out.getvalue()


def test_a_sheet_shows_computed_results_in_their_number_format():
    from auditor.readers.native.formulas import uncomputed_formulas
    from auditor.readers.native.xlsx import _values

    data = _workbook({"A1": "预算数", "B1": 120, "A2": "财政拨款", "B2": 100, "A3": "其他资金", "B3": 20.5,
                      "A4": "合计", "B4": "=SUM(B1:B3)", "A5": "执行率", "B5": "=B2/B1", "A6": "指标值", "B6": "=95%",
                      "B7": "=0次"},
                     {"B4": "0.00", "B5": "0.00%"})
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    sheet = book.worksheets[0]
    formulas = uncomputed_formulas(book, sheet)
    assert formulas == {(4, 2): "SUM(B1:B3)", (5, 2): "B2/B1", (6, 2): "95%", (7, 2): "0次"}
    values, _ = _values(sheet, 1000, formulas)
    assert (values[(4, 2)], values[(5, 2)], values[(6, 2)]) == ("240.50", "83.33%", "95%")
    assert values[(7, 2)] == "=0次"  # a value typed after its equals sign (=0次 is no formula a suite computes): as typed


def test_stored_results_are_read_as_stored():
    from auditor.readers.native.formulas import uncomputed_formulas

    import zipfile

    data = _workbook({"A1": 1, "A2": "=A1+1"})
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            body = src.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                assert b"<f>A1+1</f><v></v>" in body
                body = body.replace(b"<f>A1+1</f><v></v>", b"<f>A1+1</f><v>7</v>")  # as Excel saves it: the result it showed
            dst.writestr(item, body)
    book = openpyxl.load_workbook(io.BytesIO(out.getvalue()), read_only=True, data_only=True)
    assert uncomputed_formulas(book, book.worksheets[0]) == {}
    assert [[c.value for c in row] for row in book.worksheets[0].iter_rows()] == [[1], [7]]


def test_a_percent_typed_after_equals_is_a_target_not_a_missing_value():
    data = _workbook({"A1": "1.某项目绩效目标表", "A2": "项目编码", "B2": "37020024P88002810401A", "C2": "项目名称", "D2": "某项目",
                      "A3": "一级指标", "B3": "二级指标", "C3": "三级指标", "D3": "指标值",
                      "A4": "产出指标", "B4": "质量指标", "C4": "验收合格率", "D4": "=100%",
                      "A5": "满意度指标", "B5": "服务对象满意度指标", "C5": "服务对象满意度", "D5": "=90%"})
    findings = audit_bytes("t.xlsx", data, Settings(use_plugins=False)).findings
    assert not [f for f in findings if f.rule in ("VAL007", "IND001", "IND003")], [(f.rule, f.message) for f in findings]
