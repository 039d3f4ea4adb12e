"""DOC002: a 项目编码 whose year digits disagree with the document, or one code for two projects."""
from __future__ import annotations

import re
from typing import Dict, Iterator

from auditor.identifiers import project_code_year
from auditor.models import Document
from auditor.rule import Issue, Rule, performance_tables
from auditor.values import compact
from auditor.vocabulary import vocabulary

#: a 项目编码 as budget systems print it: a 6-digit division, two year digits, then letters and digits
_CODE = re.compile(r"^\d{6}\d{2}[0-9A-Za-z]{4,}$")


class ProjectCodeYear(Rule):
    id = "DOC002"
    name = "project-code-year"
    severity = "warning"
    summary = "项目编码年度与文件年度不符，或同一编码对应两个项目名称 / a project code's year disagrees with the document, or one code names two projects."
    why = "项目编码是预算项目库的唯一标识；年度错位或重复使用会使资金追踪错配。The project code links budget, execution and evaluation."
    bad = "2022年绩效目标表中 项目编码 37020021P…"
    good = "项目编码 37020022P…（370200 + 22）"
    fix = "从项目库核对编码 / check the code against the project database."
    policy = "预算管理一体化规范：项目库管理"
    anchor = "the code"

    def check(self, doc: Document) -> Iterator[Issue]:
        names: Dict[str, str] = {}
        seen: set = set()
        for table in performance_tables(doc, filled_only=False):
            if table.project_code is None or not table.project_code.text:
                continue
            code = table.project_code.text
            year = project_code_year(code)
            if doc.year and year and year != doc.year:
                yield self.issue(table.project_code, f"项目编码 {code} 的年度为 {year}，文件年度为 {doc.year} / code year {year} differs from the document year {doc.year}",
                                 where=table, evidence=code, field="code-year")
            name = compact(table.project_name.text) if table.project_name else ""
            if name and code in names and names[code] != name:
                yield self.issue(table.project_code, f"项目编码 {code} 同时用于“{names[code]}”和“{name}” / one code used by two project names",
                                 where=table, evidence=code, field="code-name")
            names.setdefault(code, name)
            seen.add((code, table.project_code.line))
        yield from self._listed(doc, names, seen)
        for disc in doc.disclosures:  # a disclosure's budget section with a 项目编码 column
            for item in disc.budget:
                code = item.code.text if item.code is not None else ""
                if not code or (code, item.code.line) in seen or not _CODE.match(code):  # type: ignore[union-attr]
                    continue
                seen.add((code, item.code.line))  # type: ignore[union-attr]
                year = project_code_year(code)
                if doc.year and year and year != doc.year:
                    yield self.issue(item.code, f"项目编码 {code} 的年度为 {year}，文件年度为 {doc.year} / code year {year} differs from the document year {doc.year}",
                                     where=disc, evidence=code, field="code-year")
                name = compact(item.name.text)
                if name and code in names and names[code] != name:
                    yield self.issue(item.code, f"项目编码 {code} 同时用于“{names[code]}”和“{name}” / one code used by two project names",
                                     where=disc, evidence=code, field="code-name")
                names.setdefault(code, name)

    def _listed(self, doc: Document, names: Dict[str, str], seen: set) -> Iterator[Issue]:
        """Codes written in a form's lists and fields (a 分项目清单, a 推荐汇总表), each with the
        项目名称 of its own row: the same year check, and one code for two names."""
        for form in doc.forms:
            by_line: Dict[int, Dict[str, object]] = {}
            keys = vocabulary("performance")
            for f in form.fields:
                role = keys.key_role(compact(f.label))
                if role in ("code", "name"):
                    by_line.setdefault(f.value_line or f.line, {}).setdefault(role, f)
            for line in sorted(by_line):
                found = by_line[line]
                field = found.get("code")
                code = compact(field.value) if field is not None else ""  # type: ignore[attr-defined]
                if not code or (code, line) in seen or not _CODE.match(code):
                    continue
                seen.add((code, line))
                year = project_code_year(code)
                if doc.year and year and year != doc.year:
                    yield self.issue(field, line=line, message=f"项目编码 {code} 的年度为 {year}，文件年度为 {doc.year} / code year {year} differs from the document year {doc.year}",
                                     where=form, evidence=code, field="code-year")
                name_field = found.get("name")
                name = compact(name_field.value) if name_field is not None else ""  # type: ignore[attr-defined]
                if name and code in names and names[code] and names[code] != name:
                    yield self.issue(field, line=line, message=f"项目编码 {code} 同时用于“{names[code]}”和“{name}” / one code used by two project names",
                                     where=form, evidence=code, field="code-name")
                if name:
                    names.setdefault(code, name)
