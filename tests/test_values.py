"""auditor.values: parse_value, parse_amount, to_wan, amounts_in_text, halfwidth, compact."""
from __future__ import annotations

import random

import pytest

from auditor.values import amounts_in_text, cn_number, compact, halfwidth, parse_amount, parse_value, to_wan


# -- operators ----------------------------------------------------------------------

@pytest.mark.parametrize("raw, op", [
    ("≥95%", ">="), (">=95%", ">="), ("＞＝95%", ">="), ("≧95%", ">="), ("不低于95%", ">="), ("大于等于95%", ">="),
    ("≤95%", "<="), ("<=95%", "<="), ("＜＝95%", "<="), ("≦95%", "<="), ("不超过95%", "<="), ("小于等于95%", "<="),
    ("=95%", "="), ("＝95%", "="), ("等于95%", "="),
    (">95%", ">"), ("＞95%", ">"), ("大于95%", ">"),
    ("<95%", "<"), ("＜95%", "<"), ("低于95%", "<"),
    ("95%", None),
])
def test_operators_ascii_fullwidth_and_words(raw, op):
    v = parse_value(raw)
    assert (v.kind, v.op, v.number, v.unit, v.unit_kind) == ("number", op, 95.0, "%", "percent")


def test_operator_with_spaces_and_doubled_equals():
    assert (parse_value("≥ 95 %").op, parse_value("≥ 95 %").number) == (">=", 95.0)
    assert (parse_value("≥=95%").op, parse_value("≥=95%").number) == (">=", 95.0)


# -- numbers ------------------------------------------------------------------------

@pytest.mark.parametrize("raw, number", [
    ("９５％", 95.0), ("≥１５０家", 150.0), ("１２．５万元", 12.5),           # full-width digits
    ("1,000家", 1000.0), ("1,038.50万元", 1038.5), ("１，０００家", 1000.0),  # thousands separators
    ("0.95", 0.95), (".5", 0.5), ("-5%", -5.0),
])
def test_numbers(raw, number):
    assert parse_value(raw).number == pytest.approx(number)


@pytest.mark.parametrize("raw, number, unit", [("零", 0, None), ("零次", 0, "次"), ("三", 3, None), ("十二家", 12, "家"), ("两次", 2, "次"), ("二百五十人", 250, "人")])
def test_chinese_numerals_are_count_words(raw, number, unit):
    v = parse_value(raw)
    assert (v.kind, v.number, v.unit, v.count_word) == ("number", number, unit, True)


def test_cn_number():
    assert [cn_number(t) for t in ("零", "三", "十", "十二", "二十", "二百五十", "三千零五")] == [0, 3, 10, 12, 20, 250, 3005]
    assert cn_number("") is None and cn_number("三个") is None


def test_cn_number_reads_a_digit_string_positionally():
    # 二〇二四 is 2024 digit by digit, not 4
    assert cn_number("二〇二四") == 2024
    assert cn_number("一〇〇") == 100


@pytest.mark.parametrize("raw, low, high, unit", [
    ("18-33", 18, 33, None), ("18～33毫克/公斤", 18, 33, "毫克"), ("3至5家", 3, 5, "家"), ("≥18—33家", 18, 33, "家"), ("1-2场", 1, 2, "场"),
])
def test_ranges(raw, low, high, unit):
    v = parse_value(raw)
    assert (v.kind, v.number, v.high, v.unit) == ("range", low, high, unit)


# -- units --------------------------------------------------------------------------

@pytest.mark.parametrize("raw, unit, kind", [
    ("≤180万元", "万元", "money"), ("≥5000元", "元", "money"), ("1.2亿元", "亿元", "money"), ("3亿美元", "亿美元", "money"),
    ("≥1.5万", "万元", "money"),
    ("100百分比", "%", "percent"), ("≥95%", "%", "percent"), ("≥5百分比", "%", "percent"), ("提高5个百分点", None, None),
    ("≥150家", "家", "count"), ("≥2个", "个", "count"), ("≥30次", "次", "count"), ("≥5000人次", "人次", "count"), ("1份", "份", "count"),
    ("≥100000平方米", "平方米", "physical"), ("≥200m²", "平方米", "physical"), ("≥200㎡", "平方米", "physical"),
    ("≥100000 m ²", "平方米", "physical"),  # a value the source split over two cells
    ("≤24小时", "小时", "time"), ("≤3个工作日", "工作日", "time"), ("12个月", "个月", "time"),
])
def test_units(raw, unit, kind):
    v = parse_value(raw)
    if unit is None:
        assert v.kind == "text"
    else:
        assert (v.unit, v.unit_kind) == (unit, kind)


def test_percent_and_baifenbi_are_the_same_unit():
    assert parse_value("100百分比").unit == parse_value("100%").unit == "%"


