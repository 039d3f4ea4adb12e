"""IND005: a second-level indicator under the wrong first level, or a value that contradicts it."""
from __future__ import annotations

from typing import Iterator, Optional

from auditor.models import Document, Indicator
from auditor.names import family_of, is_cost, is_rate_name, level2_key
from auditor.rule import Issue, Rule
from auditor.values import compact

from ._indicators import indicator_rows


def misfiled(ind: Indicator) -> Optional[str]:
    written = compact(ind.level1_written)
    family = family_of(ind.level2)
    level2 = level2_key(ind.level2)
    if written and family and family != written and not (written == "产出指标" and level2 == "成本指标"):
        return f"二级指标“{ind.level2}”应属于{family}，源表写在{written}下 / filed under {written}, belongs under {family}"
    v = ind.value
    if level2 == "时效指标" and v.unit_kind == "money":
        return f"时效指标“{ind.name}”的指标值 {ind.value_raw} 是金额 / a timeliness indicator with a money value"
    produced = v.op in (">=", ">", "=", None) and (v.number or 0) > 0  # a count of output, not a defect ceiling such as ≤0次
    if level2 == "质量指标" and v.unit_kind == "count" and produced and not v.count_word and not is_rate_name(ind.name) and not is_cost(ind.level1, ind.level2):
        return f"质量指标“{ind.name}”的指标值 {ind.value_raw} 是单纯计数，应为数量指标或改为比率 / a quality indicator that is a plain count"
    return None


class MisfiledIndicator(Rule):
    id = "IND005"
    name = "misfiled-indicator"
    severity = "warning"
    summary = "二级指标归类错误或与指标值矛盾 / a second-level indicator under the wrong first level, or contradicted by its value."
    why = "指标归类决定评分权重；数量写在质量下、时效写成金额，会使评价失真。Misfiled indicators distort scoring."
    bad = "质量指标 | 农产品产销对接会人数 | ≥200人"
    good = "数量指标 | 农产品产销对接会人数 | ≥200人；质量指标 | 对接会企业覆盖率 | 100%"
    fix = "移到正确的二级指标下，或改写为比率 / move it to the right level or express it as a rate."
    policy = "财预〔2021〕101号：二级指标设置"
    anchor = "the value"

    def check(self, doc: Document) -> Iterator[Issue]:
        for table, ind in indicator_rows(doc):
            why = misfiled(ind)
            if why:
                yield self.issue(ind, why, where=table, evidence=ind.value_raw, field=ind.name)
