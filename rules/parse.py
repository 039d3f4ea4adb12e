"""PARSE001–003: problems the readers meet, reported like any other finding.

The readers record them on the document; these classes give them an ID,
a severity and an explanation, so ``auditor rules`` and ``explain`` cover them.
"""
from __future__ import annotations

from typing import Iterator

from auditor.models import Document
from auditor.rule import Issue, Rule


class _ReaderRule(Rule):
    def check(self, doc: Document) -> Iterator[Issue]:
        return iter(())


class Unreadable(_ReaderRule):
    id = "PARSE001"
    name = "unreadable"
    severity = "error"
    summary = "文件无法读取 / the file cannot be decoded or read at all."
    why = "无法读取的文件未被审核；一次扫描中它不会中断其他文件。An unreadable file was not audited; the sweep goes on."
    fix = "检查文件编码或格式，重新导出 / check the encoding or format and export again."
    anchor = "1"


class TableUnrecognised(_ReaderRule):
    id = "PARSE002"
    name = "table-unrecognised"
    severity = "warning"
    summary = "形似已知表格但无法解析，其内容未审核 / a block looks like a known table but cannot be parsed; its text is not audited."
    why = "未解析的表格中的问题不会被发现。Problems in an unparsed table go unnoticed."
    fix = "检查表头和行是否完整 / check the header and rows of the table."
    anchor = "the block's first line"


class RowMisaligned(_ReaderRule):
    id = "PARSE003"
    name = "row-misaligned"
    severity = "info"
    summary = "行的单元格被源文件错位，已重新对齐 / a row shifted by the source export was re-aligned; the finding says how."
    why = "重新对齐是推断，请核对该行的归属。Re-alignment is an inference: check where the row belongs."
    fix = "核对原表该行 / check the row in the original document."
    anchor = "the row"
