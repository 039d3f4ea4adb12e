"""Which interpreter reads a titled section: a self-evaluation, a department table, or neither.

Called by :func:`auditor.readers.assemble.assemble` for each section before the
target-table reader, so these kinds never reach the PLAN rules as target tables.
"""
from __future__ import annotations

from typing import List, Optional, Sequence

from ..models import ParseIssue, PerformanceTable
from ..readers.blocks import Block, Para, Row
from .department import department_from, is_department_table
from .reading import is_self_evaluation, read_self_evaluation


def interpret_section(title: str, title_line: int, body: Sequence[Block], rows: List[Row], issues: List[ParseIssue],
                      unit: str) -> Optional[PerformanceTable]:
    """The section read as a self-evaluation or a department table; None for any other kind."""
    if not rows:
        return None
    if is_self_evaluation(title, rows):
        notes = [b.text for b in body if isinstance(b, Para)]
        return read_self_evaluation(title, title_line, rows, issues, unit, notes)
    if is_department_table(title):
        from ..readers.performance import header_map, read_table

        table = read_table(title, title_line, rows, issues, unit)
        if table is None:
            return None
        header = next((i for i, r in enumerate(rows) if header_map(r) is not None), len(rows))
        return department_from(table, rows, header)
    return None
