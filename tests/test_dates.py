"""auditor.dates: find_dates and parse_date in every way a budget office writes them."""
from __future__ import annotations

import random
from datetime import date

import pytest

from auditor.dates import find_dates, parse_date


@pytest.mark.parametrize("text, expected", [
    ("2024-01-09", date(2024, 1, 9)),
    ("2024/1/9", date(2024, 1, 9)),
    ("2024.1.9", date(2024, 1, 9)),
    ("2024年1月19日", date(2024, 1, 19)),
    ("2024 年 1 月 19 日", date(2024, 1, 19)),
    ("２０２４年１月１９日", date(2024, 1, 19)),
    ("二〇二四年一月十九日", date(2024, 1, 19)),
    ("二〇二四年十二月三十一日", date(2024, 12, 31)),
    ("二〇二〇年二月二十九日", date(2020, 2, 29)),
    ("2024年1月19号", date(2024, 1, 19)),
    ("2021年12月", date(2021, 12, 1)),      # a month alone means its first day
    ("成文日期 2024-01-09", date(2024, 1, 9)),
    ("请于2024年1月31日前报送", date(2024, 1, 31)),
])
def test_parse_date(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["", "2021年  月   日", "XX年XX月至XX年XX月", "2024-02-30", "2023年2月29日", "2024年13月1日", "第2024号", "88999550", "20240109"])
def test_no_date(text):
    assert parse_date(text) is None


def test_three_notations_of_one_day_agree():
    assert parse_date("2024-01-19") == parse_date("2024年1月19日") == parse_date("二〇二四年一月十九日")


def test_range_with_the_year_once():
    (found,) = list(find_dates("（一）申报材料报送阶段：2021年11月18日-12月15日。"))
    assert (found.date, found.end, found.raw, found.has_day) == (date(2021, 11, 18), date(2021, 12, 15), "2021年11月18日-12月15日", True)


def test_range_of_months_across_a_year():
    (found,) = list(find_dates("（二）专家评审阶段：2021年12月-2022年1月。"))
    assert (found.date, found.end, found.has_day) == (date(2021, 12, 1), date(2022, 1, 1), False)


@pytest.mark.parametrize("sep", ["-", "~", "～", "—", "至", "到"])
def test_range_separators(sep):
    (found,) = list(find_dates(f"2024年3月1日{sep}3月31日"))
    assert found.end == date(2024, 3, 31)


def test_every_date_of_a_line_in_order_with_positions():
    text = "成文日期 2024-01-09，发布日期 2024年1月10日，截止二〇二四年一月三十一日"
    found = list(find_dates(text))
    assert [f.date for f in found] == [date(2024, 1, 9), date(2024, 1, 10), date(2024, 1, 31)]
    for f in found:
        assert text[f.start:f.stop] == f.raw


def test_full_width_positions_match_the_original():
    text = "截止２０２４年１月３１日"
    (found,) = list(find_dates(text))
    assert found.date == date(2024, 1, 31) and (found.start, found.stop) == (2, len(text))


def test_random_text_never_raises():
    rng = random.Random(119)
    alphabet = "0123456789-/.年月日号至〇一二三四五六七八九十两 　：XX"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 20)))
        for found in find_dates(text):
            assert isinstance(found.date, date)
        parse_date(text)


def test_a_part_of_a_month_is_its_days():
    """``4月下旬`` is 21–30 April, not 1 April; ``上旬至中旬`` spans 1–20; ``12月底`` is the 31st."""
    from datetime import date

    from auditor.dates import find_dates

    def read(text):
        return [(f.date, f.end, f.raw) for f in find_dates(text)]

    assert read("2025年4月下旬，完成初审") == [(date(2025, 4, 21), date(2025, 4, 30), "2025年4月下旬")]
    assert read("2025年4月上旬至4月中旬") == [(date(2025, 4, 1), date(2025, 4, 20), "2025年4月上旬至4月中旬")]
    assert read("2024年2月下旬") == [(date(2024, 2, 21), date(2024, 2, 29), "2024年2月下旬")]
    assert read("2024年12月底前") == [(date(2024, 12, 31), date(2024, 12, 31), "2024年12月底")]
    assert read("2024年5月") == [(date(2024, 5, 1), None, "2024年5月")]  # a month alone: its first day, as before


def test_a_month_end_deadline_needs_its_verb_in_its_own_cell():
    """``2024年10月底前`` in an indicator cell is a target, not a deadline, though a later cell says 完成."""
    from auditor.readers.notice import dates_in_lines

    row = "| | 时效指标 | 培训任务完成时间 | 2024年10月底前 | 2024年11月15日完成 | 10 | 8 | |"
    assert [d for d in dates_in_lines([row]) if d.role == "deadline"] == []
    roles = [(d.role, str(d.date)) for d in dates_in_lines(["请于2024年10月底前完成申报。"])]
    assert roles == [("deadline", "2024-10-31")]
