"""SC001–SC004: an application to the 智慧泉城创新应用大赛 (smart-city competition).

The competition's 实施方案 (seed 003) asks each 参赛单位 for a
《济南市新型智慧城市试点示范项目申报书》: a 申报表 (unit and project data),
a 项目绩效评价表 (indicators with values) and a cover with the 申报日期, filed
by the deadline the plan sets (区县汇总材料上报截止时间为2021年12月15日).

Every rule here judges *applications* only: a document that names the
competition and whose forms carry values a person wrote
(:func:`auditor_smartcity._common.is_application`).  The blank template the
plan ships is a form to fill and never fires.
"""
from __future__ import annotations

from datetime import date
from typing import Dict, Iterator, List, Optional, Tuple

from auditor.dates import parse_date
from auditor.identifiers import credit_code_problem
from auditor.models import Document, Form, FormField, Indicator, PerformanceTable
from auditor.plugins.forms import fields_for, filled, required_field_issues
from auditor.rule import Issue, Rule
from auditor.values import compact, halfwidth

from ._common import forms_titled, is_application

#: the competition's own parameters, shared by the four rules
SCOPE: Dict[str, object] = {
    # a document is about the competition when a title holds one of these
    "keywords": ["智慧城市", "智慧泉城"],
    # ... and an application when its forms carry at least this many written values
    "min_filled_fields": 3,
}


class ApplicationRule(Rule):
    """Base of the application rules: the scope test every one of them needs."""

    parameters = dict(SCOPE)

    def applies(self, doc: Document) -> bool:
        return is_application(doc, list(self.params["keywords"]), int(self.params["min_filled_fields"]))


class CreditCode(ApplicationRule):
    id = "SC001"
    name = "smartcity-credit-code"
    severity = "error"
    summary = ("参赛单位的统一社会信用代码无效，或申报表与绩效评价表中的代码不一致 / the applicant's credit code "
               "fails GB 32100, or the 申报表 and the 项目绩效评价表 give different codes.")
    why = ("统一社会信用代码是核验参赛单位资格（我市辖区、独立法人、信用记录）的唯一依据；代码错误或两表不一致，"
           "评审时无法确认申报主体。The code is how the organiser checks who applies (local, a legal person, "
           "its credit record); a wrong code, or two codes for one applicant, leaves the applicant unverified.")
    bad = "申报表：统一社会信用代码 91370100MA3C4N2Q1X；项目绩效评价表：统一社会信用代码 91370100MA3C4N2Q1B"
    good = "两表均填写营业执照上的同一18位代码 / both forms carry the same 18 characters as the business licence"
    fix = ("按营业执照逐位核对18位代码（不含 I、O、Z、S、V），两张表填写同一代码。"
           "Copy the 18 characters from the business licence into both forms.")
    policy = "GB 32100-2015《法人和其他组织统一社会信用代码编码规则》；《智慧泉城创新应用大赛实施方案》三、参赛条件"
    anchor = "the code's cell"

    def check(self, doc: Document) -> Iterator[Issue]:
        if not self.applies(doc):
            return
        valid: List[Tuple[str, FormField, Form]] = []
        for form in doc.forms:
            for f in fields_for(form, "统一社会信用代码"):
                if not filled(f.value):
                    continue  # a blank code is SC003's (required field)
                code = compact(halfwidth(f.value)).upper()
                line = f.value_line or f.line
                problem = credit_code_problem(code)
                if problem:
                    yield self.issue(line, f"参赛单位统一社会信用代码 {code} 无效 / invalid applicant credit code: {problem}",
                                     where=form, evidence=code, field=f"{form.title}:{f.label}")
                else:
                    valid.append((code, f, form))
        if valid:
            first_code, first_field, first_form = valid[0]
            for code, f, form in valid[1:]:
                if code != first_code:
                    yield self.issue(f.value_line or f.line,
                                     f"“{form.title}”的统一社会信用代码 {code} 与“{first_form.title}”第{first_field.value_line or first_field.line}行的 "
                                     f"{first_code} 不一致 / the credit code differs from the one given in another form",
                                     where=form, evidence=code, field=f"mismatch:{form.title}")


class FiledLate(ApplicationRule):
    id = "SC002"
    name = "smartcity-filed-late"
    severity = "error"
    summary = ("申报日期/填表时间晚于大赛截止日期（默认2021年12月15日，文中通知另有规定的以通知为准） / the filing "
               "date is after the competition's deadline.")
    why = ("实施方案规定“区县汇总材料上报截止时间为2021年12月15日,逾期不再受理”；逾期材料不得进入评审。"
           "The plan says late material is not accepted; a late application cannot be reviewed.")
    bad = "申报日期：2021年12月20日（截止2021年12月15日）"
    good = "申报日期：2021年12月10日"
    fix = ("在截止日期前报送；确有延期的，附主办方的延期通知。File before the deadline, or attach the "
           "organiser's notice of an extension.")
    policy = "《智慧泉城创新应用大赛实施方案》六、参赛流程（六）；七、时间安排"
    anchor = "the filing date's cell"
    parameters = {
        **SCOPE,
        # used when the document carries no notice with a deadline (an application alone)
        "deadline": "2021-12-15",
        # read the deadline from a notice in the same document first (the plan carries its own)
        "deadline_from_notice": True,
        "filing_labels": ["申报日期", "填表时间", "填报日期", "填表日期", "报送日期"],
    }

    def deadline(self, doc: Document) -> Tuple[Optional[date], str]:
        """The deadline and where it comes from (a notice's line, or the parameter)."""
        if self.params["deadline_from_notice"]:
            found = [d for n in doc.notices for d in n.dates if d.role == "deadline"]
            if found:
                latest = max(found, key=lambda d: d.date)
                return latest.date, f"通知第{latest.line}行 {latest.raw}"
        value = self.params["deadline"]
        day = value if isinstance(value, date) else parse_date(str(value))
        return day, f"大赛截止日期 {day}"

    def check(self, doc: Document) -> Iterator[Issue]:
        if not self.applies(doc):
            return
        deadline, source = self.deadline(doc)
        if deadline is None:
            return
        labels = "|".join(self.params["filing_labels"])
        for form in doc.forms:
            for f in fields_for(form, labels):
                filed = parse_date(f.value) if filled(f.value) else None
                if filed is not None and filed > deadline:
                    yield self.issue(f.value_line or f.line,
                                     f"{f.label} {f.value} 晚于截止日期（{source}） / filed on {filed}, after the deadline {deadline}",
                                     where=form, evidence=f.value, field=f.label)


