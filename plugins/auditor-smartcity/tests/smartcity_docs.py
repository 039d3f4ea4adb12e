"""Documents for the smart-city tests, built in the layout of the competition's own template.

The 实施方案 of the 智慧泉城创新应用大赛 (seed 003) ships a blank
《济南市新型智慧城市试点示范项目申报表》 and 《项目绩效评价表》 exported from Word
as text: one cell a line behind a tab, rows separated by blank lines.
:func:`application` rebuilds those two sections with the same rows and labels
and fills them in, so a test can change exactly one value.
"""
from __future__ import annotations

from typing import Optional

from auditor.testing import form_text

VALID_CODE = "91370100MA3C4N2Q1K"  # GB 32100 check character K
INVALID_CODE = "91370100MA3C4N2Q1X"  # same code, wrong check character
OTHER_VALID_CODE = "91370102MA94RB6K0J"

UNIT = "济南泉城智慧科技有限公司"
PROJECT = "智慧停车一体化服务平台"


def application_form(*, code: str = VALID_CODE, contact: str = "张三", phone: str = "0531-66602617",
                     project: str = PROJECT, filed: Optional[str] = "2021年12月10日") -> str:
    """The 申报表 (附件1), filled in; ``filed=None`` leaves the 申报日期 line out."""
    rows = [
        ["（一）参赛单位基本信息"],
        ["参赛单位名称", f"{UNIT}（盖章）"],
        ["统一社会信用代码", code],
        ["企业性质", "□国有 ☑民营 □三资", "注册资本", "1000万元"],
        ["企业地址", "济南市历下区经十路1号", "法定代表人", "李四"],
        ["联系人", "姓名", contact, "联系方式", phone],
        ["", "职务", "项目经理", "邮箱", "zhangsan@example.com"],
        ["总资产", "5000万元", "负债率", "35%"],
        ["2020年销售收入（万元）", "3000", "2021年销售收入（万元）", "3600"],
        ["2020年净利润\n（万元）", "300", "2021年净利润（万元）", "380"],
        ["单位简介\n（限200字）", "专注城市级智慧停车平台建设与运营。"],
        ["（二）参赛项目基本信息"],
        ["项目名称", project],
        ["涉及领域", "□产业与经济发展  □政务服务\n☑城市管理        □社会治理\n□其他  请填写名称："],
        ["项目投资主体", "市财政投资建设：□是，☑否\n投资主体名称：" + UNIT],
        ["项目简介\n(限800字)", "建设全市停车泊位一张网，实现泊位查询、预约、无感支付。"],
    ]
    after = [f"申报日期：{filed}"] if filed is not None else []
    return form_text("济南市新型智慧城市试点示范项目申报表", rows, after=after)


def evaluation_form(*, code: str = VALID_CODE, satisfaction_name: str = "服务对象满意度",
                    satisfaction_value: str = "≥90%", project: str = PROJECT) -> str:
    """The 项目绩效评价表, filled in; its last indicator row is the template's 满意度 row."""
    rows = [
        ["参赛单位名称", f"{UNIT}（盖章）", "统一社会信用代码", code],
        ["项目类型", "城市管理", "项目负责人", "张三", "联系电话", "0531-66602617"],
        ["项目名称", project],
        ["项目期限", "2021年1月至2021年10月"],
        ["项目单位职能（生产经营）概述", "智慧停车平台的建设与运营。"],
        ["项目概况、主要内容及用途", "建设停车泊位一张网，面向市民提供停车服务。"],
        ["企业主要产品", "智慧停车云平台"],
        ["项目立项情况", "项目立项的依据", "济南市新型智慧城市建设实施意见"],
        ["", "项目的可行性和必要性", "缓解停车难，技术方案成熟。"],
        ["项目绩效\n目标", "全市主要停车场接入平台，寻位时间明显缩短。"],
        ["年度绩效\n指标", "一级指标", "二级指标", "指标内容", "指标值", "完成情况"],
        ["", "产出指标", "数量指标", "接入停车场数量", "≥100个", "120个"],
        ["", "", "质量指标", "系统可用率", "≥99%", "99.5%"],
        ["", "", "时效指标", "项目完成时间", "2021年10月底前", "按期完成"],
        ["", "", "成本指标", "项目总投资", "≤800万元", "760万元"],
        ["", "效益指标", "经济效益\n指标", "年节约停车管理成本", "≥50万元", "60万元"],
        ["", "", "社会效益\n指标", "平均寻位时间缩短", "≥30%", "35%"],
        ["", "", "生态效益\n指标", "减少车辆怠速排放", "明显减少", "已减少"],
        ["", "", "可持续影响指标", "平台持续运营年限", "≥5年", "运营中"],
        ["", "社会公众或服务对象满意度指标", "具体指标", satisfaction_name, satisfaction_value, "96%" if satisfaction_value else ""],
        ["企业近一年来获得称号", "山东省瞪羚企业"],
        ["其他需要说明的问题", "无"],
    ]
    return form_text("项目绩效评价表", rows, blank_after_title=False)


