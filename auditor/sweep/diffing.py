"""What changed between two recorded runs, by fingerprint.

A finding is *new* when its fingerprint is in the later run only, *fixed*
when it is in the earlier run only, *unchanged* when in both.  Fingerprints
leave out line numbers, so moving a table does not make its findings new.
"""
from __future__ import annotations

from typing import Any, List, Optional, Tuple

from ..models import SEVERITY_RANK, Finding, Problem
from .history import History


class DiffError(Exception):
    """The runs to compare cannot be found."""


def pick_runs(history: History, run_a: Optional[int], run_b: Optional[int]) -> Tuple[int, int]:
    """Both given; one given (compared with the last complete run before it… or after); none: the last two complete."""
    if run_a is not None and run_b is not None:
        pair = (run_a, run_b)
    elif run_a is not None:
        latest = history.complete_runs(1)
        if not latest or latest[0] == run_a:
            raise DiffError(f"nothing to compare run {run_a} with: give two run ids")
        pair = (run_a, latest[0])
    else:
        ids = history.complete_runs(2)
        if len(ids) < 2:
            raise DiffError("need two complete runs to compare (see `auditor runs`)")
        pair = (ids[0], ids[1])
    for rid in pair:
        if history.run(rid) is None:
            raise DiffError(f"no run {rid} in {history.path} (see `auditor runs`)")
    return pair


def diff_runs(history: History, base: int, head: int) -> Tuple[List[Finding], List[Finding], int]:
    """(new, fixed, unchanged count); new/fixed carry ``status`` = "new"/"fixed"."""
    new = [_with_status(f, "new") for f in history.new_findings(head, base)]
    fixed = [_with_status(f, "fixed") for f in history.new_findings(base, head)]
    return new, fixed, history.common_count(head, base)


def _with_status(f: Finding, status: str) -> Finding:
    f.status = status  # type: ignore[attr-defined]  # Finding allows extra fields
    return f


def diff_report(history: History, base: int, head: int, reg: Any, fail_on: str) -> Tuple[Any, int]:
    """A Report (new + fixed findings, counts in extra["diff"]) and the number of new failing findings."""
    from ..reporting.base import Report

    new, fixed, unchanged = diff_runs(history, base, head)
    run = history.run(head) or {}
    findings = sorted(new + fixed, key=lambda f: (f.file, f.line, f.rule, f.status))  # type: ignore[attr-defined]
    report = Report(
        findings=findings,
        files=int(run.get("files") or 0),
        tables=int(run.get("tables") or 0),
        problems=[Problem(file=p, message=m) for p, m in history.problems(head)],
        rules=reg.rules,
        rule_source=reg.rule_source,
        fail_on=fail_on,
    )
    report.extra["diff"] = {
        "base": base,
        "head": head,
        "new": [f.fingerprint for f in new],
        "fixed": [f.fingerprint for f in fixed],
        "unchanged": unchanged,
    }
    floor = SEVERITY_RANK.get(fail_on)
    failing = 0 if floor is None else sum(1 for f in new if SEVERITY_RANK.get(f.severity, 3) >= floor)
    return report, failing
