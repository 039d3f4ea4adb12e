"""The readers on the real seed documents.

Every expected value below was written by reading the seed documents
themselves (line by line), not by printing what the parser returns.
"""
from __future__ import annotations

from datetime import date

import pytest

from auditor.testing import parse_text
from conftest import seed

# (项目编码, 预算数, (3月底, 6月底, 10月底, 12月底), indicator rows) — seed 001, one cell a line
SEED_001 = [
    ("37020022P880028103131", 170.00, (5, 40, 70, 170), 18),
    ("37020022P88002810309T", 120.00, (None, None, 85, 120), 11),
    ("37020022P88002810312D", 195.00, (None, 195, 195, 195), 10),
    ("37020022P88002810311R", 24.00, (None, None, 20, 24), 8),
    ("37020022P88002810307K", 557.00, (100, 200, 400, 557), 20),
    ("37020022P880028103106", 124.00, (2, 4, 10, 124), 12),
    ("37020022P12000510017G", 39.00, (None, None, 39, 39), 9),
    ("37020022P130002100091", 1500.00, (None, 500, 1000, 1500), 12),
    ("37020022P13000210017M", 20.00, (5, 10, 15, 20), 9),
    ("37020022P130001100074", 40.00, (None, None, 40, 40), 9),
    ("37020022P120005100184", 272.00, (None, None, 272, 272), 10),
    ("37020022P13000410070Y", 44.10, (None, None, None, 44.10), 9),
    ("37020022P130002100110", 2900.00, (None, None, None, 2900), 8),
    ("37020022P130002100162", 1000.00, (None, None, 1000, 1000), 9),
    ("37020022P13000110003M", 1038.50, (None, None, 1038.5, 1038.5), 9),
    ("37020022P88002810314L", 30.00, (None, None, None, 30), 7),
]

# seed 002, markdown pipe tables cut by page breaks ("—" = the checkpoint is not in the table)
N = "missing"
SEED_002 = [
    ("37020023P88002810680K", 373.00, (None, 30, 80, N), 9),
    ("37020023P88002811200J", 10.00, (None, 1, 2, 10), 8),
    ("37020023P17001210004D", 760.00, (760, 760, 760, N), 9),
    ("37020023P260009100061", 10.00, (None, None, 10, 10), 8),
    ("37020023P13000410211C", 366.70, (None, None, 312.98, N), 8),
    ("37020023P15001010007G", 60.00, (30, 50, 50, N), 8),
    ("37020023P26001810001G", 270.00, (None, None, 170, 270), 12),
    ("37020023P17000510003K", 540.00, (None, 234, 494, 540), 11),
    ("37020023P17000410004H", 287.00, (None, None, 273.86, 287), 8),
    ("37020023P12000510042G", 1300.00, (None, None, 1300, N), 8),
    ("37020023P130004101912", 4.80, (None, 4.8, 4.8, 4.8), 11),
    ("37020023P130004101893", 5.60, (None, 5.6, 5.6, 5.6), 11),
    ("37020023P13000410210Q", 160.70, (None, 49.7, 160.7, N), 11),
    ("37020023P170010100042", 728.00, (None, 728, 728, 728), 11),
    ("37020023P170001100221", 760.00, (100, 230, 410, 760), 8),
    ("37020023P17001410001X", 200.00, (17, 70, 170, 200), 12),
    ("37020023P130004102120", 23.43, (None, None, 23.43, N), 10),
    ("37020023P12000510049R", 1000.00, (300, 600, 600, N), 12),
    ("37020023P17000110020R", 200.00, (None, None, 200, N), 8),
    ("37020023P88002810676D", 50.00, (20, 30, 50, N), 9),
    ("37020023P170001100221", 150.00, (50, 80, 130, 150), 10),
    ("37020023P880028112016", 0.70, (0.18, 0.35, 0.53, 0.70), 9),
    ("37020023P880028106771", 139.00, (34.75, 69.5, 104.25, N), 15),
    ("37020023P170001100221", 80.00, (None, 40, 70, N), 9),
]

LABELS = ("3月底", "6月底", "10月底", "12月底")


def _plan(table):
    by_label = {c.label: c.value for c in table.plan.checkpoints}
    return tuple(by_label.get(label, N) for label in LABELS)


