"""Blocks → :class:`~auditor.models.Disclosure` (政府购买服务信息公开表).

The four sections (一 预算, 二 承接主体, 三 决算, 四 绩效评价) are found by
their headings; each section's rows are mapped through its header row, a
header repeated after a page break is skipped, and a contractor row with a
blank 序号 and name belongs to the project above it.
"""
from __future__ import annotations

import re
from typing import Dict, List, Optional, Tuple

from ..dates import parse_date
from ..models import BudgetItem, Cell, ContractRow, Disclosure, EvaluationRow, FinalRow, ParseIssue, Section
from ..values import bracketed_money_unit, cn_number, compact, halfwidth, parse_amount
from ..vocabulary import vocabulary
from .blocks import Block, GCell, Grid, Para, Row, coalesce
from .performance import unit_of

_SECTION_HEAD = re.compile(r"^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[（(][一二三四五六七八九十]+[)）]|\d+\s*[、.．]"
                           r"|附?表\s*[0-9一二三四五六七八九十]+\s*[:：、.．]?)")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")

def _column_words() -> Tuple[Tuple[str, Tuple[str, ...], Tuple[str, ...]], ...]:
    """column → the words its header holds, most specific first, and the words that rule it out
    (from the ``disclosure`` vocabulary, so 成交金额 / 中标金额 / 履约起始日期 are read as well as
    the seed's names, and a plugin may add more)."""
    vocab = vocabulary("disclosure")
    return vocab._get("column_words", lambda: tuple(  # type: ignore[return-value]
        (role, tuple(words), tuple(vocab.words.get(f"not:{role}", ()))) for role, words in vocab.columns.items()))


#: what may follow the title of one part of a disclosure: （一）, （续）, （第一批）, （第2期）, （补充）
_PART_MARK = re.compile(r"[（(](?:第?(?:[一二三四五六七八九十]+|\d+)(?:批|期|部分|季度)?|续|补充|更正)[)）]$")


def is_disclosure_title(text: str) -> bool:
    """``…年政府购买服务信息公开表`` (or ``…信息公开`` without 表, or ``…信息公开表（一）`` /
    ``（第一批）`` for a part, or ``…信息公开表（一、2020年度政府购买服务预算）`` naming its section),
    not a notice about one."""
    t = compact(text)
    named = _title_section(t)
    if named is not None:
        t = t[:named[1]]
    t = _PART_MARK.sub("", t).rstrip("（）()")
    return "政府购买服务" in t and (t.endswith("表") or t.endswith("信息公开")) and "关于" not in t


def section_kind(text: str) -> Optional[str]:
    """Which section a heading opens: ``二、…承接主体``, ``表2 …承接主体情况表``, or an
    unnumbered ``2020年度政府购买服务预算表``."""
    t = compact(text)
    numbered = bool(_SECTION_HEAD.match(text))
    if not numbered and not ("政府购买服务" in t and len(t) <= 40 and t.endswith(("表", "信息", "情况"))
                             and not t.endswith("信息公开表") and "绩效目标" not in t):
        return None
    words = vocabulary("disclosure").words
    for kind in ("contracts", "finals", "evaluations", "budget"):  # most specific first: 预算 is in many titles
        if any(w in t for w in words.get(f"section:{kind}", ())):
            return kind
    return None


_BRACKETED = re.compile(r"[（(][^（）()]{0,10}[)）]")
#: a part's title naming its section in closing brackets: …信息公开表（一、2020年度政府购买服务预算）
_SECTION_IN_BRACKETS = re.compile(r"[（(]([^（）()]{2,40})[)）]\s*$")


def _title_section(text: str) -> Optional[Tuple[str, int]]:
    """(section kind, where the brackets open) when a title names its section in closing brackets
    (one title a part, each part one section); None otherwise."""
    m = _SECTION_IN_BRACKETS.search(text)
    if m is None:
        return None
    kind = section_kind(m.group(1))
    return (kind, m.start()) if kind is not None else None


