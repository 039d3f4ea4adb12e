"""XDOC004: one 项目编码 names different projects in different files."""
from __future__ import annotations

from typing import Iterator

from auditor.corpus.index import FactsIndex
from auditor.corpus.keys import same_name
from auditor.corpus.rule import CorpusIssue, CorpusRule
from auditor.models import PerformanceTable

from ._corpus import shown


class CodeReused(CorpusRule):
    id = "XDOC004"
    name = "code-reused"
    severity = "warning"
    summary = "同一项目编码在不同文件中对应不同项目 / one project code names different projects in different files."
    why = ("项目编码是项目库中项目的唯一标识，绩效目标、自评和决算靠它关联；一个编码挂两个项目，资金和绩效就会张冠李戴。"
           " The code links a project's targets, evaluation and accounts; reused, it links the wrong ones.")
    bad = "a.txt: 37020024P88002810401A 社区养老服务补贴资金；b.txt: 37020024P88002810401A 智慧社区平台运维经费"
    good = "每个项目一个编码 / one code per project"
    fix = "从项目库核对编码和项目名称 / check the code and the name against the project database."
    policy = "预算管理一体化规范：项目库管理"
    anchor = "the code in the file that comes later in path order"
    parts = (PerformanceTable,)  # its facts come from target tables and self-evaluations (a subclass)

    def check(self, index: FactsIndex) -> Iterator[CorpusIssue]:  # type: ignore[override]
        for code, items in index.by_code.items():
            first = items[0]
            for item in items[1:]:
                if item.file == first.file or same_name(first.key, item.key):
                    continue
                fact = item.fact
                yield self.issue_at(
                    item.file, fact.code_ref or fact.title_ref,
                    f"项目编码 {fact.code} 在 {shown(first.file)} 中是“{first.fact.name}”，此处是“{fact.name}” / "
                    f"project code {fact.code} names “{first.fact.name}” in {shown(first.file)} but “{fact.name}” here",
                    table=fact.name or fact.title, code=fact.code, evidence=fact.code or "", field=first.fact.name,
                )
