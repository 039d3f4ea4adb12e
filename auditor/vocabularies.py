"""The built-in kinds' vocabularies: data, not code (see :mod:`auditor.vocabulary`).

A plugin extends one by returning ``Vocabulary("performance", keys={"资金合计": "budget"})``
from ``auditor_register_vocabularies``.
"""
from __future__ import annotations

from typing import List

from .vocabulary import UNIT_FACTORS, Vocabulary


def performance() -> Vocabulary:
    return Vocabulary(
        kind="performance",
        titles=[r"绩效目标(申报)?表", r"绩效评价表", r"^\d+[.、．]\S.*绩效目标$"],
        keys={
            "项目编码": "code", "项目代码": "code", "项目编号": "code", "子项目编码": "code", "子项目代码": "code",
            "项目名称": "name", "子项目名称": "name",
            "预算数": "budget", "年度预算数": "budget", "预算金额": "budget", "年度预算金额": "budget",
            "资金总额": "budget", "年度资金总额": "budget", "预算总额": "budget",
            # the fund block's total row (RULES.md BUD006: 预算数, 年度资金总额, 资金总额, 合计); a 合计 of the
            # spend plan or of the indicators is read before or after the fund block, never as a key
            "合计": "budget", "资金合计": "budget",
            "其他资金": "other", "上年结转": "other", "上年结余": "other", "上年结转资金": "other", "结转资金": "other",
            "结转结余": "other", "上年结转结余": "other", "其他来源资金": "other", "其他来源": "other",
            "自筹资金": "other", "单位自筹": "other", "单位资金": "other",
            "财政拨款": "fiscal",
            # a split of 财政资金 (RULES.md "Fund sources"): summed when no 财政资金 line gives the total
            "一般公共预算拨款": "fiscal_part", "一般公共预算资金": "fiscal_part", "一般公共预算": "fiscal_part", "政府性基金拨款": "fiscal_part",
            "政府性基金预算拨款": "fiscal_part", "政府性基金": "fiscal_part", "国有资本经营预算拨款": "fiscal_part",
            "国有资本经营预算": "fiscal_part", "财政专户管理资金": "fiscal_part",
            # transfers from higher governments, listed beside (or instead of) the local 财政拨款
            "中央补助": "fiscal_part", "中央补助资金": "fiscal_part", "中央转移支付": "fiscal_part", "中央资金": "fiscal_part",
            "省级补助": "fiscal_part", "省级补助资金": "fiscal_part", "省补助": "fiscal_part", "省级资金": "fiscal_part",
            "自治区补助": "fiscal_part", "自治区补助资金": "fiscal_part", "自治区资金": "fiscal_part",
            "市级补助": "fiscal_part", "市级资金": "fiscal_part", "上级补助": "fiscal_part", "上级补助资金": "fiscal_part",
            "上级转移支付": "fiscal_part", "转移支付资金": "fiscal_part", "本级财政资金": "fiscal_part", "本级财政拨款": "fiscal_part",
        },
        columns={
            "level1": ["一级指标"],
            # 指标类型 / 指标类别: a table with no 一级 column, its rows typed by their 二级指标 (数量指标 …)
            "level2": ["二级指标", "指标类型", "指标类别"],
            "name": ["三级指标", "指标内容", "具体指标", "指标名称"],
            "description": ["绩效指标描述", "指标描述", "指标解释"],
            # 数值 / 指标数值 / 目标数值: the number's column under a 指标值 split into 指标方向 | 度量单位 | 数值
            "value": ["指标值", "目标值", "年度指标值", "数值", "指标数值", "目标数值"],
            "basis": ["指标值确定依据", "确定依据", "备注", "完成情况", "评分标准"],
            "direction": ["指标方向", "指标性质", "方向", "运算符号"],
            "unit": ["度量单位", "计量单位", "单位"],
        },
        units=dict(UNIT_FACTORS),
        words={
            # header words saying the plan's values are per-period shares, not cumulative
            "per_period": ["分季度", "当季", "各季度占比", "分月", "当月", "各月占比", "季度占比", "月度占比", "支出占比"],
            "plan_label": ["支出计划", "执行计划", "用款计划", "拨付计划", "使用计划", "支出进度计划", "执行进度计划", "用款进度计划",
                           "拨付进度计划", "使用进度计划"],
            "total_label": ["合计", "总计", "小计"],
            # a key block given for the medium term and the budget year (中期资金总额 | 年度资金总额): amounts are the year's
            "period_mid": ["中期"],
            "period_year": ["年度", "本年", "当年"],
            # a 质量指标 value that only names a direction (VAL008); a pass / fail standard is a valid target
            "vague_quality": ["提高", "提升", "明显", "良好", "有效", "较好", "逐步改善", "改善", "显著", "进一步", "不断", "持续", "加强",
                              "增强", "较高", "大幅", "及时", "按要求", "按时", "尽快", "确保"],
            # cost sub-kinds the 2021 guide lets be qualitative (VAL005, VAL006 do not apply)
            "qualitative_cost": ["社会成本指标", "生态环境成本指标", "生态成本指标", "环境成本指标"],
        },
    )