class RequiredField(ApplicationRule):
    id = "SC003"
    name = "smartcity-required-field"
    severity = "error"
    summary = "申报表必填项未填写 / a required field of the 申报表 is empty or missing."
    why = ("参赛单位对申报材料的完整性负责（实施方案三、参赛条件（二））；缺少单位名称、信用代码、项目名称或联系人，"
           "区县工信局无法审核、主办方无法联系。The applicant answers for complete material: without the unit, "
           "its code, the project or a contact the district office cannot review it nor the organiser reach anyone.")
    bad = "联系方式 一栏空白"
    good = "联系人 姓名 张三 联系方式 0531-66602617"
    fix = ("补填所列必填项；所需字段可用参数 required_fields 调整（“联系人|姓名”表示任一标签均可）。"
           "Fill the field; the list is the parameter required_fields (\"A|B\": either label answers).")
    policy = "《智慧泉城创新应用大赛实施方案》三、参赛条件（二）；附件1 申报表"
    anchor = "the empty value's cell (the form's title when the field is missing)"
    parameters = {
        **SCOPE,
        # forms whose title contains this are checked
        "form": "申报表",
        # each entry: a label, or alternatives "A|B" (the template files 联系人 under 姓名)
        "required_fields": ["参赛单位名称", "统一社会信用代码", "项目名称", "联系人|姓名", "联系方式"],
    }

    def check(self, doc: Document) -> Iterator[Issue]:
        if not self.applies(doc):
            return
        for form in forms_titled(doc, str(self.params["form"])):
            yield from required_field_issues(self, form, self.params["required_fields"])


def _is_satisfaction(ind: Indicator) -> bool:
    """A 满意度 row, whichever column says so (the template writes
    社会公众或服务对象满意度指标 in its 一级指标 column and 具体指标 as the 二级)."""
    return any("满意" in compact(text) for text in (ind.level1_written, ind.level1, ind.level2, ind.name))


class SatisfactionMissing(ApplicationRule):
    id = "SC004"
    name = "smartcity-satisfaction-missing"
    severity = "error"
    summary = ("项目绩效评价表缺少有指标值的满意度指标 / the 项目绩效评价表 of an application has no "
               "社会公众或服务对象满意度 indicator with a value.")
    why = ("填报说明要求“社会公众或服务对象等满意度指标……根据实际细化为具体指标”并给出指标值；没有满意度，"
           "评审无法判断应用效果是否被服务对象认可。The form's instructions ask for a concrete satisfaction "
           "indicator with a value; without it the review cannot tell whether users value the project.")
    bad = "社会公众或服务对象满意度指标 | 具体指标 | 服务对象满意度 | （空）"
    good = "社会公众或服务对象满意度指标 | 具体指标 | 服务对象满意度 | ≥90%"
    fix = ("在满意度指标行填写具体指标（如“服务对象满意度”）和指标值（如“≥90%”）。"
           "Name a concrete satisfaction indicator and give its target value.")
    policy = "《项目绩效评价表》填报说明 三、绩效指标 3；财预〔2021〕101号"
    anchor = "the satisfaction row (the table's title when there is none)"
    parameters = {
        **SCOPE,
        # tables (and forms) whose title contains this are the evaluation table
        "table": "绩效评价表",
        # an application without the evaluation table is reported too
        "require_table": True,
    }

    def _tables(self, doc: Document) -> List[PerformanceTable]:
        part = compact(str(self.params["table"]))
        return [t for t in doc.tables if not part or part in compact(t.title)]

    def check(self, doc: Document) -> Iterator[Issue]:
        if not self.applies(doc):
            return
        tables = self._tables(doc)
        if not tables:
            if self.params["require_table"]:
                form = doc.forms[0]
                yield self.issue(form.title_line, f"申报材料缺少“{self.params['table']}” / the application has no evaluation table",
                                 where=form, field="no-table")
            return
        for table in tables:
            rows = [i for i in table.indicators if _is_satisfaction(i)]
            if any(filled(i.value_raw) for i in rows):
                continue
            if rows:
                row = rows[0]
                yield self.issue(row.name_line, f"满意度指标“{row.name or row.level2}”未填写指标值 / the satisfaction indicator has no value",
                                 where=table, evidence=row.name or row.level2, field="satisfaction")
            else:
                yield self.issue(table.title_line, f"“{table.title}”没有填写满意度指标 / no satisfaction indicator",
                                 where=table, field="satisfaction")
