"""PDF tables with no ruled cells: a borderless export, or a scan whose grid is in the image and whose
text is an invisible OCR layer. Such a page is read from its layout text (words at their columns)."""
from __future__ import annotations

from pathlib import Path

import pytest

from auditor.engine import Settings, audit_file

PDF = Path(__file__).parent / "data" / "pdf"


@pytest.mark.parametrize("name", ["table_without_rules.pdf", "ocr_layer_over_image.pdf"])
def test_an_unruled_table_is_read(name):
    findings = audit_file(str(PDF / name), Settings(use_plugins=False)).findings
    # 预算数 150.00 against 财政资金 120.00 + 其他资金 20.00: the key block was read, on page 1
    assert [(f.rule, f.location) for f in findings if f.rule == "BUD006"] == [("BUD006", "第1页")]
    assert "140" in next(f for f in findings if f.rule == "BUD006").message
    # nothing else is wrong on the page: no "no table found", no indicator read without its value; the
    # plan's values, centred under left-set labels, are paired in order (PARSE003, info: README ⁵⁷)
    assert {f.rule for f in findings} <= {"BUD006", "PARSE003"}, [(f.rule, f.message) for f in findings]
