"""Rows of cells → :class:`~auditor.models.SelfEvaluation`.

Works from labels, never from positions in one export: the money block is found
by its column header (年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分) and each
fund row by its label (年度资金总额, 其中：财政拨款 …), its values taken in the
header's order after the label, so a merged ``项目资金（万元）`` cell printed or not
changes nothing.  Indicator rows are mapped through their header; a row short of
cells (merged labels not printed) is placed by its 一级 / 二级 label, else
aligned to the right, and a row cut by a page break goes on with the row above.
"""
from __future__ import annotations

import re
from typing import Dict, List, Optional, Sequence, Tuple

from ..models import Amount, Cell, FundRow, ParseIssue, Score, SelfEvaluation, SelfIndicator
from ..names import family_of, is_level1, is_level2
from ..values import MONEY_IN_BRACKETS, bracketed_money_unit, compact, halfwidth, number_text, parse_amount, parse_value
from ..readers.blocks import GCell, Row
from ..vocabulary import Vocabulary
from ..dates import BUDGET_YEAR
from .vocabulary import normalise, role_of, roles, self_eval_vocabulary, words

_NUMBER = re.compile(r"^[-+]?(?:\d[\d,]*(?:\.\d+)?|\.\d+)$")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_FULL_DATE = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}")
_TITLE_NUMBER = re.compile(r"^\s*(\d+)\s*[.、．]\s*")
#: a header cell is a short label (``全年预算数（A）`` → 5 characters once the bracket is gone), not a sentence
HEADER_LONGEST = 8


def is_self_evaluation(title: str, rows: Sequence[Row] = (), vocab: Optional[Vocabulary] = None) -> bool:
    """A 自评表 by its title, or a table with a 全年执行数 / 实际完成值 header."""
    vocab = vocab or self_eval_vocabulary()
    if vocab.is_title(compact(title)):
        return True
    signal = _signal(vocab)
    for r in rows:  # untitled: a money block with 执行数 / 执行率, or indicators with 实际完成值
        if not any(signal.search(compact(c.text)) for c in r.cells):
            continue  # (a cheap test first: most rows hold none of these words)
        fund = {role for role, _ in (_fund_header(r, vocab) or ())}
        if fund & {"executed", "rate"} or "actual" in (_indicator_header(r, vocab) or {}):
            return True
    return False


def _signal(vocab: Vocabulary) -> "re.Pattern[str]":
    """One regex of the header words only a self-evaluation has (执行数, 执行率, 实际完成值 …)."""
    def build() -> "re.Pattern[str]":
        fund, ind = roles(vocab, "fund"), roles(vocab, "indicator")
        found = [*fund.get("executed", ()), *fund.get("rate", ()), *ind.get("actual", ())]
        return re.compile("|".join(re.escape(w) for w in sorted(found, key=len, reverse=True)) or "(?!)")

    return vocab._get("signal", build)  # type: ignore[return-value]


def score_of(cell: GCell, vocab: Optional[Vocabulary] = None) -> Optional[Score]:
    """A 分值 / 得分 / 执行率 cell; None when blank or a placeholder."""
    text = number_text(compact(halfwidth(cell.text)))
    if not text or text in words(vocab or self_eval_vocabulary(), "placeholder"):
        return None
    percent = text.endswith("%")
    body = text.rstrip("%").replace(",", "")
    if body.endswith("分"):
        body = body[:-1]
    value = float(body) if _NUMBER.match(body) else None
    return Score(raw=cell.text.strip(), value=value, percent=percent, line=cell.line, location=cell.location, ref=cell.ref)


def _amount(cell: GCell, unit: str, vocab: Vocabulary) -> Optional[Amount]:
    text = compact(cell.text)
    if not text or text in words(vocab, "placeholder"):
        return None
    return parse_amount(cell.text, cell.line, unit, cell.location, cell.ref)


# -- headers -------------------------------------------------------------------

