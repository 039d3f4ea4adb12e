"""JUnit XML, so a CI server shows one test per document and fails the ones with findings."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from typing import Dict, List

from ..models import Finding, Problem
from .base import Report, Reporter, xml_text


def finding_line(f: Finding) -> str:
    """One finding as a line of text: where, which rule, what."""
    where = f"{f.file}:{f.line}" + (f" ({f.location})" if f.location else "")
    return f"{where} {f.rule} [{f.severity}] {f.message}"


def failure(parent: ET.Element, f: Finding) -> None:
    """A <failure> for a finding at or above --fail-on."""
    element = ET.SubElement(parent, "failure", message=xml_text(f"{f.rule} line {f.line}: {f.message}"), type=f.rule)
    details = [finding_line(f)]
    details += [f"{label}: {value}" for label, value in (("table", f.table), ("project code", f.project_code),
                                                          ("evidence", f.evidence), ("fingerprint", f.fingerprint)) if value]
    element.text = xml_text("\n".join(details))


def error(parent: ET.Element, p: Problem) -> None:
    """An <error> for a file that could not be read at all."""
    element = ET.SubElement(parent, "error", message=xml_text(p.message), type="unreadable")
    element.text = xml_text(f"{p.file}: {p.message}")


def testcase(parent: ET.Element, path: str, failing: List[Finding], other: List[Finding], problems: List[Problem]) -> None:
    """One document: its failures, errors, and the findings below --fail-on as output."""
    case = ET.SubElement(parent, "testcase", classname="auditor", name=xml_text(path), file=xml_text(path))
    for f in failing:
        failure(case, f)
    for p in problems:
        error(case, p)
    if other:
        out = ET.SubElement(case, "system-out")
        out.text = xml_text("\n".join(finding_line(f) for f in other))


def junit_tree(report: Report) -> ET.Element:
    """<testsuites> with one <testsuite> and one <testcase> per audited document."""
    failing = report.failing()
    failing_ids = {id(f) for f in failing}
    fails: Dict[str, List[Finding]] = defaultdict(list)
    others: Dict[str, List[Finding]] = defaultdict(list)
    for f in report.findings:
        (fails if id(f) in failing_ids else others)[f.file].append(f)
    problems: Dict[str, List[Problem]] = defaultdict(list)
    for p in report.problems:
        problems[p.file].append(p)
    documents = report.documents()
    # counts of test cases, as CI systems read them: a case with an error is an error
    errored = sum(1 for d in documents if problems[d])
    failed = sum(1 for d in documents if fails[d] and not problems[d])
    counts = {"tests": str(len(documents)), "failures": str(failed), "errors": str(errored)}
    root = ET.Element("testsuites", name="auditor", **counts)
    suite = ET.SubElement(root, "testsuite", name="auditor", skipped="0", **counts)
    props = ET.SubElement(suite, "properties")
    for name, value in (("tool_version", report.tool_version), ("fail_on", report.fail_on),
                        ("findings", str(len(report.findings))), ("tables", str(report.tables))):
        ET.SubElement(props, "property", name=name, value=value)
    for path in documents:
        testcase(suite, path, fails[path], others[path], problems[path])
    return root


class JUnitReporter(Reporter):
    name = "junit"
    extension = ".xml"
    description = "JUnit XML for CI: a test per document, a failure per finding at or above --fail-on"

    def render(self, report: Report) -> str:
        root = junit_tree(report)
        ET.indent(root)
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
