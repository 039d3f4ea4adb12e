"""CSV for spreadsheets: UTF-8 with a BOM so Excel shows Chinese, formulas defused."""
from __future__ import annotations

import csv
import io
from typing import Iterable, List, Sequence, Union

from ..models import Finding
from .base import Out, Report, Reporter, neutral, rule_name

#: new columns go last, so scripts that read columns by position keep working
COLUMNS = ("file", "line", "rule", "severity", "name", "message", "table", "project_code", "evidence", "fingerprint",
           "location", "column", "end_column")
BOM = b"\xef\xbb\xbf"
#: a cell starting with one of these is read as a formula by Excel / LibreOffice
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def guard(value: Union[str, int, None]) -> Union[str, int]:
    """Document text that looks like a formula gets a leading apostrophe (CSV injection);
    control characters and bidi overrides are neutralised."""
    if value is None:
        return ""
    if isinstance(value, str):
        value = neutral(value)
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def row(report: Report, f: Finding) -> List[Union[str, int]]:
    values = (f.file, f.line, f.rule, f.severity, f.name or rule_name(report, f.rule), f.message,
              f.table, f.project_code, f.evidence, f.fingerprint, f.location, f.column, f.end_column)
    return [guard(v) for v in values]


class CsvReporter(Reporter):
    name = "csv"
    extension = ".csv"
    description = "one row per finding, UTF-8 with BOM for Excel"
    binary = True
    streaming = True

    def begin(self, report: Report, out: Out) -> None:
        out.write(BOM + _rows([COLUMNS]))

    def file(self, report: Report, findings: Sequence[Finding], out: Out) -> None:
        if findings:
            out.write(_rows(row(report, f) for f in findings))

    def end(self, report: Report, out: Out) -> None:
        pass


def _rows(rows: Iterable[Sequence[Union[str, int]]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode("utf-8")