def _columns(row: Row) -> Optional[Dict[str, int]]:
    if not any("名称" in c.text or "名 称" in c.text or "项目" in c.text for c in row.cells):  # every header names the project
        return None
    found: Dict[str, int] = {}
    for idx, cell in enumerate(row.cells):
        t = _BRACKETED.sub("", compact(cell.text))  # 中标（成交）金额（元） → 中标金额
        if not t or len(t) > 24:
            continue
        for key, words, unless in _column_words():
            if key not in found and any(w in t for w in words) and not any(u in t for u in unless):
                found[key] = idx
                break
    return found if "name" in found and len(found) >= 3 else None


def _widen_sub_header(header: Row, sub: Row) -> Optional[Row]:
    """A header in two rows (``合同期限`` over ``起始 | 截止``) as one row of columns."""
    if any(ch.isdigit() for c in sub.cells for ch in c.text):
        return None
    if len(sub.cells) < len(header.cells):
        return _widen_amount_header(header, sub)
    if len(sub.cells) == len(header.cells):
        return _widen_spanned_header(header, sub)
    labels = [i for i, c in enumerate(sub.cells) if not c.blank]
    if not labels or any(len(compact(sub.cells[i].text)) > 6 for i in labels):
        return None
    first, last = labels[0], labels[-1]
    if last - first != len(sub.cells) - len(header.cells) or first >= len(header.cells):
        return None
    parent = header.cells[first]
    widened = header.cells[:first] + [GCell(parent.text + sub.cells[i].text, parent.line) for i in range(first, last + 1)] + header.cells[first + 1:]
    return Row(cells=widened, line=header.line)


def _widen_spanned_header(header: Row, sub: Row) -> Optional[Row]:
    """A two-row header read from merged cells (HTML colspan / rowspan, Word merges), which the
    reader writes on every row and column it covers: ``序号 | 名称 | 预算金额 | 预算金额 | 预算金额 | 备注``
    over ``序号 | 名称 | 合计 | 财政拨款 | 其他资金 | 备注``.  Each sub-label under a spanned parent
    (the parent's text repeated beside it, or blank after it) joins its parent; the labels the
    second row repeats stay as they are."""
    texts = [compact(c.text) for c in header.cells]
    parents: List[str] = []
    for i, t in enumerate(texts):
        parents.append(t if t else (parents[i - 1] if i else ""))
    repeated = joined = 0
    cells: List[GCell] = []
    for i, (above, below) in enumerate(zip(header.cells, sub.cells)):
        label = compact(below.text)
        if not label or label == texts[i]:
            repeated += bool(label)
            cells.append(above)
            continue
        spanned = bool(parents[i]) and ((i > 0 and parents[i - 1] == parents[i]) or (i + 1 < len(texts) and parents[i + 1] == parents[i])
                                         or (i + 1 < len(texts) and not texts[i + 1]))
        if not spanned or len(label) > 10:
            return None
        joined += 1
        cells.append(GCell(parents[i] + label, above.line, above.location, above.ref))
    if not joined or not (repeated or joined >= 2):
        return None  # the parents' own labels repeated (HTML, Word merges), or two sub-labels over blanks (a markdown copy)
    return Row(cells=cells, line=header.line)


def _widen_amount_header(header: Row, sub: Row) -> Optional[Row]:
    """A text export writes only the sub-labels of a split amount column (``预算金额（元）`` over
    ``合计 | 其中：财政拨款 | 其他资金``) on the header's second row: the amount column becomes one
    column per label, so the data rows' width matches."""
    labels = [c for c in sub.cells if not c.blank]
    if len(labels) < 2 or len(labels) != len(sub.cells) or any(len(compact(c.text)) > 10 for c in labels):
        return None
    cols = _columns(header)
    amount = [i for k, i in (cols or {}).items() if k in ("amount_budget", "price", "amount_final")]
    if len(amount) != 1:
        return None
    at = amount[0]
    parent = header.cells[at]
    widened = header.cells[:at] + [GCell(parent.text + c.text, parent.line) for c in labels] + header.cells[at + 1:]
    return Row(cells=widened, line=header.line)


def _get(row: Row, cols: Dict[str, int], key: str) -> Optional[GCell]:
    idx = cols.get(key)
    if idx is None or idx >= len(row.cells):
        return None
    return row.cells[idx]


