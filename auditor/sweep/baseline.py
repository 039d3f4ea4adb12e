"""Baselines: accept today's findings, report only new ones from now on.

A baseline is the set of fingerprints of the accepted findings.  Fingerprints
leave out line numbers (engine.fingerprint), so an accepted finding stays
accepted when the document is edited elsewhere.  The file is written
incrementally from an iterator (a 100,000-table sweep never holds all its
findings at once) into a temporary file that is renamed into place.

Format::

    {"tool": {"name": "auditor", "version": "0.1.0"}, "created": "2024-05-01T10:00:00+08:00",
     "fingerprints": {"<fp>": {"rule": "PLAN001", "file": "a.txt", "line": 31, "message": "…"}}}

A findings document (``--format json`` output, OUTPUT.md) is accepted as a
baseline too: its findings' fingerprints are used.
"""
from __future__ import annotations

import json
from typing import Any, Iterable, Iterator, Set, Tuple

from .. import __version__
from .history import now
from ..atomic import atomic_open


class BaselineError(Exception):
    """The baseline file cannot be read or is not a baseline."""


def load_baseline(path: str) -> Set[str]:
    """The accepted fingerprints (only the keys are kept in memory)."""
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError) as exc:
        raise BaselineError(f"cannot read baseline {path}: {exc}") from None
    if isinstance(data, dict) and isinstance(data.get("fingerprints"), dict):
        return set(data["fingerprints"])
    if isinstance(data, dict) and isinstance(data.get("findings"), list):
        return {f["fingerprint"] for f in data["findings"] if isinstance(f, dict) and f.get("fingerprint")}
    raise BaselineError(f"{path} is not a baseline (expected a 'fingerprints' object)")


def write_baseline(path: str, rows: Iterable[Tuple[str, str, str, int, str]]) -> int:
    """Write ``(fingerprint, rule, file, line, message)`` rows atomically; returns the count."""
    count = 0
    with atomic_open(path) as fh:
        head = {"tool": {"name": "auditor", "version": __version__}, "created": now()}
        fh.write(json.dumps(head, ensure_ascii=False)[:-1] + ', "fingerprints": {')
        seen: Set[str] = set()
        for fp, rule, file, line, message in rows:
            if fp in seen:  # the same finding carried twice cannot be accepted twice
                continue
            seen.add(fp)
            entry = json.dumps({"rule": rule, "file": file, "line": line, "message": message}, ensure_ascii=False)
            fh.write(("," if count else "") + "\n  " + json.dumps(fp) + ": " + entry)
            count += 1
        fh.write("\n}}\n")
    return count


def finding_rows(findings: Iterable[Any]) -> Iterator[Tuple[str, str, str, int, str]]:
    """The baseline rows of in-memory findings (for `auditor check --write-baseline`)."""
    for f in findings:
        yield f.fingerprint, f.rule, f.file, f.line, f.message


def apply_baseline(report: Any, path: str) -> int:
    """Drop the findings a baseline accepts from a finished Report; returns how many.

    For `auditor check --baseline`; the count goes to ``report.extra["baseline"]``.
    """
    accepted = load_baseline(path)
    kept = [f for f in report.findings if f.fingerprint not in accepted]
    hidden = len(report.findings) - len(kept)
    report.findings = kept
    report.extra["baseline"] = {"file": path, "hidden": hidden}
    return hidden
