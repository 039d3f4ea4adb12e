"""The built-in reporters, registered through the same hook as a plugin's."""
from __future__ import annotations

from typing import List

from ..hookspecs import hookimpl
from .base import Reporter


@hookimpl
def auditor_register_reporters() -> List[Reporter]:
    from .json_reporter import JsonReporter
    from .text import TextReporter

    reporters: List[Reporter] = [TextReporter(), JsonReporter()]
    for module, cls in (
        ("sarif", "SarifReporter"),
        ("junit", "JUnitReporter"),
        ("csv_reporter", "CsvReporter"),
        ("html", "HtmlReporter"),
        ("ci", "GithubReporter"),
        ("ci", "GitlabReporter"),
    ):
        try:
            mod = __import__(f"{__package__}.{module}", fromlist=[cls])
        except ModuleNotFoundError:
            continue
        reporters.append(getattr(mod, cls)())
    return reporters
