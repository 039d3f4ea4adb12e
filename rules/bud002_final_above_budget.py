"""BUD002: a project's final account exceeds its budget."""
from __future__ import annotations

from typing import Iterator

from auditor.models import Document
from auditor.rule import Issue, Rule

from ._common import written, TOLERANCE, find_project, fmt, project_key


class FinalAboveBudget(Rule):
    id = "BUD002"
    name = "final-above-budget"
    severity = "error"
    summary = "决算金额超过预算金额 / a project's final account exceeds its budget."
    why = "决算超预算意味着无预算支出或超预算支出，须说明资金来源并调整预算。Spending above budget needs an approved adjustment."
    bad = "预算金额 60 万元；决算金额 65 万元"
    good = "预算金额 60 万元；决算金额 57.7 万元"
    fix = "核对决算数，或补充预算调整依据 / check the final account or document the budget adjustment."
    policy = "《中华人民共和国预算法》第十三条：各级政府、各部门、各单位的支出必须以经批准的预算为依据"
    anchor = "the 决算金额 cell"

    def check(self, doc: Document) -> Iterator[Issue]:
        for disc in doc.disclosures:
            budgets = {project_key(b.name.text): b for b in disc.budget if b.amount and b.amount.wan is not None}
            for final in disc.finals:
                match = find_project(project_key(final.name.text), budgets)
                item = budgets.get(match) if match else None
                if item is None or final.amount is None or final.amount.wan is None:
                    continue
                if final.amount.wan > item.amount.wan + TOLERANCE:  # type: ignore[union-attr,operator]
                    yield self.issue(
                        final.amount,
                        f"“{final.name.text}”决算金额 {written([final.amount], final.amount.wan)}超过预算金额 {written([item.amount], item.amount.wan)} / final account above the budget",  # type: ignore[union-attr]
                        where=disc, evidence=final.amount.raw, field=final.name.text,
                    )
