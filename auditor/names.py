"""What an indicator's name says it measures, and the indicator framework.

One place for the word lists every VAL/IND rule relies on: whether a 三级指标
names a rate (率, 度, 占比 …), a count (数量, 人数 …), money (费, 资金 …) or a
satisfaction; and which 二级指标 belongs under which 一级指标 in the 2021
guide (成本指标 first-level) and in the older framework (成本指标 under 产出指标).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from .runtime import MEMO_ENTRIES
from .values import compact

LEVEL1 = ("产出指标", "效益指标", "成本指标", "满意度指标")

#: 二级指标 → the 一级指标 it belongs to
LEVEL2_FAMILY = {
    "数量指标": "产出指标",
    "质量指标": "产出指标",
    "时效指标": "产出指标",
    "经济成本指标": "成本指标",
    "社会成本指标": "成本指标",
    "生态环境成本指标": "成本指标",
    "生态成本指标": "成本指标",
    "环境成本指标": "成本指标",
    "经济效益指标": "效益指标",
    "社会效益指标": "效益指标",
    "生态效益指标": "效益指标",
    "可持续影响指标": "效益指标",
    "服务对象满意度指标": "满意度指标",
    "社会公众或服务对象满意度指标": "满意度指标",
    "社会公众满意度指标": "满意度指标",
    "满意度指标": "满意度指标",
}

_NUMBERING = re.compile(r"^(?:指标\s*\d+\s*[:：]|\d+\s*[.、:：)）]|[（(]\s*\d+\s*[)）])")
_RATE_WORDS = ("率", "比例", "占比", "比重", "百分比")
#: names holding 率 inside another word that are no rate (功率因数, 效率系数) and measures with no unit
_NOT_RATE_ENDINGS = ("因数", "系数", "指数", "功率")
_UNITLESS_ENDINGS = ("指数", "系数", "因数", "pH值", "PH值", "pH", "PH")
#: a ratio written as one number (生师比 12.5 for 12.5:1), not a 比例 in percent
_RATIO_ENDING = re.compile(r"[^例重分]比$")
#: an abbreviation in brackets after a name: 路面技术状况指数（PQI）
_ABBREVIATION = re.compile(r"[（(][A-Za-z][A-Za-z0-9.\-]{0,9}[)）]$")
_RATE_SUFFIX_DU = ("满意度", "符合度", "知晓度", "完善度", "契合度", "相关度", "匹配度", "覆盖度", "认可度", "达标度", "完成度",
                   "精准度", "准确度", "参与度", "知名度", "美誉度", "信任度", "便利度", "贡献度", "集中度", "饱和度", "程度")
_NOT_RATE_DU = ("年度", "季度", "月度", "制度", "额度", "力度", "进度", "深度", "长度", "宽度", "高度", "温度", "湿度", "维度", "尺度", "限度", "厚度", "速度", "跨度", "角度", "态度", "调度", "幅度", "难度", "强度")
_COUNT_SUFFIX = ("数量", "人数", "次数", "个数", "家数", "户数", "件数", "场次", "人次", "户次", "场数", "期数", "篇数", "项目数", "企业数", "数")
_COUNT_ENDINGS = ("次数", "人数", "个数", "数量", "件数", "户数", "家数", "场次", "人次")
#: a name ending so measures a time, whatever money it speaks of (资金拨付完成时间)
_TIME_ENDINGS = ("时间", "时限", "日期", "期限", "周期", "时长", "用时", "耗时", "工期")
_MONEY_WORDS = ("费", "资金", "金额", "经费", "成本", "预算", "投资", "资本", "收入", "销售额", "成交额", "交易额", "贸易额", "支出", "奖励", "补助", "补贴", "保费", "价格", "造价", "税", "利润")


@lru_cache(maxsize=MEMO_ENTRIES)  # pure in its text; labels repeat in every table
def clean_name(name: str) -> str:
    """A 三级指标 compared without spaces and ``指标1：`` numbering."""
    text = compact(name)
    text = _NUMBERING.sub("", text)
    text = _ABBREVIATION.sub("", text.rstrip("，,。;；"))
    return text.rstrip("，,。;；")


@lru_cache(maxsize=MEMO_ENTRIES)  # pure in its text; labels repeat in every table
def level2_key(level2: str) -> str:
    """A 二级指标 label compared: no spaces, ``指标`` restored (``数量`` → ``数量指标``)."""
    key = compact(level2)
    if key and not key.endswith("指标") and key + "指标" in LEVEL2_FAMILY:  # 数量 / 质量 written without 指标
        return key + "指标"
    return key


@lru_cache(maxsize=MEMO_ENTRIES)  # pure in its text; labels repeat in every table
def family_of(level2: str) -> Optional[str]:
    """The 一级指标 a 二级指标 belongs to, if the label is a known one."""
    key = level2_key(level2)
    if key in LEVEL2_FAMILY:
        return LEVEL2_FAMILY[key]
    if key.endswith("成本指标"):
        return "成本指标"
    if key.endswith("效益指标"):
        return "效益指标"
    if key.endswith("满意度指标"):
        return "满意度指标"
    return None


@lru_cache(maxsize=MEMO_ENTRIES)  # pure in its text; labels repeat in every table
def is_level1(text: str) -> bool:
    return compact(text) in LEVEL1


@lru_cache(maxsize=MEMO_ENTRIES)  # pure in its text; labels repeat in every table
def is_level2(text: str) -> bool:
    return family_of(text) is not None or compact(text) == "成本指标"


def is_cost(level1: str, level2: str) -> bool:
    """A 成本指标 row in either framework; a 数量/质量/效益 二级指标 filed under 成本指标
    is a misfiled row (IND005), not a cost target."""
    family = family_of(level2)
    if family is not None and family != "成本指标":
        return False
    return _holds(level1, "成本") or _holds(level2, "成本")


def is_satisfaction(level1: str, level2: str, name: str = "") -> bool:
    return _holds(level1, "满意") or _holds(level2, "满意")


def _holds(text: str, word: str) -> bool:
    """``word in compact(text)``, without compacting a text that lacks the word's first character."""
    return word[0] in text and word in compact(text)


