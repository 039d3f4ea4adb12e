"""What the SE rules share: the policy they cite and the row a finding names."""
from __future__ import annotations

from auditor.models import SelfIndicator

POLICY = ("《项目支出绩效评价管理办法》(财预〔2020〕10号) 附件 项目支出绩效自评表及填表说明；"
          "各省《项目支出绩效自评表》评分规则")


def row_name(ind: SelfIndicator) -> str:
    return ind.name or ind.level2 or ind.level1 or "指标"
