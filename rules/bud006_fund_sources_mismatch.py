"""BUD006: 财政资金 + 其他资金 ≠ 预算数; in a department table, each split (by source, by use) ≠ its total;
in an application (or a list of projects, a row each), the listed sources ≠ 项目总投资 (合计)."""
from __future__ import annotations

import re
from typing import Dict, Iterator, List, Optional, Tuple

from auditor.names import is_rate_name
from auditor.readers.performance import checkpoint_in_label
from auditor.models import Amount, DepartmentTable, Document, Form, FormField, SelfEvaluation
from auditor.rule import Issue, Rule, performance_tables
from auditor.selfeval.scoring import line_sums
from auditor.values import MONEY_IN_BRACKETS, compact, parse_amount
from auditor.vocabulary import vocabulary

from ._common import differs, fmt, written

_AMOUNT_TEXT = re.compile(r"^-?[\d,，]+(?:\.\d+)?$")
#: numbered columns of a list that hold no money
_NOT_MONEY = frozenset({"序号", "编号", "年度", "排序", "项目编码", "项目代码", "联系电话", "统一社会信用代码"})
#: a column of codes or numbers to dial (单位编码, 部门代码, 联系电话): digits, no money
_CODE_ENDINGS = ("编码", "代码", "编号", "号码", "电话")
_SPLITS = (("sources", "资金来源", "sources"), ("uses", "支出用途", "uses"))


