"""BUD003: the final account disagrees with the contracts or with the stated payment."""
from __future__ import annotations

from collections import defaultdict
import re
from typing import Iterator, List, Optional

from auditor.models import Document
from auditor.rule import Issue, Rule
from auditor.values import amounts_in_text

from ._common import differs, find_project, fmt, project_key, written

_CLAUSE = re.compile(r"[，。；;]|,(?!\d{3})")  # not the thousands comma of 79,500元
_PAID = re.compile(r"(实际支付|实际支出|实付|已支付|支付|实际结算|结算金额|结算)[^，。；,;\d]{0,8}")


def paid_amount(remark: str) -> Optional[float]:
    """The amount a 备注 says was actually paid (``合同金额20万元，实际支付18.5万元`` → 18.5),
    read from the clause of the payment word, not from any amount in the remark."""
    for clause in _CLAUSE.split(remark):
        m = _PAID.search(clause)
        if m:
            amounts = amounts_in_text(clause[m.start():])
            if amounts:
                return amounts[0]
    return None


class FinalContractMismatch(Rule):
    id = "BUD003"
    name = "final-contract-mismatch"
    severity = "warning"
    summary = "决算金额与承接价格合计或备注中的实际支付额不一致 / the final account differs from the contract total or from the payment a remark states."
    why = "决算应反映实际支付；与合同总价或备注所述实付不一致时，公开数据自相矛盾。Published figures that contradict each other undermine the disclosure."
    bad = "承接价格 7950 万元；决算金额 7552.5 万元（无说明）"
    good = "决算金额 7552.5 万元，备注：按验收结果核减 397.5 万元"
    fix = "核对决算与合同、支付凭证，在备注中说明差异原因 / reconcile and explain the difference in 备注."
    policy = "《政府购买服务管理办法》(财政部令第102号) 第三十二条（信息公开）"
    anchor = "the 决算金额 cell"

    def check(self, doc: Document) -> Iterator[Issue]:
        for disc in doc.disclosures:
            totals = defaultdict(float)
            prices = defaultdict(list)
            has_price = set()
            for c in disc.contracts:
                if c.price and c.price.wan is not None:
                    key = project_key(c.project.text)
                    totals[key] += c.price.wan
                    prices[key].append(c.price)
                    has_price.add(key)
            for final in disc.finals:
                if final.amount is None or final.amount.wan is None:
                    continue
                key = find_project(project_key(final.name.text), has_price) or ""
                reasons: List[str] = []
                if key in has_price and differs(final.amount.wan, totals[key]):
                    reasons.append(f"承接价格合计 {written(prices[key], totals[key])} / contract total {fmt(totals[key])}")
                remark = final.remark.text if final.remark else ""
                paid = paid_amount(remark)
                if paid is not None and differs(final.amount.wan, paid):
                    reasons.append(f"备注实际支付 {fmt(paid)} 万元 / remark states a payment of {fmt(paid)}")
                if reasons:
                    yield self.issue(
                        final.amount,
                        f"“{final.name.text}”决算金额 {written([final.amount], final.amount.wan)}，与" + "；".join(reasons) + " 不一致 / final account does not match",
                        where=disc, evidence=final.amount.raw, field=final.name.text,
                    )