def _bracket_unit(row: Row) -> Optional[str]:
    """A money unit a header cell declares in brackets: ``项目资金（元）``, ``全年执行数(万元)``."""
    return next((u for u in (bracketed_money_unit(compact(c.text)) for c in row.cells if not c.blank) if u), None)


def _fund_header(row: Row, vocab: Vocabulary) -> Optional[List[Tuple[str, int]]]:
    """(role, column) of a money block's header, one slot a column from its first to its last
    known column (an unknown column in between keeps its place with role ``""``), or None."""
    found: List[Tuple[str, int]] = []
    for idx, cell in enumerate(row.cells):
        role = role_of(cell.text, roles(vocab, "fund"), longest=HEADER_LONGEST)
        if role is not None and role not in (r for r, _ in found):
            found.append((role, idx))
    money = sum(1 for r, _ in found if r in ("planned", "budget", "executed"))
    if not (money >= 2 or (money >= 1 and any(r == "rate" for r, _ in found))):
        return None
    by_index = {i: r for r, i in found}
    return [(by_index.get(i, ""), i) for i in range(found[0][1], found[-1][1] + 1) if not (row.cells[i].blank and i not in by_index)]


def _indicator_header(row: Row, vocab: Vocabulary) -> Optional[Dict[str, int]]:
    found: Dict[str, int] = {}
    for idx, cell in enumerate(row.cells):
        role = role_of(cell.text, roles(vocab, "indicator"), longest=HEADER_LONGEST + 4)
        if role is not None and role not in found:
            found[role] = idx
    if "target" in found and ("actual" in found or "score" in found) and ("name" in found or "level2" in found):
        return found
    return None


def _goal_columns(row: Row, vocab: Vocabulary) -> Dict[str, int]:
    out: Dict[str, int] = {}
    for idx, cell in enumerate(row.cells):
        role = role_of(cell.text, roles(vocab, "goal"), contains=False)
        if role is not None and role not in out:
            out[role] = idx
    return out


# -- the whole table -----------------------------------------------------------

def read_self_evaluation(title: str, title_line: int, rows: List[Row], issues: List[ParseIssue], unit: str = "万元",
                         notes: Sequence[str] = (), vocab: Optional[Vocabulary] = None) -> Optional[SelfEvaluation]:
    """One self-evaluation from its title, its rows and the paragraphs around them."""
    vocab = vocab or self_eval_vocabulary()
    m = _TITLE_NUMBER.match(title)
    index, name = (int(m.group(1)), title[m.end():].strip()) if m else (None, title.strip())
    t = compact(title)
    se = SelfEvaluation(index=index, title=name, title_line=title_line, first_line=title_line, unit=unit,
                        last_line=max((r.last_line for r in rows), default=title_line),
                        scope="department" if words(vocab, "department_scope") and any(w in t for w in words(vocab, "department_scope")) else "project")
    # the title's year, else a （2025年度） subtitle, else a note that is no dated line (a footer's 填报日期 is not the year)
    for text in (title, *[n for n in notes if BUDGET_YEAR.search(n)], *[n for n in notes if not _FULL_DATE.search(n)]):
        ym = _YEAR.search(text)
        if ym:
            se.year = int(ym.group(1))
            break
    mode = "fields"
    fund_cols: List[Tuple[str, int]] = []
    goal_cols: Dict[str, int] = {}
    ind_rows: List[Row] = []
    ind_header: Optional[Row] = None
    for row in rows:
        if ind_header is not None:
            ind_rows.append(row)
            continue
        if all(c.blank for c in row.cells):
            continue
        header = _indicator_header(row, vocab)
        if header is not None:
            ind_header = row
            continue
        fh = _fund_header(row, vocab)
        if fh is not None:
            fund_cols, mode = fh, "funds"
            declared = _bracket_unit(row)  # 项目资金（元）, 年初预算数（元）: the block's own unit
            if declared:
                unit = se.unit = declared
            if _fund_row(se, row, fund_cols, unit, vocab):  # a header and the total on one row
                continue
            continue
        first = row.first()
        label = normalise(first.text) if first else ""
        goal_row = label in words(vocab, "goal_label") or any(normalise(c.text) in words(vocab, "goal_label") for c in row.cells[:2])
        if goal_row or mode == "goal":
            if mode == "funds" and not goal_row and _fund_row(se, row, fund_cols, unit, vocab):
                continue
            cols = _goal_columns(row, vocab)
            if cols:  # 预期目标 | 实际完成情况 (on the label's row or the next)
                mode, goal_cols = "goal", cols
                continue
            if goal_row or not (se.goal_expected or se.goal_actual):
                mode = "goal"
                _goal_texts(se, row, goal_cols, vocab)
                continue
        if mode == "funds":
            wrapped = MONEY_IN_BRACKETS.fullmatch(compact(first.text)) if first else None
            if wrapped:  # 项目资金 / （元） wrapped under it: the block's unit
                unit = se.unit = wrapped.group(1)
            if _fund_row(se, row, fund_cols, unit, vocab):
                continue
        _fields(se, row, vocab)
    if ind_header is not None:
        _indicators(se, ind_header, ind_rows, issues, vocab)
    _figures(se)
    if not se.funds and not se.indicators and se.project_name is None:
        return None
    return se


