"""Applying ``[[suppress]]`` entries to a run's findings.

Why here and not in the engine: whether an entry was used can only be told
after every file of the run was audited.
"""
from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

from ..models import Finding
from .model import Suppression, config_lines

UNUSED, EXPIRED = "SUP001", "SUP002"


@dataclass
class SuppressionResult:
    findings: List[Finding]
    suppressed: List[Finding] = field(default_factory=list)
    #: SUP001 / SUP002 findings about the entries themselves
    notes: List[Finding] = field(default_factory=list)


def _rel(path: str, folder: Optional[str]) -> str:
    try:
        rel = os.path.relpath(os.path.abspath(path), folder or os.getcwd())
    except ValueError:
        rel = path
    return rel.replace(os.sep, "/")


def covers(entry: Suppression, path: str, folder: Optional[str]) -> bool:
    """Does the entry's file pattern cover ``path`` (any path when it has none)?"""
    if not entry.file:
        return True
    pattern = entry.file.replace("\\", "/")
    candidates = (_rel(path, folder), path.replace(os.sep, "/"), os.path.basename(path))
    return any(fnmatch.fnmatchcase(c, pattern) for c in candidates)


def matches(entry: Suppression, f: Finding, folder: Optional[str]) -> bool:
    if entry.fingerprint and f.fingerprint != entry.fingerprint:
        return False
    if entry.rule and not f.rule.startswith(entry.rule):
        return False
    if entry.field is not None and (getattr(f, "field", None) or "") != entry.field:
        return False
    return covers(entry, f.file, folder)


def suppressed_copy(f: Finding, entry: Suppression) -> Finding:
    data = f.model_dump()
    data["suppression"] = {"reason": entry.reason, **({"until": entry.until.isoformat()} if entry.until else {})}
    return Finding(**data)


def _note(rule: str, message: str, line: int, entry: Suppression, settings: Any, shown_source: str) -> Optional[Finding]:
    from ..engine import fingerprint, selected

    if settings is not None and not selected(rule, settings.select, settings.ignore):
        return None
    severity = (getattr(settings, "severity", {}) or {}).get(rule, "warning")
    return Finding(rule=rule, severity=severity, file=shown_source, line=line, message=message,
                   evidence=entry.describe(), fingerprint=fingerprint(rule, shown_source, None, entry.describe(), ""),
                   name="unused-suppression" if rule == UNUSED else "expired-suppression", field=entry.describe())


class Suppressor:
    """Entries applied file by file (a sweep streams its findings), then judged once (notes)."""

    def __init__(self, entries: Sequence[Suppression], source: Optional[str] = None, settings: Any = None,
                 today: Optional[date] = None, add_reason: Optional[str] = None, add_until: Optional[date] = None) -> None:
        self.entries = list(entries)
        self.source = source
        self.settings = settings
        self.today = today or date.today()
        self.folder = os.path.dirname(os.path.abspath(source)) if source else None
        self.used = [0] * len(self.entries)
        #: ``--add-suppressions``: every finding no entry accepts gets a new entry with this reason
        self.add_reason = add_reason
        self.add_until = add_until
        self.added: List[Dict[str, Any]] = []
        self.comments: List[str] = []

    def split(self, findings: Iterable[Finding], count: bool = True) -> Tuple[List[Finding], List[Finding]]:
        """(kept, suppressed) findings; ``count`` records which entries were used."""
        kept: List[Finding] = []
        suppressed: List[Finding] = []
        for f in findings:
            hit = None
            for i, entry in enumerate(self.entries):
                if matches(entry, f, self.folder):
                    if count:
                        self.used[i] += 1
                    if not entry.expired(self.today) and hit is None:
                        hit = entry
            if hit is None and self.add_reason and count:
                hit = self._add(f)
            if hit is None:
                kept.append(f)
            else:
                suppressed.append(suppressed_copy(f, hit))
        return kept, suppressed

    def _add(self, f: Finding) -> Suppression:
        from ..reporting.text import clean

        data = entry_dicts([f], self.folder, self.add_reason or "", self.add_until)[0]
        entry = Suppression(**data)
        self.entries.append(entry)
        self.used.append(1)
        self.added.append(data)
        self.comments.append(clean(f"{f.rule} {f.file}:{f.line} {f.message}", 100))
        return entry

    def write_added(self) -> Optional[Tuple[int, str]]:
        """Write the entries ``--add-suppressions`` made into the configuration; (count, file)."""
        if not self.add_reason:
            return None
        from .write import add_entries

        path = self.source or os.path.abspath("auditor.toml")
        add_entries(path, self.added, self.comments)
        return len(self.added), path

    def notes(self, audited: Sequence[str]) -> List[Finding]:
        """SUP002 for each expired entry; SUP001 for each unused one covering an audited file."""
        lines = config_lines(self.source, len(self.entries))
        shown = _rel(self.source, None) if self.source else "configuration"
        out: List[Finding] = []
        for i, entry in enumerate(self.entries):
            note = None
            if entry.expired(self.today):
                note = _note(EXPIRED, f"抑制已于 {entry.until} 到期，相关问题重新报告 / suppression ({entry.describe()}) expired on {entry.until}; "
                                      f"its findings are reported again (reason was: {entry.reason})", lines[i], entry, self.settings, shown)
            elif not self.used[i] and any(covers(entry, p, self.folder) for p in audited):
                note = _note(UNUSED, f"抑制未匹配任何问题，可删除 / unused suppression ({entry.describe()}): no finding matched it",
                             lines[i], entry, self.settings, shown)
            if note is not None:
                out.append(note)
        return out


def apply_suppressions(entries: Sequence[Suppression], findings: Iterable[Finding], audited: Sequence[str], *,
                       source: Optional[str] = None, settings: Any = None, today: Optional[date] = None) -> SuppressionResult:
    """Split ``findings`` into kept and suppressed; report unused and expired entries.

    An entry is unused when it matched no finding although a file it covers
    was audited (an entry for files outside this run is not judged).
    """
    suppressor = Suppressor(entries, source, settings, today)
    kept, suppressed = suppressor.split(findings)
    return SuppressionResult(findings=kept, suppressed=suppressed, notes=suppressor.notes(audited))


def apply_suppressions_for_fix(cfg: Any, findings: List[Finding]) -> List[Finding]:
    """The findings `auditor fix` may act on: suppressed ones are left as they are."""
    entries: List[Suppression] = list(getattr(cfg, "suppress", []) or [])
    if not entries:
        return findings
    return apply_suppressions(entries, findings, [], source=getattr(cfg, "source", None)).findings


def entry_dicts(findings: Iterable[Finding], folder: Optional[str], reason: str, until: Optional[date] = None) -> List[Dict[str, Any]]:
    """``[[suppress]]`` entries for ``findings`` (fingerprint, rule and file, with the reason)."""
    out = []
    for f in findings:
        entry: Dict[str, Any] = {"fingerprint": f.fingerprint, "rule": f.rule, "file": _glob_escape(_rel(f.file, folder)), "reason": reason}
        if until is not None:
            entry["until"] = until
        out.append(entry)
    return out


def _glob_escape(path: str) -> str:
    return "".join(f"[{ch}]" if ch in "[]*?" else ch for ch in path)
