"""auditor.names: what an indicator's name says it measures, and the indicator framework.

Names are the real 三级指标 of the seeds (001, 002) unless marked otherwise.
"""
from __future__ import annotations

import pytest

from auditor.names import clean_name, family_of, is_cost, is_count_name, is_level1, is_level2, is_money_name, is_rate_name, is_satisfaction


@pytest.mark.parametrize("name", [
    "拨付搬迁企业资金政策符合度",
    "企业满意度",
    "2022年参会企业满意度",
    "宣传内容覆盖程度",
    "核查误差率",
    " 指标2：第三方机构审核结果验收合格率",
    "农产品产销 对接会企业 覆盖率 ",
    "优秀企业家中综合百强、专精特新、单项冠军企业占比",
    "落户项目中外资项目所占比",
    "第三方机构审核企业数量占全部审核企业数量的比例",
    "受益群体满意程度",
    "政策知晓度",            # not from a seed
    "年度工作计划完成度",     # not from a seed: 年度 inside, 完成度 at the end
])
def test_rate_names(name):
    assert is_rate_name(name)
    assert not is_count_name(name) and not is_money_name(name)


@pytest.mark.parametrize("name", [
    "年度发展报告符合产业情况",
    "拨付资金额度",
    "智能化诊断服务企业数量",
    "会议参会人数",
    "平台运维费用",
    "风险自动预警能力",
    "资金使用合规性",
    "全年工作进度",           # not from a seed: 进度 is progress, not a degree
    "企业满意度调查次数",       # not from a seed: counts surveys
    "",
])
def test_not_rate_names(name):
    assert not is_rate_name(name)


@pytest.mark.parametrize("name", [
    "智能化诊断服务企业数量", "会议参会人数", "邀请参会人数", "可拨付奖励资金企业数量", "（2）带动就业人数",
    "企业满意度调查次数", "培训人次",
])
def test_count_names(name):
    assert is_count_name(name)


@pytest.mark.parametrize("name", ["拨付资金额度", "平台运维费用", "每日支付给每名评审专家的费用", "会议举办费用", "政府采购聘请第三方核查费用", "项目总投资"])
def test_money_names(name):
    assert is_money_name(name)


@pytest.mark.parametrize("name", ["资金拨付完成时间", "补助资金发放时限", "新增各类商业网点面积", "企业满意度", "会议参会人数", "风险自动预警能力"])
def test_not_money_names(name):
    assert not is_money_name(name)


def test_clean_name_drops_spaces_and_numbering():
    assert clean_name(" 指标1：第三方机构审核企业覆盖率") == "第三方机构审核企业覆盖率"
    assert clean_name("农产品产销 对接会企业 覆盖率 ") == "农产品产销对接会企业覆盖率"
    assert clean_name("1.培训人次") == clean_name("（1）培训人次") == clean_name("培训 人次。") == "培训人次"
    assert clean_name("2022年参会企业满意度") == "2022年参会企业满意度"  # a year is not numbering


@pytest.mark.parametrize("level2, family", [
    ("数量指标", "产出指标"), ("质量指标", "产出指标"), ("时效指标", "产出指标"),
    ("经济成本指标", "成本指标"), ("经济成本指 标", "成本指标"), ("社会成本指标", "成本指标"), ("生态环境成本指标", "成本指标"),
    ("经济效益指标", "效益指标"), ("社会效益指标", "效益指标"), ("生态效益指标", "效益指标"), ("可持续影响指标", "效益指标"),
    ("服务对象满意度指标", "满意度指标"), ("社会公众或服务对象满意度指标", "满意度指标"),
    ("成本指标", "成本指标"), ("具体指标", None), ("", None),
])
def test_family_of(level2, family):
    assert family_of(level2) == family


def test_levels():
    assert all(is_level1(t) for t in ("产出指标", "效益指标", "成本指标", "满意度指标", " 产出 指标"))
    assert not is_level1("数量指标")
    assert is_level2("数量指标") and is_level2("成本指标") and not is_level2("产出指标")


def test_is_cost_in_both_frameworks():
    assert is_cost("成本指标", "经济成本指标")      # 2021 guide (seed 002)
    assert is_cost("产出指标", "成本指标")          # older tables (seed 001, template of 003)
    assert not is_cost("产出指标", "数量指标")


def test_is_satisfaction():
    assert is_satisfaction("满意度指标", "服务对象满意度指标")
    assert is_satisfaction("", "社会公众或服务对象满意度指标")
    assert not is_satisfaction("效益指标", "社会效益指标", "企业满意度")  # by level, not by name