def _goal_texts(se: SelfEvaluation, row: Row, cols: Dict[str, int], vocab: Vocabulary) -> None:
    """预期目标 and 实际完成情况: under their columns when known, else the row's texts in order
    (a merged cell repeated over the columns it covers counts once)."""
    if se.goal_expected or se.goal_actual:
        return
    if cols and len(row.cells) > max(cols.values()):
        se.goal_expected = row.cells[cols["expected"]].text.strip() if "expected" in cols else ""
        se.goal_actual = row.cells[cols["actual"]].text.strip() if "actual" in cols else ""
        if se.goal_expected or se.goal_actual:
            return
    texts: List[str] = []
    for c in row.cells:
        t = c.text.strip()
        if t and normalise(t) not in words(vocab, "goal_label") and (not texts or texts[-1] != t):
            texts.append(t)
    if texts:
        se.goal_expected = texts[0]
    if len(texts) > 1:
        se.goal_actual = texts[1]


def _fields(se: SelfEvaluation, row: Row, vocab: Vocabulary) -> None:
    """项目名称 / 项目编码 / 主管部门 / 实施单位: a label and the next non-blank cell (or ``label：value``)."""
    for idx, cell in enumerate(row.cells):
        text = cell.text.strip()
        value: Optional[GCell] = None
        label = text
        if re.search(r"[:：]\S", text):
            label, _, rest = re.split(r"([:：])", text, maxsplit=1)
            value = GCell(rest.strip(), cell.line, cell.location, cell.ref)
        role = role_of(label, roles(vocab, "field"), contains=False)
        if role is None:
            continue
        if value is None:
            value = next((c for c in row.cells[idx + 1:] if not c.blank), None)
            if value is not None and role_of(value.text, roles(vocab, "field"), contains=False) is not None:
                value = None  # the next label, not a value
        if value is None or value.blank:
            continue
        found = Cell(text=value.text.strip() if role != "code" else compact(value.text), line=value.line, location=value.location, ref=value.ref)
        attr = {"name": "project_name", "code": "project_code", "department": "department", "implementer": "implementer"}[role]
        if getattr(se, attr) is None:
            setattr(se, attr, found)


