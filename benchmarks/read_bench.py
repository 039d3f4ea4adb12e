#!/usr/bin/env python
"""Reader-side benchmark: tables/s of ``engine.audit_bytes`` on one core.

Generates the same documents as ``sweep_bench.py`` (seed-like one-cell-a-line and
pipe layouts, disclosures), reads them into memory, then audits each in this
process with the registry already built, timing CPU (``process_time``) and wall
time, so the figure is the reading + rules cost alone, with no pool or output.

    python benchmarks/read_bench.py               # 200 documents
    python benchmarks/read_bench.py --profile     # and the top functions by cumulative time

Target (issue 16): >= 2,600 tables/s on one core.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from sweep_bench import generate  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--tables-per-doc", type=int, default=12)
    ap.add_argument("--repeat", type=int, default=3, help="passes over the documents; the best is reported")
    ap.add_argument("--profile", action="store_true")
    args = ap.parse_args()
    from auditor.engine import Settings, audit_bytes, registry_for

    settings = Settings()
    registry_for(settings)
    with tempfile.TemporaryDirectory() as folder:
        generate(folder, args.docs, args.tables_per_doc)
        files = []
        for root, _, names in os.walk(folder):
            for name in sorted(names):
                path = os.path.join(root, name)
                with open(path, "rb") as fh:
                    files.append((path, fh.read()))
    tables = sum(audit_bytes(p, d, settings).tables for p, d in files)  # warm-up and count
    if args.profile:
        import cProfile
        import pstats

        prof = cProfile.Profile()
        prof.enable()
        for p, d in files:
            audit_bytes(p, d, settings)
        prof.disable()
        pstats.Stats(prof).sort_stats("cumulative").print_stats(30)
    best_cpu = best_wall = float("inf")
    for _ in range(args.repeat):
        c0, w0 = time.process_time(), time.perf_counter()
        for p, d in files:
            audit_bytes(p, d, settings)
        best_cpu = min(best_cpu, time.process_time() - c0)
        best_wall = min(best_wall, time.perf_counter() - w0)
    print(f"{len(files)} documents, {tables} tables: {tables / best_cpu:,.0f} tables per CPU-second "
          f"({tables / best_wall:,.0f} tables/s wall), best of {args.repeat}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
