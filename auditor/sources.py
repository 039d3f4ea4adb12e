"""Where a piece of text sits in its source file: :class:`SourceRef`.

Every cell and paragraph a reader yields may carry one, so a finding can
name the exact cell a person must open (``表2!E13``, ``表1 第11行第5列``,
``第3页``) and, in text inputs, the column span on the line.

A plain slotted class rather than a pydantic model: readers make one per
cell, and the hot loop must not pay for validation.  Pydantic models that
hold one (``Cell.ref`` …) serialise it as a dict and accept a dict back
(JSON input), through :meth:`SourceRef.__get_pydantic_core_schema__`.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

_FIELDS = ("kind", "line", "column", "end_column", "sheet", "cell", "merged", "table", "row", "col", "page", "bbox",
           "paragraph", "excerpt", "excerpt_index")


class SourceRef:
    """A position in the source, by kind: ``text`` | ``xlsx`` | ``docx`` | ``html`` | ``pdf`` | ``json``.

    - text: ``line`` and the 1-based ``column`` and ``end_column`` (exclusive, as SARIF's endColumn) of the text on that line;
    - xlsx: ``sheet`` and A1 ``cell``, ``merged`` (``E13:E15``) when the cell is part of a merged range;
    - docx / html: ``table``, ``row``, ``col`` (1-based), or ``paragraph``;
    - pdf: ``page``, ``row`` and ``bbox`` (x0, top, x1, bottom in points) when known.

    ``line`` is always the reader's line (row or paragraph number for native files).
    ``excerpt`` is the row's cell texts and ``excerpt_index`` the index of this cell in it (native rows).
    """

    __slots__ = _FIELDS

    def __init__(self, kind: str = "text", line: int = 1, column: Optional[int] = None, end_column: Optional[int] = None,
                 sheet: Optional[str] = None, cell: Optional[str] = None, merged: Optional[str] = None,
                 table: Optional[int] = None, row: Optional[int] = None, col: Optional[int] = None,
                 page: Optional[int] = None, bbox: Optional[Tuple[float, float, float, float]] = None,
                 paragraph: Optional[int] = None, excerpt: Optional[List[str]] = None, excerpt_index: Optional[int] = None) -> None:
        self.kind = kind
        self.line = line
        self.column = column
        self.end_column = end_column
        self.sheet = sheet
        self.cell = cell
        self.merged = merged
        self.table = table
        self.row = row
        self.col = col
        self.page = page
        self.bbox = bbox
        self.paragraph = paragraph
        self.excerpt = excerpt
        self.excerpt_index = excerpt_index

    # -- what a finding shows ---------------------------------------------------
    def location(self) -> Optional[str]:
        """The exact place as a person names it; None for text (line and column say it)."""
        if self.kind == "xlsx" and self.sheet is not None and self.cell:
            return f"{self.sheet}!{self.cell}"
        if self.kind in ("docx", "html") and self.table is not None and self.row is not None:
            return f"表{self.table} 第{self.row}行" + (f"第{self.col}列" if self.col is not None else "")
        if self.kind == "docx" and self.paragraph is not None:
            return f"段落 {self.paragraph}"
        if self.kind == "pdf" and self.page is not None:
            return f"第{self.page}页"  # RULES.md "Anchors": a PDF is opened at its page; the row is in ``row``
        return None

    def as_dict(self) -> Dict[str, Any]:
        """The finding's ``source``: only the keys that are known."""
        out: Dict[str, Any] = {}
        for name in _FIELDS:
            value = getattr(self, name)
            if value is not None:
                out[name] = list(value) if isinstance(value, tuple) else value
        return out

    def with_(self, **changes: Any) -> "SourceRef":
        data = {name: getattr(self, name) for name in _FIELDS}
        data.update(changes)
        return SourceRef(**data)

    @classmethod
    def from_dict(cls, data: Dict[str, Any]) -> "SourceRef":
        known = {k: v for k, v in data.items() if k in _FIELDS}
        if isinstance(known.get("bbox"), list):
            known["bbox"] = tuple(known["bbox"])
        return cls(**known)

    def __repr__(self) -> str:
        return f"SourceRef({', '.join(f'{k}={v!r}' for k, v in self.as_dict().items())})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SourceRef) and self.as_dict() == other.as_dict()

    __hash__ = None  # type: ignore[assignment]

    # -- pydantic: a dict on the wire, a SourceRef in memory --------------------------
    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        def coerce(value: Any) -> "SourceRef":
            if isinstance(value, SourceRef):
                return value
            if isinstance(value, dict):
                return cls.from_dict(value)
            raise ValueError("a source reference is an object such as {\"kind\": \"xlsx\", \"sheet\": \"表2\", \"cell\": \"E13\"}")

        return core_schema.no_info_plain_validator_function(
            coerce, serialization=core_schema.plain_serializer_function_ser_schema(lambda v: v.as_dict()))

    @classmethod
    def __get_pydantic_json_schema__(cls, core: Any, handler: Any) -> Dict[str, Any]:
        return {"type": "object", "description": "where the text sits in the source (kind, line, column, sheet, cell, table, row, col, page …)"}


def text_ref(line: int, line_text: Optional[str], text: str) -> SourceRef:
    """The ref of ``text`` on a text line: its column span when it can be found there."""
    ref = SourceRef("text", line)
    needle = text.strip()
    if line_text and needle:
        at = line_text.find(needle)
        if at < 0:
            at = line_text.find(needle[:8])
            span = min(len(needle), len(line_text) - at) if at >= 0 else 0
        else:
            span = len(needle)
        if at >= 0:
            ref.column, ref.end_column = at + 1, at + 1 + span
    return ref
