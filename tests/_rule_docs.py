"""Small documents for the rule tests, in the layouts the seeds use.

- :class:`TabDoc` writes the *one cell a line* export (seeds 000, 001): each
  cell on its own line behind a tab, rows separated by blank lines, headings
  and titles as plain lines.  It remembers the line of every cell it writes,
  so a test can assert a rule's anchor line without counting by hand.
- :func:`tab_perf_table` is a 绩效目标表 in that layout (seed 001).
- :func:`disclosure` is a 政府购买服务信息公开表 in that layout (seed 000).

The markdown pipe layout (seed 002) comes from :func:`auditor.testing.perf_table`.
"""
from __future__ import annotations

from typing import Dict, Hashable, List, Optional, Sequence, Tuple


class TabDoc:
    def __init__(self) -> None:
        self.lines: List[str] = []
        self.at: Dict[Hashable, int] = {}

    def para(self, text: str, key: Hashable = None) -> int:
        """A line of text (a title, a heading, a sentence) and a blank line after it."""
        self.lines.append(text)
        number = len(self.lines)
        if key is not None:
            self.at[key] = number
        self.lines.append("")
        return number

    def row(self, *cells: str) -> List[int]:
        """One table row: every cell on its own tab-led line; the lines written."""
        numbers = []
        for cell in cells:
            self.lines.append("\t" + cell)
            numbers.append(len(self.lines))
        self.lines.append("")
        return numbers

    def line(self, key: Hashable) -> int:
        return self.at[key]

    @property
    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


# -- a 绩效目标表, one cell a line (seed 001) ----------------------------------

IndicatorSpec = Tuple[str, ...]  # (一级, 二级, 三级, 指标值[, 描述])


def tab_perf_table(
    *,
    doc: Optional[TabDoc] = None,
    title: str = "1.测试项目绩效目标表",
    code: str = "37020022P88002810001A",
    name: str = "测试项目",
    budget: str = "170.00",
    fiscal: Optional[str] = None,
    other: str = "",
    plan: Optional[Sequence[str]] = ("10.00", "30.00", "80.00", "100.00"),
    indicators: Sequence[IndicatorSpec] = (),
    defaults: bool = True,
) -> TabDoc:
    """A 绩效目标表 as seed 001 writes it; keys: ``title``, ``code``, ``budget``,
    ``fiscal``, ``other``, ``plan``, ``("plan", i)``, ``("name", i)``, ``("value", i)``.

    Unless ``defaults`` is off, rows for 成本, 效益 and 满意度 are added when the
    given indicators lack them, so only what a test is about can fire.  The
    indicators follow the older framework of seed 001 (成本指标 as a 二级指标
    under 产出指标) unless a row says otherwise.
    """
    d = doc or TabDoc()
    d.para(title, "title")
    d.row("502001青岛市工业和信息化局本级", "单位：万元")
    ln = d.row("项目编码", code, "项目名称", name)
    d.at["code"] = ln[1]
    ln = d.row("预算规模及资金用途", "预算数", budget, "其中：财政    资金", budget if fiscal is None else fiscal, "其他资金", other)
    d.at["budget"], d.at["fiscal"], d.at["other"] = ln[2], ln[4], ln[6]
    d.row("", "用于项目实施的工作经费")
    if plan is not None:
        ln = d.row("资金支出计划（%）", "3月底", "6月底", "10月底", "12月底")
        d.at["plan"] = ln[0]
        ln = d.row("", *plan)
        for i, number in enumerate(ln[1:]):
            d.at[("plan", i)] = number
    d.row("绩效目标", "1.完成年度工作目标。")
    d.row("一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据")
    rows = list(indicators)
    words = "".join(r[0] + r[1] for r in rows)
    if defaults:
        if "成本" not in words:
            rows.append(("产出指标", "成本指标", "项目成本", f"≤{budget or '100'}万元"))
        if "效益" not in words:
            rows.append(("效益指标", "社会效益指标", "服务覆盖面", "明显提升"))
        if "满意" not in words:
            rows.append(("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90百分比"))
    previous = None
    for i, spec in enumerate(rows):
        level1, level2, name3, value = spec[:4]
        desc = spec[4] if len(spec) > 4 else "考察" + name3
        shown = "" if level1 == previous else level1  # a merged 一级指标 cell: only its first row says it
        previous = level1
        ln = d.row(shown, level2, name3, desc, value, "计划标准")
        d.at[("name", i)], d.at[("value", i)] = ln[2], ln[4]
    return d


