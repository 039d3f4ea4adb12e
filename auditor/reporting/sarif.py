"""SARIF 2.1.0, so code-scanning tools (GitHub, VS Code, Azure DevOps) show findings in place."""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple
from urllib.parse import quote

from ..fixes.render import sarif_fixes
from .base import Report, Reporter, rule_name, rule_sections

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
#: SARIF has three levels that matter; ``note`` is its name for info
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
#: characters a URI path keeps as they are (RFC 3986 pchar minus ``:``, plus ``/``)
_URI_SAFE = "/!$&'()*+,;=@-._~"
SRCROOT = "%SRCROOT%"


def information_uri() -> Optional[str]:
    """The project's home page from the installed metadata, if it declares one."""
    try:
        from importlib.metadata import PackageNotFoundError, metadata

        meta = metadata("auditor")
    except (ImportError, PackageNotFoundError):  # pragma: no cover - always installed in practice
        return None
    url = meta.get("Home-page")
    if url and url.upper() != "UNKNOWN":
        return url
    for entry in meta.get_all("Project-URL") or []:
        _, _, value = entry.partition(",")
        if value.strip():
            return value.strip()
    return None


def artifact_location(path: str) -> Dict[str, str]:
    """A relative path stays as given (forward slashes, under %SRCROOT%).

    An absolute path inside the working folder is made relative to it, so
    GitHub can match it to the repository; one outside becomes a file:// URI.
    """
    given = path.replace("\\", "/")
    if os.path.isabs(path):
        try:
            rel = os.path.relpath(path)
        except ValueError:  # another drive on Windows
            rel = ""
        if not rel or rel.split(os.sep)[0] == ".." or os.path.isabs(rel):
            return {"uri": Path(path).as_uri()}
        given = rel.replace("\\", "/")
    return {"uri": quote(given, safe=_URI_SAFE), "uriBaseId": SRCROOT}


def help_texts(rule_cls: Optional[type]) -> Tuple[str, str]:
    """The rule page as plain text and as Markdown (why / bad / good / fix / policy)."""
    summary = getattr(rule_cls, "summary", "") or ""
    text: List[str] = [summary] if summary else []
    markdown: List[str] = [summary] if summary else []
    for attr, heading, body in rule_sections(rule_cls):
        text += ["", f"{heading}:", body]
        shown = f"`{body}`" if attr in ("bad", "good") and "`" not in body else body
        markdown += ["", f"**{heading}**", "", shown]
    return "\n".join(text), "\n".join(markdown)


def descriptor(report: Report, rule_id: str) -> Dict[str, Any]:
    """One reportingDescriptor: what the rule checks and how to fix it."""
    cls = report.rules.get(rule_id)
    name = rule_name(report, rule_id)
    summary = getattr(cls, "summary", "") or name or rule_id
    text, markdown = help_texts(cls)
    named = {"name": name} if name else {}
    return {
        "id": rule_id,
        **named,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": getattr(cls, "why", "") or summary},
        "help": {"text": text or summary, "markdown": markdown or summary},
        "defaultConfiguration": {"level": LEVELS.get(getattr(cls, "severity", "warning"), "warning")},
        "properties": {"plugin": report.rule_source.get(rule_id, "")},
    }


def result(report: Report, finding: Any, index: int) -> Dict[str, Any]:
    """One SARIF result: rule, level, message, file and line, stable fingerprint."""
    properties = {k: v for k, v in (("table", finding.table), ("project_code", finding.project_code),
                                     ("evidence", finding.evidence), ("location", finding.location)) if v}
    out: Dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": index,
        "level": LEVELS.get(finding.severity, "warning"),
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": {
            "artifactLocation": artifact_location(finding.file),
            "region": {"startLine": max(1, int(finding.line))},
        }}],
        "partialFingerprints": {"auditor/v1": finding.fingerprint},
    }
    if finding.fix:
        properties["fix"] = finding.fix
        fixes = sarif_fixes(finding.fix, artifact_location(finding.file))
        if fixes:
            out["fixes"] = fixes
    suppression = getattr(finding, "suppression", None)
    if suppression:
        out["suppressions"] = [{"kind": "external", "status": "accepted", "justification": suppression.get("reason", "")}]
    if properties:
        out["properties"] = properties
    return out


def notifications(report: Report) -> List[Dict[str, Any]]:
    """Files that could not be read, as tool notifications of the invocation."""
    return [{"level": "error", "message": {"text": p.message},
             "locations": [{"physicalLocation": {"artifactLocation": artifact_location(p.file)}}]}
            for p in report.problems]


def sarif_log(report: Report) -> Dict[str, Any]:
    """The whole SARIF log: one run, rules that appear, one result per finding."""
    rule_ids = list(dict.fromkeys([*report.by_rule(), *(sorted({f.rule for f in report.suppressed}) if report.show_suppressed else [])]))
    index = {rid: i for i, rid in enumerate(rule_ids)}
    driver: Dict[str, Any] = {"name": "auditor", "version": report.tool_version, "semanticVersion": report.tool_version}
    url = information_uri()
    if url:
        driver["informationUri"] = url
    driver["rules"] = [descriptor(report, rid) for rid in rule_ids]
    run: Dict[str, Any] = {
        "tool": {"driver": driver},
        "originalUriBaseIds": {SRCROOT: {"uri": Path(os.getcwd()).as_uri().rstrip("/") + "/"}},
        "invocations": [{"executionSuccessful": True, "toolExecutionNotifications": notifications(report)}],
        "columnKind": "unicodeCodePoints",
        "results": [result(report, f, index[f.rule]) for f in report.findings]
                   + ([result(report, f, index[f.rule]) for f in report.suppressed if f.rule in index] if report.show_suppressed else []),
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


class SarifReporter(Reporter):
    name = "sarif"
    extension = ".sarif"
    description = "SARIF 2.1.0 for code scanning (GitHub, VS Code SARIF viewer)"

    def render(self, report: Report) -> str:
        return json.dumps(sarif_log(report), ensure_ascii=False, indent=2) + "\n"