def application(*, code: str = VALID_CODE, eval_code: Optional[str] = None, contact: str = "张三",
                phone: str = "0531-66602617", filed: Optional[str] = "2021年12月10日",
                satisfaction_name: str = "服务对象满意度", satisfaction_value: str = "≥90%",
                notice: str = "") -> str:
    """A whole application: (a notice,) the 申报表 and the 项目绩效评价表."""
    return (notice + application_form(code=code, contact=contact, phone=phone, filed=filed) + "\n"
            + evaluation_form(code=eval_code or code, satisfaction_name=satisfaction_name,
                              satisfaction_value=satisfaction_value))


def notice(deadline: str = "2021年12月31日") -> str:
    """A short competition notice that sets its own deadline (SC002 reads it)."""
    return (f"关于举办智慧泉城创新应用大赛的通知\n\n各区县工业和信息化局：\n\n"
            f"区县汇总材料上报截止时间为{deadline},逾期不再受理。\n\n\n")


def selection_notice(*, quotas: str = "综合集成型服务商3-6家、“小快轻准”产品型服务商10-20家、“链主”企业型服务商1-3家",
                     integrator_cases: str = "不少于2项", product_cases: str = "不少于3项") -> str:
    """A 服务商遴选 notice with the structure of seed 004 (simplified characters)."""
    lines = [
        "青岛市民营经济发展局关于遴选中小企业数字化转型推荐服务商的通知",
        "",
        "    一、遴选范围",
        "",
        f"    面向我市四个细分行业,遴选第一批服务商,组建服务商资源池。每个细分行业拟分别遴选{quotas}。",
        "",
        "    (一)综合集成型服务商",
        "",
        "    综合集成型服务商应具有综合集成和顶层规划设计能力。",
        "",
        "    (二)“小快轻准”产品型服务商",
        "",
        "    “小快轻准”产品型服务商应具有较深的行业经验积累。",
        "",
        "    (三)“链主”企业型服务商",
        "",
        "    “链主”企业型服务商应充分发挥行业龙头引领作用。",
        "",
        "    二、遴选条件",
        "",
        "    (一)基本条件",
        "",
        "    1.应在中华人民共和国境内注册,同一主体的不同分公司不得重复参与遴选;",
        "",
        "    (二)综合集成型服务商",
        "",
        f"    1.具备综合集成服务和顶层规划设计能力,申报时须提供{integrator_cases}本细分行业综合集成服务案例;",
        "",
        "    (三)“小快轻准”产品型服务商",
        "",
        f"    2.“小快轻准”产品应在对应细分行业具有相应的服务案例,申报时须提供{product_cases}本细分行业服务案例。",
        "",
        "    (四)“链主”企业型服务商",
        "",
        "    1.其所属产业链上下游协作配套的试点企业原则上不少于10家;",
        "",
        "    青岛市民营经济发展局",
        "",
        "                        2024年1月19日",
    ]
    return "\n".join(lines) + "\n"