def test_percent_points():
    v = parse_value("100个百分点")
    assert (v.unit, v.unit_kind) == ("个百分点", "percent")


@pytest.mark.parametrize("raw, number, unit, per", [
    ("≤20日/季度", 20, "日", "季度"), ("≤23.43万元/年", 23.43, "万元", "年"), ("≤1.5万元/辆", 1.5, "万元", "辆"),
    ("≤300元每人", 300, "元", "人"), ("18-33毫克/公斤", 18, "毫克", "公斤"),
])
def test_per_period_values(raw, number, unit, per):
    v = parse_value(raw)
    assert (v.number, v.unit, v.per) == (number, unit, per)
    assert v.op == ("<=" if raw.startswith("≤") else None)


@pytest.mark.parametrize("raw", ["≥95%以上", "≥90%（含）", "95%左右", "≥95%。", "≥95%；"])
def test_noise_around_a_percent(raw):
    v = parse_value(raw)
    assert (v.kind, v.unit, v.unit_kind) in {("number", "%", "percent")}


# -- qualitative, dates, empty ------------------------------------------------------------

@pytest.mark.parametrize("raw", ["及时", "提高", "效果明显", "明显提升", "稳定", "一般", "十分满意", "按照市卫生健康委提出的要求编制年度市级医药储备目录", "≥"])
def test_qualitative_text(raw):
    v = parse_value(raw)
    assert v.kind == "text" and v.number is None


@pytest.mark.parametrize("raw", ["≤11月30日", "2024年12月31日前", "2024-06-30"])
def test_dates_are_dates(raw):
    assert parse_value(raw).kind == "date"


@pytest.mark.parametrize("raw", ["", "   ", "\u3000"])
def test_empty(raw):
    assert parse_value(raw).kind == "empty"


def test_raw_is_kept():
    assert parse_value("≥ 100000 m ²").raw == "≥ 100000 m ²"


# -- never raises ----------------------------------------------------------------------

ALPHABET = "0123456789.,-~%≥≤=<>＞＜＝ 　万元亿美家个次人/每年日季度零一二三十百千〇两①½²³∞%%（）()，。；\t\n\x00\ud7ff\U0001f600abcXYZ"


def test_random_strings_never_raise():
    rng = random.Random(20240109)
    for _ in range(5000):
        raw = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 16)))
        v = parse_value(raw)
        assert v.kind in ("number", "range", "text", "date", "empty")
        assert v.raw == raw
        if v.kind in ("number", "range"):
            assert v.number is not None
        parse_amount(raw)
        amounts_in_text(raw)


try:  # a property test only where hypothesis is installed; the loop above runs everywhere
    from hypothesis import given, settings
    from hypothesis import strategies as st
except ImportError:  # pragma: no cover - depends on the environment
    given = None

if given is not None:  # pragma: no cover - depends on the environment

    @given(st.text(max_size=40))
    @settings(max_examples=300, deadline=None)
    def test_hypothesis_never_raises(raw):
        v = parse_value(raw)
        assert v.kind in ("number", "range", "text", "date", "empty")
        assert v.raw == raw
        parse_amount(raw)
        amounts_in_text(raw)


# -- amounts --------------------------------------------------------------------------------

@pytest.mark.parametrize("raw, wan", [
    ("170.00", 170.0), ("1,038.50", 1038.5), ("9.7995万元", 9.7995), ("400000元", 40.0), ("0.0056亿元", 56.0),
    ("５６", 56.0), ("56千元", 5.6),
])
def test_parse_amount(raw, wan):
    a = parse_amount(raw, line=7)
    assert a.wan == pytest.approx(wan) and a.line == 7 and a.raw == raw


@pytest.mark.parametrize("raw", ["", "  ", "—", "无"])
def test_parse_amount_blank_or_not_a_number(raw):
    assert parse_amount(raw).wan is None


def test_parse_amount_default_unit_yuan():
    assert parse_amount("560000", default_unit="元").wan == pytest.approx(56.0)


def test_to_wan():
    assert to_wan(5000, "元") == pytest.approx(0.5)
    assert to_wan(1.5, "亿元") == pytest.approx(15000)
    assert to_wan(3, "万元") == 3 and to_wan(3, None) == 3
    assert to_wan(3, "亿美元") is None  # another currency cannot be converted


def test_amounts_in_text():
    assert amounts_in_text("实际支付9.7995万元") == pytest.approx([9.7995])
    assert amounts_in_text("实际支付577,000元，另付0.01亿元") == pytest.approx([57.7, 100.0])
    assert amounts_in_text("按合同执行") == []


def test_halfwidth_and_compact():
    assert halfwidth("１２３ＡＢＣ％＞＝，") == "123ABC%>=,"
    assert halfwidth("\u3000") == " "
    assert compact(" 经济成本指 标\n") == "经济成本指标"
