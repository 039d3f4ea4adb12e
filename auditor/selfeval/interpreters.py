"""The self-evaluation and department-table interpreters, registered with the
built-in ones through ``auditor_register_interpreters``.

They claim above the target-table interpreter (0.5), so a 自评表 or a 部门整体
table is never read as a project target table (no PLAN rule sees it).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..interpret import Interpreter, Reading, Section
from ..readers.blocks import Grid, Para
from ..values import compact
from ..vocabulary import vocabulary
from .vocabulary import DEPARTMENT_KIND, SELF_EVALUATION_KIND

if TYPE_CHECKING:  # pragma: no cover
    from ..models import Document

SELF_EVALUATION_SCORE = 0.9
DEPARTMENT_SCORE = 0.8


def _section_rows(section: Section):
    from ..readers.assemble import _rows

    return _rows(section.blocks)


class SelfEvaluationInterpreter(Interpreter):
    """项目支出绩效自评表 / 部门整体支出绩效自评表: by title, or by a 全年执行数 / 实际完成值 header."""

    name = "self-evaluation"
    kind = SELF_EVALUATION_KIND
    builtin = True

    def claim(self, section: Section, doc: "Document") -> float:
        from .reading import is_self_evaluation

        if not any(isinstance(b, Grid) for b in section.blocks):
            return 0.0
        title = compact(section.title_text)
        if self.vocabulary.is_title(title):
            return SELF_EVALUATION_SCORE
        if title and vocabulary("performance").is_title(title):
            return 0.0  # a …绩效目标表 is a target table: its rows need no look
        return SELF_EVALUATION_SCORE if is_self_evaluation("", _section_rows(section), self.vocabulary) else 0.0

    def read(self, section: Section, doc: "Document") -> Reading:
        from .reading import read_self_evaluation

        out = Reading()
        title = section.title
        rows = _section_rows(section)
        notes = [b.text for b in section.blocks if isinstance(b, Para)]
        at = title.line if title is not None else (rows[0].line if rows else 1)
        se = read_self_evaluation(title.text if title is not None else "", at, rows, out.problems, section.unit, notes, self.vocabulary)
        if se is not None and not se.title and se.project_name is not None:
            se.title = se.project_name.text  # an untitled table is named by its project
        if se is None:
            out.unread.extend(b for b in section.blocks if isinstance(b, Grid))
        else:
            se.ref = title.ref if title is not None else None
            out.parts.append(se)
            if not se.funds or not se.indicators:
                out.partly = "no money block" if not se.funds else "no indicator rows"
        return out


class DepartmentInterpreter(Interpreter):
    """部门整体支出绩效目标表: a target table whose money is split by source and by use."""

    name = "department"
    kind = DEPARTMENT_KIND
    builtin = True

    def claim(self, section: Section, doc: "Document") -> float:
        from .department import is_department_table

        if section.title is None or not any(isinstance(b, Grid) for b in section.blocks):
            return 0.0
        return DEPARTMENT_SCORE if is_department_table(section.title_text, self.vocabulary) else 0.0

    def read(self, section: Section, doc: "Document") -> Reading:
        from ..readers.performance import header_map, read_table
        from .department import department_from

        out = Reading()
        title = section.title
        assert title is not None
        rows = _section_rows(section)
        table = read_table(title.text, title.line, rows, out.problems, section.unit)
        if table is None:
            out.unread.extend(b for b in section.blocks if isinstance(b, Grid))
            return out
        header = next((i for i, r in enumerate(rows) if header_map(r) is not None), len(rows))
        dept = department_from(table, rows, header, self.vocabulary)
        dept.ref = title.ref
        out.parts.append(dept)
        return out


INTERPRETERS = (SelfEvaluationInterpreter, DepartmentInterpreter)
