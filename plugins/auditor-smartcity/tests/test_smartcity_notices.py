"""SC005–SC006 on service-provider selection notices (seed 004 and its kind)."""
from __future__ import annotations

from pathlib import Path

import pytest

from auditor.testing import assert_findings, audit_text, line_of
from smartcity_docs import selection_notice

SEED_004 = Path(__file__).resolve().parents[4] / "shared" / "seeds" / "004_609a3a20436e2b3a.txt"


def sc(text: str, **params):
    return audit_text(text, rules=["SC"], params=params or None)


def test_a_valid_notice_gives_no_findings():
    assert sc(selection_notice()) == []


def test_a_quota_range_upside_down():
    text = selection_notice(quotas="综合集成型服务商6-3家、“小快轻准”产品型服务商10-20家、“链主”企业型服务商1-3家")
    assert_findings(sc(text), [("SC005", "6-3家", line_of(text, "服务商6-3家"))])


def test_a_provider_type_without_a_quota():
    text = selection_notice(quotas="综合集成型服务商3-6家、“小快轻准”产品型服务商10-20家")
    assert_findings(sc(text), [("SC005", "链主", line_of(text, "服务商3-6家"))])
    assert sc(text, SC005={"require_quota": False}) == []


def test_quotas_in_chinese_numerals_and_single_numbers():
    text = selection_notice(quotas="综合集成型服务商三至六家、“小快轻准”产品型服务商15家、“链主”企业型服务商二到一家")
    assert_findings(sc(text), [("SC005", "二到一家", line_of(text, "二到一家"))])


def test_case_requirement_below_the_minimum():
    text = selection_notice(product_cases="不少于1项")
    assert_findings(sc(text), [("SC006", "不少于1项", line_of(text, "不少于1项"))])
    (finding,) = sc(text)
    assert finding.severity == "warning" and "小快轻准" in finding.message


def test_minimum_cases_are_a_parameter():
    text = selection_notice()
    params = {"min_cases": {"综合集成型": 3, "小快轻准": 3}}
    assert_findings(sc(text, SC006=params), [("SC006", "不少于2项", line_of(text, "不少于2项"))])


def test_other_notices_are_out_of_scope():
    text = selection_notice(quotas="综合集成型服务商6-3家").replace("推荐服务商的通知", "推荐单位的通知")
    assert sc(text) == []


@pytest.mark.skipif(not SEED_004.is_file(), reason="the seed documents are not beside this checkout")
def test_seed_004_as_published_is_valid():
    assert sc(SEED_004.read_text(encoding="utf-8")) == []


@pytest.mark.skipif(not SEED_004.is_file(), reason="the seed documents are not beside this checkout")
def test_seed_004_altered_traditional_text():
    """The rules read the reader's simplified text, so a traditional original works too."""
    original = SEED_004.read_text(encoding="utf-8")
    altered = original.replace("服務(wù)商3-6家", "服務(wù)商6-3家").replace("不少于3項", "不少于1項")
    assert altered != original
    found = sc(altered)
    assert_findings(found, [("SC005", "6-3家", line_of(altered, "6-3家")), ("SC006", "不少于1项", line_of(altered, "不少于1項"))])
