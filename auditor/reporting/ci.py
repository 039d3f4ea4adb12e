"""Formats CI systems read natively: GitHub workflow annotations and GitLab Code Quality."""
from __future__ import annotations

import hashlib
import json
import os
from typing import Any, Dict, List, Optional

from ..models import Finding
from .base import Report, Reporter, neutral, rule_name

#: GitHub's annotation levels
GITHUB_LEVELS = {"error": "error", "warning": "warning", "info": "notice"}
#: Code Climate severities GitLab shows
GITLAB_SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


def repo_path(path: str, root: Optional[str]) -> str:
    """A path relative to the configuration folder (the repository) when inside it, with ``/``."""
    base = os.path.abspath(root or os.getcwd())
    full = os.path.abspath(path)
    try:
        rel = os.path.relpath(full, base)
    except ValueError:  # pragma: no cover - another drive on Windows
        return path
    if rel == ".." or rel.startswith(".." + os.sep):
        return path.replace(os.sep, "/")
    return rel.replace(os.sep, "/")


def _escape_data(text: str) -> str:
    """The message part of a workflow command (GitHub's toolkit escaping)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    """A ``key=value`` part of a workflow command."""
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_line(report: Report, f: Finding) -> str:
    """``::error file=…,line=…,col=…,title=…::message`` for one finding."""
    props = [f"file={_escape_property(neutral(repo_path(f.file, report.root), one_line=True))}", f"line={max(1, f.line)}"]
    if f.column:
        props.append(f"col={f.column}")
        if f.end_column and f.end_column > f.column:
            props.append(f"endColumn={f.end_column}")
    name = f.name or rule_name(report, f.rule)
    title = f"{f.rule} {name}".strip() + (f" ({f.location})" if f.location else "")
    props.append(f"title={_escape_property(neutral(title, one_line=True))}")
    return f"::{GITHUB_LEVELS.get(f.severity, 'warning')} {','.join(props)}::{_escape_data(neutral(f.message))}"


class GithubReporter(Reporter):
    name = "github"
    extension = ".txt"
    description = "GitHub Actions workflow commands: an annotation per finding in the pull request"

    def render(self, report: Report) -> str:
        lines = [github_line(report, f) for f in report.findings]
        lines += [f"::error file={_escape_property(neutral(repo_path(p.file, report.root), one_line=True))},"
                  f"title=PARSE001::{_escape_data(neutral(p.message))}" for p in report.problems]
        return "".join(line + "\n" for line in lines)


def gitlab_issue(report: Report, f: Finding, seen: Dict[str, int]) -> Dict[str, Any]:
    """One Code Quality issue; fingerprints unique within the report, stable across runs."""
    key = f.fingerprint or f"{f.rule}\0{f.file}\0{f.line}\0{f.message}"
    seen[key] = seen.get(key, 0) + 1
    digest = hashlib.sha256(f"{key}\0{seen[key]}".encode("utf-8", "surrogatepass")).hexdigest()
    where = f" ({f.location})" if f.location else ""
    return {
        "description": neutral(f"{f.rule} {f.message}{where}", one_line=True),
        "check_name": neutral(f.rule, one_line=True),
        "fingerprint": digest,
        "severity": GITLAB_SEVERITIES.get(f.severity, "minor"),
        "location": {"path": neutral(repo_path(f.file, report.root), one_line=True), "lines": {"begin": max(1, f.line)}},
    }


class GitlabReporter(Reporter):
    name = "gitlab"
    extension = ".json"
    description = "GitLab Code Quality JSON (artifacts:reports:codequality)"

    def render(self, report: Report) -> str:
        seen: Dict[str, int] = {}
        issues: List[Dict[str, Any]] = [gitlab_issue(report, f, seen) for f in report.findings]
        return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"
