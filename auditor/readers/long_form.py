"""Target tables a budget system exports one indicator a row (the long form).

A 预算管理一体化 system's export of 绩效目标 often writes one row per indicator, the project's own
columns repeated on every row and many projects in one sheet:

    单位名称 | 项目编码 | 项目名称 | 预算数（万元） | 其中：财政拨款 | 其他资金 | 一级指标 | 二级指标 | 三级指标 | 指标值 | …

Read as it stands, the project columns are nobody's keys and every project's indicators make one
table.  Here such a grid becomes the layout the readers know, project by project: the project's key
rows (its label cells from the header, its values from its first row, so every finding names the
cell it came from), the header's indicator columns, then its indicator rows.  A new project starts
where the 项目编码 (or, without codes, the 项目名称) changes; the readers then cut the tables there
as they cut any two tables set one under the other.  Nothing changes in a grid whose header does
not hold both indicator columns and a project's code or name.
"""
from __future__ import annotations

from typing import Dict, List, Optional, Tuple

from ..values import compact
from .blocks import Block, GCell, Grid, Row
from .performance import _key_of, header_map

#: the project's columns, in the order its key rows give them
_KEY_ROWS = (("code", "name"), ("budget", "fiscal", "fiscal_part", "other"))


def long_form_tables(blocks: List[Block]) -> List[Block]:
    """``blocks`` with each long-form grid turned into one project after another (unchanged when there is none)."""
    if not any(isinstance(b, Grid) for b in blocks):
        return blocks
    return [(_reshaped(b) or b) if isinstance(b, Grid) else b for b in blocks]


def _project_columns(header: Row) -> Dict[int, str]:
    """Column → key role (code, name, budget, fiscal, other) of a header's project columns."""
    roles: Dict[int, str] = {}
    for idx, cell in enumerate(header.cells):
        role = _key_of(cell.text) if not cell.blank else None
        if role is not None and role not in roles.values():
            roles[idx] = role
    return roles


def _reshaped(grid: Grid) -> Optional[Grid]:
    at, header = next(((i, r) for i, r in enumerate(grid.rows[:3]) if header_map(r) is not None), (None, None))
    if header is None or at is None:
        return None
    roles = _project_columns(header)
    ids = [i for i, role in roles.items() if role in ("code", "name")]
    if not ids:
        return None
    below = grid.rows[at + 1] if at + 1 < len(grid.rows) else None
    if below is None or any(i >= len(below.cells) or below.cells[i].blank or _key_of(below.cells[i].text) is not None for i in ids):
        return None  # under the header's 项目名称 a label (项目编码 …): a key block set beside the indicators, not a column
    keep = [i for i in range(len(header.cells)) if i not in roles]
    indicator_header = header.with_cells([header.cells[i] for i in keep])
    if header_map(indicator_header) is None:
        return None
    rows: List[Row] = list(grid.rows[:at])
    current: Optional[Tuple[str, ...]] = None
    projects = 0
    for row in grid.rows[at + 1:]:
        key = tuple(compact(row.cells[i].text) if i < len(row.cells) else "" for i in ids)
        if any(key) and key != current:
            current = key
            projects += 1
            rows.extend(_key_rows(header, row, roles))
            rows.append(indicator_header)
        rows.append(row.with_cells([row.cells[i] if i < len(row.cells) else GCell("", row.line) for i in keep]))
    if projects == 0:
        return None
    return Grid(rows=rows, line=grid.line, style=grid.style)


def _key_rows(header: Row, row: Row, roles: Dict[int, str]) -> List[Row]:
    """The project's key rows: each project column's header cell beside the row's own cell."""
    by_role = {role: i for i, role in roles.items()}
    out: List[Row] = []
    for group in _KEY_ROWS:
        cells: List[GCell] = []
        for role in group:
            i = by_role.get(role)
            if i is None or i >= len(row.cells):
                continue
            cells += [header.cells[i], row.cells[i]]
        if cells:
            out.append(Row(cells=cells, line=row.line))
    return out
