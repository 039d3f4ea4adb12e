"""XDOC001: a project's budget differs between its 绩效目标表 and its 自评表 of the same year."""
from __future__ import annotations

from typing import Iterator

from auditor.corpus.index import FactsIndex
from auditor.corpus.rule import CorpusIssue, CorpusRule
from auditor.models import PerformanceTable

from ._common import TOLERANCE, differs, fmt
from ._corpus import shown


class BudgetDisagrees(CorpusRule):
    id = "XDOC001"
    name = "budget-disagrees"
    severity = "warning"
    summary = "自评表的年初预算数与同年绩效目标表的预算数不一致 / a self-evaluation's 年初预算数 differs from the 预算数 of the project's target table."
    why = ("年初预算数就是批复绩效目标时的预算；两者不一致，说明自评依据的预算被改写，或表格对错了项目。"
           " The opening budget is the budget the targets were set for; a different figure means one of them was rewritten.")
    bad = "绩效目标表 预算数 260.00；自评表 年初预算数 300"
    good = "自评表 年初预算数 260.00（调整写在全年预算数）"
    fix = "核对批复预算；预算调整填在全年预算数 / check the approved budget; adjustments go under 全年预算数."
    policy = "《项目支出绩效评价管理办法》(财预〔2020〕10号)"
    anchor = "the 年初预算数 cell of the 自评表"
    parts = (PerformanceTable,)  # its facts come from target tables and self-evaluations (a subclass)

    def check(self, index: FactsIndex) -> Iterator[CorpusIssue]:  # type: ignore[override]
        for item in index.of_kind("self-evaluation"):
            fact = item.fact
            if fact.budget is None:
                continue
            target = index.same_project(item, "target", fact.year)
            if target is None or target.fact.budget is None or not differs(fact.budget, target.fact.budget, TOLERANCE):
                continue
            yield self.issue_at(
                item.file, fact.budget_ref or fact.title_ref,
                f"年初预算数 {fmt(fact.budget)} 万元，与绩效目标表（{shown(target.file)}）的预算数 {fmt(target.fact.budget)} 万元不一致 / "
                f"opening budget {fmt(fact.budget)} differs from the target table's 预算数 {fmt(target.fact.budget)} (万元, {shown(target.file)})",
                table=fact.name or fact.title, code=fact.code or target.fact.code, evidence=fact.budget_raw or fmt(fact.budget), field="budget",
            )
