"""DOC003: dates in one document that contradict each other."""
from __future__ import annotations

from typing import Iterator

from auditor.models import Document
from auditor.rule import Issue, Rule


class DatesInconsistent(Rule):
    id = "DOC003"
    name = "dates-inconsistent"
    severity = "warning"
    summary = "文件中的日期相互矛盾 / dates in one document contradict each other."
    why = "落款日期与成文日期不符、截止日期早于发布日期，会使时限无法执行。Contradictory dates make deadlines unenforceable."
    bad = "成文日期 2024-01-09；落款 2024年1月19日"
    good = "成文日期 2024-01-09；落款 2024年1月9日"
    fix = "统一成文日期、发布日期和落款日期，核对各阶段时限 / make the dates agree."
    policy = "《党政机关公文格式》GB/T 9704-2012：成文日期以负责人签发日期为准"
    anchor = "the later date"

    def check(self, doc: Document) -> Iterator[Issue]:
        for notice in doc.notices:
            written = next((d for d in notice.dates if d.role == "written"), None)
            published = next((d for d in notice.dates if d.role == "published"), None)
            for signed in (d for d in notice.dates if d.role == "signed"):
                if written and signed.date != written.date:
                    yield self.issue(signed, f"落款日期 {signed.raw} 与成文日期 {written.date} 不一致 / signed on a different date from the 成文日期",
                                     where=notice, evidence=signed.raw, field="signed")
            start = published or written
            if start is not None:
                for d in notice.dates:
                    due = (d.end or d.date) if d.role == "stage" else d.date
                    if d.role in ("deadline", "stage") and due < start.date:
                        yield self.issue(d, f"截止日期 {d.raw} 早于{start.label or '发布日期'} {start.date} / deadline before publication",
                                         where=notice, evidence=d.raw, field=f"deadline:{d.raw}")
            stages = [d for d in notice.dates if d.role == "stage"]
            for earlier, later in zip(stages, stages[1:]):
                if getattr(later, "schedule", 0) != getattr(earlier, "schedule", 0):
                    continue  # two schedules (申报程序 in sentences, 时间安排 as a table): each in its own order
                if (later.end or later.date) < (earlier.end or earlier.date):
                    yield self.issue(later, f"后一阶段 {later.raw} 早于前一阶段 {earlier.raw} / a later stage is due before an earlier one",
                                     where=notice, evidence=later.raw, field=f"stage:{later.raw}")