# -- a 政府购买服务信息公开表, one cell a line (seed 000) --------------------------

BUDGET_HEADER = ("序号", "政府购买服务项目名称", "类别", "内容", "服务\n对象", "购买\n方式", "预算金额\n（万元）", "备注")
CONTRACT_HEADER = ("序号", "政府购买服务项目名称", "承接主体名称", "承接主体类别", "承接价格（万元）", "合同起始期限", "合同截止期限", "备注")
FINAL_HEADER = ("序号", "政府购买服务项目名称", "类别", "内容", "决算金额（万元）", "备注")
EVALUATION_HEADER = ("序号", "政府购买服务项目名称", "预算绩效目标", "绩效评价结果", "备注")


def _header(d: TabDoc, cells: Sequence[str]) -> None:
    """A header row; a cell with a line break continues on a line without the tab (seed 000)."""
    for cell in cells:
        first, *more = cell.split("\n")
        d.lines.append("\t" + first)
        d.lines.extend(more)
    d.lines.append("")


def disclosure(
    *,
    year: int = 2019,
    budget: Sequence[Tuple[str, str]] = (),
    contracts: Sequence[Tuple[str, str, str, str, str]] = (),
    finals: Sequence[Tuple[str, ...]] = (),
    evaluations: Optional[Sequence[str]] = None,
    agency: str = "XX局",
) -> TabDoc:
    """A disclosure with its four sections; keys:

    ``title``, ``section:一`` … ``section:四``, ``("budget", name)`` (the name cell),
    ``("amount", name)``, ``("price", i)``, ``("start", i)``, ``("final", name)``.

    ``budget``: (name, 预算金额); ``contracts``: (name, 承接主体, 承接价格, 起始, 截止)
    — a contract for the same project as the row above gets blank 序号 and name, as
    in seed 000; ``finals``: (name, 决算金额[, 备注]); ``evaluations``: names (default:
    every budgeted project).
    """
    d = TabDoc()
    d.para("附件1")
    d.para(f"{agency}{year}年政府购买服务信息公开表", "title")
    d.para(f"一、{year}年度政府购买服务预算", "section:一")
    _header(d, BUDGET_HEADER)
    for seq, (name, amount) in enumerate(budget, start=1):
        ln = d.row(str(seq), name, "政府履职所需辅助性服务-其他", f"{name}相关服务", "机关事业单位", "政府采购", amount, "")
        d.at[("budget", name)], d.at[("amount", name)] = ln[1], ln[6]
    d.para("")
    d.para(f"二、{year}年度政府购买服务项目承接主体", "section:二")
    _header(d, CONTRACT_HEADER)
    seq, previous = 0, None
    for i, (name, contractor, price, start, end) in enumerate(contracts):
        if name == previous:
            ln = d.row("", "", contractor, "企业", price, start, end, "")
        else:
            seq += 1
            ln = d.row(str(seq), name, contractor, "企业", price, start, end, "")
        previous = name
        d.at[("price", i)], d.at[("start", i)] = ln[4], ln[5]
    d.para(f"三、{year}年度政府购买服务决算信息", "section:三")
    _header(d, FINAL_HEADER)
    for seq, spec in enumerate(finals, start=1):
        name, amount = spec[0], spec[1]
        remark = spec[2] if len(spec) > 2 else ""
        ln = d.row(str(seq), name, "政府履职所需辅助性服务-其他", f"{name}相关服务", amount, remark)
        d.at[("final", name)] = ln[4]
    d.para(f"四、{year}年度政府购买服务绩效评价信息", "section:四")
    _header(d, EVALUATION_HEADER)
    names = [b[0] for b in budget] if evaluations is None else list(evaluations)
    for seq, name in enumerate(names, start=1):
        d.row(str(seq), name, "按合同完成服务", "经验收，完成合同约定内容", "")
    return d
