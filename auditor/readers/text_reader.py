"""The reader for text exports (.txt, .md, .csv-free text): decode, prepare,
tokenise into blocks, assemble the document."""
from __future__ import annotations

import os

from ..models import Document, ParseIssue
from .base import Reader
from .decode import UndecodableError, decode, looks_binary
from .limits import cap_text_cells, cell_budget, over_budget_message

#: a line longer than this is not a line of a budget document
MAX_LINE = 200_000


class TextReader(Reader):
    name = "text"
    extensions = (".txt", ".md", ".markdown", ".text", ".csv", ".tsv", "")
    priority = 0
    description = "Word/PDF/web exports as text: one cell a line, markdown pipe tables, notices"

    def accepts(self, path: str, head: bytes) -> bool:
        return True  # the fallback reader: decides from the bytes, not the name

    def read(self, path: str, data: bytes) -> Document:
        from .aligned import aligned_grids
        from .delimited import as_tab_separated
        from .assemble import assemble
        from .blocks import text_blocks
        from .prepare import prepare_lines
        from .single_spaced import single_spaced_grids
        from .untabbed import tab_bare_cells

        if not data.strip():
            return Document(path=path, issues=[ParseIssue(rule="PARSE001", line=1, message="空文件 / empty file")])
        if looks_binary(data):
            from .unreadable import refusal

            known = refusal(path)  # a .rar, a .7z: what it is and what to do
            return Document(path=path, issues=[ParseIssue(rule="PARSE001", line=1, message=known or f"不是文本文件（{os.path.splitext(path)[1] or '无扩展名'}） / not a text document: binary content")])
        try:
            text, encoding = decode(data)
        except UndecodableError as exc:
            return Document(path=path, issues=[ParseIssue(rule="PARSE001", line=1, message=f"无法解码 / {exc}")])
        lines, converted = prepare_lines(text)
        long = [i for i, line in enumerate(lines, start=1) if len(line) > MAX_LINE]
        if long:
            issue = ParseIssue(rule="PARSE002", line=long[0], message=f"第{long[0]}行长度 {len(lines[long[0] - 1])} 字符，超出上限，已跳过 / line over {MAX_LINE} characters skipped")
            lines = ["" if len(line) > MAX_LINE else line for line in lines]
        else:
            issue = None
        lines, cut = cap_text_cells(lines, len(data))  # memory bound: see readers/limits.py
        tabbed = as_tab_separated(lines) if "," in text else None  # a CSV export: its rows as tab-separated ones
        if tabbed is None:
            tabbed = tab_bare_cells(lines)  # a Word table one cell a line whose tabs were lost
        blocks = aligned_grids(text_blocks(tabbed or lines), lines)  # pdftotext -layout tables
        blocks = single_spaced_grids(blocks, lines)  # a PDF viewer's copy: one space between cells
        layout = "space" if any(getattr(b, "style", "") == "space" for b in blocks) else "pipe" if any(getattr(b, "style", "") == "pipe" for b in blocks) else "tab" if any(getattr(b, "style", "") == "tab" for b in blocks) else "text"
        doc = assemble(path, blocks, lines, layout)
        doc.set_text_lines(lines)
        doc.encoding = encoding + ("+t2s" if converted else "")
        if cut is not None:
            doc.issues.append(ParseIssue(rule="PARSE002", line=cut, message=over_budget_message(cell_budget(len(data)))))
        if issue is not None:
            doc.issues.insert(0, issue)
            if doc.kind == "unknown":
                doc.issues = [i for i in doc.issues if not (i.rule == "PARSE002" and i.line == 1)] or doc.issues
        return doc
