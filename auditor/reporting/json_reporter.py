"""The findings contract of OUTPUT.md as JSON, written file by file.

The stream is byte-for-byte what ``json.dumps(report_dict(report), indent=2)``
gives for the same findings, without holding them all.
"""
from __future__ import annotations

import json
from typing import Any, Dict, Sequence

from ..models import Finding
from .base import Out, Report, Reporter, finding_dict


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


def _indent(text: str, by: str) -> str:
    return text.replace("\n", "\n" + by)


class JsonReporter(Reporter):
    name = "json"
    extension = ".json"
    description = "findings contract (OUTPUT.md), validated by `auditor schema findings`"
    streaming = True

    def begin(self, report: Report, out: Out) -> None:
        tool = json.dumps({"name": "auditor", "version": report.tool_version}, ensure_ascii=False, indent=2)
        out.write('{\n  "tool": ' + _indent(tool, "  ") + ',\n  "findings": [')
        self.count = 0

    def file(self, report: Report, findings: Sequence[Finding], out: Out) -> None:
        parts = []
        for f in findings:
            text = json.dumps(finding_dict(f), ensure_ascii=False, indent=2)
            parts.append(("," if self.count else "") + "\n    " + _indent(text, "    "))
            self.count += 1
        if parts:
            out.write("".join(parts))

    def end(self, report: Report, out: Out) -> None:
        rest = {"summary": report.summary(), "problems": [p.model_dump() for p in report.problems]}
        if report.show_suppressed:
            rest["suppressed"] = [finding_dict(f) for f in report.suppressed]
        rest.update(report.extra)
        tail = json.dumps(rest, ensure_ascii=False, indent=2)
        out.write(("\n  ]" if self.count else "]") + "," + tail[1:] + "\n")
