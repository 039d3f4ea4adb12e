"""Iteration over the indicator rows VAL/IND rules judge."""
from __future__ import annotations

from typing import Iterator, Tuple

from auditor.models import Document, Indicator, PerformanceTable
from auditor.rule import performance_tables


def indicator_rows(doc: Document) -> Iterator[Tuple[PerformanceTable, Indicator]]:
    """(table, indicator) for every filled table; blank templates are forms to fill."""
    for table in performance_tables(doc):
        for ind in table.indicators:
            yield table, ind
