"""Settings for auditor's own processes (the command line and its workers), never for a host program.

Why: a document becomes tens of thousands of short-lived objects (cells, rows,
models) that hold no reference cycles, while start-up leaves a large, permanent
heap (modules, pydantic schemas, vocabularies).  With the collector's default
thresholds (a young collection every 700 allocations, and every tenth of those
walking older objects) collection cost about 7% of a sweep's CPU.  Collecting
young objects every ``YOUNG_OBJECTS`` allocations, and freezing what start-up
made, removes almost all of it; memory stays bounded because collections still run.
"""
from __future__ import annotations

import gc

#: allocations between two young-generation collections (CPython's default is 700)
YOUNG_OBJECTS = 50_000

#: entries a memo of a pure function of a cell's text keeps (labels and values repeat within a
#: document and an office's tables; a sweep's worker meets millions of texts and must stay flat)
MEMO_ENTRIES = 8192


def tune_gc() -> None:
    """Space out young collections and freeze the objects made so far (call again after a
    large import, such as loading the plugins: what it made is frozen too)."""
    young, older, oldest = gc.get_threshold()
    if young and young < YOUNG_OBJECTS:  # 0 means the host turned collection off: leave it so
        gc.set_threshold(YOUNG_OBJECTS, older, oldest)
    if hasattr(gc, "freeze"):
        gc.freeze()
