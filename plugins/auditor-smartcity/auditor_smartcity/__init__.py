"""auditor-smartcity: rules for the 智慧泉城创新应用大赛 and for 服务商遴选 notices.

An example third-party plugin: it is found through the ``auditor`` entry
point declared in its ``setup.cfg`` and registers its rules through the same
hook as the built-ins::

    [options.entry_points]
    auditor =
        smartcity = auditor_smartcity

Rule IDs carry their own prefix (``SC``) so they never collide with the
built-in catalogue.
"""
from __future__ import annotations

from typing import List

from auditor import hookimpl

from .application import CreditCode, FiledLate, RequiredField, SatisfactionMissing
from .notices import CasesTooFew, QuotaInvalid

__version__ = "0.1.0"

RULES: List[type] = [CreditCode, FiledLate, RequiredField, SatisfactionMissing, QuotaInvalid, CasesTooFew]


@hookimpl
def auditor_register_rules() -> List[type]:
    """The smart-city rules (SC001–SC006)."""
    return list(RULES)
