"""What the SE rules share: the policy they cite and the row a finding names."""
from __future__ import annotations

from auditor.models import Cell, FundRow, SelfIndicator

POLICY = ("《项目支出绩效评价管理办法》(财预〔2020〕10号) 附件 项目支出绩效自评表及填表说明；"
          "各省《项目支出绩效自评表》评分规则")


def row_name(ind: SelfIndicator) -> str:
    return ind.name or ind.level2 or ind.level1 or "指标"


def name_cell(ind: SelfIndicator) -> Cell:
    """The 三级指标 cell of a row, for a finding to point at."""
    return Cell(text=ind.name, line=ind.name_line, ref=ind.name_ref)


def actual_cell(ind: SelfIndicator) -> Cell:
    """The 实际完成值 cell of a row."""
    return Cell(text=ind.actual_raw, line=ind.actual_line, location=ind.actual_location, ref=ind.actual_ref)


def label_cell(fund: FundRow) -> Cell:
    """The label cell of a fund row (年度资金总额)."""
    return Cell(text=fund.label, line=fund.line, ref=fund.ref)
