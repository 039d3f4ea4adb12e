"""Documents in the project's own JSON form (``auditor parse --format json``).

Validated by the document model, which the published schema (``auditor schema
document``) is generated from;
invalid input becomes PARSE001/PARSE002 findings naming the JSON path.
"""
from __future__ import annotations

import json
from typing import Any

from ..models import Document, ParseIssue
from .base import Reader


#: the tags pydantic puts in an error's path for a table's kind (not a key of the document)
_TABLE_TAGS = ("performance", "self-evaluation", "department")


def _path(loc: Any) -> str:
    out = "$"
    parts = list(loc)
    for i, part in enumerate(parts):
        if part in _TABLE_TAGS and i > 0 and isinstance(parts[i - 1], int):
            continue
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


class JsonReader(Reader):
    name = "json"
    extensions = (".json",)
    priority = 50
    description = "a document in auditor's own JSON form (auditor schema document)"

    def accepts(self, path: str, head: bytes) -> bool:
        return path.lower().endswith(".json") and head.lstrip()[:1] in (b"{", b"[")

    def read(self, path: str, data: bytes) -> Document:
        from pydantic import ValidationError

        try:
            raw = json.loads(data.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            line = getattr(exc, "lineno", 1)
            return Document(path=path, issues=[ParseIssue(rule="PARSE001", line=line, message=f"JSON 无法解析 / invalid JSON: {exc}")])
        if isinstance(raw, dict) and "document" in raw and isinstance(raw["document"], dict):
            raw = raw["document"]
        if not isinstance(raw, dict):
            return Document(path=path, issues=[ParseIssue(rule="PARSE002", line=1, message="JSON 顶层应为对象 / $: expected an object (a document)")])
        raw = {**raw, "path": path}
        try:
            doc = Document.model_validate(raw)
        except ValidationError as exc:
            issues = [ParseIssue(rule="PARSE002", line=1, message=f"{_path(e['loc'])}: {e['msg']}") for e in exc.errors()[:20]]
            return Document(path=path, issues=issues)
        doc.layout = "json"
        return doc