def disclosure() -> Vocabulary:
    return Vocabulary(
        kind="disclosure",
        titles=[r"政府购买服务.*(信息公开表|信息公开)$"],
        columns={
            "seq": ["序号"],
            "credit": ["信用代码"],
            # a 项目编码 column beside the project's name (DOC002 reads it)
            "code": ["项目编码", "项目代码"],
            # 购买服务项目 / 服务项目名称: offices head the name column so too; an amount or term header is not it (not:name)
            "name": ["项目名称", "购买服务项目", "服务项目"],
            # what the service is (a budget or final row's 内容 column): GPS004 reads it with the name
            "content": ["服务内容", "购买内容", "主要内容", "内容"],
            "contractor": ["承接主体名称", "承接单位", "承接主体", "中标单位", "供应商", "承接方"],
            "amount_budget": ["预算金额", "预算数", "预算资金"],
            "amount_final": ["决算金额", "决算数", "决算"],
            "price": ["承接价格", "合同金额", "成交金额", "中标金额", "承接金额", "合同价"],
            "start": ["起始", "开始", "起日"],
            "end": ["截止", "结束", "终止", "到期"],
            "period": ["期限", "起止", "履行期", "服务期"],
            "target": ["绩效目标"],
            "result": ["评价结果", "评价情况", "评价结论", "评价等次", "评价等级", "评价得分"],
            "remark": ["备注"],
        },
        units=dict(UNIT_FACTORS),
        words={"not:contractor": ["类别", "类型", "性质"], "not:end": ["截止期限前"],
               "not:content": ["绩效目标", "评价"],
               "not:name": ["金额", "预算", "决算", "价格", "资金", "期限", "类别", "类型"],
               # section headings: 二、…承接主体 / 二、…合同履行情况 …
               "section:contracts": ["承接主体", "合同履行", "合同签订", "合同情况"],
               "section:finals": ["决算", "结算"],
               "section:evaluations": ["绩效评价", "评价信息"],
               "section:budget": ["预算"]},
    )


def form() -> Vocabulary:
    return Vocabulary(
        kind="form",
        # an application's own tables are forms too: 项目基本情况表, 申报单位基本情况表
        titles=[r"(申报表|申报书|汇总表|评价表|登记表|申请表|信息表|推荐表|基本情况表)$"],
        keys={"项目总投资": "total_investment", "总投资": "total_investment", "申请金额": "requested", "申请资金": "requested",
              "申请财政资金": "requested"},
        dates={"filing": ["申报日期", "填表时间", "填报日期", "填表日期", "申请日期", "报送日期"]},
        # words of an application's fund sources besides what it requests (申请…资金): BUD006 adds them up
        words={"fund_source": ["自筹", "贷款", "配套", "其他资金", "社会资本", "社会资金", "银行融资"],
               # endings of a document title over a list of projects, a row each (read as a form's list);
               # a title of eight characters at least (分项目清单 is a heading inside an application)
               "list_title": ["项目清单", "项目汇总", "明细表", "项目明细", "项目一览表"]},
        units=dict(UNIT_FACTORS),
    )


def notice() -> Vocabulary:
    return Vocabulary(
        kind="notice",
        titles=[r"(通知|方案|公告|办法|意见|通告|指南|规则|细则|公示|批复|决定|函|要点|规划|工作计划)$"],
        dates={"written": ["成文日期", "发布日期", "发布时间", "发文日期", "印发日期"],
               "filing": ["申报日期", "填表时间", "填报日期", "填表日期", "申请日期", "报送日期"]},
    )


def BUILTIN() -> List[Vocabulary]:  # noqa: N802 - a constant made on first use
    from .selfeval.vocabulary import department, self_evaluation

    return [performance(), disclosure(), form(), notice(), self_evaluation(), department()]
