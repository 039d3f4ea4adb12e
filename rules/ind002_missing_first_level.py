"""IND002: 产出指标, 效益指标 or 成本指标 is absent."""
from __future__ import annotations

from typing import Iterator, List

from auditor.models import Document
from auditor.names import is_cost
from auditor.rule import Issue, Rule, performance_tables
from auditor.values import compact


class MissingFirstLevel(Rule):
    id = "IND002"
    name = "missing-first-level"
    severity = "error"
    summary = "缺少产出、效益或成本指标 / one of 产出指标, 效益指标, 成本指标 is absent."
    why = "绩效目标须覆盖产出、成本和效益，缺一则无法完整评价。Outputs, costs and effects are all required to assess a project."
    bad = "指标表只有产出指标和满意度指标"
    good = "产出指标、成本指标（或产出指标下的成本指标）、效益指标、满意度指标齐全"
    fix = "补充缺失的一级指标 / add the missing first-level indicator."
    policy = "财预〔2021〕101号；《项目支出绩效评价管理办法》(财预〔2020〕10号)"
    anchor = "the table's first line"

    def check(self, doc: Document) -> Iterator[Issue]:
        for table in performance_tables(doc):
            if not table.has_indicator_header or not table.indicators:
                continue
            levels = {compact(i.level1) for i in table.indicators}
            missing: List[str] = []
            if "产出指标" not in levels:
                missing.append("产出指标")
            if not any(is_cost(i.level1, i.level2) for i in table.indicators):
                missing.append("成本指标")
            if "效益指标" not in levels:
                missing.append("效益指标")
            if missing:
                yield self.issue(table.title_line, f"“{table.label}”缺少一级指标：{'、'.join(missing)} / missing first-level indicators",
                                 where=table, field="levels:" + ",".join(missing))
