"""Typed models of what budget documents hold, and of the findings about them.

Every value read from a document keeps the 1-based line it came from, so a
finding can always point at a line a person can open.  For native files
(.docx/.xlsx/.pdf) ``line`` is the paragraph, row or page number and
``location`` says which (``sheet1!B7``, ``page 3 row 4`` …).
"""
from __future__ import annotations

from datetime import date
from typing import Annotated, Any, ClassVar, Dict, List, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Discriminator, Field, PrivateAttr, SerializeAsAny, Tag

from .sources import SourceRef
from .construct import default_of

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[str, ...] = ("error", "warning", "info")
SEVERITY_RANK = {"info": 1, "warning": 2, "error": 3}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False, defer_build=True)


class Cell(_Model):
    """One piece of text from the source: a table cell or a line."""

    text: str = ""
    line: int = 1
    location: Optional[str] = None
    #: the exact place of the text in the source (see :class:`auditor.sources.SourceRef`)
    ref: Optional[SourceRef] = None

    @property
    def blank(self) -> bool:
        return not self.text.strip()


class ParsedValue(_Model):
    """A 指标值 or amount broken into operator, number, unit and period.

    ``kind`` is ``number``, ``range``, ``text`` (qualitative: 及时, 提高 …),
    ``date`` (a deadline such as ``≤11月30日``) or ``empty``.
    """

    raw: str = ""
    kind: Literal["number", "range", "text", "date", "empty"] = "empty"
    op: Optional[Literal[">=", "<=", "=", ">", "<"]] = None
    number: Optional[float] = None
    high: Optional[float] = None
    unit: Optional[str] = None
    unit_raw: Optional[str] = None
    unit_kind: Optional[Literal["money", "percent", "count", "time", "physical", "other"]] = None
    per: Optional[str] = None
    count_word: bool = False
    text: str = ""


class Amount(_Model):
    """A money cell (预算数, 承接价格 …) in 万元 unless the source said otherwise."""

    raw: str = ""
    value: Optional[float] = None
    wan: Optional[float] = None  # the value converted to 万元
    line: int = 1
    location: Optional[str] = None
    #: the unit the amount was written in (``万元``, ``元``, ``亿元``): from the cell, column or table
    unit: Optional[str] = None
    ref: Optional[SourceRef] = None


class Checkpoint(_Model):
    #: the checkpoint as the rules read it (``6月底``; a quarter or a month is its month's end)
    label: str
    value: Optional[float] = None
    raw: str = ""
    line: int = 1
    ref: Optional[SourceRef] = None
    #: the label as the source writes it (``第二季度``, ``1-6月``), for messages; empty when it is ``label``
    written: str = ""

    @property
    def shown(self) -> str:
        return self.written or self.label


class SpendPlan(_Model):
    """The 资金支出计划（%） row: cumulative percent spent by each checkpoint."""

    present: bool = False
    line: Optional[int] = None
    checkpoints: List[Checkpoint] = Field(default_factory=list)
    #: the source gave per-period shares (分季度, or a 合计 of 100); ``checkpoints`` hold them made cumulative
    per_period: bool = False
    #: the money unit the plan's own label declares (资金支出计划（元）): its values are amounts in it
    unit: Optional[str] = None

    def filled(self) -> List[Checkpoint]:
        return [c for c in self.checkpoints if c.value is not None]


class Indicator(_Model):
    """One indicator row: 一级 / 二级 / 三级指标, 描述, 指标值, 依据."""

    level1: str = ""
    level1_written: str = ""  # what the row itself says, before inheritance
    level2: str = ""
    name: str = ""
    description: str = ""
    value_raw: str = ""
    value: ParsedValue = Field(default_factory=default_of(ParsedValue))
    basis: str = ""
    line: int = 1
    name_line: int = 1
    value_line: int = 1
    location: Optional[str] = None
    realigned: Optional[str] = None
    #: the value cell (指标值) and the name cell (三级指标) in the source
    ref: Optional[SourceRef] = None
    name_ref: Optional[SourceRef] = None


class Part(_Model):
    """One typed thing an interpreter read from a section of a document.

    The built-in kinds are :class:`PerformanceTable`, :class:`Disclosure`,
    :class:`Form` and :class:`Notice`; a plugin subclasses ``Part`` for a kind
    of its own (with ``kind`` a literal of its name) and yields it from its
    interpreter.  ``ref`` is where the part starts in the source.
    """

    #: whether a part of this kind counts in FileResult.tables (a notice-like kind sets False)
    counts_as_table: ClassVar[bool] = True
    kind: str = "part"
    title: str = ""
    title_line: int = 1
    ref: Optional[SourceRef] = None


