#!/usr/bin/env python
"""Where a sweep's time goes beside the engine: one sweep, phase by phase, wall and CPU.

Generates the documents of ``sweep_bench.py``, runs ``auditor sweep`` in this
process (workers are its children) with the session's phases timed, and
prints: the client's start (configuration, registry, discovery), the audit
loop while the workers run, the tail after the last file (the corpus phase
and, with corpus rules, every file's findings through the report), the end
of the report; the client's CPU and the workers' CPU.  The engine alone is
``read_bench.py``; what the sweep adds is the client's CPU and the tail.

    python benchmarks/sweep_phases.py               # 400 documents, --jobs 1
    python benchmarks/sweep_phases.py --jobs 2
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from typing import Any, Callable, Dict, List

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from sweep_bench import generate  # noqa: E402

#: phase → [wall, cpu]
TIMES: Dict[str, List[float]] = {}


def _timed(owner: Any, name: str, label: str) -> None:
    inner: Callable[..., Any] = getattr(owner, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            return inner(*args, **kwargs)
        finally:
            spent = TIMES.setdefault(label, [0.0, 0.0])
            spent[0] += time.perf_counter() - wall
            spent[1] += time.process_time() - cpu

    setattr(owner, name, wrapper)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=400)
    ap.add_argument("--tables-per-doc", type=int, default=12)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--format", default="json")
    args = ap.parse_args()
    from auditor.cli import main as cli
    import auditor.sweep.session as session

    _timed(session._Sweep, "_audit_all", "audit loop")
    _timed(session._Sweep, "_across_documents", "tail")
    _timed(session.History, "record_corpus_findings", "corpus rules")  # and recording their findings
    _timed(session._Sweep, "_finish", "finish")
    work = tempfile.mkdtemp(prefix="auditor-phases-")
    try:
        folder = os.path.join(work, "docs")
        generate(folder, args.docs, args.tables_per_doc)
        argv = ["sweep", folder, "--jobs", str(args.jobs), "--db", os.path.join(work, "h.db"), "--format", args.format,
                "--output", os.path.join(work, "out"), "--no-progress", "--fail-on", "never", "--timeout", "600"]
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            cli(argv, standalone_mode=False)
        except SystemExit:
            pass
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        kids = resource.getrusage(resource.RUSAGE_CHILDREN)
        from auditor.sweep.history import History

        with History(os.path.join(work, "h.db")) as history:
            tables = history.runs(1)[0]["tables"]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    t = {k: v for k, v in TIMES.items()}
    loop = [t["audit loop"][i] - t.get("tail", [0.0, 0.0])[i] for i in (0, 1)]
    tail_out = [t.get("tail", [0.0, 0.0])[i] - t.get("corpus rules", [0.0, 0.0])[i] for i in (0, 1)]
    rows = [
        ("start (configuration, registry, discovery, history)", wall - t["audit loop"][0] - t["finish"][0], cpu - t["audit loop"][1] - t["finish"][1]),
        ("audit loop, while the workers run (client side)", loop[0], loop[1]),
        ("tail: corpus rules (and recording their findings)", *t.get("corpus rules", [0.0, 0.0])),
        ("tail: every file's findings through the report", *tail_out),
        ("end of the report", *t["finish"]),
    ]
    print(f"--jobs {args.jobs}: {args.docs} documents, {tables} tables in {wall:.2f} s = {tables / wall:.0f} tables/s; "
          f"client CPU {cpu:.2f} s, workers' CPU {kids.ru_utime + kids.ru_stime:.2f} s")
    print(f"{'phase':55s} {'wall s':>7s} {'CPU s':>7s}")
    for name, w, c in rows:
        print(f"{name:55s} {w:7.3f} {c:7.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
