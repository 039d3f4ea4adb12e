"""GPS001: a service-purchase contract term longer than one year."""
from __future__ import annotations

from typing import Iterator

from auditor.models import ContractRow, Disclosure, Document
from auditor.rule import Issue, Rule

from ._gps import POLICY_102, TERM_YEARS, TERM_YEARS_MAX, add_years


class ContractTermLong(Rule):
    id = "GPS001"
    name = "contract-term-long"
    severity = "warning"
    summary = "政府购买服务合同履行期限超过1年（超过3年为错误） / a contract term longer than one year (error above three years)."
    why = ("财政部令第102号规定政府购买服务合同履行期限一般不超过1年；在预算保障的前提下，对购买内容相对固定、连续性强、"
           "经费来源稳定的项目，可签订履行期限不超过3年的政府购买服务合同。"
           "Terms are generally at most one year, and at most three for stable, recurring services.")
    bad = "合同起始期限 2019年1月1日，截止期限 2020年12月31日（两年）"
    good = "合同起始期限 2019年1月1日，截止期限 2019年12月31日"
    fix = "按年度签订合同；确属连续性服务的，在备注中说明并不超过3年 / sign yearly, or state why a longer term (≤ 3 years) is allowed."
    policy = POLICY_102 + " 第二十四条"
    anchor = "the 合同起始期限 cell"
    parts = (Disclosure,)

    def check(self, doc: Document) -> Iterator[Issue]:
        for disc in doc.disclosures:
            for c in disc.contracts:
                months = getattr(c, "term_months", None)
                if months is not None and c.start_cell is not None and months > TERM_YEARS * 12:
                    yield self._duration(disc, c, months)  # a term written as 3年 / 36个月, not as dates
                    continue
                if c.start is None or c.end is None or c.start_cell is None or c.end < c.start:
                    continue  # a reversed term is BUD007's
                if c.end <= add_years(c.start, TERM_YEARS):
                    continue
                days = (c.end - c.start).days + 1
                over = c.end > add_years(c.start, TERM_YEARS_MAX)
                who = f"“{c.project.text}”（{c.contractor}）" if c.contractor else f"“{c.project.text}”"
                yield self.issue(
                    c.start_cell,
                    f"{who}合同期限 {c.start}—{c.end}（{days} 天，约 {days / 365:.1f} 年）超过{TERM_YEARS_MAX if over else TERM_YEARS}年 / "
                    f"contract term of {days} days, longer than {TERM_YEARS_MAX if over else TERM_YEARS} year(s)",
                    where=disc, evidence=c.start_cell.text, field=f"{c.project.text}/{c.contractor}",
                    severity="error" if over else None,
                )

    def _duration(self, disc: Disclosure, c: ContractRow, months: int) -> Issue:
        over = months > TERM_YEARS_MAX * 12
        who = f"“{c.project.text}”（{c.contractor}）" if c.contractor else f"“{c.project.text}”"
        cell = c.start_cell
        assert cell is not None
        return self.issue(
            cell,
            f"{who}合同期限 {cell.text.strip()}（{months} 个月）超过{TERM_YEARS_MAX if over else TERM_YEARS}年 / "
            f"contract term of {months} months, longer than {TERM_YEARS_MAX if over else TERM_YEARS} year(s)",
            where=disc, evidence=cell.text, field=f"{c.project.text}/{c.contractor}",
            severity="error" if over else None,
        )
