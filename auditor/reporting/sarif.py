"""SARIF 2.1.0, so code-scanning tools (GitHub, VS Code, Azure DevOps) show findings in place.

- URIs are exact for any file name: the path's bytes percent-encoded (a ``\\`` in a
  POSIX name stays a backslash, as ``%5C``; surrogate-escaped bytes are encoded as
  the bytes they stand for), relative to ``%SRCROOT%`` = the configuration's folder
  (``Report.root``), so the same file has the same URI from any working folder.
- Each rule has ``helpUri`` (its page under docs/rules/, written by
  ``auditor rules --format markdown``); each result a region with columns when the
  reader knows them, a logical location for native cells (``Sheet1!B7``),
  ``partialFingerprints.primaryLocationLineHash`` (GitHub's key) and a message whose
  first words are the rule's fixed summary, so viewers that group by message group by rule.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple
from urllib.parse import quote_from_bytes

from ..models import Finding
from .base import Report, Reporter, neutral, neutral_data, rule_name, rule_sections

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
#: SARIF has three levels that matter; ``note`` is its name for info
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
#: characters a URI path keeps as they are (RFC 3986 pchar minus ``:``, plus ``/``)
_URI_SAFE = "/!$&'()*+,;=@-._~"
SRCROOT = "%SRCROOT%"
#: the checkout this package runs from (docs/rules/ and README.md live there)
CHECKOUT = Path(__file__).resolve().parents[2]


def _metadata_url(*labels: str) -> Optional[str]:
    """A URL the installed metadata declares (Project-URL with one of ``labels``, else Home-page)."""
    try:
        from importlib.metadata import PackageNotFoundError, metadata

        meta = metadata("auditor")
    except (ImportError, PackageNotFoundError):  # pragma: no cover - always installed in practice
        return None
    for entry in meta.get_all("Project-URL") or []:
        label, _, value = entry.partition(",")
        if label.strip().lower() in labels and value.strip():
            return value.strip()
    url = meta.get("Home-page")
    return url if url and url.upper() != "UNKNOWN" else None


def information_uri() -> Optional[str]:
    """The project's home page: declared in the metadata, else the checkout's README."""
    url = _metadata_url("homepage", "source", "repository")
    if url:
        return url
    readme = CHECKOUT / "README.md"
    return readme.as_uri() if readme.is_file() else None


def help_uri(rule_id: str, rule_cls: Optional[type]) -> Optional[str]:
    """A rule's page: the rule's own ``help_uri``, else docs/rules/ID.md (published or in the checkout)."""
    own = getattr(rule_cls, "help_uri", "") if rule_cls is not None else ""
    if own:
        return str(own)
    base = _metadata_url("rules", "documentation")
    if base:
        return base.rstrip("/") + "/" + quote_from_bytes(f"{rule_id}.md".encode("utf-8"), safe=_URI_SAFE)
    page = CHECKOUT / "docs" / "rules" / f"{rule_id}.md"
    return page.as_uri() if page.is_file() else None


def _path_bytes(path: str) -> bytes:
    """The file name as the bytes the filesystem holds (surrogate escapes undone)."""
    try:
        return os.fsencode(path)
    except UnicodeEncodeError:  # a lone surrogate no filesystem gave: its UTF-8 replacement
        return path.encode("utf-8", "replace")


def uri_path(path: str) -> str:
    """A path's bytes percent-encoded as a URI path; only the OS separator becomes ``/``."""
    raw = _path_bytes(path)
    if os.sep != "/":  # pragma: no cover - Windows
        raw = raw.replace(os.fsencode(os.sep), b"/")
        if os.altsep:
            raw = raw.replace(os.fsencode(os.altsep), b"/")
    return quote_from_bytes(raw, safe=_URI_SAFE)


def root_uri(root: str) -> str:
    """``file:///root/`` with the trailing slash SARIF requires of a base URI."""
    text = uri_path(os.path.abspath(root))
    if not text.startswith("/"):  # pragma: no cover - Windows drive letters
        text = "/" + text
    return "file://" + text.rstrip("/") + "/"


def artifact_location(path: str, root: Optional[str] = None) -> Dict[str, str]:
    """A file inside ``root`` (default: the working folder) is relative to %SRCROOT%;
    one outside it is an absolute ``file://`` URI."""
    base = os.path.abspath(root or os.getcwd())
    full = os.path.abspath(path)
    try:
        rel = os.path.relpath(full, base)
    except ValueError:  # another drive on Windows
        rel = ""
    if not rel or rel == ".." or rel.startswith(".." + os.sep) or os.path.isabs(rel):
        return {"uri": root_uri(full).rstrip("/")}
    return {"uri": uri_path(rel), "uriBaseId": SRCROOT}


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
    named = {"name": neutral(name, one_line=True)} if name else {}
    out: Dict[str, Any] = {
        "id": neutral(rule_id, one_line=True),
        **named,
        "shortDescription": {"text": neutral(summary)},
        "fullDescription": {"text": neutral(getattr(cls, "why", "") or summary)},
        "help": {"text": neutral(text or summary), "markdown": neutral(markdown or summary)},
        "defaultConfiguration": {"level": LEVELS.get(getattr(cls, "severity", "warning"), "warning")},
        "properties": {"plugin": neutral(report.rule_source.get(rule_id, ""))},
    }
    url = help_uri(rule_id, cls)
    if url:
        out["helpUri"] = url
    return out


