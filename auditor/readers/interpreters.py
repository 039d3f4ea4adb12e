"""The built-in interpreters: project performance targets (and the forms they sit in),
the service-purchase disclosure and notices.

They are registered through ``auditor_register_interpreters`` like a plugin's,
and claim with modest scores (0.5 or less) so a plugin interpreter that knows
a kind better (a self-evaluation, a department-level table) wins its sections.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, List

from ..interpret import Interpreter, Reading, Section
from ..models import ParseIssue
from ..values import compact
from .blocks import Block, Grid, Para

if TYPE_CHECKING:  # pragma: no cover
    from ..models import Document

FINISH = "finish"
BUILTIN_SCORE = 0.5
_DOC_DATE_LABEL = re.compile(r"成文日期|发布日期|发布时间|发文日期|印发日期")


class PerformanceInterpreter(Interpreter):
    """项目支出绩效目标表 (and the 申报表 / 评价表 forms whose indicator tables they are)."""

    name = "performance"
    kind = "performance"
    builtin = True

    def claim(self, section: Section, doc: "Document") -> float:
        from .assemble import _rows, header_map

        if section.title is None:
            return BUILTIN_SCORE if any(header_map(r) is not None for r in _rows(section.blocks)) else 0.0
        if any(isinstance(b, Grid) for b in section.blocks):
            return BUILTIN_SCORE
        return BUILTIN_SCORE if _form_in_lines(section) else 0.0  # a form written as lines of text, no table

    def read(self, section: Section, doc: "Document") -> Reading:
        from .assemble import _chunks, _department, _rows, _toc, _untitled_tables, key_lines_as_rows
        from .list_plans import plan_tables
        from .flat import rows_run_together
        from .notice import is_form_title, read_form
        from .performance import header_map, read_table, title_index

        out = Reading()
        issues: List[ParseIssue] = out.problems
        title, body = section.title, rows_run_together(section.blocks)
        if title is not None and not is_form_title(title.text):
            body = key_lines_as_rows(body)  # a form's own fields stay the form's
        if title is None:
            untitled = _untitled_tables(body, issues)
            if untitled:
                out.parts.extend(untitled)
            else:
                out.unread.extend(b for b in body if isinstance(b, Grid))
            return out
        rows = _rows(body)
        name = compact(title.text)
        if is_form_title(title.text) and (rows or _form_in_lines(section)):
            head_rows = []
            for r in rows:
                if header_map(r) is not None:
                    break
                head_rows.append(r)
            form = read_form(title, [Grid(rows=head_rows)] + [b for b in body if isinstance(b, Para)])
            form.unit = section.unit  # 金额单位：元 over the form: its amounts without a unit of their own
            out.parts.append(form)
            if len(head_rows) == len(rows) and any("序号" in {compact(c.text) for c in r.cells} for r in rows):
                # a list of projects (项目清单, 推荐汇总表): a row each, read as the form's list; a row giving its
                # project's spend plan (一季度 … 四季度 columns) is also a target table for the plan
                out.parts.extend(plan_tables(form, issues, section.unit))
                return out
        chunks = _chunks(_rows(body, tables_only=True))
        table = read_table(title.text, title.line, chunks[0], issues, section.unit)
        extras = [t for t in (read_table("", more[0].line, more, issues, section.unit) for more in chunks[1:]) if t is not None]
        for extra in extras:  # a second table under the same title line: named by its project
            extra.title = extra.title or (extra.project_name.text if extra.project_name else "")
        for t in ([table] if table is not None else []) + extras:
            t.department = t.department or _department(body)
        if table is not None:
            out.parts.append(table)
        out.parts.extend(extras)
        if any(p is not None and not p.has_indicator_header for p in [table, *extras]) and not any(p.kind == "form" for p in out.parts):
            # keys read, no indicator header: counted as read in part (coverage "partly"); not a finding,
            # since abridged tables (a key block alone) are common and say nothing was lost
            out.partly = "no indicator header"
        if table is None and not extras:
            grids = [b for b in body if isinstance(b, Grid)]
            if grids and all(_toc([g]) for g in grids):
                return out  # a contents list under the heading (the document's toc reads it)
            if any(p.kind == "form" and getattr(p, "fields", None) for p in out.parts):
                return out  # read as a form (a 汇总表 listing projects): nothing was left unread
            if _notes_only(grids, body):
                return out  # a cover under the title (填报说明: a line or two of notes, no table's labels): nothing unread
            if "绩效目标" in name or "绩效评价" in name:
                issues.append(ParseIssue(rule="PARSE002", line=title.line, table=title_index(title.text)[1], code="unreadable-table",
                                         message="形似绩效目标表但无法解析，未审核 / looks like a performance-target table but cannot be parsed; not audited"))
            elif not out.parts:
                out.unread.extend(b for b in body if isinstance(b, Grid))
        return out


def _form_in_lines(section: Section) -> bool:
    """A form's title over its fields as lines of text (``申报单位：…`` or the label on one line, the
    value on the next): two filled fields at least (a cover page's labels over blank space are none)."""
    from .notice import fields_in_paragraphs, is_form_title

    if section.title is None or not is_form_title(section.title.text):
        return False
    return sum(1 for f in fields_in_paragraphs([b for b in section.blocks if isinstance(b, Para)]) if f.value) >= 2


#: labels only a target table's own rows hold: text holding none under a title is a cover or a note, not a table
_TABLE_WORDS = ("一级指标", "二级指标", "三级指标", "指标值", "项目编码", "项目名称", "预算数", "年度目标")


def _notes_only(grids: List[Grid], body: List[Block]) -> bool:
    """Rows of one cell at most (lines of text, no columns) naming none of a table's labels."""
    if any(sum(1 for c in r.cells if not c.blank) > 1 for g in grids for r in g.rows):
        return False
    texts = [t for t in [b.text for b in body if isinstance(b, Para)] + [c.text for g in grids for r in g.rows for c in r.cells] if t.strip()]
    return bool(texts) and not any(w in compact(t) for t in texts for w in _TABLE_WORDS)


class DisclosureInterpreter(Interpreter):
    """政府购买服务信息公开表: the whole document, from its title on."""

    name = "disclosure"
    kind = "disclosure"
    scope = "document"
    builtin = True

    def claim(self, section: Section, doc: "Document") -> float:
        from .assemble import _disclosure_start

        return BUILTIN_SCORE if _disclosure_start(section.blocks) is not None else 0.0

    def read(self, section: Section, doc: "Document") -> Reading:
        from .assemble import _disclosure_start
        from .disclosure import read_disclosure

        out = Reading(exclusive=True)
        title = _disclosure_start(section.blocks)
        if title is None:
            return Reading()
        at = next((i for i, b in enumerate(section.blocks) if b is title), -1)
        out.parts.append(read_disclosure(title, section.blocks[at + 1:] if at >= 0 else section.blocks, out.problems))
        return out


class NoticeInterpreter(Interpreter):
    """通知 / 实施方案, and the dates of a form (its own 申报截止时间 is the deadline it answers)."""

    name = "notice"
    kind = "notice"
    scope = FINISH
    builtin = True

    def claim(self, section: Section, doc: "Document") -> float:
        from .notice import is_notice_title

        if any(isinstance(b, Para) and is_notice_title(b.text) for b in section.blocks) or doc.forms:
            return BUILTIN_SCORE
        return BUILTIN_SCORE if any(_DOC_DATE_LABEL.search(compact(line)) for line in section.lines[:40]) else 0.0

    def read(self, section: Section, doc: "Document") -> Reading:
        from .notice import is_notice_title, read_notice

        first = next((b for b in section.blocks if isinstance(b, Para) and b.text.strip()), None)
        title = next((b for b in section.blocks if isinstance(b, Para) and is_notice_title(b.text)), None)
        notice = read_notice(title or first, section.lines)
        _cells_of_dates(notice.dates, section.blocks)
        out = Reading()
        if notice.dates or title is not None:
            out.parts.append(notice)
        return out


def _cells_of_dates(dates: list, blocks: list) -> None:
    """A date read from a table of a native file (a 时间安排 table) points at its own cell, not at the row:
    the cell on the date's line whose text holds it."""
    wanted = {d.line for d in dates if d.ref is None}
    if not wanted:
        return
    cells: dict = {}
    for block in blocks:
        if isinstance(block, Grid):
            for row in block.rows:
                for cell in row.cells:
                    if cell.ref is not None and cell.line in wanted:
                        cells.setdefault(cell.line, []).append(cell)
    for d in dates:
        if d.ref is None and d.raw:
            raw = compact(d.raw)
            d.ref = next((c.ref for c in cells.get(d.line, ()) if raw and raw in compact(c.text)), None)


def _kinds() -> tuple:
    from ..selfeval.interpreters import INTERPRETERS

    return INTERPRETERS


BUILTIN_INTERPRETERS = (DisclosureInterpreter, PerformanceInterpreter, *_kinds(), NoticeInterpreter)