@lru_cache(maxsize=MEMO_ENTRIES)  # pure in its text; labels repeat in every table
def is_rate_name(name: str) -> bool:
    """The name says it measures a rate or degree (率, 符合度, 占比 …)."""
    text = clean_name(name)
    if not text:
        return False
    if any(text.endswith(s) for s in _COUNT_ENDINGS):
        return False  # 满意度调查次数 counts surveys
    if text.endswith(_NOT_RATE_ENDINGS):
        return False  # 功率因数, 效率系数: a factor, not a rate
    if any(w in text for w in _RATE_WORDS):
        return True
    if "满意" in text:
        return True
    if any(text.endswith(s) or s in text for s in _RATE_SUFFIX_DU) or text.endswith("度"):
        return not any(text.endswith(s) for s in _NOT_RATE_DU)
    return False


@lru_cache(maxsize=MEMO_ENTRIES)  # pure in its text; labels repeat in every table
def is_unitless_name(name: str) -> bool:
    """A measure that has no unit by its name: an index, a coefficient, a factor, a pH, a ratio (生师比)."""
    text = clean_name(name)
    return text.endswith(_UNITLESS_ENDINGS) or "pH" in text or "PH" in text or bool(_RATIO_ENDING.search(text))


@lru_cache(maxsize=MEMO_ENTRIES)  # pure in its text; labels repeat in every table
def is_count_name(name: str) -> bool:
    text = clean_name(name)
    if is_rate_name(text):
        return False
    return any(text.endswith(s) for s in _COUNT_SUFFIX) or "数量" in text


@lru_cache(maxsize=MEMO_ENTRIES)  # pure in its text; labels repeat in every table
def is_money_name(name: str) -> bool:
    text = clean_name(name)
    if is_rate_name(text) or text.endswith(_TIME_ENDINGS):
        return False
    return any(w in text for w in _MONEY_WORDS) or text.endswith("额")
