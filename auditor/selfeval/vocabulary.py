"""The words self-evaluations and department tables are read by: data, in the
seam's :class:`~auditor.vocabulary.Vocabulary` form, so a plugin extends them
through ``auditor_register_vocabularies`` (``Vocabulary("self-evaluation",
columns={"indicator.actual": ["完成数"]})``).

Column roles are grouped by a prefix: ``fund.*`` (the money block's columns),
``row.*`` (its row labels), ``goal.*`` (年度总体目标's columns), ``indicator.*``
(the indicator columns), ``field.*`` (project fields), ``task.*`` (a department
table's task list).  A role is found by the words of a cell: an exact word wins,
else the longest word the cell contains, so ``全年预算数（万元）`` and
``调整后预算数`` are both the budget.

Templates followed: 财预〔2020〕10号 附件 (项目支出绩效自评表, 部门整体支出绩效自评表),
the provinces' 自评表 (调整后预算数, 预算执行率) and 部门整体支出绩效目标表
(按收入性质分 / 按支出性质分, 年度主要任务).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Dict, Optional, Tuple

from ..runtime import MEMO_ENTRIES
from ..values import compact
from ..vocabulary import UNIT_FACTORS, Vocabulary, vocabulary

Words = Tuple[str, ...]
SELF_EVALUATION_KIND = "self-evaluation"
DEPARTMENT_KIND = "department"

_BRACKETS = re.compile(r"[（(][^（）()]{0,12}[)）]")
_LEAD = re.compile(r"^(其中|含)[:：]?|[:：]+$")

#: fund sources of a budget (RULES.md "Fund sources"), shared by both kinds
SOURCES = ["财政拨款", "本年财政拨款", "当年财政拨款", "财政资金", "财政性资金", "一般公共预算", "一般公共预算拨款",
           "政府性基金", "政府性基金拨款", "政府性基金预算拨款", "国有资本经营预算", "国有资本经营预算拨款", "财政专户管理资金",
           "上年结转", "上年结转资金", "上年结余", "结转结余", "上年结转结余", "其他资金", "其他来源资金", "单位资金", "单位自筹",
           "自筹资金", "事业收入", "经营收入", "其他收入", "上级补助", "上级补助资金", "中央补助", "中央转移支付"]
FISCAL_AGGREGATES = ["财政拨款", "本年财政拨款", "当年财政拨款", "财政资金", "财政性资金"]
FISCAL_PARTS = ["一般公共预算", "一般公共预算拨款", "政府性基金", "政府性基金拨款", "政府性基金预算拨款",
                "国有资本经营预算", "国有资本经营预算拨款", "财政专户管理资金"]


def self_evaluation() -> Vocabulary:
    return Vocabulary(
        kind=SELF_EVALUATION_KIND,
        titles=[r"自评表", r"绩效自评", r"自评情况表", r"自评结果表"],
        columns={
            # the money block's columns
            "fund.planned": ["年初预算数", "年初预算", "年初预算金额", "年初预算安排", "年初批复数", "批复预算数"],
            "fund.budget": ["全年预算数", "调整后预算数", "预算数", "预算金额", "全年预算安排", "全年预算", "调整预算数", "调整后预算", "全年预算金额", "预算调整数", "全年批复数"],
            "fund.executed": ["全年执行数", "执行数", "实际执行数", "全年实际执行数", "实际支出数", "实际支出", "全年支出数", "执行金额"],
            "fund.weight": ["分值", "权重"],
            "fund.rate": ["执行率", "预算执行率", "资金执行率"],
            "fund.score": ["得分", "评分"],
            # its rows: the total, its sources, its uses (a department's self-evaluation)
            "row.total": ["年度资金总额", "资金总额", "合计", "总计", "预算资金总额", "年度预算总额", "收入合计", "支出合计"],
            "row.source": list(SOURCES),
            "row.use": ["基本支出", "项目支出"],
            # 年度总体目标
            "goal.expected": ["预期目标", "年度预期目标", "计划目标"],
            "goal.actual": ["实际完成情况", "实际完成", "目标完成情况", "完成情况"],
            # indicator columns
            "indicator.level1": ["一级指标"],
            "indicator.level2": ["二级指标"],
            "indicator.name": ["三级指标", "指标名称", "具体指标", "绩效指标名称"],
            "indicator.target": ["年度指标值", "指标值", "目标值", "年度目标值", "预期指标值", "计划指标值", "年度计划值", "预期值"],
            "indicator.actual": ["实际完成值", "实际完成", "完成值", "实际值", "全年实际值", "实际完成指标值", "全年完成值", "实际完成情况"],
            "indicator.weight": ["分值", "权重", "指标分值", "权重分值", "标准分值"],
            "indicator.score": ["得分", "自评得分", "评分", "实际得分"],
            "indicator.reason": ["偏差原因分析及改进措施", "偏差原因分析及改进", "偏差原因分析", "偏差原因", "原因分析", "未完成原因",
                                 "改进措施", "偏差原因及改进措施", "未完成原因分析", "偏差原因和改进措施"],
            # project fields
            "field.name": ["项目名称"],
            "field.code": ["项目编码", "项目代码", "项目编号"],
            "field.department": ["主管部门", "部门名称", "部门（单位）名称", "单位名称", "预算部门", "主管单位"],
            "field.implementer": ["实施单位", "项目实施单位", "执行单位"],
        },
        units=dict(UNIT_FACTORS),
        words={
            # a title holding one of these is a department's (部门整体) self-evaluation
            "department_scope": ["部门整体", "整体支出", "部门（单位）整体", "单位整体"],
            # the money block's own label (a merged first cell)
            "fund_block": ["项目资金", "资金情况", "年度预算执行情况", "预算执行情况", "资金执行情况", "部门预算资金", "预算资金",
                           "整体支出"],  # 年度部门整体支出（万元）: a 部门整体 form's
            # a group of fund rows named in its own cell before the rows' labels (a whole cell, never part of one)
            "fund_group": ["按收入性质分", "按支出性质分", "按资金来源分", "按支出用途分", "按经济分类分", "按功能分类分", "收入性质", "支出性质",
                           "资金来源", "支出用途", "收入", "支出", "来源", "用途"],
            "goal_label": ["年度总体目标", "总体目标", "年度目标", "年度总体目标完成情况"],
            # the row that totals the weights and scores
            "total_label": ["总分", "合计", "总计", "得分合计", "总得分", "自评总分"],
            # a subtotal row inside the indicators
            "subtotal_label": ["小计", "分项合计"],
            # rows after the indicators that end them (the grade, the conclusion)
            "end_label": ["自评等级", "评价等级", "自评结论", "评价结论", "绩效等级", "自评结果", "评价结果"],
            # the foot of the form, not an indicator
            "foot_label": ["填报人", "填表人", "联系人", "联系电话", "填报日期", "填表日期", "审核人", "单位负责人", "财务负责人", "负责人", "经办人"],
            # what people write in an empty cell
            "placeholder": ["/", "／", "—", "——", "-", "--", "－", "无", "空", "\\", "、", "…", "..."],
            "fiscal_aggregate": list(FISCAL_AGGREGATES),
            "fiscal_part": list(FISCAL_PARTS),
        },
    )


def department() -> Vocabulary:
    return Vocabulary(
        kind=DEPARTMENT_KIND,
        titles=[r"部门整体", r"整体支出", r"部门（单位）整体", r"单位整体"],
        columns={
            "row.total": ["资金总额", "年度资金总额", "预算数", "预算总额", "年度预算总额", "部门预算总额", "合计", "总计", "年度预算数",
                          "预算资金总额", "年度部门整体支出预算", "部门整体支出预算"],
            "row.source": list(SOURCES),
            "row.use": ["基本支出", "项目支出"],
            "task.name": ["任务名称", "任务", "项目名称", "重点任务"],
            "task.content": ["主要内容", "任务内容", "具体内容", "主要工作内容"],
            "task.amount": ["预算金额", "预算数", "金额", "资金", "预算资金", "对应预算金额"],
        },
        units=dict(UNIT_FACTORS),
        words={
            "split_heading": ["按收入性质分", "按支出性质分", "按资金来源分", "按支出用途分", "资金来源", "支出用途"],
            "task_label": ["年度主要任务", "主要任务", "年度重点任务", "重点工作任务"],
            "stop_label": ["年度总体目标", "总体目标", "年度绩效目标", "绩效目标", "年度绩效指标", "绩效指标"],
            "department_label": ["部门（单位）名称", "部门名称", "单位名称", "部门", "预算部门", "主管部门"],
            "fiscal_aggregate": list(FISCAL_AGGREGATES),
            "fiscal_part": list(FISCAL_PARTS),
        },
    )


def self_eval_vocabulary() -> Vocabulary:
    return vocabulary(SELF_EVALUATION_KIND)


def department_vocabulary() -> Vocabulary:
    return vocabulary(DEPARTMENT_KIND)


class Roles(dict):
    """role → words of one group, with the lookups compiled once: an exact map and one
    alternation of every word (longest first)."""

    def __init__(self, table: Dict[str, Words]) -> None:
        super().__init__(table)
        self.exact: Dict[str, str] = {}
        for role, ws in table.items():
            for w in ws:
                self.exact.setdefault(w, role)
        alternation = "|".join(re.escape(w) for w in sorted((w for w in self.exact if len(w) >= 2), key=len, reverse=True))
        self.pattern = re.compile(alternation or "(?!)")


def roles(vocab: Vocabulary, group: str) -> Roles:
    """The roles of one group (``fund``, ``indicator`` …) → their words, built once per vocabulary."""
    prefix = group + "."

    def build() -> Roles:
        return Roles({role[len(prefix):]: tuple(compact(w) for w in words) for role, words in vocab.columns.items() if role.startswith(prefix)})

    return vocab._get(f"roles:{group}", build)  # type: ignore[return-value]


def words(vocab: Vocabulary, name: str) -> frozenset:
    return vocab.word_set(name)


@lru_cache(maxsize=MEMO_ENTRIES)
def normalise(text: str) -> str:
    """A label compared: no spaces, no ``（万元）`` / ``（%）``, no ``其中：`` or trailing colon."""
    return _LEAD.sub("", _BRACKETS.sub("", compact(text)))


def role_of(text: str, table: Dict[str, Words], *, contains: bool = True, longest: int = 16) -> Optional[str]:
    """The role whose words name ``text``: an exact word wins, else (for a label of at most
    ``longest`` characters: a header, not a sentence) the longest word it contains."""
    t = normalise(text)
    if not t:
        return None
    compiled = table if isinstance(table, Roles) else Roles(table)
    found = compiled.exact.get(t)
    if found is not None:
        return found
    if not contains or len(t) > longest:
        return None
    best = max(compiled.pattern.findall(t), key=len, default=None)
    return compiled.exact[best] if best else None
