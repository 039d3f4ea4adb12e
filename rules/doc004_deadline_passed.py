"""DOC004: a submission filed after the deadline it answers."""
from __future__ import annotations

from typing import Iterator

from auditor.dates import parse_date
from auditor.models import Document
from auditor.readers.notice import FILING_DEADLINE, FILING_LABELS
from auditor.rule import Issue, Rule



class DeadlinePassed(Rule):
    id = "DOC004"
    name = "deadline-passed"
    severity = "error"
    summary = "申报日期晚于通知或模板规定的截止日期 / a filing date after the deadline."
    why = "逾期申报按规定不予受理。Late submissions are not accepted."
    bad = "截止时间 2021年12月15日；申报日期 2021年12月20日"
    good = "申报日期 2021年12月10日"
    fix = "在截止日期前申报，或附延期批准 / file before the deadline or attach the extension."
    policy = "申报通知规定的截止时间"
    anchor = "the filing date"

    def check(self, doc: Document) -> Iterator[Issue]:
        found = [d for n in doc.notices for d in n.dates if d.role == "deadline"]
        # the applicants' own deadline (申报截止时间为…) when one is named: a later one may be another office's
        filing = [d for d in found if d.label == FILING_DEADLINE]
        deadlines = [(d.date, d.raw) for d in (filing or found)]
        for form in doc.forms:  # the form's own 申报截止时间 (a cover's label line and value line)
            for f in form.fields:
                due = parse_date(f.value) if "截止" in f.label else None
                if due is not None:
                    deadlines.append((due, f.value))
        if not deadlines:
            return
        due_date, due_raw = max(deadlines, key=lambda d: d[0])
        for form in doc.forms:
            for f in form.fields:
                if not any(lab in f.label for lab in FILING_LABELS):
                    continue
                filed = parse_date(f.value)
                if filed and filed > due_date:
                    yield self.issue(f, line=f.value_line or f.line, message=f"{f.label} {f.value} 晚于截止日期 {due_raw} / filed after the deadline {due_date}",
                                     where=form, evidence=f.value, field=f.label)