def read_disclosure(title: Para, blocks: List[Block], issues: List[ParseIssue]) -> Disclosure:
    text = title.text.strip()
    named = _title_section(text)
    disc = Disclosure(title=(text[:named[1]].strip() if named else text) or "政府购买服务信息公开表", title_line=title.line)
    m = _YEAR.search(title.text)
    disc.year = int(m.group(1)) if m else None
    current: Optional[str] = None
    if named is not None:  # the title names the first part's section
        current = named[0]
        disc.sections[current] = Section(title=text[named[1]:].strip("（）() "), line=title.line)
    headed = current is not None  # a heading came after the last grid: the next grid is its section's
    rows_by_section: Dict[str, List[Row]] = {}
    lines_by_section: Dict[str, List[Para]] = {}
    for block in blocks:
        if isinstance(block, Para):
            kind = section_kind(block.text)
            heading = block.text.strip()
            if not kind and is_disclosure_title(block.text):  # the title again over the next part, naming its section
                named = _title_section(heading)
                if named is not None:
                    kind, heading = named[0], heading[named[1]:].strip("（）() ")
            if kind:
                current, headed = kind, True
                disc.sections[kind] = Section(title=heading, line=block.line)
                if disc.year is None:
                    ym = _YEAR.search(block.text)
                    disc.year = int(ym.group(1)) if ym else None
            elif current:
                lines_by_section.setdefault(current, []).append(block)
            continue
        if isinstance(block, Grid):
            implied = None if headed else next((k for k in map(header_kind, block.rows[:3]) if k), None)
            if implied is not None and implied != current and implied not in rows_by_section:
                # no heading over it (a sheet a section, headed by its columns only): its header says which section
                current = implied
                disc.sections[implied] = Section(title=_section_name(implied), line=block.line)
            headed = False
            if current:
                rows_by_section.setdefault(current, []).extend(block.rows)
    for kind, lines in lines_by_section.items():
        if kind not in rows_by_section:  # no grid: perhaps one cell a line with nothing between rows
            rows = _lines_as_rows(lines)
            if rows:
                rows_by_section[kind] = rows
    unit = next((u for u in (unit_of(b.text) for b in blocks if isinstance(b, Para)) if u), "万元")  # 金额单位：元 above the sections
    for kind, rows in rows_by_section.items():
        _read_section(disc, kind, rows, issues, unit)
    if not (disc.budget or disc.contracts or disc.finals or disc.evaluations):
        issues.append(ParseIssue(rule="PARSE002", line=disc.title_line, table=disc.title,
                                 message="形似政府购买服务信息公开表，但未读出任何项目行，未审核 / looks like a service-purchase disclosure but no project rows were read; not audited"))
    return disc


def header_kind(row: Row) -> Optional[str]:
    """The section a header row's columns belong to (承接主体 / 承接价格 → contracts, 决算金额 → finals,
    绩效评价结果 → evaluations, 预算金额 → budget), or None for a row that is no disclosure header."""
    cols = _columns(row)
    if not cols:
        return None
    for kind, roles in _KIND_COLUMNS:
        if any(r in cols for r in roles):
            return kind
    return None


#: the columns that say a section, most specific first (a contracts or finals header may show 预算金额 too)
_KIND_COLUMNS = (("contracts", ("contractor", "price")), ("finals", ("amount_final",)), ("evaluations", ("result",)),
                 ("budget", ("amount_budget",)))


def _section_name(kind: str) -> str:
    """A section's name for messages when no heading gave one: its first heading word (预算, 承接主体 …)."""
    words = vocabulary("disclosure").words.get(f"section:{kind}", ())
    return words[0] if words else kind


def disclosure_header(row: Row) -> bool:
    """A header row of a disclosure section: 政府购买服务项目名称 beside an amount column."""
    cols = _columns(row)
    return bool(cols) and any(k in cols for k in ("amount_budget", "price", "amount_final", "contractor", "result"))