def _fund_row(se: SelfEvaluation, row: Row, cols: List[Tuple[str, int]], unit: str, vocab: Vocabulary) -> bool:
    """A row of the money block: its label, then its values in the header's order."""
    at = None
    role = None
    for idx, cell in enumerate(row.cells):
        # the block's label, or the rest of it wrapped under it (``（万元）``) on the next line, or a group's (按收入性质分)
        text = normalise(cell.text)
        if cell.blank or not text or text in words(vocab, "fund_group") or any(w in text for w in words(vocab, "fund_block")):
            continue
        role = role_of(cell.text, roles(vocab, "row"))
        if role is not None:
            at = idx
        break
    if at is None or role is None:
        return False
    values = row.cells[at + 1:]
    filled = [i for i in range(at + 1, len(row.cells)) if not row.cells[i].blank]
    header_at = {i for col, i in cols}
    if filled and all(i in header_at for i in filled) and len(filled) < len(row.cells) - at - 1:
        # the values stand under their header cells (an aligned grid with columns of other blocks between): by column
        values = [row.cells[i] if i < len(row.cells) else GCell("", row.line) for _, i in cols]
    fund = FundRow(label=row.cells[at].text.strip(), role=role, line=row.cells[at].line, ref=row.cells[at].ref)  # type: ignore[arg-type]
    for (col, _), cell in zip(cols, values):
        if not col:
            continue
        if col in ("planned", "budget", "executed"):
            setattr(fund, col, _amount(cell, unit, vocab))
        else:
            setattr(fund, col, score_of(cell, vocab))
    if role == "total" and se.fund_total() is not None:
        return True  # a second 合计 row repeats the first
    se.funds.append(fund)
    return True


# -- indicator rows ----------------------------------------------------------------

#: a split value's 实际 part (实际完成值 over 实际值 | 计量单位), besides the target table's value words
_ACTUAL_VALUE_WORDS = ("实际值", "完成值", "实际完成值")


def _split_roles() -> Dict[str, str]:
    """Sub-header word → part (direction, value, unit), from the target table's column words (vocabulary)."""
    from ..vocabulary import vocabulary

    table = vocabulary("performance")

    def build() -> Dict[str, str]:
        out = {compact(w): "direction" for w in table.columns.get("direction", ())}
        out.update({compact(w): "unit" for w in table.columns.get("unit", ())})
        out.update({compact(w): "value" for w in (*table.columns.get("value", ()), *_ACTUAL_VALUE_WORDS)})
        return out
    return table.derived("selfeval:split_roles", build)  # type: ignore[return-value]


def _split_columns(header: Row, row: Row, cols: Dict[str, int]) -> Dict[str, Dict[str, int]]:
    """A header's second row splitting 年度指标值 (and 实际完成值) into 指标方向 | 指标值 | 计量单位: for
    each of the two, the column of each part (RULES.md "Separate columns": the three make one value)."""
    if len(row.cells) != len(header.cells):
        return {}
    roles_of = _split_roles()
    labels = {i: compact(c.text) for i, c in enumerate(row.cells) if not c.blank}
    if not labels or any(t not in roles_of for t in labels.values()):
        return {}
    starts = sorted(i for i, c in enumerate(header.cells) if not c.blank)
    out: Dict[str, Dict[str, int]] = {}
    for key in ("target", "actual"):
        start = cols.get(key)
        if start is None:
            continue
        end = next((i for i in starts if i > start), len(header.cells))
        parts: Dict[str, int] = {}
        for i in range(start, end):
            role = roles_of.get(labels.get(i, ""))
            if role is not None and role not in parts:
                parts[role] = i
        if "value" in parts and len(parts) >= 2:
            out[key] = parts
    return out


def _composed(cells: List[GCell], parts: Optional[Dict[str, int]], fallback: GCell) -> GCell:
    """One value cell from its split columns: the 指标值's cell, its text with the operator before it (≥, not
    定性) and the unit after a number that has none."""
    if not parts:
        return fallback
    def at(role: str) -> str:
        i = parts.get(role)
        return cells[i].text.strip() if i is not None and i < len(cells) else ""
    from ..readers.performance import composed_value_text

    i = parts["value"]
    value = cells[i] if i < len(cells) else fallback
    text = value.text.strip()
    if not text:
        return value
    return GCell(composed_value_text(text, at("direction"), at("unit")), value.line, value.location, value.ref)


