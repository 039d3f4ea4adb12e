"""VAL008: a 数量指标 or 质量指标 with a qualitative value."""
from __future__ import annotations

from typing import Iterator

from auditor.models import Document
from auditor.names import level2_key
from auditor.rule import Issue, Rule
from auditor.vocabulary import vocabulary

from ._indicators import indicator_rows

_QUANTITATIVE = ("数量指标", "质量指标")


def _VAGUE():  # noqa: N802 - the vocabulary's compiled pattern
    return vocabulary("performance").word_pattern("vague_quality")


class QualitativeQuantity(Rule):
    id = "VAL008"
    name = "qualitative-quantity"
    severity = "warning"
    summary = "数量或质量指标使用定性描述 / a quantity or quality indicator with a qualitative value."
    why = "2021年指引要求数量、质量指标量化，定性描述无法考核。The 2021 guide asks for numbers in quantity and quality indicators."
    bad = "企业应储备医药品种 → 按照市卫生健康委提出……编制年度市级医药储备目录"
    good = "企业应储备医药品种 → ≥120种"
    fix = "给出数量或比率 / give a number or a rate."
    policy = "财预〔2021〕101号：产出指标中的数量、质量指标应量化表述"
    anchor = "the value"
    version = "2"

    def check(self, doc: Document) -> Iterator[Issue]:
        for table, ind in indicator_rows(doc):
            key = level2_key(ind.level2)
            if key not in _QUANTITATIVE or ind.value.kind != "text":
                continue
            if key == "质量指标" and not _VAGUE().search(ind.value_raw):
                continue  # a pass / fail standard (合格, 达标, 通过验收) is a valid quality target (RULES.md v2)
            yield self.issue(ind,
                f"{ind.level2}“{ind.name}”的指标值“{ind.value_raw[:40]}”为定性描述，应量化 / qualitative value; expected a number",
                where=table, evidence=ind.value_raw, field=ind.name,
            )
