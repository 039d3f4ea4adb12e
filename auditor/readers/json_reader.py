"""Documents in the project's own JSON form (``auditor parse --format json``).

Validated by the document model, which the published schema (``auditor schema
document``) is generated from;
invalid input becomes PARSE001/PARSE002 findings naming the JSON path.
"""
from __future__ import annotations

import json
import math
from typing import Any, List, Tuple

from ..models import Document, ParseIssue
from .base import Reader
from .decode import valid_text


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
        except (ValueError, RecursionError) as exc:  # an integer of 5,000 digits; nesting deeper than the stack
            return Document(path=path, issues=[ParseIssue(rule="PARSE001", line=1, message=f"JSON 无法读取 / JSON not read: {type(exc).__name__}: {exc}")])
        if isinstance(raw, dict) and "document" in raw and isinstance(raw["document"], dict):
            raw = raw["document"]
        if not isinstance(raw, dict):
            return Document(path=path, issues=[ParseIssue(rule="PARSE001", line=1, message="JSON 顶层应为对象 / $: expected an object (a document)")])
        raw, bad = _sanitised(raw)
        if bad:
            return Document(path=path, issues=[ParseIssue(rule="PARSE001", line=1, message=m) for m in bad[:20]])
        raw = {**raw, "path": path}
        try:
            doc = Document.model_validate(raw)
        except ValidationError as exc:
            issues = [ParseIssue(rule="PARSE001", line=1, message=f"JSON 文档类型错误 / {_path(e['loc'])}: {e['msg']}") for e in exc.errors()[:20]]
            return Document(path=path, issues=issues)
        doc.layout = "json"
        return doc


#: integers a document may hold (JSON's safe range); line numbers are bounded tighter
MAX_INT = 2**53
MAX_LINE = 10**9  # as auditor.engine.MAX_POSITION


def _sanitised(raw: Any) -> Tuple[Any, List[str]]:
    """The parsed JSON with lone surrogates replaced, and what is out of range.

    Done here, where the values enter: a line number above 2^63 or text with
    ``\\ud800`` must not reach the database or an output.  Iterative, so
    nesting depth costs no stack.
    """
    bad: List[str] = []
    root: List[Any] = [raw]
    todo: List[Tuple[Any, Any, Tuple[Any, ...]]] = [(root, 0, ())]
    while todo:
        parent, key, loc = todo.pop()
        value = parent[key]
        if isinstance(value, str):
            parent[key] = valid_text(value)
        elif isinstance(value, bool):
            continue
        elif isinstance(value, int):
            name = str(loc[-1]) if loc else ""
            limit = MAX_LINE if name == "line" or name.endswith("_line") else MAX_INT
            if not -limit <= value <= limit:
                bad.append(f"JSON 数值超出范围 / {_path(loc)}: {value if len(str(value)) < 30 else str(value)[:20] + '…'} is outside ±{limit}")
        elif isinstance(value, float) and not math.isfinite(value):
            bad.append(f"JSON 数值无效 / {_path(loc)}: {value} is not a finite number")
        elif isinstance(value, dict):
            fixed = {valid_text(k): v for k, v in value.items()}
            parent[key] = fixed
            todo.extend((fixed, k, loc + (k,)) for k in fixed)
        elif isinstance(value, list):
            todo.extend((value, i, loc + (i,)) for i in range(len(value)))
    return root[0], bad
