"""IND001: no 满意度指标 with a value."""
from __future__ import annotations

from typing import Iterator

from auditor.models import Document
from auditor.names import is_satisfaction
from auditor.rule import Issue, Rule, performance_tables


class MissingSatisfaction(Rule):
    id = "IND001"
    name = "missing-satisfaction"
    severity = "error"
    summary = "缺少有指标值的满意度指标 / the indicator table has no 满意度指标 row with a value."
    why = "满意度指标是2021年指引规定的四个一级指标之一；有服务对象的项目应设服务对象满意度。Satisfaction is one of the four first-level indicators."
    bad = "指标表只有产出指标、效益指标、成本指标"
    good = "满意度指标 | 服务对象满意度指标 | 企业满意度 | ≥90%"
    fix = "增加服务对象满意度指标并给出目标值 / add a 服务对象满意度 indicator with a target."
    policy = "财预〔2021〕101号：一级指标包括产出、成本、效益、满意度指标"
    anchor = "the table's first line"

    def check(self, doc: Document) -> Iterator[Issue]:
        for table in performance_tables(doc):
            if not table.has_indicator_header or not table.indicators:
                continue
            if not any(is_satisfaction(i.level1, i.level2) and i.value_raw.strip() for i in table.indicators):
                yield self.issue(table.title_line, f"“{table.label}”没有满意度指标（或满意度指标无指标值） / no satisfaction indicator with a value",
                                 where=table, field="satisfaction")
