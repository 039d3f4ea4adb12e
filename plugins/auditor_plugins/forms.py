"""Helpers for rules about forms (申报表, 评价表 …): is a value really filled in,
which fields answer a label.

Templates print filler in their value cells: unticked check boxes
(``□国有 □民营 □三资``), ``XX年XX月至XX年XX月``, ``2021年  月  日``, ``……``.
A blank template is a form to fill, not a submission, so rules about
submissions ask :func:`filled` rather than ``value != ""``.  Used by the
declarative rule packs and by plugins (``from auditor.plugins.forms import filled``).
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterable, Iterator, List

from auditor.models import Form, FormField

if TYPE_CHECKING:  # pragma: no cover
    from auditor.rule import Issue, Rule
from auditor.values import compact, halfwidth

#: marks of a ticked check box in Word exports
TICKED = ("☑", "■", "√", "✓", "✔", "☒", "▣", "þ")
#: labels under which forms give the date they were filed
from auditor.readers.notice import FILING_LABELS  # noqa: E402  (one list, shared with DOC004)

_X_PLACEHOLDER = re.compile(r"^[XxＸ×＊*]+(?:[年月日至\-~～]+[XxＸ×＊*]*)*[年月日]?$")
_DATE_SKELETON = re.compile(r"^(?:\d{4}|[XxＸ×]{2,4})?年[XxＸ×]{0,2}月(?:[XxＸ×]{0,2}日)?$")
_STAMP_ONLY = re.compile(r"^[（(]?(?:盖章|签字|签章|公章|限\d+字)[)）]?$")
_FILLER = re.compile(r"^[…\.。·—\-_/、／]+$")


def is_placeholder(value: str) -> bool:
    """True for an empty cell or a template's own filler text.

    ``□是，□否`` (no box ticked), ``XX年XX月至XX年XX月``, ``2021年月日``,
    ``（盖章）`` and ``……`` are placeholders; ``☑民营``, ``2021年12月10日`` and
    ``济南某某科技有限公司（盖章）`` are not.
    """
    text = compact(halfwidth(value or ""))
    if not text:
        return True
    if "□" in text and not any(mark in text for mark in TICKED):
        return True
    return any(rx.match(text) for rx in (_X_PLACEHOLDER, _DATE_SKELETON, _STAMP_ONLY, _FILLER))


def filled(value: str) -> bool:
    """A value a person wrote (see :func:`is_placeholder`)."""
    return not is_placeholder(value)


def is_filled_form(form: Form, at_least: int = 1) -> bool:
    """The form carries at least ``at_least`` written values (a submission, not a template)."""
    return sum(1 for f in form.fields if filled(f.value)) >= at_least


def alternatives(spec: str) -> List[str]:
    """``"联系人|姓名"`` → ``["联系人", "姓名"]``: any of the labels answers the spec."""
    return [compact(p) for p in spec.split("|") if compact(p)]


def fields_for(form: Form, spec: str) -> List[FormField]:
    """The fields of ``form`` whose label contains one of the spec's labels."""
    labels = alternatives(spec)
    return [f for f in form.fields if any(lab in compact(f.label) for lab in labels)]


def filing_fields(form: Form, labels: Iterable[str] = FILING_LABELS) -> List[FormField]:
    """The fields that give the date the form was filed (申报日期, 填表时间 …)."""
    return fields_for(form, "|".join(labels))


def required_field_issues(rule: "Rule", form: Form, specs: Iterable[str]) -> Iterator["Issue"]:
    """Issues for the required fields of ``form`` that are missing or empty.

    ``specs`` are labels, alternatives separated by ``|`` (``联系人|联系人姓名``);
    a missing field anchors at the form's title, an empty one at its value."""
    for spec in specs:
        shown = spec.split("|")[0]
        found = fields_for(form, spec)
        if not found:
            yield rule.issue(form.title_line, f"“{form.title}”缺少必填项“{shown}” / required field {shown} is missing",
                             where=form, evidence=shown, field=f"missing:{spec}")
        elif not any(filled(f.value) for f in found):
            f = found[0]
            yield rule.issue(f.value_line or f.line, f"必填项“{shown}”未填写 / required field {shown} is empty",
                             where=form, evidence=shown, field=f"empty:{spec}")
