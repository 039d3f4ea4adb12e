"""SUP001–002: ``[[suppress]]`` entries that matched nothing or have expired.

``auditor check`` judges the entries after every file was audited (see
:mod:`auditor.suppressions`); these classes give the results an ID, a
severity and a page, so ``--select``, ``--ignore``, ``severity`` and
``auditor explain`` work on them as on any rule.
"""
from __future__ import annotations

from typing import Iterator

from auditor.models import Document
from auditor.rule import Issue, Rule


class _ConfigRule(Rule):
    def check(self, doc: Document) -> Iterator[Issue]:
        return iter(())


class UnusedSuppression(_ConfigRule):
    id = "SUP001"
    name = "unused-suppression"
    severity = "warning"
    summary = "抑制条目未匹配任何问题 / a [[suppress]] entry matched no finding in the files it covers."
    why = "问题已修正或指纹已变，多余的抑制会掩盖以后的同类问题。The finding was fixed or changed; a stale entry could hide a later finding."
    fix = "删除该条目，或更新其 fingerprint / rule / file / field / delete the entry or update what it matches."
    anchor = "the entry's [[suppress]] line in the configuration file"


class ExpiredSuppression(_ConfigRule):
    id = "SUP002"
    name = "expired-suppression"
    severity = "warning"
    summary = "抑制条目已过期（until），相关问题重新报告 / a [[suppress]] entry is past its until date; its findings are reported again."
    why = "到期后需重新审视被接受的问题。An accepted finding must be reviewed again when its acceptance lapses."
    fix = "修正问题，或在复核后延长 until / fix the finding, or extend until after a review."
    anchor = "the entry's [[suppress]] line in the configuration file"