def _place(row: Row, cols: Dict[str, int], width: int) -> List[GCell]:
    """The row's cells under the header's columns: merged labels not printed are
    placed by the 一级 / 二级 label the row does hold, else the row aligns right."""
    cells = list(row.cells)
    if len(cells) == width:
        return cells
    shift: Optional[int] = None
    for i, c in enumerate(cells[:4]):
        if is_level1(c.text) and "level1" in cols:
            shift = cols["level1"] - i
            break
        if is_level2(c.text) and "level2" in cols:
            shift = cols["level2"] - i
            break
    if shift is None:
        shift = width - len(cells)
    if shift >= 0:
        return [GCell("", row.line)] * shift + cells
    return cells[-shift:]


def _at(cells: List[GCell], cols: Dict[str, int], key: str, line: int) -> GCell:
    idx = cols.get(key)
    if idx is None or idx >= len(cells):
        return GCell("", line)
    return cells[idx]


def _indicators(se: SelfEvaluation, header: Row, rows: List[Row], issues: List[ParseIssue], vocab: Vocabulary) -> None:
    cols = _indicator_header(header, vocab) or {}
    width = len(header.cells)
    level1 = level2 = ""
    after_break = False
    split: Dict[str, Dict[str, int]] = {}
    for row in rows:
        if all(c.blank for c in row.cells):
            continue
        if not se.indicators and not split:
            split = _split_columns(header, row, cols)
            if split:
                continue  # the header's second row: 指标方向 | 指标值 | 计量单位 under 年度指标值
        if _indicator_header(row, vocab) is not None:  # the header again after a page break
            after_break = True
            continue
        first = row.first()
        label = normalise(first.text) if first else ""
        if any(label.startswith(w) for w in words(vocab, "foot_label")) or label in words(vocab, "end_label"):
            break
        if label in words(vocab, "total_label") or any(normalise(c.text) in words(vocab, "total_label") for c in row.cells[:3]):
            _total(se, row, cols, width, vocab)
            break  # the 总分 row closes the indicators: what follows (a summary sheet, notes) is not one of them
        if any(normalise(c.text) in words(vocab, "subtotal_label") for c in row.cells[:5]):
            continue  # a 小计 of one 一级指标: its weight is already in its rows
        cells = _place(row, cols, width)
        get = lambda key: _at(cells, cols, key, row.line)  # noqa: E731
        l1, l2, name = compact(get("level1").text), compact(get("level2").text), get("name").text.strip()
        target, actual = get("target"), get("actual")
        if split:
            target = _composed(cells, split.get("target"), target)
            actual = _composed(cells, split.get("actual"), actual)
        weight, score = score_of(get("weight"), vocab), score_of(get("score"), vocab)
        broken = row.page_break or after_break
        after_break = False
        if se.indicators and broken and not l1 and not l2 and (not name or not (target.text.strip() or actual.text.strip() or weight or score)):
            _continue(se.indicators[-1], name, target, actual, weight, score, get("reason").text.strip())
            issues.append(ParseIssue(rule="PARSE003", line=row.line, table=se.label,
                                     message="指标行被分页截断，已与上一行合并 / an indicator row cut by a page break; joined to the row above"))
            continue
        if not name and not target.text.strip() and not actual.text.strip() and score is None:
            continue
        if not l1 and not l2 and se.indicators and _wrapped_above(se.indicators[-1], row) and (target.text.strip() or actual.text.strip() or score):
            # a text copy wraps a long name: its first part alone on the line above, the rest beside the values
            _continue(se.indicators[-1], name, target, actual, weight, score, get("reason").text.strip())
            se.indicators[-1].line = row.line
            continue
        family = family_of(l2)
        written = l1
        if is_level1(l1):
            level1 = l1
        elif family_of(l1):
            level1 = family_of(l1) or level1
        elif family and not (l2 == "成本指标" and level1 == "产出指标"):
            level1 = family
        if l2:
            level2 = l2
        ind = SelfIndicator(
            level1=level1, level1_written=written, level2=level2, name=name,
            value_raw=target.text.strip(), value=parse_value(target.text.strip()),
            line=row.line, name_line=get("name").line if name else row.line,
            value_line=target.line if target.text.strip() else row.line, location=target.location,
            ref=target.ref, name_ref=get("name").ref,
            actual_raw=actual.text.strip(), actual=parse_value(actual.text.strip()),
            actual_line=actual.line if actual.text.strip() else row.line, actual_location=actual.location, actual_ref=actual.ref,
            weight=weight, score=score, reason=get("reason").text.strip(),
        )
        se.indicators.append(ind)
    se.has_indicator_header = True


