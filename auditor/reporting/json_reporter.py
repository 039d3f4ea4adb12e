"""The findings contract of OUTPUT.md as JSON."""
from __future__ import annotations

import json
from typing import Any, Dict

from .base import Report, Reporter, finding_dict


def report_dict(report: Report) -> Dict[str, Any]:
    doc: Dict[str, Any] = {
        "tool": {"name": "auditor", "version": report.tool_version},
        "findings": [finding_dict(f) for f in report.findings],
        "summary": report.summary(),
        "problems": [p.model_dump() for p in report.problems],
    }
    if report.show_suppressed:
        doc["suppressed"] = [finding_dict(f) for f in report.suppressed]
    doc.update(report.extra)
    return doc


class JsonReporter(Reporter):
    name = "json"
    extension = ".json"
    description = "findings contract (OUTPUT.md), validated by `auditor schema findings`"

    def render(self, report: Report) -> str:
        return json.dumps(report_dict(report), ensure_ascii=False, indent=2) + "\n"
