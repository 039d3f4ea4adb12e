"""JUnit XML in the shape CI servers read: one test case per finding.

Jenkins' junit plugin shows only the first ``<failure>`` of a test case and GitLab
ignores ``<system-out>`` of passing cases, so every finding is its own test case
(``classname`` = the file, ``name`` = rule and place); a file without findings is
one passing case, so the file is seen to have been checked. Findings below
``--fail-on`` are passing cases that carry the finding as output. The document
validates against the xunit plugin's junit-10.xsd (no ``file`` attribute).
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from typing import Dict, List, Set

from ..models import Finding, Problem
from .base import Report, Reporter, durations_for, fails, neutral, where

#: the name of a file's single passing test case
CLEAN_CASE = "auditor: no findings"
#: the name of a file's test case when it could not be read
UNREADABLE_CASE = "auditor: file could not be read"


def attr(text: object) -> str:
    """Any text as an attribute value: well-formed and with controls neutralised."""
    return neutral(text, one_line=True)


def case_name(f: Finding) -> str:
    """Rule and place: ``VAL002 line 31 col 5`` or ``VAL002 表2!E13``."""
    place = f.location or (f"line {f.line}" + (f" col {f.column}" if f.column else ""))
    return f"{f.rule} {place}"


def finding_text(f: Finding) -> str:
    """A finding's details, as the body of its failure or output."""
    details = [f"{where(f)} {f.rule} [{f.severity}] {f.message}"]
    details += [f"{label}: {value}" for label, value in (("table", f.table), ("project code", f.project_code),
                                                          ("evidence", f.evidence), ("fingerprint", f.fingerprint)) if value]
    return neutral("\n".join(details))


def unique(name: str, taken: Set[str]) -> str:
    """Test-case names unique within a file (two findings of a rule on one line)."""
    candidate, n = name, 1
    while candidate in taken:
        n += 1
        candidate = f"{name} #{n}"
    taken.add(candidate)
    return candidate


def seconds(value: float) -> str:
    return f"{max(0.0, value):.3f}"


def file_cases(suite: ET.Element, report: Report, path: str, items: List[Finding], problems: List[Problem],
               elapsed: float) -> Dict[str, int]:
    """The test cases of one file; returns its counts (tests, failures, errors)."""
    counts = {"tests": 0, "failures": 0, "errors": 0}
    share = seconds(elapsed / max(1, len(items) + len(problems)))
    taken: Set[str] = set()
    for p in problems:
        case = ET.SubElement(suite, "testcase", classname=attr(path), name=unique(UNREADABLE_CASE, taken), time=share)
        error = ET.SubElement(case, "error", message=attr(p.message), type="unreadable")
        error.text = neutral(f"{p.file}: {p.message}")
        counts["tests"] += 1
        counts["errors"] += 1
    for f in items:
        case = ET.SubElement(suite, "testcase", classname=attr(path), name=unique(attr(case_name(f)), taken), time=share)
        if fails(f, report.fail_on):
            failure = ET.SubElement(case, "failure", message=attr(f"{f.rule} {f.message}"), type=attr(f.rule))
            failure.text = finding_text(f)
            counts["failures"] += 1
        else:
            ET.SubElement(case, "system-out").text = finding_text(f)
        counts["tests"] += 1
    if not items and not problems:
        ET.SubElement(suite, "testcase", classname=attr(path), name=CLEAN_CASE, time=seconds(elapsed))
        counts["tests"] += 1
    return counts


def junit_tree(report: Report) -> ET.Element:
    """<testsuites> with one <testsuite> of test cases: a case per finding, per clean file."""
    per_file: Dict[str, List[Finding]] = defaultdict(list)
    for f in report.findings:
        per_file[f.file].append(f)
    problems: Dict[str, List[Problem]] = defaultdict(list)
    for p in report.problems:
        problems[p.file].append(p)
    # a problem is also reported as a PARSE001 finding: the error case stands for both
    durations = durations_for(report)
    root = ET.Element("testsuites", name="auditor")
    suite = ET.SubElement(root, "testsuite", name="auditor")
    props = ET.SubElement(suite, "properties")
    for name, value in (("tool_version", report.tool_version), ("fail_on", report.fail_on),
                        ("findings", str(len(report.findings))), ("tables", str(report.tables))):
        ET.SubElement(props, "property", name=name, value=attr(value))
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for path in report.documents():
        items = per_file.get(path, [])
        if problems.get(path):
            items = [f for f in items if f.rule != "PARSE001"]
        counts = file_cases(suite, report, path, items, problems.get(path, []), durations.get(path, 0.0))
        for key in totals:
            totals[key] += counts[key]
    total_time = seconds(sum(durations.values()))
    for element in (root, suite):
        for key, value in totals.items():
            element.set(key, str(value))
        element.set("time", total_time)
    suite.set("skipped", "0")
    return root


class JUnitReporter(Reporter):
    name = "junit"
    extension = ".xml"
    description = "JUnit XML for CI: a test case per finding (failing at or above --fail-on), a passing case per clean file"

    def render(self, report: Report) -> str:
        root = junit_tree(report)
        ET.indent(root)
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