class PerformanceTable(Part):
    """A 绩效目标表 (or the indicator part of an evaluation form)."""

    kind: Literal["performance"] = "performance"
    index: Optional[int] = None
    first_line: int = 1
    last_line: int = 1
    project_code: Optional[Cell] = None
    project_name: Optional[Cell] = None
    #: the budget unit the table belongs to (``502001青岛市工业和信息化局本级`` → 青岛市工业和信息化局本级)
    department: Optional[Cell] = None
    unit: str = "万元"
    budget: Optional[Amount] = None
    fiscal: Optional[Amount] = None
    other: Optional[Amount] = None
    purpose: str = ""
    plan: SpendPlan = Field(default_factory=default_of(SpendPlan))
    goals: str = ""
    indicators: List[Indicator] = Field(default_factory=list)
    has_indicator_header: bool = False

    @property
    def is_blank_template(self) -> bool:
        """A form to fill: every 指标值 is empty."""
        if not self.has_indicator_header:
            return False
        for i in self.indicators:  # asked by every rule of every table: a loop, not a generator
            if i.value_raw.strip():
                return False
        return True

    @property
    def label(self) -> str:
        return (self.project_name.text if self.project_name else "") or self.title


class Score(_Model):
    """A 分值, 得分 or 执行率 cell of a self-evaluation; ``percent`` when written with %."""

    raw: str = ""
    value: Optional[float] = None
    percent: bool = False
    line: int = 1
    location: Optional[str] = None
    ref: Optional[SourceRef] = None


class FundRow(_Model):
    """A row of a self-evaluation's 项目资金 block: 年度资金总额 or one of its sources
    (或 a use: 基本支出, 项目支出), by column 年初预算数 | 全年预算数 | 全年执行数."""

    label: str = ""
    role: Literal["total", "source", "use"] = "source"
    line: int = 1
    ref: Optional[SourceRef] = None    # the label cell
    planned: Optional[Amount] = None   # 年初预算数
    budget: Optional[Amount] = None    # 全年预算数 / 调整后预算数
    executed: Optional[Amount] = None  # 全年执行数
    weight: Optional[Score] = None     # 分值
    rate: Optional[Score] = None       # 执行率
    score: Optional[Score] = None      # 得分


class SelfIndicator(Indicator):
    """An indicator row of a self-evaluation: the target (``value``, from 年度指标值)
    and what the year brought: 实际完成值, 分值, 得分, 偏差原因分析及改进措施."""

    actual_raw: str = ""
    actual: ParsedValue = Field(default_factory=default_of(ParsedValue))
    actual_line: int = 1
    actual_location: Optional[str] = None
    actual_ref: Optional[SourceRef] = None
    weight: Optional[Score] = None
    score: Optional[Score] = None
    reason: str = ""


class SelfEvaluation(PerformanceTable):
    """A 项目支出绩效自评表 or 部门整体支出绩效自评表 (``scope``).

    ``budget`` is the 全年预算数 the VAL/IND/BUD005 rules read (the 年度资金总额
    row's, else the sum of its sources); ``planned`` is 年初预算数.  No spend plan."""

    kind: Literal["self-evaluation"] = "self-evaluation"  # type: ignore[assignment]
    scope: Literal["project", "department"] = "project"
    year: Optional[int] = None
    department: Optional[Cell] = None    # 主管部门 / 部门名称
    implementer: Optional[Cell] = None   # 实施单位
    planned: Optional[Amount] = None     # 年初预算数 of 年度资金总额 (else the sources' sum)
    executed: Optional[Amount] = None    # 全年执行数 of 年度资金总额 (else the sources' sum)
    funds: List[FundRow] = Field(default_factory=list)
    goal_expected: str = ""              # 年度总体目标: 预期目标
    goal_actual: str = ""                # 年度总体目标: 实际完成情况
    indicators: List[SelfIndicator] = Field(default_factory=list)  # type: ignore[assignment]
    total_line: Optional[int] = None     # the 总分 row
    total_weight: Optional[Score] = None
    total_score: Optional[Score] = None

    def fund_total(self) -> Optional[FundRow]:
        return next((f for f in self.funds if f.role == "total"), None)

    def fund_parts(self, role: str = "source") -> List[FundRow]:
        return [f for f in self.funds if f.role == role]


class FundLine(_Model):
    """One line of a department table's money: a source (财政拨款 …) or a use (基本支出 …)."""

    label: str = ""
    amount: Amount = Field(default_factory=default_of(Amount))


class Task(_Model):
    """A 年度主要任务 row of a department table."""

    name: Cell
    content: str = ""
    amount: Optional[Amount] = None


