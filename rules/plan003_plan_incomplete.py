"""PLAN003: the plan does not reach 100% at 12月底."""
from __future__ import annotations

from typing import Iterator

from auditor.models import Document
from auditor.rule import Issue, Rule, target_tables

from auditor.fixes.model import UNSAFE, make_fix

from ._common import fmt
from ._fixes import cell_edit
from .plan001_percent_given_as_amount import amounts_anchor


class PlanIncomplete(Rule):
    id = "PLAN003"
    name = "plan-incomplete"
    severity = "warning"
    summary = "资金支出计划12月底未达到100% / the 12月底 value is missing or below 100."
    why = "年度预算应在年底前执行完毕；12月底不足100%说明计划不完整或预算安排过大。The year's budget is expected to be spent by year end."
    bad = "资金支出计划（%）3月底 — 6月底 30 10月底 80 12月底 —"
    good = "资金支出计划（%）10, 30, 80, 100"
    fix = "补填12月底并按累计口径达到100 / fill 12月底 with the cumulative 100."
    policy = "预算执行进度管理要求"
    anchor = "the last value present, else the row header"
    fixable = ("unsafe",)

    def check(self, doc: Document) -> Iterator[Issue]:
        for table in target_tables(doc, filled_only=False):
            plan = table.plan
            filled = plan.filled()
            if not plan.present or not filled or amounts_anchor(table) is not None:
                continue
            december = next((c for c in plan.checkpoints if c.label == "12月底"), None)
            if december is not None and december.value is not None and december.value >= 100 - 1e-9:
                continue
            last = filled[-1]
            fix = None
            if december is not None and december.value is None and not december.raw.strip():
                fix = make_fix("补填12月底为100（请确认计划） / 12月底 filled with 100 (confirm the plan)", UNSAFE, [cell_edit(december, "100", old=december.raw)])
            if december is not None and december.value is not None:
                said = f"{december.shown}为 {fmt(december.value)}" + ("" if last is december else f"，计划止于 {last.shown} {fmt(last.value)}")
            else:
                said = f"缺少{december.shown if december is not None else '12月底'}，计划止于 {last.shown} {fmt(last.value)}"
            yield self.issue(
                last,
                f"资金支出计划{said}，应累计至100% / plan stops at {fmt(last.value)}; expected 100 at "
                f"{december.shown if december is not None else '12月底'}",
                where=table, evidence=last.raw, field="plan", fix=fix,
            )
