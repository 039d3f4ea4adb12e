"""The findings contract of OUTPUT.md as JSON, written file by file.

The stream is byte-for-byte what ``json.dumps(report_dict(report), indent=2)``
gives for the same findings, without holding them all.
"""
from __future__ import annotations

import json
from typing import Any, Dict, List, Optional, Sequence

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


_encode_str = json.encoder.encode_basestring  # the C function json.dumps(ensure_ascii=False) uses
_NEWLINES = ["\n" + "  " * n for n in range(16)]


def _float(o: float) -> str:
    if o != o:
        return "NaN"
    if o in (float("inf"), float("-inf")):
        return "Infinity" if o > 0 else "-Infinity"
    return float.__repr__(o)


def _scalar(o: Any) -> Optional[str]:
    """A str, None, bool, int or float as json.dumps writes it; None for anything else."""
    t = type(o)
    if t is str:
        return _encode_str(o)
    if o is None:
        return "null"
    if o is True:
        return "true"
    if o is False:
        return "false"
    if isinstance(o, int):
        return int.__repr__(o)
    if isinstance(o, float):
        return _float(o)
    if isinstance(o, str):
        return _encode_str(o)
    return None


def _key(key: Any) -> str:
    if isinstance(key, str):
        return _encode_str(key)
    if isinstance(key, float):
        return _encode_str(_float(key))
    if key is True or key is False or key is None:
        return '"' + ("true" if key is True else "false" if key is False else "null") + '"'
    if isinstance(key, int):
        return '"' + int.__repr__(key) + '"'
    raise TypeError(f"keys must be str, int, float, bool or None, not {key.__class__.__name__}")


def _newline(level: int) -> str:
    return _NEWLINES[level] if level < len(_NEWLINES) else "\n" + "  " * level


def _put(o: Any, level: int, out: List[str]) -> None:
    """``o`` as ``json.dumps(o, ensure_ascii=False, indent=2)`` writes it at nesting ``level``
    (the standard library has no C encoder for indented output; this is several times faster)."""
    text = _scalar(o)
    if text is not None:
        out.append(text)
    elif isinstance(o, dict):
        if not o:
            out.append("{}")
            return
        inner = _newline(level + 1)
        sep = "{" + inner
        for key, value in o.items():
            text = _scalar(value)
            if text is not None:
                out.append(sep + _key(key) + ": " + text)
            else:
                out.append(sep + _key(key) + ": ")
                _put(value, level + 1, out)
            sep = "," + inner
        out.append(_newline(level) + "}")
    elif isinstance(o, (list, tuple)):
        if not o:
            out.append("[]")
            return
        inner = _newline(level + 1)
        sep = "[" + inner
        for value in o:
            text = _scalar(value)
            if text is not None:
                out.append(sep + text)
            else:
                out.append(sep)
                _put(value, level + 1, out)
            sep = "," + inner
        out.append(_newline(level) + "]")
    else:
        raise TypeError(f"Object of type {o.__class__.__name__} is not JSON serializable")


def dumps_indented(o: Any, level: int = 0) -> str:
    """``json.dumps(o, ensure_ascii=False, indent=2)`` with every line after the first indented
    ``level`` steps more; anything it does not know goes to json.dumps itself (same error)."""
    out: List[str] = []
    try:
        _put(o, level, out)
    except (TypeError, ValueError, RecursionError):
        return _indent(json.dumps(o, ensure_ascii=False, indent=2), "  " * level)
    return "".join(out)


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
            parts.append(("," if self.count else "") + "\n    " + dumps_indented(finding_dict(f), 2))
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