class DepartmentTable(PerformanceTable):
    """A 部门整体支出绩效目标表: money split by source and by use, tasks, indicators; no spend plan.

    ``budget`` is the table's total (资金总额 / 预算数 / 合计)."""

    kind: Literal["department"] = "department"  # type: ignore[assignment]
    department: Optional[Cell] = None
    sources: List[FundLine] = Field(default_factory=list)
    uses: List[FundLine] = Field(default_factory=list)
    tasks: List[Task] = Field(default_factory=list)


def _table_kind(value: Any) -> str:
    """A table's kind; a table written without one (older JSON documents) is a target table."""
    kind = value.get("kind") if isinstance(value, dict) else getattr(value, "kind", None)
    return kind if kind in ("performance", "self-evaluation", "department") else "performance"


AnyTable = Annotated[Union[Annotated[PerformanceTable, Tag("performance")], Annotated[SelfEvaluation, Tag("self-evaluation")],
                           Annotated[DepartmentTable, Tag("department")]], Discriminator(_table_kind)]


class BudgetItem(_Model):
    seq: str = ""
    name: Cell
    amount: Optional[Amount] = None
    remark: str = ""
    #: the row's 内容 (what is bought), where the section has that column
    content: str = ""
    #: the row's 项目编码, where the section has that column
    code: Optional[Cell] = None


class ContractRow(_Model):
    seq: str = ""
    project: Cell
    contractor: str = ""
    contractor_cell: Optional[Cell] = None
    price: Optional[Amount] = None
    start: Optional[date] = None
    start_cell: Optional[Cell] = None
    end: Optional[date] = None
    end_cell: Optional[Cell] = None
    remark: str = ""
    credit_code: Optional[Cell] = None
    #: a term written as a duration (``3年``, ``36个月``) instead of dates, in months; its cell is ``start_cell``
    term_months: Optional[int] = None


class FinalRow(_Model):
    seq: str = ""
    name: Cell
    amount: Optional[Amount] = None
    remark: Optional[Cell] = None
    content: str = ""


class EvaluationRow(_Model):
    seq: str = ""
    name: Cell
    target: str = ""
    result: str = ""


class Section(_Model):
    title: str = ""
    line: int = 1
    rows_skipped: int = 0


class Disclosure(Part):
    """A 政府购买服务信息公开表 with its four sections."""

    kind: Literal["disclosure"] = "disclosure"
    year: Optional[int] = None
    budget: List[BudgetItem] = Field(default_factory=list)
    contracts: List[ContractRow] = Field(default_factory=list)
    finals: List[FinalRow] = Field(default_factory=list)
    evaluations: List[EvaluationRow] = Field(default_factory=list)
    sections: dict[str, Section] = Field(default_factory=dict)  # budget/contracts/finals/evaluations


class DateMention(_Model):
    """A date found in a notice or form, with what it is (成文日期, deadline …)."""

    role: Literal["written", "published", "signed", "deadline", "stage", "filing", "other"] = "other"
    date: date
    end: Optional[date] = None
    raw: str = ""
    label: str = ""
    line: int = 1
    ref: Optional[SourceRef] = None
    #: for a stage: which schedule of the document it belongs to (1 for the first 时间安排 / 申报程序 …;
    #: 0 for a 阶段 named in running text), so stages are put in order within their own schedule
    schedule: int = 0


class FormField(_Model):
    label: str
    value: str = ""
    line: int = 1
    value_line: Optional[int] = None
    ref: Optional[SourceRef] = None


class Form(Part):
    """An application or evaluation form (申报表, 项目绩效评价表, 推荐汇总表)."""

    kind: Literal["form"] = "form"
    fields: List[FormField] = Field(default_factory=list)
    #: the money unit the form declares (金额单位：元 above it), for amounts whose label names none
    unit: str = "万元"

    def field(self, *labels: str) -> Optional[FormField]:
        for f in self.fields:
            key = f.label.replace(" ", "")
            if any(lab in key for lab in labels):
                return f
        return None


class Notice(Part):
    """A notice or implementation plan (通知 / 实施方案) and its dates."""

    kind: Literal["notice"] = "notice"
    dates: List[DateMention] = Field(default_factory=list)
    #: the notice's non-blank lines (prepared text: simplified, glosses removed), each with its line
    text_lines: List[Cell] = Field(default_factory=list)


class ParseIssue(_Model):
    """A problem the reader met (PARSE001/002/003); turned into a finding."""

    rule: str
    line: int = 1
    message: str
    table: Optional[str] = None
    evidence: str = ""
    #: a typed problem: a short code (``unclaimed-block``, ``partly-read`` …), the data its message was
    #: filled from, and where it is
    code: str = ""
    data: Dict[str, Any] = Field(default_factory=dict)
    ref: Optional[SourceRef] = None