def message_text(report: Report, finding: Finding) -> str:
    """The rule's fixed summary first, then what this finding says."""
    summary = (getattr(report.rules.get(finding.rule), "summary", "") or "").rstrip(".。 ")
    if summary and not finding.message.startswith(summary):
        return neutral(f"{summary} — {finding.message}")
    return neutral(finding.message)


def region(finding: Finding) -> Dict[str, int]:
    """Line, and the column span when the reader knew it (SARIF's endColumn is exclusive)."""
    out = {"startLine": max(1, int(finding.line))}
    if finding.column and finding.column >= 1:
        out["startColumn"] = int(finding.column)
        if finding.end_column and finding.end_column > finding.column:
            out["endColumn"] = int(finding.end_column)
    return out


def line_hash(finding: Finding, seen: Dict[str, int]) -> str:
    """``primaryLocationLineHash`` as GitHub writes it (``hash:occurrence``), from the
    finding's own line-independent fingerprint, so an alert survives moved lines."""
    key = finding.fingerprint or f"{finding.rule}\0{finding.file}\0{finding.evidence}\0{finding.message}"
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    seen[digest] = seen.get(digest, 0) + 1
    return f"{digest}:{seen[digest]}"


def logical_locations(finding: Finding) -> List[Dict[str, str]]:
    """Native files: the cell, row or page a person opens (``Sheet1!B7``, ``表2 第5行``)."""
    if not finding.location:
        return []
    source = finding.source or {}
    kind = "element" if source.get("cell") or source.get("row") else "module" if source.get("page") else "element"
    return [{"name": neutral(finding.location, one_line=True), "fullyQualifiedName":
             neutral(f"{finding.file}/{finding.location}", one_line=True), "kind": kind}]


def result(report: Report, finding: Finding, index: int, seen: Dict[str, int]) -> Dict[str, Any]:
    """One SARIF result: rule, level, message, place, stable fingerprints."""
    properties: Dict[str, Any] = {k: neutral(v) for k, v in (
        ("table", finding.table), ("project_code", finding.project_code),
        ("evidence", finding.evidence), ("location", finding.location)) if v}
    if finding.source:
        properties["source"] = neutral_data(finding.source)
    location: Dict[str, Any] = {"physicalLocation": {
        "artifactLocation": artifact_location(finding.file, report.root),
        "region": region(finding),
    }}
    logical = logical_locations(finding)
    if logical:
        location["logicalLocations"] = logical
    out: Dict[str, Any] = {
        "ruleId": neutral(finding.rule, one_line=True),
        "ruleIndex": index,
        "level": LEVELS.get(finding.severity, "warning"),
        "message": {"text": message_text(report, finding)},
        "locations": [location],
        "partialFingerprints": {"primaryLocationLineHash": line_hash(finding, seen),
                                "auditor/v1": neutral(finding.fingerprint)},
    }
    if properties:
        out["properties"] = properties
    return out


def notifications(report: Report) -> List[Dict[str, Any]]:
    """Files that could not be read, as tool notifications of the invocation."""
    return [{"level": "error", "message": {"text": neutral(p.message)},
             "locations": [{"physicalLocation": {"artifactLocation": artifact_location(p.file, report.root)}}]}
            for p in report.problems]


def sarif_log(report: Report) -> Dict[str, Any]:
    """The whole SARIF log: one run, rules that appear, one result per finding."""
    rule_ids = list(report.by_rule())
    index = {rid: i for i, rid in enumerate(rule_ids)}
    driver: Dict[str, Any] = {"name": "auditor", "version": report.tool_version, "semanticVersion": report.tool_version}
    url = information_uri()
    if url:
        driver["informationUri"] = url
    driver["rules"] = [descriptor(report, rid) for rid in rule_ids]
    seen: Dict[str, int] = {}
    run: Dict[str, Any] = {
        "tool": {"driver": driver},
        "originalUriBaseIds": {SRCROOT: {"uri": root_uri(report.root or os.getcwd())}},
        "invocations": [{"executionSuccessful": True, "toolExecutionNotifications": notifications(report)}],
        "columnKind": "unicodeCodePoints",
        "results": [result(report, f, index[f.rule], seen) for f in report.findings],
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


class SarifReporter(Reporter):
    name = "sarif"
    extension = ".sarif"
    description = "SARIF 2.1.0 for code scanning (GitHub, VS Code SARIF viewer)"

    def render(self, report: Report) -> str:
        return json.dumps(sarif_log(report), ensure_ascii=False, indent=2) + "\n"