@pytest.mark.parametrize("prefix, expected", [("001", SEED_001), ("002", SEED_002)])
def test_performance_tables(prefix, expected):
    doc = parse_text(seed(prefix).read_text(encoding="utf-8"))
    assert len(doc.tables) == len(expected)
    for table, (code, budget, plan, count) in zip(doc.tables, expected):
        where = f"table {table.index} {table.title}"
        assert table.project_code is not None and table.project_code.text == code, where
        assert table.budget is not None and table.budget.value == pytest.approx(budget), where
        got = _plan(table)
        for label, want, have in zip(LABELS, plan, got):
            if isinstance(want, (int, float)):
                assert have == pytest.approx(want), f"{where} {label}"
            else:
                assert have == want, f"{where} {label}"
        assert len(table.indicators) == count, where


def test_002_table_of_contents_matches_the_body():
    doc = parse_text(seed("002").read_text(encoding="utf-8"))
    assert len(doc.toc) == 24
    assert not [i for i in doc.issues if i.rule == "PARSE002"]


def test_002_page_break_repairs():
    doc = parse_text(seed("002").read_text(encoding="utf-8"))
    names = {i.name for t in doc.tables for i in t.indicators}
    # a cell continued in the next page's row
    assert "肉菜流通追溯服务体系主要节点满意度" in names
    assert "市场统计监测工作时间" in names
    # a value split over two cells: ≥100000 + m ²
    area = next(i for t in doc.tables for i in t.indicators if i.name == "新增各类商业网点面积")
    assert area.value.number == 100000 and area.value.unit == "平方米"
    # a shifted row placed by its 二级指标, and reported
    row = next(i for t in doc.tables for i in t.indicators if i.name == "追溯数据月上报数")
    assert (row.level1, row.level2) == ("产出指标", "数量指标")
    assert {i.line for i in doc.issues if i.rule == "PARSE003"} >= {159, 445, 450, 473}
    # words broken by spaces from the PDF
    assert any(i.level2 == "经济成本指标" for t in doc.tables for i in t.indicators)


def test_000_disclosure_contractor_sums():
    doc = parse_text(seed("000").read_text(encoding="utf-8"))
    (disc,) = doc.disclosures
    assert disc.year == 2019
    assert (len(disc.budget), len(disc.finals), len(disc.evaluations)) == (14, 14, 13)
    sums: dict = {}
    for c in disc.contracts:
        sums[c.seq] = sums.get(c.seq, 0) + c.price.wan
    expected = {"1": 120, "2": 7950, "3": 3, "4": 14.6, "5": 20.0785 + 3.2411, "6": 198, "7": 27.9 + 29.8, "8": 39.5,
                "9": 8.53, "10": 60.4 + 39.6 + 28, "11": 79.7, "12": 55.65, "13": 59, "14": 64.8}
    assert sums == pytest.approx(expected)
    assert [c.contractor for c in disc.contracts if c.seq == "10"] == ["青岛新闻网络传播有限公司", "中国青岛国际经济技术合作（集团）有限公司", "青岛国威兴邦实业有限公司"]


def test_004_dates_after_opencc_and_gloss_removal():
    doc = parse_text(seed("004").read_text(encoding="utf-8"))
    (notice,) = doc.notices
    assert "民营经济发展局" in notice.title  # traditional → simplified, glosses gone
    roles = {(d.role, d.date, d.line) for d in notice.dates}
    assert ("written", date(2024, 1, 9), 5) in roles
    assert ("published", date(2024, 1, 9), 6) in roles
    assert ("signed", date(2024, 1, 19), 150) in roles


def test_003_blank_template_is_a_form_not_a_submission():
    doc = parse_text(seed("003").read_text(encoding="utf-8"))
    assert doc.tables and all(t.is_blank_template for t in doc.tables)
    assert any("申报表" in f.title for f in doc.forms)
    fields = {f.label for form in doc.forms for f in form.fields}
    assert {"统一社会信用代码", "参赛单位名称"} <= fields
    deadlines = [d.date for n in doc.notices for d in n.dates if d.role == "deadline"]
    assert date(2021, 12, 15) in deadlines
