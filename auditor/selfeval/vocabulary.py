"""The words these kinds are recognised by, as data.

One object a kind: header words of each column role, row labels of the money
block, labels of the fields, and the placeholders people write in an empty cell.
A role is found by the words of a cell (exact first, else the longest word the
cell contains), so ``全年预算数（万元）`` and ``调整后预算数`` are both the budget.
Templates followed: 财预〔2020〕10号 附件 (项目支出绩效自评表, 部门整体支出绩效自评表),
财预〔2021〕101号 and the provinces' 部门整体支出绩效目标表 (按收入性质分 / 按支出性质分).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Dict, Optional, Tuple

from ..values import compact

Words = Tuple[str, ...]
_BRACKETS = re.compile(r"[（(][^（）()]{0,12}[)）]")
_LEAD = re.compile(r"^(其中|含)[:：]?|[:：]+$")


def normalise(text: str) -> str:
    """A label compared: no spaces, no ``（万元）`` / ``（%）``, no ``其中：`` or trailing colon."""
    return _LEAD.sub("", _BRACKETS.sub("", compact(text)))


def role_of(text: str, roles: Dict[str, Words], *, contains: bool = True) -> Optional[str]:
    """The role whose words name ``text``: an exact word wins, else the longest contained word."""
    t = normalise(text)
    if not t:
        return None
    for role, words in roles.items():
        if t in words:
            return role
    if not contains or len(t) > 16:
        return None
    best: Tuple[int, Optional[str]] = (0, None)
    for role, words in roles.items():
        for w in words:
            if len(w) >= 2 and w in t and len(w) > best[0]:
                best = (len(w), role)
    return best[1]


@dataclass(frozen=True)
class SelfEvalVocabulary:
    """项目支出绩效自评表 / 部门整体支出绩效自评表."""

    #: a title that holds one of these is a self-evaluation
    title_words: Words = ("自评表", "绩效自评", "自评情况表", "自评结果表")
    #: … and one of these makes it a department's (部门整体) self-evaluation
    department_words: Words = ("部门整体", "整体支出", "部门（单位）整体", "单位整体")
    #: header words of the money block's columns
    fund_columns: Dict[str, Words] = field(default_factory=lambda: {
        "planned": ("年初预算数", "年初预算", "年初预算金额", "年初预算安排", "年初批复数", "批复预算数"),
        "budget": ("全年预算数", "调整后预算数", "全年预算", "调整预算数", "调整后预算", "全年预算金额", "预算调整数", "全年批复数"),
        "executed": ("全年执行数", "执行数", "实际执行数", "全年实际执行数", "实际支出数", "实际支出", "全年支出数", "执行金额"),
        "weight": ("分值", "权重"),
        "rate": ("执行率", "预算执行率", "资金执行率"),
        "score": ("得分", "评分"),
    })
    #: row labels of the money block: the total, its sources, and (department tables) its uses
    fund_rows: Dict[str, Words] = field(default_factory=lambda: {
        "total": ("年度资金总额", "资金总额", "合计", "总计", "预算资金总额", "年度预算总额", "收入合计", "支出合计"),
        "source": ("财政拨款", "本年财政拨款", "当年财政拨款", "财政资金", "财政性资金", "一般公共预算", "一般公共预算拨款",
                   "政府性基金", "政府性基金拨款", "政府性基金预算拨款", "国有资本经营预算", "国有资本经营预算拨款", "财政专户管理资金",
                   "上年结转", "上年结转资金", "上年结余", "结转结余", "上年结转结余", "其他资金", "其他来源资金", "单位资金", "单位自筹",
                   "自筹资金", "事业收入", "经营收入", "其他收入", "中央补助", "上级补助", "上级补助资金", "中央转移支付"),
        "use": ("基本支出", "项目支出"),
    })
    #: the money block's own label (a merged first cell)
    fund_block: Words = ("项目资金", "资金情况", "年度预算执行情况", "预算执行情况", "资金执行情况", "部门预算资金")
    #: 年度总体目标 and its two columns
    goal_label: Words = ("年度总体目标", "总体目标", "年度目标", "年度总体目标完成情况")
    goal_columns: Dict[str, Words] = field(default_factory=lambda: {
        "expected": ("预期目标", "年度预期目标", "计划目标"),
        "actual": ("实际完成情况", "实际完成", "目标完成情况", "完成情况"),
    })
    #: header words of the indicator columns
    indicator_columns: Dict[str, Words] = field(default_factory=lambda: {
        "level1": ("一级指标",),
        "level2": ("二级指标",),
        "name": ("三级指标", "指标名称", "具体指标", "绩效指标名称"),
        "target": ("年度指标值", "指标值", "目标值", "年度目标值", "预期指标值", "计划指标值", "年度计划值", "预期值"),
        "actual": ("实际完成值", "实际完成", "完成值", "实际值", "全年实际值", "实际完成指标值", "全年完成值", "实际完成情况"),
        "weight": ("分值", "权重", "指标分值", "权重分值", "标准分值"),
        "score": ("得分", "自评得分", "评分", "实际得分"),
        "reason": ("偏差原因分析及改进措施", "偏差原因分析及改进", "偏差原因分析", "偏差原因", "原因分析", "未完成原因", "改进措施",
                   "偏差原因及改进措施", "未完成原因分析", "偏差原因和改进措施"),
    })
    #: the row that totals the weights and scores
    total_labels: Words = ("总分", "合计", "总计", "得分合计", "总得分", "自评总分")
    #: project fields
    fields: Dict[str, Words] = field(default_factory=lambda: {
        "name": ("项目名称",),
        "code": ("项目编码", "项目代码", "项目编号"),
        "department": ("主管部门", "部门名称", "部门（单位）名称", "单位名称", "预算部门", "主管单位"),
        "implementer": ("实施单位", "项目实施单位", "执行单位"),
    })
    #: what people write in an empty cell
    placeholders: Words = ("/", "／", "—", "——", "-", "--", "－", "无", "空", "\\", "、", "…", "...")
    #: actual values saying only "done" (SE006 when the target is a number)
    done_words: Words = ("完成", "已完成", "全部完成", "达成", "达到", "达成预期指标", "达到预期", "完成目标", "达标", "是")


@dataclass(frozen=True)
class DepartmentVocabulary:
    """部门整体支出绩效目标表."""

    title_words: Words = ("部门整体", "整体支出", "部门（单位）整体", "单位整体")
    fund_rows: Dict[str, Words] = field(default_factory=lambda: {
        "total": ("资金总额", "年度资金总额", "预算数", "预算总额", "年度预算总额", "部门预算总额", "合计", "总计", "年度预算数",
                  "预算资金总额", "年度部门整体支出预算", "部门整体支出预算"),
        "source": SelfEvalVocabulary().fund_rows["source"],
        "use": ("基本支出", "项目支出"),
    })
    #: split headings (no amount of their own)
    split_headings: Words = ("按收入性质分", "按支出性质分", "按资金来源分", "按支出用途分", "资金来源", "支出用途")
    task_label: Words = ("年度主要任务", "主要任务", "年度重点任务", "重点工作任务")
    task_columns: Dict[str, Words] = field(default_factory=lambda: {
        "name": ("任务名称", "任务", "项目名称", "重点任务"),
        "content": ("主要内容", "任务内容", "具体内容", "主要工作内容"),
        "amount": ("预算金额", "预算数", "金额", "资金", "预算资金", "对应预算金额"),
    })
    #: labels that end the task list
    stop_labels: Words = ("年度总体目标", "总体目标", "年度绩效目标", "绩效目标", "年度绩效指标", "绩效指标")
    #: a fiscal aggregate and the lines it may be split into (not to be counted twice)
    fiscal_aggregates: Words = ("财政拨款", "本年财政拨款", "当年财政拨款", "财政资金", "财政性资金")
    fiscal_parts: Words = ("一般公共预算", "一般公共预算拨款", "政府性基金", "政府性基金拨款", "政府性基金预算拨款",
                           "国有资本经营预算", "国有资本经营预算拨款", "财政专户管理资金")
    department_labels: Words = ("部门（单位）名称", "部门名称", "单位名称", "部门", "预算部门", "主管部门")


SELF_EVALUATION = SelfEvalVocabulary()
DEPARTMENT = DepartmentVocabulary()