def _lines_as_rows(lines: List[Para]) -> List[Row]:
    """A section exported one cell a line with nothing between its rows (a blank line is an empty
    cell): the header's labels up to the first 序号 ``1``, then each row from its number to the next
    (one header-width on where the numbers allow; a 序号 repeated for a project's second contractor
    starts a row too); the usual width check then reads or reports each row.  Needs a 序号 column
    first: without the numbers, where a row ends is a guess."""
    cells: List[GCell] = []
    for para in lines:
        if cells:
            cells += [GCell("", n) for n in range(cells[-1].line + 1, para.line)]  # blank lines between: empty cells
        cells.append(GCell(para.text.strip(), para.line, para.location, para.ref))
    first = next((i for i, c in enumerate(cells) if compact(c.text) == "1"), None)
    if first is None or first < 3 or any(c.blank for c in cells[:first]):
        return []
    header = Row(cells=cells[:first], line=cells[0].line)
    cols = _columns(header)
    if not cols or cols.get("seq") != 0:
        return []
    width, rows, i = first, [header], first
    while i < len(cells):
        k = int(compact(cells[i].text))
        starts = (str(k), str(k + 1))
        if i + width < len(cells) and compact(cells[i + width].text) in starts:
            end = i + width
        else:
            end = next((j for j in range(i + 2, len(cells)) if compact(cells[j].text) == starts[1]), len(cells))
            if end == len(cells):
                end = min(end, i + width)  # the last row: what follows it (合计, a note) is not its cells
        row = cells[i:end]
        while len(row) > width and row[-1].blank:  # blank lines after a row
            row.pop()
        rows.append(Row(cells=row, line=cells[i].line))
        i = end
        if i < len(cells) and compact(cells[i].text) not in starts:
            break  # the numbering stops: the rest is no row of this table
    return rows


