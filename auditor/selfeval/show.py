"""What ``auditor parse`` prints for a self-evaluation or a department table."""
from __future__ import annotations

from typing import Callable, List, Optional

from ..models import Amount, DepartmentTable, Document, Score, SelfEvaluation


def _a(x: Optional[Amount]) -> str:
    return x.raw if x is not None and x.raw else "—"


def _s(x: Optional[Score]) -> str:
    return x.raw if x is not None and x.raw else "—"


def describe(doc: Document, clean: Callable[..., str]) -> List[str]:
    """Text blocks, one per self-evaluation and department table (document text neutralised by ``clean``)."""
    from tabulate import tabulate

    out: List[str] = []
    for t in doc.tables:
        if isinstance(t, SelfEvaluation):
            head = [f"self-evaluation ({t.scope}) {clean(t.label, 40)} (line {t.title_line}), year {t.year or '-'}"]
            for label, cell in (("项目编码", t.project_code), ("主管部门", t.department), ("实施单位", t.implementer)):
                if cell is not None:
                    head.append(f"  {label}: {clean(cell.text, 40)}")
            out += head
            out.append(f"  预算数 (全年) {_a(t.budget)}  年初预算数 {_a(t.planned)}  全年执行数 {_a(t.executed)}")
            if t.funds:
                rows = [[clean(f.label, 20), f.role, _a(f.planned), _a(f.budget), _a(f.executed), _s(f.weight), _s(f.rate), _s(f.score)] for f in t.funds]
                out.append(tabulate(rows, headers=["资金", "role", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"], disable_numparse=True))
            if t.goal_expected or t.goal_actual:
                out.append(f"  年度总体目标: {clean(t.goal_expected, 50)} | 实际: {clean(t.goal_actual, 50)}")
            if t.indicators:
                rows = [[i.line, clean(i.level1, 8), clean(i.level2, 10), clean(i.name, 24), clean(i.value_raw, 14), clean(i.actual_raw, 14),
                         _s(i.weight), _s(i.score), clean(i.reason, 20)] for i in t.indicators]
                out.append(tabulate(rows, headers=["line", "一级", "二级", "三级指标", "target", "actual", "weight", "score", "reason"], disable_numparse=True))
            out.append(f"  总分: weight {_s(t.total_weight)}, score {_s(t.total_score)} (line {t.total_line or '-'})")
        elif isinstance(t, DepartmentTable):
            out.append(f"department {clean(t.label, 40)} (line {t.title_line}): total {_a(t.budget)}")
            out.append("  by source: " + (", ".join(f"{clean(l.label, 16)} {l.amount.raw}" for l in t.sources) or "—"))
            out.append("  by use: " + (", ".join(f"{clean(l.label, 16)} {l.amount.raw}" for l in t.uses) or "—"))
            out.append(f"  tasks: {len(t.tasks)}, indicators: {len(t.indicators)}")
    return out
