"""BUD004: a budgeted project is missing from a later section of the disclosure."""
from __future__ import annotations

from typing import Iterator

from auditor.models import Document
from auditor.rule import Issue, Rule

from ._common import find_project, project_key

_SECTIONS = (("contracts", "二、承接主体"), ("finals", "三、决算"), ("evaluations", "四、绩效评价"))


class ProjectMissingFromSection(Rule):
    id = "BUD004"
    name = "project-missing-from-section"
    severity = "warning"
    summary = "预算中的项目在承接主体、决算或绩效评价部分缺失 / a budgeted project is absent from a later section."
    why = "信息公开表四部分应逐项对应；缺项使预算执行和绩效无法追踪。Each budgeted project must be traceable to its contractor, final account and evaluation."
    bad = "一、预算列有“专家劳务费”；四、绩效评价无此项"
    good = "四、绩效评价列出“专家劳务费”的目标与评价结果"
    fix = "补充缺失部分的该项目，或说明未执行原因 / add the project to the section or explain why it is absent."
    policy = "《政府购买服务管理办法》(财政部令第102号) 第三十二条；《项目支出绩效评价管理办法》(财预〔2020〕10号)"
    anchor = "the project's name in the budget section"

    def check(self, doc: Document) -> Iterator[Issue]:
        for disc in doc.disclosures:
            present = {
                "contracts": {project_key(c.project.text) for c in disc.contracts},
                "finals": {project_key(f.name.text) for f in disc.finals},
                "evaluations": {project_key(e.name.text) for e in disc.evaluations},
            }
            for item in disc.budget:
                key = project_key(item.name.text)
                missing = [label for kind, label in _SECTIONS
                           if kind in disc.sections and not disc.sections[kind].rows_skipped and find_project(key, present[kind]) is None]
                if missing:
                    yield self.issue(
                        item.name,
                        f"预算项目“{item.name.text}”在{'、'.join(missing)}部分中缺失 / budgeted project missing from: {', '.join(missing)}",
                        where=disc, evidence=item.name.text, field=item.name.text,
                    )
