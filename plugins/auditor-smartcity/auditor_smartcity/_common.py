"""What the smart-city rules share: is this document an application of the
competition, and which forms and fields to read.

The competition's templates (seed 003: 济南市新型智慧城市试点示范项目申报表,
项目绩效评价表) print placeholders in their value cells: unticked check boxes
(``□国有 □民营 □三资``), ``XX年XX月至XX年XX月``, ``2021年  月  日``.  A blank
template is a form to fill, not an application, so no rule may fire on it:
:func:`is_application` counts only values a person wrote, as told by
:func:`auditor.plugins.forms.filled`.
"""
from __future__ import annotations

from typing import Iterator, List, Sequence

from auditor.models import Document, Form, FormField
from auditor.plugins.forms import filled
from auditor.values import compact


def mentions(doc: Document, keywords: Sequence[str]) -> bool:
    """The document names the competition (its title, a notice's, a form's or a table's).

    An empty keyword list puts every document in scope.
    """
    if not keywords:
        return True
    titles = [doc.title, *(n.title for n in doc.notices), *(f.title for f in doc.forms), *(t.title for t in doc.tables)]
    return any(k in compact(t) for t in titles for k in keywords)


def filled_fields(doc: Document) -> Iterator[FormField]:
    for form in doc.forms:
        for f in form.fields:
            if filled(f.value):
                yield f


def is_application(doc: Document, keywords: Sequence[str], min_filled: int) -> bool:
    """A filled application of the competition: it names the competition and
    its forms carry at least ``min_filled`` values a person wrote."""
    if not doc.forms or not mentions(doc, keywords):
        return False
    count = 0
    for _ in filled_fields(doc):
        count += 1
        if count >= min_filled:
            return True
    return False


def forms_titled(doc: Document, part: str) -> List[Form]:
    """Forms whose title contains ``part`` (all forms when ``part`` is empty)."""
    return [f for f in doc.forms if not part or compact(part) in compact(f.title)]
