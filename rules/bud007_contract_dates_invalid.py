"""BUD007: contract terms that end before they start or miss the budget year."""
from __future__ import annotations

from datetime import date
from typing import Iterator

from auditor.models import Document
from auditor.rule import Issue, Rule


class ContractDatesInvalid(Rule):
    id = "BUD007"
    name = "contract-dates-invalid"
    severity = "warning"
    summary = "合同期限无效或不在预算年度内 / a contract ends before it starts or lies outside the budget year (info: signed before the year)."
    why = "政府购买服务合同应在预算年度内履行；提前签订需说明，期限倒置则是填报错误。Contracts are funded by the year's budget; a reversed term is an error."
    bad = "预算年度 2019；合同起始期限 2018年12月20日"
    good = "预算年度 2019；合同起始期限 2019年1月1日"
    fix = "核对合同起止日期；提前签订的在备注中说明 / check the dates; explain a contract signed in advance."
    policy = "《政府购买服务管理办法》(财政部令第102号) 第二十四条（合同履行期限一般不超过1年）"
    anchor = "the 合同起始期限 cell"

    def check(self, doc: Document) -> Iterator[Issue]:
        for disc in doc.disclosures:
            year = disc.year or doc.year
            for c in disc.contracts:
                if c.start is None or c.start_cell is None:
                    continue
                line = c.start_cell  # the 合同起始期限 cell itself (its column in a workbook)
                label = f"“{c.project.text}”（{c.contractor}）" if c.contractor else f"“{c.project.text}”"
                if c.end is not None and c.end < c.start:
                    yield self.issue(line, f"{label}合同截止 {c.end} 早于起始 {c.start} / contract ends before it starts",
                                     where=disc, evidence=c.start_cell.text, field=f"{c.project.text}/{c.contractor}")
                    continue
                if year is None:
                    continue
                first, last = date(year, 1, 1), date(year, 12, 31)
                end = c.end or c.start
                if end < first or c.start > last:
                    yield self.issue(line, f"{label}合同期限 {c.start}—{end} 不在预算年度 {year} 内 / contract term outside the budget year {year}",
                                     where=disc, evidence=c.start_cell.text, field=f"{c.project.text}/{c.contractor}")
                elif c.start < first:
                    yield self.issue(line, f"{label}合同起始 {c.start} 早于预算年度 {year}（提前签订） / contract starts before the budget year {year} (signed in advance)",
                                     where=disc, evidence=c.start_cell.text, field=f"{c.project.text}/{c.contractor}", severity="info")
