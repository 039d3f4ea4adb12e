"""A finished ``check`` run and the configuration's entries: suppress, note, and
(``--add-suppressions``) write entries for the run's findings first."""
from __future__ import annotations

import os
from datetime import date
from typing import Any, Optional, Tuple

from .match import apply_suppressions, entry_dicts
from .model import Suppression
from .write import SuppressionWriteError, add_entries, target_file

__all__ = ["SuppressionWriteError", "suppress_report"]


def suppress_report(report: Any, cfg: Any, settings: Any, *, reason: Optional[str] = None,
                    until: Optional[date] = None) -> Optional[Tuple[int, str]]:
    """Move suppressed findings of ``report`` to ``report.suppressed`` and add SUP001/SUP002 notes.

    With ``reason``: first write an entry for each finding not yet suppressed into the
    configuration file (or a new auditor.toml); returns (entries written, file).
    """
    from ..reporting.text import clean

    entries = list(getattr(cfg, "suppress", []) or [])
    written = None
    if reason is not None:
        kept = apply_suppressions(entries, report.findings, [], source=cfg.source).findings
        path = target_file(cfg.source)
        new = entry_dicts(kept, os.path.dirname(path), reason.strip(), until)
        add_entries(path, new, [clean(f"{f.rule} {f.file}:{f.line} {f.message}", 100) for f in kept])
        entries += [Suppression(**e) for e in new]
        if cfg.source is None:
            cfg.source = path
        written = (len(new), path)
    if entries:
        result = apply_suppressions(entries, report.findings, report.audited, source=cfg.source, settings=settings)
        report.findings = sorted(result.findings + result.notes, key=lambda f: (f.file, f.line, f.rule))
        report.suppressed = result.suppressed
    return written