class Document(_Model):
    """Everything read from one file."""

    path: str
    kind: str = "unknown"
    layout: str = "unknown"
    encoding: Optional[str] = None
    year: Optional[int] = None
    title: str = ""
    line_count: int = 0
    tables: List[AnyTable] = Field(default_factory=list)
    disclosures: List[Disclosure] = Field(default_factory=list)
    forms: List[Form] = Field(default_factory=list)
    notices: List[Notice] = Field(default_factory=list)
    toc: List[Cell] = Field(default_factory=list)
    issues: List[ParseIssue] = Field(default_factory=list)
    #: for native files: line number → where it is (``表2 第5行``, ``Sheet1!B7``, ``第3页``)
    locations: Dict[int, str] = Field(default_factory=dict)
    #: parts of kinds other than the four built-in lists (plugin kinds, self-evaluations …)
    others: List[SerializeAsAny[Part]] = Field(default_factory=list)
    #: what was read and what was not: {"parts": {kind: n}, "blocks": n, "unread": n, "partly": n,
    #: "unread_blocks": [{"line", "location", "title", "rows", "reason"}]}
    coverage: Dict[str, Any] = Field(default_factory=dict)
    #: the decoded text lines (text inputs), to find a cell's column; not serialised
    _lines: List[str] = PrivateAttr(default_factory=list)

    def table_count(self) -> int:
        return len(self.tables) + len(self.disclosures) + len(self.forms) + sum(1 for p in self.others if p.counts_as_table)

    # -- typed parts ------------------------------------------------------------
    @property
    def parts(self) -> List[Part]:
        """Every part read, in kind order: tables, disclosures, forms, notices, then the others.

        ``tables`` / ``disclosures`` / ``forms`` / ``notices`` stay the built-in kinds' views
        (and their storage, so old rules and plugins keep working); add parts with :meth:`add`."""
        return [*self.tables, *self.disclosures, *self.forms, *self.notices, *self.others]

    def add(self, part: Part) -> None:
        """File a part under its kind's list."""
        if isinstance(part, PerformanceTable):
            self.tables.append(part)
        elif isinstance(part, Disclosure):
            self.disclosures.append(part)
        elif isinstance(part, Form):
            self.forms.append(part)
        elif isinstance(part, Notice):
            self.notices.append(part)
        else:
            self.others.append(part)

    def parts_of(self, types: Any) -> List[Part]:
        """The parts that are instances of ``types`` (a type or a tuple of types)."""
        if types is PerformanceTable or types == (PerformanceTable,):
            return list(self.tables)
        return [p for p in self.parts if isinstance(p, types)]

    @property
    def text_lines(self) -> List[str]:
        return self._lines

    def set_text_lines(self, lines: List[str]) -> None:
        self._lines = lines


class Finding(BaseModel):
    """One audit finding, the unit of the findings contract (OUTPUT.md)."""

    model_config = ConfigDict(extra="allow", defer_build=True)

    rule: str
    severity: Severity
    file: str
    line: int
    message: str
    table: Optional[str] = None
    project_code: Optional[str] = None
    evidence: str = ""
    fingerprint: str = ""
    name: Optional[str] = None
    #: the exact cell a person must open: ``表2!E13`` (xlsx), ``表1 第11行第5列`` (docx/html), ``第3页`` (pdf)
    location: Optional[str] = None
    #: 1-based column span of the cell's text on ``line`` (text inputs); None where the source has no columns
    column: Optional[int] = None
    end_column: Optional[int] = None
    #: where the cell is in the source, by kind: {"kind": "text"|"xlsx"|"docx"|"html"|"pdf", "line", "column",
    #: "end_column", "sheet", "cell", "merged", "table", "row", "col", "page", "bbox"} (keys present as known)
    source: Optional[Dict[str, Any]] = None
    #: a suggested fix: {"description", "applicability": "safe"|"unsafe"|"display-only",
    #: "edits": [{"line", "column", "end_column", "location", "old", "new"}]}
    fix: Optional[Dict[str, Any]] = None
    #: what the finding is about (an indicator name, ``plan``, ``budget`` …): part of the fingerprint,
    #: and what a ``[[suppress]]`` entry's ``field`` matches
    field: Optional[str] = None


class Problem(BaseModel):
    """A file that could not be audited at all (also reported as PARSE001)."""

    model_config = ConfigDict(defer_build=True)

    file: str
    message: str
