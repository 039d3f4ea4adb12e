"""Grids → :class:`~auditor.models.PerformanceTable` (绩效目标表).

Works from labels, never from positions in a particular export: key cells
(项目编码, 预算数 …) are found by their label and read from the next cell; the
spend plan pairs each ``N月底`` label with its value by column; indicator
rows are mapped through the column header, and rows damaged by page breaks
(continued cells, shifted or split cells) are repaired and reported as
PARSE003.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Dict, List, Optional, Tuple

from ..models import Amount, Cell, Checkpoint, Indicator, ParsedValue, ParseIssue, PerformanceTable, SpendPlan
from ..names import family_of, is_level1, is_level2, level2_key
from ..runtime import MEMO_ENTRIES
from ..vocabulary import vocabulary
from ..values import bracketed_money_unit, canonical_unit, compact, constructor, halfwidth, number_text, parse_amount, parse_value
from .blocks import GCell, Row, coalesce, value_index

_new_indicator = constructor(Indicator, ("level1", "level1_written", "level2", "name", "description", "value_raw", "value", "basis", "line",
                                         "name_line", "value_line", "location", "ref", "name_ref"))
_new_checkpoint = constructor(Checkpoint, ("label", "value", "raw", "line", "ref", "written"))  # reader-made values: no validation in the loop
_new_cell = constructor(Cell, ("text", "line", "location", "ref"))
_new_table = constructor(PerformanceTable, ("index", "title", "title_line", "first_line", "last_line", "unit"))
_new_plan = constructor(SpendPlan, ("present", "line"))

_CHECKPOINT = re.compile(r"^(?:截至|截止)?(?:1\s*[-~—至]\s*)?(\d{1,2})月(?:底|末|份|\d{1,2}日)?(?:前)?$")
_QUARTER = re.compile(r"^(?:第)?([一二三四1-4])季度?(?:末|底)?$|^Q([1-4])$")
_QUARTER_MONTH = {"一": 3, "二": 6, "三": 9, "四": 12, "1": 3, "2": 6, "3": 9, "4": 12}


def is_plan_row(row: Row, first: Optional[GCell]) -> bool:
    """The spend plan's label row: its first cell names a plan (支出计划 …, the vocabulary's
    ``plan_label``), or it is followed in the row by two or more checkpoint labels (1月 … 12月,
    一季度 …) whatever it is called (各月支出占比（%）)."""
    if first is None:
        return False
    label = compact(first.text)
    if label.startswith("绩效目标"):
        return False
    if _VOCAB.word_pattern("plan_label").search(label):
        return True
    if _plan_cell(first.text)[1] == 1:
        return False  # the row starts with a checkpoint: a values row, not a label
    marks = 0
    for cell in row.cells:
        if cell is not first and _plan_cell(cell.text)[1] == 1:
            marks += 1
            if marks >= 2:
                return True
    return False


_PERCENT_MARK = re.compile(r"[（(]%[)）]|%")
_QIZHONG = re.compile(r"^\s*其中\s*[:：]\s*")
_LABEL_VALUE = re.compile(r"^\s*([^:：]{2,12})\s*[:：]\s*(.*)$")
_UNIT_LINE = re.compile(r"单位[:：]?(万元|元|亿元|千元)")


@lru_cache(maxsize=MEMO_ENTRIES)  # pure in its text; every plan cell is asked
def checkpoint_month(text: str) -> Optional[int]:
    """``3月底`` → 3, ``第二季度`` → 6, ``一季度（%）`` → 3; None if not a checkpoint label."""
    text = _PERCENT_MARK.sub("", text)
    m = _CHECKPOINT.match(text)
    if m and 1 <= int(m.group(1)) <= 12:
        return int(m.group(1))
    q = _QUARTER.match(text)
    return _QUARTER_MONTH[q.group(1) or q.group(2)] if q else None


def checkpoint_in_label(text: str) -> Optional[Tuple[int, str]]:
    """(month, the checkpoint as written) of a column label naming a plan checkpoint, also behind the
    plan's own label (a list's single header row: ``资金支出计划（%）一季度`` → (3, 一季度)); None for
    any other label."""
    t = compact(text)
    month = checkpoint_month(t)
    if month is not None:
        return month, t
    m = _VOCAB.word_pattern("plan_label").search(t)
    if m is None:
        return None
    rest = _PERCENT_MARK.sub("", t[m.end():]).lstrip("（()）")
    month = checkpoint_month(rest) if rest else None
    return (month, rest) if month is not None else None


_NUMBER = re.compile(r"^[-+]?\d[\d,]*(?:\.\d+)?%?$|^[-+]?\.\d+%?$")
_TITLE_NUMBER = re.compile(r"^\s*(\d+)\s*[.、．]\s*")

_VOCAB = vocabulary("performance")


def header_map(row: Row) -> Optional[Dict[str, int]]:
    """Column indices of an indicator header row, or None if it is not one.

    Asked of the same row by several steps (claim, chunking, the table, its
    indicators): the answer is kept on the row for as long as its cell list is the same."""
    cells = row.cells
    known = row.__dict__.get("_header")
    if known is not None and known[0] is cells:
        return dict(known[1]) if known[1] is not None else None
    found = _header_map(row)
    row.__dict__["_header"] = (cells, found)
    return dict(found) if found is not None else None


def _header_map(row: Row) -> Optional[Dict[str, int]]:
    for c in row.cells:
        if "级" in c.text or "指标类" in c.text:  # cheap rejection of data rows
            break
    else:
        return None
    if not any(("级" in c.text and "级指" in compact(c.text)) or compact(c.text) in _typed_level2() for c in row.cells):
        return None
    return _columns_of(row)


def _typed_level2() -> frozenset:
    """Header words of a 二级指标 column that do not say 二级 (指标类型, 指标类别: a table with no 一级 column)."""
    return _VOCAB.derived("typed_level2", lambda: frozenset(  # type: ignore[return-value]
        compact(w) for w in _VOCAB.columns.get("level2", ()) if "级" not in w))


def _columns_of(row: Row) -> Optional[Dict[str, int]]:
    found: Dict[str, int] = {}
    for idx, cell in enumerate(row.cells):
        text = compact(cell.text)
        if "级" in text and _JOINED_LEVELS.match(text):  # 一级-二级指标: split in two by read_indicators
            found.setdefault("level1", idx)
            found.setdefault("level2", idx)
            continue
        if _is_value_header(text):
            # 指标值, 年度指标值, 指标值（目标值）: the budget year's value wins over a 中期 one
            if "value" not in found or ("中期" in compact(row.cells[found["value"]].text) and "中期" not in text):
                found["value"] = idx
            continue
        key = _header_role(text)
        if key is not None and key != "value" and key not in found:
            found[key] = idx
    if "level1" in found and "level2" in found and "value" in found:
        found.setdefault("name", found["level2"] + 1)
        return found
    if "level2" in found and "name" in found and "value" in found and found["level2"] < found["name"]:
        return found  # 指标类型 | 指标名称 | … | 指标值: the 一级 of each row follows from its 二级
    return None


def _header_role(text: str) -> Optional[str]:
    """The role of a header cell: an exact word of the vocabulary's columns."""
    exact = _VOCAB.columns_exact()
    return exact.get(text)


