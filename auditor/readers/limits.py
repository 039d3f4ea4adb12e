"""How much of one document is read: the cell budget that bounds memory.

Why: every cell read becomes several Python objects (about 1 KB in all), so
a dense 20 MB pipe table once took 2.4 GB.  A document gets CELLS_BASE cells
plus one per BYTES_PER_CELL bytes of its file, which keeps a run within about
20 × the file's size + 100 MB; real budget documents hold a few thousand
cells.  Cells past the budget are not read, and the reader says so (PARSE002).
"""
from __future__ import annotations

from typing import List, Optional, Tuple

CELLS_BASE = 20_000
BYTES_PER_CELL = 40


def cell_budget(size: int) -> int:
    """Cells a document of ``size`` bytes may yield."""
    return CELLS_BASE + max(0, size) // BYTES_PER_CELL


def cap_text_cells(lines: List[str], size: int) -> Tuple[List[str], Optional[int]]:
    """``lines`` with every line past the budget blanked (numbering kept), and the
    first blanked line number (None when all fit).  A pipe or tab line counts its cells."""
    budget = cell_budget(size)
    joined = "\n".join(lines)
    if joined.count("|") + joined.count("\t") + len(lines) <= budget:
        return lines, None  # the common case, counted without a Python step per line's cells
    used = 0
    for number, line in enumerate(lines, start=1):
        used += line.count("|") + line.count("\t") + 1
        if used > budget:
            return lines[:number - 1] + [""] * (len(lines) - number + 1), number
    return lines, None


def over_budget_message(budget: int) -> str:
    return f"文档超过 {budget} 个单元格，其后内容未读取 / over {budget} cells: the rest of the document was not read"