def _wrapped_above(ind: SelfIndicator, row: Row) -> bool:
    """The indicator above is the first line of this row's wrapped name: a name alone on the line
    just above (no target, actual, weight, score or reason), in a text layout (elsewhere a cell
    holds its wrapped text whole: a row without values is a row without values)."""
    return (ind.name_line == row.line - 1 and not ind.value_raw and not ind.actual_raw and ind.weight is None
            and ind.score is None and not ind.reason and row.wraps)


def _continue(ind: SelfIndicator, name: str, target: GCell, actual: GCell, weight: Optional[Score], score: Optional[Score], reason: str) -> None:
    """Append the part of a row that a page break carried over."""
    ind.name += name
    if target.text.strip():
        if not ind.value_raw:
            ind.value_line = target.line
        ind.value_raw = f"{ind.value_raw} {target.text.strip()}".strip()
        ind.value = parse_value(ind.value_raw)
    if actual.text.strip():
        if not ind.actual_raw:
            ind.actual_line = actual.line
        ind.actual_raw = f"{ind.actual_raw} {actual.text.strip()}".strip()
        ind.actual = parse_value(ind.actual_raw)
    ind.weight = ind.weight or weight
    ind.score = ind.score or score
    ind.reason += reason


def _total(se: SelfEvaluation, row: Row, cols: Dict[str, int], width: int, vocab: Vocabulary) -> None:
    """The 总分 row: by column when the row is whole, else its numbers in order (分值, 得分)."""
    se.total_line = row.line
    if len(row.cells) == width and ("weight" in cols or "score" in cols):
        se.total_weight = score_of(_at(row.cells, cols, "weight", row.line), vocab)
        se.total_score = score_of(_at(row.cells, cols, "score", row.line), vocab)
        if se.total_weight is not None or se.total_score is not None:
            return
    numbers = [s for s in (score_of(c, vocab) for c in row.cells) if s is not None and s.value is not None]
    if len(numbers) >= 2:
        se.total_weight, se.total_score = numbers[0], numbers[1]
    elif numbers:
        se.total_score = numbers[0]


# -- the figures the rules read ----------------------------------------------------

def _figures(se: SelfEvaluation) -> None:
    """``budget`` (全年预算数), ``planned`` and ``executed`` from the 年度资金总额 row; where
    that row is 0 or blank in a column, the sum of its sources stands for it."""
    se.budget = column_figure(se, "budget")
    se.planned = column_figure(se, "planned")
    se.executed = column_figure(se, "executed")


def column_figure(se: SelfEvaluation, column: str) -> Optional[Amount]:
    total = se.fund_total()
    own: Optional[Amount] = getattr(total, column) if total is not None else None
    if own is not None and own.wan:
        return own
    parts = [getattr(f, column) for f in se.fund_parts("source")]
    parts = [a for a in parts if a is not None and a.wan is not None]
    if not parts:
        return own
    wan = sum(a.wan for a in parts)  # type: ignore[misc]
    if not wan:
        return own
    line = own.line if own is not None else (total.line if total is not None else parts[0].line)
    return Amount(raw=f"{wan:g}", value=wan, wan=wan, unit="万元", line=line, location=own.location if own is not None else None,
                  ref=own.ref if own is not None else None)
