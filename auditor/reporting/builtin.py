"""The built-in reporters, registered through the same hook as a plugin's.

Each is registered by its spec (:class:`~auditor.lazy.LazyReporter`): its module
is imported only when its format is used, so ``auditor check`` starts without
the XML, SARIF and HTML writers.  ``tests/test_lazy.py`` keeps the specs equal
to the classes' own attributes.
"""
from __future__ import annotations

from typing import List

from ..hookspecs import hookimpl
from ..lazy import LazyReporter

#: (name, extension, description, module:Class) of every built-in format
BUILTIN_REPORTERS = (
    ("text", ".txt", "a table of findings and a summary (colour on a terminal)", "auditor.reporting.text:TextReporter"),
    ("json", ".json", "findings contract (OUTPUT.md), validated by `auditor schema findings`", "auditor.reporting.json_reporter:JsonReporter"),
    ("sarif", ".sarif", "SARIF 2.1.0 for code scanning (GitHub, VS Code SARIF viewer)", "auditor.reporting.sarif:SarifReporter"),
    ("junit", ".xml", "JUnit XML for CI: a test case per finding (failing at or above --fail-on), a passing case per clean file",
     "auditor.reporting.junit:JUnitReporter"),
    ("csv", ".csv", "one row per finding, UTF-8 with BOM for Excel", "auditor.reporting.csv_reporter:CsvReporter"),
    ("html", ".html", "one self-contained HTML page: charts, search, filters, paged findings with source, rule explanations",
     "auditor.reporting.html:HtmlReporter"),
    ("github", ".txt", "GitHub Actions workflow commands: an annotation per finding in the pull request", "auditor.reporting.ci:GithubReporter"),
    ("gitlab", ".json", "GitLab Code Quality JSON (artifacts:reports:codequality)", "auditor.reporting.ci:GitlabReporter"),
)


@hookimpl
def auditor_register_reporters() -> List[LazyReporter]:
    return [LazyReporter(target, name=name, extension=extension, description=description)
            for name, extension, description, target in BUILTIN_REPORTERS]