class FundSourcesMismatch(Rule):
    id = "BUD006"
    name = "fund-sources-mismatch"
    severity = "error"
    summary = ("财政资金与其他资金之和不等于预算数；部门整体表按来源、按用途的拆分各自不等于资金总额；申报表（或逐行列出项目的清单）所列资金来源之和不等于项目总投资（合计） / "
               "fiscal plus other funds does not equal the budget; in a department table, each split (by source, by use) must add up; "
               "in an application or a list of projects, the sources listed must add up to the total investment (合计).")
    why = "预算数由资金来源构成，二者不符说明表内数字有误。The budget is the sum of its sources; a mismatch means a wrong figure."
    bad = "预算数 170；其中财政资金 150，其他资金 空"
    good = "预算数 170；其中财政资金 150，其他资金 20"
    fix = "核对预算批复，修正预算数或资金来源 / correct the budget or its sources from the approved budget."
    policy = "《中华人民共和国预算法》第四条；部门预算编报要求"
    anchor = "the 预算数 cell"

    def check(self, doc: Document) -> Iterator[Issue]:
        for table in performance_tables(doc, filled_only=False):
            if isinstance(table, SelfEvaluation):
                continue  # SE001 checks a self-evaluation's fund rows
            if isinstance(table, DepartmentTable):
                yield from self._splits(table)
                continue
            if table.budget is None or table.budget.wan is None:
                continue
            if table.fiscal is None and table.other is None:
                continue
            fiscal = table.fiscal.wan if table.fiscal and table.fiscal.wan is not None else 0.0
            other = table.other.wan if table.other and table.other.wan is not None else 0.0
            if differs(fiscal + other, table.budget.wan):
                sources = [a for a in (table.fiscal, table.other) if a is not None]
                if {(a.unit or "万元") for a in (*sources, table.budget)} == {"万元"}:
                    said = f"财政资金 {fmt(fiscal)} + 其他资金 {fmt(other)} = {fmt(fiscal + other)}，不等于预算数 {fmt(table.budget.wan)} 万元"
                else:  # RULES.md "Amounts and units": as written, and in 万元
                    said = (f"财政资金 {written([table.fiscal], fiscal)} + 其他资金 {written([table.other], other)} = {written(sources, fiscal + other)}，"
                            f"不等于预算数 {written([table.budget], table.budget.wan)}")
                yield self.issue(
                    table.budget,
                    f"{said} / fund sources do not add up to the budget",
                    where=table, evidence=table.budget.raw, field="budget",
                )
        yield from self._applications(doc)

    def _applications(self, doc: Document) -> Iterator[Issue]:
        """An application's 项目总投资 (a list's 合计) against its sources (申请…资金 + 自筹 + 贷款 …,
        一般公共预算拨款 + 其他资金 …) when it lists two or more; a list of projects (a label given once a
        row: 推荐汇总表, 项目清单) row by row."""
        for form in doc.forms:
            labels = [compact(f.label) for f in form.fields if f.value.strip()]
            listed = len(labels) != len(set(labels))
            if not listed:
                groups = [form.fields]
            else:
                rows: Dict[int, List[FormField]] = {}
                for f in form.fields:
                    rows.setdefault(f.value_line or f.line, []).append(f)
                groups = [rows[line] for line in sorted(rows)]
            for fields in groups:
                yield from self._total_against_sources(form, fields, listed)

    def _total_against_sources(self, form: Form, fields: List[FormField], listed: bool) -> Iterator[Issue]:
        form_words, table_words = vocabulary("form"), vocabulary("performance")
        stems = form_words.words.get("fund_source", [])
        total: Optional[Amount] = None
        total_label = ""
        sources: List[Tuple[str, Optional[Amount], str]] = []  # (label, amount or None when blank, role)
        for f in fields:
            label = MONEY_IN_BRACKETS.sub("", compact(f.label))
            bare = label.split("：", 1)[-1].split(":", 1)[-1] if label.startswith("其中") else label
            role = form_words.key_role(label) or form_words.key_role(bare) or table_words.key_role(bare)
            is_total = role in ("total_investment", "budget")
            is_source = not is_total and (role in ("requested", "fiscal", "fiscal_part", "other")
                                          or ("申请" in bare and bare.endswith(("资金", "金额"))) or any(w in bare for w in stems))
            if not (is_total or is_source):
                if checkpoint_in_label(f.label) is not None:
                    continue  # 一季度 … 四季度: the row's spend plan, no money source
                if listed and role is None and bare not in _NOT_MONEY and not bare.endswith(_CODE_ENDINGS) and not is_rate_name(bare) and _AMOUNT_TEXT.match(f.value.strip()):
                    return  # a list's column of amounts under no known source's label: the sum would leave it out
                continue
            unit = MONEY_IN_BRACKETS.search(compact(f.label))
            amount = parse_amount(f.value, f.value_line or f.line, unit.group(1) if unit else getattr(form, "unit", "万元"), ref=f.ref) if f.value.strip() else None
            if amount is not None and amount.wan is None:
                return  # a word where an amount belongs: nothing to add up
            if is_total:
                if total is None:
                    total, total_label = amount, label
            else:
                sources.append((bare, amount, role or "source"))
        if total is None or total.wan is None or sum(1 for _, a, _ in sources if a is not None) < 2:
            return  # one source written: the others may be unlisted (申请金额 of a larger 项目总投资)
        roles = {role for _, _, role in sources}
        if "requested" in roles and roles & {"fiscal", "fiscal_part"}:
            return  # 申请金额 beside 其中：财政资金: the same money in two words, or one inside the other
        parts = [a.wan or 0.0 for _, a, role in sources if role == "fiscal_part" and a is not None]
        whole = [a.wan or 0.0 for _, a, role in sources if role == "fiscal" and a is not None]
        if parts and whole and not differs(sum(parts), sum(whole)):
            sources = [s for s in sources if s[2] != "fiscal_part"]  # 财政拨款 over its own split: counted once
        filled = [a for _, a, _ in sources if a is not None]
        summed = sum(a.wan or 0.0 for a in filled)
        if differs(summed, total.wan):
            terms = " + ".join(f"{name} {fmt(a.value) if a is not None else 0}" for name, a, _ in sources)
            yield self.issue(
                total,
                f"{terms} = {written(filled, summed)}，不等于{total_label} {written([total], total.wan)} / the fund sources do not add up to the total",
                where=form, evidence=total.raw, field="total_investment",
            )

    def _splits(self, table: DepartmentTable) -> Iterator[Issue]:
        """A department table: one finding for each split that does not add up to the total."""
        if table.budget is None or table.budget.wan is None:
            return
        total = table.budget.wan
        for attr, label, english in _SPLITS:
            lines = getattr(table, attr)
            if not lines:
                continue
            values = [(line.label, line.amount.wan or 0.0) for line in lines]
            sums = line_sums(values)
            if all(differs(s, total) for s in sums):
                amounts = [line.amount for line in lines]
                if {(a.unit or "万元") for a in (*amounts, table.budget)} == {"万元"}:
                    terms = " + ".join(f"{_bare(name, label)} {fmt(v)}" for name, v in values)
                    said = f"{terms} = {fmt(sums[0])}，不等于资金总额 {fmt(total)} 万元"
                else:  # RULES.md "Amounts and units": as written, and in 万元
                    terms = " + ".join(f"{_bare(line.label, label)} {fmt(line.amount.value)}" for line in lines)
                    said = f"{terms} = {written(amounts, sums[0])}，不等于资金总额 {written([table.budget], total)}"
                yield self.issue(
                    table.budget,
                    f"按{label}：{said} / the {english} do not add up to the total",
                    where=table, evidence=table.budget.raw, field=f"budget/{attr}",
                )


def _bare(name: str, label: str) -> str:
    """A line's label without the split's own heading (``按支出用途：基本支出`` → ``基本支出``): the message names the split once."""
    head, sep, rest = name.partition("：")
    return rest if sep and rest and (label in head or head.startswith("按")) else name