def _read_section(disc: Disclosure, kind: str, rows: List[Row], issues: List[ParseIssue], unit: str = "万元") -> None:
    cols: Optional[Dict[str, int]] = None
    width = 0
    body: List[Row] = []
    rows_header_text: Dict[str, str] = {}
    header: Optional[Row] = None
    for row in rows:
        if header is not None and not body:
            widened = _widen_sub_header(header, row)
            if widened is not None:  # the header's second row
                header = widened
                cols, width = _columns(widened), len(widened.cells)
                rows_header_text = {k: compact(widened.cells[i].text) for k, i in (cols or {}).items()}
                continue
        hc = _columns(row)
        if hc is not None:
            header = row
            cols, width = hc, len(row.cells)
            rows_header_text = {k: compact(row.cells[i].text) for k, i in hc.items()}
            continue
        if cols is not None:
            body.append(row)
    if cols is None:
        section = disc.sections.get(kind)
        if rows:
            issues.append(ParseIssue(rule="PARSE002", line=rows[0].line, table=disc.title,
                                     message=f"{section.title if section else kind}: 找不到表头，未审核 / no header row found; section not audited"))
        return
    units = {key: bracketed_money_unit(rows_header_text.get(key, "")) or unit for key in ("amount_budget", "price", "amount_final")}
    body = coalesce(body, width)
    last_name: Optional[GCell] = None
    last_seq = ""
    skipped: List[Row] = []
    for row in body:
        if all(c.blank for c in row.cells) or _columns(row) is not None:
            continue
        if len(row.cells) < width and len(row.cells) >= width - 1 and cols.get("remark") == width - 1:
            row = Row(cells=row.cells + [GCell("", row.last_line)], line=row.line)  # a trailing empty 备注 dropped by the export
        if len(row.cells) != width:
            skipped.append(row)
            continue
        seq_c = _get(row, cols, "seq")
        name_c = _get(row, cols, "name")
        seq = seq_c.text.strip() if seq_c else ""
        if name_c is None or name_c.blank:
            if kind == "contracts" and last_name is not None:
                name_c, seq = last_name, last_seq
            else:
                continue
        last_name, last_seq = name_c, seq
        name = Cell(text=name_c.text.strip(), line=name_c.line, location=name_c.location, ref=name_c.ref)
        remark_c = _get(row, cols, "remark")
        remark = remark_c.text.strip() if remark_c else ""
        content_c = _get(row, cols, "content")
        content = content_c.text.strip() if content_c else ""
        if kind == "budget":
            a, code = _get(row, cols, "amount_budget"), _get(row, cols, "code")
            disc.budget.append(BudgetItem(seq=seq, name=name, amount=parse_amount(a.text, a.line, units["amount_budget"], a.location, a.ref) if a else None,
                                          remark=remark, content=content,
                                          code=Cell(text=compact(code.text), line=code.line, location=code.location, ref=code.ref)
                                          if code is not None and not code.blank else None))
        elif kind == "contracts":
            p, s, e = _get(row, cols, "price"), _get(row, cols, "start"), _get(row, cols, "end")
            if s is None and e is None:
                s = e = _get(row, cols, "period")  # one 合同期限 cell: 2021.12.15-2022.12.14
            start, end = _term(s, e)
            months = term_months(s.text) if s is not None and s is e and start is None and end is None else None
            contractor, credit = _get(row, cols, "contractor"), _get(row, cols, "credit")
            disc.contracts.append(ContractRow(
                seq=seq, project=name, contractor=contractor.text.strip() if contractor else "",
                contractor_cell=Cell(text=contractor.text.strip(), line=contractor.line, location=contractor.location, ref=contractor.ref) if contractor is not None and not contractor.blank else None,
                price=parse_amount(p.text, p.line, units["price"], p.location, p.ref) if p else None,
                start=start, start_cell=Cell(text=s.text, line=s.line, location=s.location, ref=s.ref) if s else None,
                end=end, end_cell=Cell(text=e.text, line=e.line, location=e.location, ref=e.ref) if e else None,
                remark=remark,
                credit_code=Cell(text=credit.text.strip(), line=credit.line, location=credit.location, ref=credit.ref) if credit is not None and not credit.blank else None,
                term_months=months,
            ))
        elif kind == "finals":
            a = _get(row, cols, "amount_final")
            disc.finals.append(FinalRow(seq=seq, name=name, content=content, amount=parse_amount(a.text, a.line, units["amount_final"], a.location, a.ref) if a else None,
                                        remark=Cell(text=remark_c.text, line=remark_c.line, location=remark_c.location, ref=remark_c.ref) if remark_c and not remark_c.blank else None))
        elif kind == "evaluations":
            t, r = _get(row, cols, "target"), _get(row, cols, "result")
            disc.evaluations.append(EvaluationRow(seq=seq, name=name, target=t.text if t else "", result=r.text if r else ""))
    if skipped:
        section = disc.sections.get(kind)
        if section is not None:
            section.rows_skipped = len(skipped)
        issues.append(ParseIssue(rule="PARSE002", line=skipped[0].line, table=disc.title,
                                 message=f"{len(skipped)} 行的单元格数与表头（{width} 列）不符，未审核 / {len(skipped)} rows do not match the {width}-column header; not audited"))


_DURATION = re.compile(r"^(?:共|为期)?(\d+(?:\.\d+)?|[一二两三四五六七八九十]+|半)\s*(个)?\s*(年|月)(?:期)?$")


def term_months(text: str) -> Optional[int]:
    """A term written as a duration: ``3年`` → 36, ``18个月`` → 18, ``一年`` → 12, ``半年`` → 6; else None."""
    m = _DURATION.match(compact(halfwidth(text)))
    if not m:
        return None
    number, _, unit = m.groups()
    if number == "半":
        value: Optional[float] = 0.5
    elif number[0].isdigit():
        value = float(number)
    else:
        value = cn_number(number)
    if value is None or value <= 0:
        return None
    months = value * 12 if unit == "年" else value
    return int(round(months))


def _term(start: Optional[GCell], end: Optional[GCell]):
    """(start, end) dates; one cell may hold the whole term (``2021.12.15-2022.12.14``)."""
    from ..dates import find_dates

    if start is not None and start is end:
        found = list(find_dates(start.text))
        if not found:
            return None, None
        return found[0].date, found[0].end or (found[1].date if len(found) > 1 else None)
    return (parse_date(start.text) if start else None), (parse_date(end.text) if end else None)