def _names_levels(row: Row) -> bool:
    """A cell holds 级 (一级指标 …): the cheap test before a row is looked at as a header."""
    for c in row.cells:
        if "级" in c.text:
            return True
    return False


def header_by_content(row: Row, below: List[Row]) -> Optional[Dict[str, int]]:
    """An indicator header whose value column has a name the vocabulary does not know
    (预期成效, 绩效标准 …): the value column is the one whose cells below hold targets
    (numbers with units, percents, ranges, dates), so a renamed header still maps."""
    if not any("级" in c.text and "级指" in compact(c.text) for c in row.cells):  # cheap rejection of data rows
        return None
    found: Dict[str, int] = {}
    for idx, cell in enumerate(row.cells):
        key = _header_role(compact(cell.text))
        if key is not None and key not in found:
            found[key] = idx
    if "level1" not in found or "level2" not in found or "value" in found:
        return None
    taken = set(found.values())
    name_at = found.get("name", found["level2"] + 1)
    scores: Dict[int, int] = {}
    for other in below:
        for idx, cell in enumerate(other.cells):
            if idx in taken or idx <= name_at or cell.blank:
                continue
            if parse_value(cell.text).kind in ("number", "range", "date"):
                scores[idx] = scores.get(idx, 0) + 1
    if not scores:
        return None
    best = max(scores, key=lambda i: (scores[i], -i))
    if scores[best] < max(2, len([r for r in below if not all(c.blank for c in r.cells)]) // 2):
        return None
    found["value"] = best
    found.setdefault("name", name_at)
    return found


def _is_value_header(text: str) -> bool:
    if ("指标值" in text or "目标值" in text) and "依据" not in text and len(text) <= 12:
        return True
    return _header_role(text) == "value"  # 数值 under a split 指标值, and a plugin's value words


_SUB_LABELS = ("指标方向", "指标性质", "方向", "度量单位", "计量单位", "单位", "指标值", "目标值", "年度指标值", "运算符号")


def _sub_labels() -> frozenset:
    """Words of a header's second row: direction, unit and value columns (the vocabulary's, with the built-in ones)."""
    def build() -> frozenset:
        cols = _VOCAB.columns
        return frozenset(_SUB_LABELS) | frozenset(w for role in ("direction", "unit", "value") for w in cols.get(role, ()))
    return _VOCAB.derived("sub_labels", build)  # type: ignore[return-value]


def sub_header(header: Row, row: Row) -> Optional[Row]:
    """A header's second row (指标值 over 指标方向 | 度量单位 | 指标值) merged into one row."""
    labels = [(i, compact(c.text)) for i, c in enumerate(row.cells) if not c.blank]
    if not labels or any(t not in _sub_labels() for _, t in labels):
        return None
    if len(row.cells) == len(header.cells):  # same grid: the sub-label replaces the spanning label
        return Row(cells=[row.cells[i] if not row.cells[i].blank else c for i, c in enumerate(header.cells)], line=header.line)
    parent = next((i for i, c in enumerate(header.cells) if _is_value_header(compact(c.text))), None)
    if parent is None:
        return None
    subs = [row.cells[i] for i, _ in labels]  # one cell a line: the sub-labels take the parent's place
    return Row(cells=header.cells[:parent] + subs + header.cells[parent + 1:], line=header.line)


def _cell(row: Row, idx: Optional[int]) -> GCell:
    if idx is None or idx >= len(row.cells):
        return GCell("", row.line)
    return row.cells[idx]


def _next_cell(row: Row, idx: int) -> Optional[GCell]:
    """The cell after the label at ``idx`` (past a merged label's blank fillers), or None."""
    at = value_index(row.cells, idx)
    return row.cells[at] if at < len(row.cells) else None


@lru_cache(maxsize=MEMO_ENTRIES)  # pure in its text; every plan cell is asked
def _plan_cell(text: str) -> Tuple[str, int]:
    """A plan cell's normalised text and role: 1 a checkpoint label, 2 a number, 0 neither."""
    t = number_text(compact(halfwidth(text)))
    if checkpoint_month(t) is not None:
        return t, 1
    return t, 2 if t and _is_number(t) else 0


def _is_number(text: str) -> bool:
    t = compact(halfwidth(text))
    return len(t) <= 20 and bool(_NUMBER.match(t))


@lru_cache(maxsize=MEMO_ENTRIES)
def _num(text: str) -> float:
    return float(number_text(compact(halfwidth(text))).rstrip("%").replace(",", ""))


def title_index(title: str) -> Tuple[Optional[int], str]:
    m = _TITLE_NUMBER.match(title)
    if m:
        return int(m.group(1)), title[m.end():].strip()
    return None, title.strip()


# -- the spend plan ---------------------------------------------------------

_INLINE_CHECKPOINT = re.compile(r"(\d{1,2})\s*月(?:底|末)?\s*(?:[:：]\s*(\d+(?:\.\d+)?)\s*%?|(\d+(?:\.\d+)?)\s*%)")


def _plan_in_one_cell(rows: List[Row]) -> List[Checkpoint]:
    """``3月:10% 6月:40% 9月:70% 12月:100%`` written in one cell."""
    for row in rows:
        for cell in row.cells:
            if "月" not in cell.text:
                continue  # no month, no checkpoint
            text = halfwidth(cell.text)
            pairs = [(int(m), float(a or b)) for m, a, b in _INLINE_CHECKPOINT.findall(text) if 1 <= int(m) <= 12]
            if len(pairs) >= 2:
                return [_new_checkpoint(label=f"{m}月底", value=v, raw=f"{v:g}", line=cell.line, ref=cell.ref, written="") for m, v in sorted(dict(pairs).items())]
    return []


#: a checkpoint (or 合计) and its value in one cell: ``3月底 20``, ``一季度：20%``, ``合计 100``
_LABEL_AND_VALUE = re.compile(r"^(.*?\D)[:：]?([-+]?\d+(?:\.\d+)?%?)$")


def _split_label_and_value(rows: List[Row], total_words: frozenset) -> Tuple[List[Row], set]:
    """Rows with each ``label value`` cell made two cells (both pointing at the written cell), and the
    indices of the rows that had one."""
    out: List[Row] = []
    joined = set()
    for r, row in enumerate(rows):
        cells: List[GCell] = []
        for cell in row.cells:
            t = compact(halfwidth(cell.text))
            m = _LABEL_AND_VALUE.match(t) if t and (t[-1].isdigit() or t[-1] == "%") and ("月" in t or "季" in t or t[:2] in total_words) else None
            if m is not None and (checkpoint_month(m.group(1)) is not None or m.group(1) in total_words):
                cells += [GCell(m.group(1), cell.line, cell.location, cell.ref), GCell(m.group(2), cell.line, cell.location, cell.ref)]
            else:
                cells.append(cell)
        if len(cells) != len(row.cells):
            joined.add(r)
            row = row.with_cells(cells)
        out.append(row)
    return out, joined


def _blank_value_cell(rows: List[Row], label_row: int, col: int, value_rows: set) -> Optional[GCell]:
    """The blank cell under a checkpoint label in the first values row below it, if there is one."""
    below = next((r for r in sorted(value_rows) if r > label_row), None)
    if below is None or col >= len(rows[below].cells):
        return None
    cell = rows[below].cells[col]
    return None if cell.text.strip() else cell


def read_plan(rows: List[Row], issues: List[ParseIssue], table: str) -> SpendPlan:
    """Pair ``N月底`` labels with values, by row and by column."""
    plan = _new_plan(present=True, line=rows[0].line if rows else None)
    inline = _plan_in_one_cell(rows)
    if inline:
        plan.checkpoints = inline
        return plan
    total_words = _VOCAB.word_set("total_label")
    rows, joined = _split_label_and_value(rows, total_words)
    labels: List[Tuple[int, int, str, GCell]] = []  # (row index, col, label, cell)
    numbers: Dict[Tuple[int, int], GCell] = {}
    totals: List[Tuple[int, int]] = []  # 合计 / 总计 cells, in reading order
    for r, row in enumerate(rows):
        for c, cell in enumerate(row.cells):
            text, role = _plan_cell(cell.text)
            if role == 1:
                labels.append((r, c, text, cell))
            elif role == 2:
                numbers[(r, c)] = cell
            if compact(cell.text) in total_words:
                totals.append((r, c))
    total = _plan_total(totals, numbers)  # a 合计 cell and its value: not a checkpoint
    values: Dict[int, Tuple[int, int]] = {}  # label index -> (row, col) of its value
    used: set = set()
    label_rows = {r for r, _, _, _ in labels}
    # 1. a label followed by a number in the same row (interleaved exports); none when no row holds both
    for i, (r, c, _, _) in (enumerate(labels) if not label_rows.isdisjoint(r for r, _ in numbers) else ()):
        next_label = min((c2 for r2, c2, _, _ in labels if r2 == r and c2 > c), default=10**6)
        for c2 in sorted(c2 for (r2, c2) in numbers if r2 == r and c < c2 < next_label):
            if (r, c2) not in used:
                values[i] = (r, c2)
                used.add((r, c2))
                break
    # 2. the values row below a row of labels: same count → in order; else by column span
    for r in sorted(label_rows):
        free = sorted((i for i, lab in enumerate(labels) if lab[0] == r and i not in values), key=lambda i: labels[i][1])
        if not free:
            continue
        below = next((r2 for r2 in range(r + 1, len(rows)) if r2 not in label_rows and any(k[0] == r2 and k not in used for k in numbers)), None)
        if below is None:
            continue
        nums = sorted(k for k in numbers if k[0] == below and k not in used)
        if len(nums) == len(free):
            for i, k in zip(free, nums):
                values[i] = k
                used.add(k)
            if any(labels[i][1] != k[1] for i, k in zip(free, nums)):
                issues.append(ParseIssue(rule="PARSE003", line=numbers[nums[0]].line, table=table,
                                         message="资金支出计划数值与月份列错位，已按顺序对齐 / spend-plan values shifted from their checkpoints; paired in order"))
            continue
        cols = sorted(labels[i][1] for i, lab in enumerate(labels) if lab[0] == r)
        for k in nums:
            owner = next((i for i in reversed(free) if labels[i][1] <= k[1]), None)
            if owner is None or owner in values:
                continue
            nxt = next((c for c in cols if c > labels[owner][1]), 10**6)
            if k[1] < nxt:
                values[owner] = k
                used.add(k)
    for k in sorted(k for k in numbers if k not in used):
        cell = numbers[k]
        issues.append(ParseIssue(rule="PARSE003", line=cell.line, table=table, evidence=cell.text,
                                 message=f"资金支出计划中的数值 {cell.text} 无法对应到月份，未计入 / spend-plan value {cell.text} has no checkpoint; left out"))
    # a list down the page (3月底 | 20.00 on a row, 6月底 | 50.00 on the next) is a layout, not a shift
    vertical = len(label_rows) >= 2 and len(labels) == len(label_rows)
    # pairs written label | value (3月底 | 10.00 | 6月底 | 40.00 …), each value just right of its label and no
    # number left over: a layout too; an export that interleaved them leaves values astray
    pairs = bool(values) and all(values.get(i) == (lab[0], lab[1] + 1) for i, lab in enumerate(labels) if i in values) \
        and all(k in used for k in numbers if k[0] in label_rows)
    # rows of labels each over its row of values, column under column (1月 … 6月 / values, 7月 … 12月 / values):
    # a plan set over several rows, nothing shifted
    stacked = bool(values) and all(values[i] == (labels[i][0] + 1, labels[i][1]) for i in values) \
        and len(used) == len(numbers) and all(r + 1 not in label_rows for r in label_rows)
    for r in sorted(label_rows - joined) if not (vertical or pairs or stacked) else ():  # a label and its value in one cell were not misplaced
        same_row = any(labels[i][0] == r and v[0] == r for i, v in values.items())
        if same_row or (r > 0 and r - 1 not in label_rows):
            issues.append(ParseIssue(rule="PARSE003", line=rows[r].line, table=table,
                                     message="资金支出计划的月份与数值交错排列，已重新对齐 / spend-plan labels and values interleaved by the export; re-aligned"))
    seen: Dict[int, Checkpoint] = {}
    for i, (_, _, label, cell) in enumerate(labels):
        month = checkpoint_month(label) or 12
        if month in seen:
            continue
        pos = values.get(i)
        v = numbers[pos] if pos else None
        if v is None:  # an empty checkpoint: its blank cell in the values row, where a fix would write
            blank = _blank_value_cell(rows, labels[i][0], labels[i][1], {k[0] for k in used})
            seen[month] = _new_checkpoint(label=f"{month}月底", value=None, raw="", line=blank.line if blank else cell.line,
                                          ref=blank.ref if blank else cell.ref, written=_written_label(cell, month))
            continue
        seen[month] = _new_checkpoint(label=f"{month}月底", value=_num(v.text), raw=v.text, line=v.line, ref=v.ref, written=_written_label(cell, month))
    plan.checkpoints = [seen[m] for m in sorted(seen)]
    _make_cumulative(plan, rows, total)
    return plan


def _written_label(cell: GCell, month: int) -> str:
    """The checkpoint's label as written when it is not the rules' own (第二季度 for 6月底), else empty."""
    text = _PERCENT_MARK.sub("", compact(cell.text))
    return "" if text == f"{month}月底" else text


def _plan_total(totals: List[Tuple[int, int]], numbers: Dict[Tuple[int, int], GCell]) -> Optional[float]:
    """The value of a 合计 / 总计 cell (``totals``: their places) beside or below it, taken out of ``numbers``; or None."""
    for r, c in totals:
        beside = min((k for k in numbers if k[0] == r and k[1] > c), default=None, key=lambda k: k[1])
        below = (r + 1, c) if (r + 1, c) in numbers else None
        key = beside or below
        if key is not None:
            return _num(numbers.pop(key).text)
    return None


def _make_cumulative(plan: SpendPlan, rows: List[Row], total: Optional[float]) -> None:
    """Per-period shares (分季度 / 当季 … or a 合计 of 100 over values summing to 100) made cumulative
    (RULES.md "Checkpoints": 40 / 30 / 20 / 10 with 合计 100 is complete and not decreasing)."""
    filled = [c for c in plan.checkpoints if c.value is not None]
    if len(filled) < 2:
        return
    text = "".join("".join([c.text for row in rows for c in row.cells]).split())  # compact, not memoised: a one-off text
    worded = _VOCAB.word_pattern("per_period").search(text) is not None
    shares = sum(c.value or 0 for c in filled)
    summed = total is not None and abs(total - 100) <= 0.5 and abs(shares - 100) <= 0.5
    increasing = all((b.value or 0) >= (a.value or 0) for a, b in zip(filled, filled[1:]))
    if not (worded or summed) or (increasing and abs((filled[-1].value or 0) - 100) <= 0.5):
        return  # already cumulative
    running = 0.0
    for cp in plan.checkpoints:
        if cp.value is not None:
            running += cp.value
            cp.value = round(running, 6)
    plan.per_period = True


# -- indicator rows ---------------------------------------------------------

def _is_repeat_header(row: Row) -> bool:
    return header_map(row) is not None


def _unit_only(text: str) -> bool:
    t = compact(text)
    return bool(t) and canonical_unit(t)[0] is not None


def _is_continuation(row: Row, cols: Dict[str, int], above: Optional[Indicator] = None) -> bool:
    """The first row after a page break that goes on with the indicator above it:
    no 一级/二级 label of its own, and a fragment (no value, a unit, no name), or the
    row above still lacks its number (``≥`` before the break, ``100%`` after it)."""
    if not row.page_break:
        return False
    l1 = compact(_cell(row, cols.get("level1")).text)
    l2 = compact(_cell(row, cols.get("level2")).text)
    value = _cell(row, cols.get("value")).text
    if l1 or (l2 and is_level2(l2)):
        return False
    if not value.strip() or _unit_only(value) or not _cell(row, cols.get("name")).text.strip():
        return True
    return above is not None and not any(ch.isdigit() for ch in above.value_raw)


def _realign(row: Row, cols: Dict[str, int], width: int, blank_cols: frozenset = frozenset()) -> Tuple[Row, Optional[str]]:
    """Undo shifts the export made; say what was done (for PARSE003)."""
    l2i, namei, vali = cols.get("level2", 1), cols.get("name", 2), cols.get("value", 4)
    cells = list(row.cells)
    l2 = compact(_cell(row, l2i).text)
    name = compact(_cell(row, namei).text)
    if (not l2 or is_level1(l2)) and is_level2(name) and cells and cells[0].blank \
            and parse_value(_cell(row, vali).text).kind not in ("number", "range", "date"):  # a target in place: not shifted
        shifted = row.with_cells(cells[1:])
        return shifted, "行首多出一个空单元格，已左移对齐 / an extra leading cell; cells shifted left"
    l1 = compact(_cell(row, cols.get("level1", 0)).text)
    # (a 三级 name may repeat its 二级 label without 指标: 社会成本指标 | 社会成本 | 社会成本 | 不产生 | 计划标准)
    if "level1" in cols and cols["level1"] != cols.get("level2") and is_level2(l1) and not is_level1(l1) \
            and (not is_level2(l2) or level2_key(l2) == level2_key(l1)) and _value_one_left(row, vali):
        shifted = row.with_cells([GCell("", row.line)] + cells)
        return shifted, "行首缺少一个空单元格（二级指标落在一级指标列），已右移对齐 / a missing leading cell; cells shifted right"
    overflow = (len(cells) > width or blank_cols) and any(
        not c.blank and (i >= width or i in blank_cols) for i, c in enumerate(cells))  # most rows fit their header: no scan
    if overflow and vali + 1 < len(cells):
        current = parse_value(cells[vali].text)
        following = parse_value(cells[vali + 1].text)
        if current.kind in ("text", "empty") and following.kind in ("number", "range"):
            for p in range(namei, vali):
                a, b = compact(cells[p].text), compact(cells[p + 1].text)
                if a and (a == b or b.startswith(a)):
                    merged = cells[:p] + cells[p + 1:]
                    return Row(cells=merged, line=row.line, page_break=row.page_break), "指标名称被拆成两个单元格，已合并 / a name split over two cells; merged"
            merged_cell = GCell(cells[vali - 1].text + cells[vali].text, cells[vali - 1].line)
            merged = cells[: vali - 1] + [merged_cell] + cells[vali + 1:]
            return Row(cells=merged, line=row.line, page_break=row.page_break), "描述被拆成两个单元格，已合并 / a description split over two cells; merged"
    return row, None


def _value_one_left(row: Row, vali: int) -> bool:
    """The 指标值 sits one column left of its header: the basis (…标准) took its place."""
    here, left = _cell(row, vali).text, _cell(row, vali - 1).text
    if parse_value(here).kind in ("number", "range", "date"):
        return False
    return parse_value(left).kind in ("number", "range", "date") or compact(here).endswith(("标准", "依据"))


def _join_label(prev: str, more: str) -> str:
    """Join a 二级指标 continued on the next page, unless it was already whole."""
    joined = prev + more
    if is_level2(prev) and not is_level2(joined):
        return prev
    return joined


#: one header cell over 一级 and 二级 together (广东: 一级-二级指标 over 产出指标-数量指标)
_JOINED_LEVELS = re.compile(r"^一级(?:指标)?[-－—–/／、·]二级指标$")
_LEVEL_SEPARATOR = re.compile(r"[-－—–/／、·]")


def _split_joined_levels(rows: List[Row]) -> List[Row]:
    """Rows whose header joins 一级 and 二级 in one column, with that column split in two (the rows
    after the header too: ``产出指标-数量指标`` → ``产出指标`` | ``数量指标``); other rows unchanged."""
    at = col = None
    for i, row in enumerate(rows):
        for j, cell in enumerate(row.cells):
            if "级" in cell.text and _JOINED_LEVELS.match(compact(cell.text)):
                at, col = i, j
                break
        if at is not None:
            break
    if at is None or col is None:
        return rows
    out = list(rows[:at])
    for row in rows[at:]:
        if col >= len(row.cells):
            out.append(row)
            continue
        cell = row.cells[col]
        text = compact(cell.text)
        if row is rows[at]:
            first, second = "一级指标", "二级指标"
        else:
            parts = _LEVEL_SEPARATOR.split(text, maxsplit=1)
            if len(parts) == 2:
                first, second = parts
            else:
                first, second = (text, "") if is_level1(text) else ("", text)
        pair = [GCell(first, cell.line, cell.location, cell.ref), GCell(second, cell.line, cell.location, cell.ref)]
        out.append(row.with_cells(row.cells[:col] + pair + row.cells[col + 1:]))
    return out


def read_indicators(rows: List[Row], issues: List[ParseIssue], table: str) -> Tuple[List[Indicator], bool]:
    """Rows from the indicator header on → indicators."""
    rows = _split_joined_levels(rows)
    indicators: List[Indicator] = []
    cols: Optional[Dict[str, int]] = None
    width = 0
    blank_cols: frozenset = frozenset()
    current_l1 = ""
    pending: List[Row] = []
    seen_header = False

    def flush(batch: List[Row]) -> None:
        nonlocal current_l1
        if cols is None:
            return
        batch = coalesce(batch, width) if batch and any(r.groups == 1 for r in batch) else batch
        for row in batch:
            if all(c.blank for c in row.cells):
                continue
            if indicators and (_is_continuation(row, cols, indicators[-1]) or _wrapped_above(indicators[-1], row, cols)):
                _continue(indicators[-1], row, cols)
                continue
            row2, how = _realign(row, cols, width, blank_cols)
            if how:
                issues.append(ParseIssue(rule="PARSE003", line=row.line, table=table, message=how, evidence=""))
            ind = _indicator(row2, cols, current_l1)
            if ind is None:
                continue
            previous = indicators[-1] if indicators else None
            if not ind.level2 and previous is not None and not ind.level1_written and previous.level1 == ind.level1:
                ind.level2 = previous.level2  # a merged 二级指标 cell printed once for its group
            if not how and "level1" in cols and not ind.level1_written and current_l1 and ind.level1 != current_l1:
                by = f"二级指标“{ind.level2}”" if ind.level2 else f"指标名称“{ind.name}”"
                how = f"一级指标单元格为空，按{by}归入{ind.level1} / blank 一级指标 placed under {ind.level1} by its {'二级指标' if ind.level2 else 'name'}"
                issues.append(ParseIssue(rule="PARSE003", line=row.line, table=table, message=how))
            if ind.level1:
                current_l1 = ind.level1
            if how:
                ind.realigned = how
            indicators.append(ind)

    repeated = False
    header: Optional[Row] = None
    for at, row in enumerate(rows):
        hm = header_map(row)
        if hm is None and not seen_header:
            hm = header_by_content(row, rows[at + 1:at + 9]) if _names_levels(row) else None
        if hm is not None:
            flush(pending)
            pending = []
            repeated = seen_header  # a header again: the table goes on after a page break
            header = row
            cols, width, seen_header = hm, len(row.cells), True
            blank_cols = frozenset(i for i, c in enumerate(row.cells) if c.blank)
            continue
        merged = sub_header(header, row) if header is not None and not pending else None
        if merged is not None:  # the header's second row: 指标方向 | 度量单位 | 指标值
            cols = _columns_of(merged) or cols
            width = len(merged.cells)
            blank_cols = frozenset(i for i, c in enumerate(merged.cells) if c.blank)
            header = None
            continue
        if cols is not None:
            if repeated:
                row.page_break, repeated = True, False
            pending.append(row)
    flush(pending)
    return indicators, seen_header


_SIGNATURE_LABELS = ("填报人", "填表人", "联系人", "联系电话", "电话", "填报日期", "填表日期", "申报日期", "审核人", "负责人", "单位负责人",
                     "财务负责人", "法定代表人", "经办人", "日期")
_SIGNATURE_MARKS = ("签字", "签章", "盖章")
#: a label opening the cell and then a colon, a name or number to fill, or nothing (``联系电话：``,
#: ``填报人 张三``, ``日期``) — not a word that merely starts with one (``电话回访``, ``日期核对率``)
_SIGNATURE_CELL = re.compile("^(?:" + "|".join(w for w in _SIGNATURE_LABELS if w.endswith("人")) + ")"  # 填报人张三: a person's name follows
                             r"(?![员数次率群])"  # 经办人员满意度, 填报人数: an indicator's name, not a signer
                             "|^(?:" + "|".join(w for w in _SIGNATURE_LABELS if not w.endswith("人")) + r")(?:$|[:：_＿]|\d)"
                             "|[（(](?:" + "|".join(_SIGNATURE_MARKS) + ")[)）]")


@lru_cache(maxsize=MEMO_ENTRIES)
def _is_signature_cell(text: str) -> bool:
    return bool(_SIGNATURE_CELL.search(compact(text)))


#: the first character of every label and mark: a row holding none of them is no signature row
_SIGNATURE_CHARS = re.compile("[" + "".join(sorted({w[0] for w in _SIGNATURE_LABELS + _SIGNATURE_MARKS})) + "]")


def is_signature_row(row: Row) -> bool:
    """``填报人：张三 | 联系电话：… | 填报日期：…``: the foot of a form, not an indicator."""
    cells = row.cells
    if _SIGNATURE_CHARS.search("".join([c.text for c in cells])) is None:
        return False
    return any(_is_signature_cell(c.text) for c in cells if not c.blank)


def _indicator(row: Row, cols: Dict[str, int], current_l1: str) -> Optional[Indicator]:
    l1c, l2c = _cell(row, cols.get("level1")), _cell(row, cols.get("level2"))
    namec, descc = _cell(row, cols.get("name")), _cell(row, cols.get("description"))
    valc, basc = _cell(row, cols.get("value")), _cell(row, cols.get("basis"))
    written = compact(l1c.text)
    l2 = compact(l2c.text)
    name = namec.text.strip()
    value_raw, value = _composed_value(row, cols, valc)
    if not name and not value_raw:
        return None
    if is_signature_row(row):
        return None
    family = family_of(l2)
    # what the row writes in its 一级 column: a 一级 label, or a 二级-style label of a family
    written_family = written if is_level1(written) else family_of(written)
    if not written and row.merged_down and current_l1 and l2:
        written = level1 = current_l1  # a Word vertical merge copied as text: the label above is written on this row too
    elif written_family:
        level1 = written_family
    elif family and not (l2 == "成本指标" and current_l1 == "产出指标"):
        level1 = family  # a merged 一级 cell: placed by its 二级指标 (经济成本指标 → 成本指标)
    elif not written and not l2 and _named_family(name):
        level1 = _named_family(name)  # 一级 and 二级 left blank, the name a 二级 label (服务对象满意度)
    else:
        level1 = current_l1  # includes 成本指标 under 产出指标 (the pre-2021 framework)
    return _new_indicator(  # built from reader values only: no validation in the hot loop
        level1=level1,
        level1_written=written,
        level2=l2,
        name=name,
        description=descc.text.strip(),
        value_raw=value_raw,
        value=value,
        basis=basc.text.strip(),
        line=row.line,
        name_line=namec.line if name else row.line,
        value_line=valc.line if valc.text.strip() else row.line,
        location=valc.location,
        ref=valc.ref if valc.text.strip() else (namec.ref or valc.ref),
        name_ref=namec.ref,
    )


def _named_family(name: str) -> Optional[str]:
    """The 一级指标 a 三级 name places its row under when it is itself a 二级 label other than the
    generic output kinds (服务对象满意度 → 满意度指标); None otherwise."""
    family = family_of(name) if len(name) <= 12 else None
    return family if family in ("满意度指标", "效益指标", "成本指标") else None


def _composed_value(row: Row, cols: Dict[str, int], valc: GCell) -> Tuple[str, ParsedValue]:
    """The 指标值 (raw and parsed) with its 指标方向 (≥) and 度量单位 (%) columns, when the table has them."""
    value = valc.text.strip()
    parsed = parse_value(value)
    if not value or ("direction" not in cols and "unit" not in cols):
        return value, parsed
    direction = _cell(row, cols.get("direction")).text.strip() if "direction" in cols else ""
    unit = _cell(row, cols.get("unit")).text.strip() if "unit" in cols else ""
    composed = composed_value_text(value, direction, unit)
    return (composed, parse_value(composed)) if composed != value else (value, parsed)


def composed_value_text(value: str, direction: str, unit: str) -> str:
    """One value from its split columns (RULES.md "Separate columns"): the operator before it (≥, 不低于 …;
    定性 / 正向 are not part of the value) and the unit after a number that has none."""
    parsed = parse_value(value)
    composed = value
    if direction and parsed.op is None and len(direction) <= 4 and parse_value(direction + "1").op is not None:
        composed = direction + composed
    if unit and parsed.unit is None and parsed.kind in ("number", "range") and len(unit) <= 8:
        composed = composed + unit
    return composed


def _wrapped_above(ind: Indicator, row: Row, cols: Dict[str, int]) -> bool:
    """The indicator above is the first line of this row's wrapped name: a name alone on the line
    just above (no value, description or basis), this row has no 一级/二级 label of its own and
    holds the value, in a text layout (elsewhere a cell holds its wrapped text whole: a row
    without a value is a row without a value)."""
    if ind.value_raw or ind.description or ind.basis or ind.name_line != row.line - 1:
        return False
    if _cell(row, cols.get("level1")).text.strip() or _cell(row, cols.get("level2")).text.strip():
        return False
    return row.wraps and bool(_cell(row, cols.get("value")).text.strip())


def _continue(ind: Indicator, row: Row, cols: Dict[str, int]) -> None:
    """Append a row continued across a page break to the indicator above."""
    l2 = compact(_cell(row, cols.get("level2")).text)
    if l2:
        ind.level2 = _join_label(ind.level2, l2)
    name = _cell(row, cols.get("name")).text.strip()
    if name:
        ind.name = ind.name + name
    desc = _cell(row, cols.get("description")).text.strip()
    if desc:
        ind.description = ind.description + desc
    valc = _cell(row, cols.get("value"))
    value = valc.text.strip()
    if value:
        if not ind.value_raw.strip():
            ind.value_line = valc.line  # the whole value is on this side of the break
            ind.ref = valc.ref
        ind.value_raw = f"{ind.value_raw} {value}".strip()
        ind.value = parse_value(ind.value_raw)
    basis = _cell(row, cols.get("basis")).text.strip()
    if basis:
        ind.basis = ind.basis + basis


# -- the whole table ----------------------------------------------------------

_KEY_STRIP = re.compile(r"^其中[:：]|[（(](万元|元)[)）]$|[:：]$")


def _key_of(text: str) -> Optional[str]:
    t = _KEY_STRIP.sub("", compact(text))
    if ":" in t or "：" in t:
        return None  # a label with its value in the same cell: see _key_and_inline_value
    role = _VOCAB.key_role(t)
    if role is not None:
        return role
    if "财政" in t and ("资金" in t or "拨款" in t) and len(t) <= 10 and not re.search(r"\d", t):  # digits: a value too
        return "fiscal"
    return None


#: ``上年结转 500,000.00``: a label and its amount in one cell with no colon between
_LABEL_AMOUNT = re.compile(r"^\s*([^\d:：]{2,12}?)\s*([-+]?\d[\d,]*(?:\.\d+)?\s*(?:万元|元)?)\s*$")


def _key_and_inline_value(cell: GCell, memo: Optional[Dict[str, object]] = None) -> Tuple[Optional[str], Optional[GCell]]:
    """``预算数`` → (budget, None); ``预算数：88.00`` / ``上年结转 88.00`` → (budget, the cell's value part)."""
    if memo is None:
        memo = _VOCAB.memo("key_and_value")  # cleared when a plugin extends the vocabulary
    found = memo.get(cell.text)
    if found is None:
        if len(memo) > MEMO_ENTRIES:
            memo.clear()
        found = memo[cell.text] = _key_and_value_text(cell.text)
    key, inline = found
    if key is None or inline is None:
        return key, None
    return key, GCell(inline, cell.line, cell.location, cell.ref)


def _keyed_cells(row: Row):
    """(index, cell, key, inline value) of each cell; a cell holding several ``label：value`` fields
    (a Word cell of three paragraphs: 预算数：88.00 / 其中：财政资金：80.00 / 其他资金：5.00, read as one
    line) gives one each."""
    memo = _VOCAB.memo("key_and_value")  # once a row, not once a cell
    for idx, cell in enumerate(row.cells):
        text = cell.text
        if text.count("：") + text.count(":") >= 2:
            fields = _fields_in_cell(text)
            if len(fields) >= 2:
                for key, value in fields:
                    yield idx, cell, key, GCell(value, cell.line, cell.location, cell.ref)
                continue
        key, inline = _key_and_inline_value(cell, memo)
        yield idx, cell, key, inline


def _fields_in_cell(text: str) -> List[Tuple[str, str]]:
    """The known ``label：value`` fields of one cell, in order (an empty list when there are fewer than two)."""
    found = [(m, _key_of(m.group(1))) for m in _CELL_LABEL.finditer(text)]
    found = [(m, key) for m, key in found if key is not None]  # 其中： and other words end no field
    if len(found) < 2:
        return []
    out = []
    for (m, key), nxt in zip(found, [f[0] for f in found[1:]] + [None]):
        value = text[m.end():nxt.start() if nxt is not None else len(text)]
        out.append((key, _QIZHONG_TAIL.sub("", value).strip(" ，,；;")))
    return out


_QIZHONG_TAIL = re.compile(r"其中\s*[:：]?\s*$")
#: a label and its colon inside a cell's text (the label has no digits: 45.00其中：… starts one at 其)
_CELL_LABEL = re.compile(r"([^\s:：，。,；;\d.]{2,12})\s*[:：]")


def _key_and_value_text(text: str) -> Tuple[Optional[str], Optional[str]]:
    key = _key_of(text)
    if key is not None:
        return key, None
    text = _QIZHONG.sub("", text)
    m = _LABEL_VALUE.match(text) or _LABEL_AMOUNT.match(text)
    if not m:
        return None, None
    key = _key_of(m.group(1))
    if key is None:
        return None, None
    return key, m.group(2).strip()


def _values_below(row: Row, keyed_cells: List[Tuple[int, GCell, Optional[str], Optional[GCell]]], below: Row) -> Dict[int, GCell]:
    """A row of fund labels (年度资金总额 | 财政拨款 | 其他资金 | 上年结转) over a row of their amounts:
    each label's cell below it; {} for any other row (a label beside its value is the usual way)."""
    keyed = [idx for idx, _, key, inline in keyed_cells if key in _AMOUNT_KEYS and inline is None]
    if len(keyed) < 2 or any(_is_number(c.text) for c in row.cells):
        return {}
    found = {idx: below.cells[idx] for idx in keyed if idx < len(below.cells) and _is_number(below.cells[idx].text)}
    return found if len(found) >= 2 else {}


def _amount_across_blanks(row: Row, idx: int) -> Optional[GCell]:
    """The first filled cell right of the label at ``idx`` when only blank cells lie between and it
    is a number (a space-aligned copy puts a wide gap's empty columns between a label and its value)."""
    for cell in row.cells[idx + 1:]:
        if cell.blank:
            continue
        return cell if _is_number(cell.text.replace("万元", "").replace("元", "")) else None
    return None


def _sum_amounts(parts: List[Amount]) -> Amount:
    filled = [a for a in parts if a.value is not None]
    first = filled[0]
    return Amount(raw=" + ".join(a.raw.strip() for a in filled), value=sum(a.value or 0 for a in filled),
                  wan=sum(a.wan or 0 for a in filled), line=first.line, location=first.location, unit=first.unit, ref=first.ref)


def unit_of(text: str) -> Optional[str]:
    """``单位：元`` → 元, ``单位：万元`` → 万元."""
    t = compact(text)
    m = _UNIT_LINE.search(t)
    return m.group(1) if m else None


#: labels of the line naming the budget unit above a table (``预算单位：青岛市商务局``)
DEPARTMENT_LABELS = ("单位名称", "预算单位", "主管部门", "部门名称", "填报单位", "编报单位")
_DEPARTMENT_CODED = re.compile(r"^\d{6}(\D.{1,40})$")
_DEPARTMENT_LABELLED = re.compile(r"^(?:" + "|".join(DEPARTMENT_LABELS) + r")[:：](.{2,40})$")


def department_of(text: str) -> Optional[str]:
    """The unit a table belongs to: ``502001青岛市工业和信息化局本级`` or ``预算单位：青岛市商务局``."""
    t = compact(text)
    m = _DEPARTMENT_CODED.match(t) or _DEPARTMENT_LABELLED.match(t)
    if not m or unit_of(t):
        return None
    return m.group(1)


_AMOUNT_KEYS = ("budget", "fiscal", "other", "fiscal_part")


def _mid_term_column(row: Row) -> Optional[int]:
    """The column of a 中期 money label written beside a 年度 one in one row (the central form's
    项目资金 | 中期资金总额 | 2400 | 年度资金总额 | 800): its lines below (其中：财政拨款 …) are the
    medium term's, not the year's.  None for any other row."""
    if not any("中期" in c.text for c in row.cells):
        return None
    texts = [compact(c.text) for c in row.cells]
    mid = next((i for i, t in enumerate(texts) if t.startswith("中期") and any(w in t for w in ("资金", "预算", "金额"))), None)
    year = any(t.startswith(("年度", "本年")) and any(w in t for w in ("资金", "预算", "金额")) for t in texts)
    return mid if mid is not None and year else None


def _year_column(row: Row) -> Optional[int]:
    """The column of the budget year's amounts in a key block given for a medium term too: a row of
    column headings holding a 中期 heading and a 年度 one (vocabulary ``period_mid`` / ``period_year``),
    and no number.  None for any other row."""
    if not any("期" in c.text or "年" in c.text for c in row.cells):
        return None
    texts = [compact(c.text) for c in row.cells]
    if any(ch.isdigit() for t in texts for ch in t):
        return None
    mid = _VOCAB.word_set("period_mid")
    year = _VOCAB.word_set("period_year")
    has_mid = any(any(w in t for w in mid) for t in texts)
    at = next((i for i, t in enumerate(texts) if any(w in t for w in year) and not any(w in t for w in mid)), None)
    return at if has_mid and at is not None else None


def _plan_table_row(row: Row) -> bool:
    """The label row of a plan written as a small table of its own (under the indicator table): the plan's
    label in its first column and two checkpoints or more after it."""
    first = row.cells[0] if row.cells else None
    if first is None or first.blank or not is_plan_row(row, first):
        return False
    return sum(1 for c in row.cells[1:] if _plan_cell(c.text)[1] == 1) >= 2


def _plan_values_row(row: Row) -> bool:
    """A row of such a plan's values: after its first cell (a label such as 累计支出比例, or empty) only
    numbers or empty cells (all empty: a plan left blank)."""
    return all(c.blank or _plan_cell(c.text)[1] == 2 for c in row.cells[1:])


def _last_line(rows: List[Row], default: int) -> int:
    """``max(r.last_line for r in rows)`` in one pass over the cells."""
    last = max([c.line for r in rows for c in r.cells], default=default)
    empty = [r.line for r in rows if not r.cells]
    return max(last, *empty) if empty else (last if rows else default)


def read_table(title: str, title_line: int, rows: List[Row], issues: List[ParseIssue], unit: str = "万元") -> Optional[PerformanceTable]:
    """One 绩效目标表 from its title and rows; None if nothing table-like is there."""
    index, name = title_index(title)
    table = _new_table(index=index, title=name, title_line=title_line, first_line=title_line,
                             last_line=_last_line(rows, title_line), unit=unit)
    label = name
    plan_rows: List[Row] = []
    in_plan = False
    head_done = False
    after_budget = False
    indicator_rows: List[Row] = []
    fiscal_parts: List[Amount] = []
    nested_parts = False  # a part written 其中：…: the 财政拨款 line above is their total
    consumed: set = set()  # rows read as the amounts of a row of fund labels above them
    year_col: Optional[int] = None
    mid_col: Optional[int] = None
    plan_below = False  # reading a plan given as a table of its own under the indicators
    for at, row in enumerate(rows):
        if head_done:
            if plan_below and _plan_values_row(row):
                plan_rows.append(row)
                continue
            plan_below = False
            if not plan_rows and _plan_table_row(row):
                plan_rows.append(row)  # 资金支出计划（%） | 3月底 | … under the indicator table: the project's plan
                plan_below = True
                continue
            indicator_rows.append(row)
            continue
        if header_map(row) is not None or (_names_levels(row) and header_by_content(row, rows[at + 1:at + 9]) is not None):
            head_done = True
            in_plan = False
            indicator_rows.append(row)
            continue
        first = row.first()
        first_text = compact(first.text) if first else ""
        if is_plan_row(row, first):
            in_plan = True
            plan_rows.append(row)
            continue
        if first_text.startswith("绩效目标") and not first_text.endswith("表"):
            in_plan = False
            goal = next((c for c in row.cells[row.cells.index(first) + 1:] if not c.blank), None) if first else None
            table.goals = goal.text if goal else ""
            continue
        if in_plan:
            plan_rows.append(row)
            continue
        period = _year_column(row)
        if period is not None:  # 中期资金总额 | 年度资金总额: the amounts below are read from the year's column
            year_col = period
            continue
        if at in consumed:
            continue  # the amounts of the label row above
        mid = _mid_term_column(row)
        if mid is not None:  # 中期资金总额 | … | 年度资金总额 side by side: the 中期 column's lines are not the year's
            mid_col = mid
        found_key = False
        keyed = [k for k in _keyed_cells(row) if mid_col is None or k[0] != mid_col]
        below = _values_below(row, keyed, rows[at + 1]) if at + 1 < len(rows) and len(keyed) >= 2 else {}
        if below:
            consumed.add(at + 1)
        for idx, cell, key, inline in keyed:
            if key is None:
                continue
            found_key = True
            nxt = inline if inline is not None else below.get(idx) or _next_cell(row, idx)
            if inline is None and nxt is not None and nxt.blank and key in _AMOUNT_KEYS and year_col is None and "合计" not in cell.text:
                # 预算数 ⎵⎵⎵ 350.00: columns a layout copy left empty (a list's 合计 row sums a column: not so read)
                nxt = _amount_across_blanks(row, idx) or nxt
            if inline is None and year_col is not None and idx < year_col < len(row.cells) and key in _AMOUNT_KEYS:
                nxt = row.cells[year_col]
            if key == "budget" and "合计" in cell.text and table.project_name is None and table.project_code is None:
                continue  # a 合计 is a project's budget in its fund block only (not a 收支总表's, a list's)
            if key in ("code", "name") and inline is None and nxt is not None and _key_and_inline_value(nxt)[0] is not None:
                continue  # a header row of a list (项目编码 | 项目名称 | …): a label is no value
            if key == "code" and nxt is not None and table.project_code is None:
                table.project_code = _new_cell(text=compact(nxt.text), line=nxt.line, location=nxt.location, ref=nxt.ref)
            elif key == "name" and nxt is not None and table.project_name is None:
                table.project_name = _new_cell(text=nxt.text.strip(), line=nxt.line, location=nxt.location, ref=nxt.ref)
            elif key == "fiscal_part":
                src = nxt if nxt is not None else GCell("", cell.line)
                fiscal_parts.append(parse_amount(src.text, src.line, bracketed_money_unit(cell.text) or table.unit, src.location, src.ref))
                nested_parts = nested_parts or compact(cell.text).startswith("其中")
            elif key in ("budget", "fiscal", "other"):
                src = nxt if nxt is not None else GCell("", cell.line)
                amount = parse_amount(src.text, src.line, bracketed_money_unit(cell.text) or table.unit, src.location, src.ref)
                current = getattr(table, key)
                if current is not None and current.value is not None:
                    if key == "other" and amount.value is not None:  # 上年结转 beside 其他资金: one more source
                        current.value += amount.value
                        current.wan = (current.wan or 0) + (amount.wan or 0)
                    continue  # a later header (预算金额 of a task list) never overwrites a value read
                setattr(table, key, amount)
                after_budget = True
        if found_key:
            continue
        row_unit = unit_of(" ".join(c.text for c in row.cells))
        if row_unit:
            table.unit = row_unit
            continue
        if after_budget and first is not None and not table.purpose and (row.cells[0].blank or "资金用途" in first_text):
            table.purpose = first.text
    if any(a.value is not None for a in fiscal_parts):
        parts = sum(a.wan or 0 for a in fiscal_parts)
        if table.fiscal is None or table.fiscal.value is None:
            table.fiscal = _sum_amounts(fiscal_parts)  # 财政资金 split over its sources: their sum
        elif not nested_parts and abs((table.fiscal.wan or 0) - parts) > 0.005:
            # 财政拨款 beside 政府性基金拨款 …, not above them as their total: one source of several (RULES.md "Fund sources")
            table.fiscal = _sum_amounts([table.fiscal, *fiscal_parts])
    label = table.label or label
    if plan_rows:
        table.plan = read_plan(plan_rows, issues, label)
        opening = plan_rows[0].first()
        table.plan.unit = bracketed_money_unit(opening.text) if opening is not None else None  # 资金支出计划（元）
    table.indicators, table.has_indicator_header = read_indicators(indicator_rows, issues, label)
    if table.project_code is None and (table.budget is None or table.budget.value is None) and not table.has_indicator_header:
        return None  # no code, no budget figure, no indicators: a table of another kind (采购意向, 收支总表 …)
    return table
