"""Notices and forms: their dates (成文日期, 发布日期, the signing date,
deadlines, stages, the filing date) and the fields of application forms."""
from __future__ import annotations

import re
from typing import List, Optional

from ..dates import find_dates
from ..models import Cell, DateMention, Form, FormField, Notice
from ..values import compact
from ..vocabulary import vocabulary
from .blocks import Block, Grid, Para, Row
from .performance import is_signature_row

_NOTICE_TITLE = re.compile(r"(通知|方案|公告|办法|意见|通告|指南|规则|细则|公示|批复|决定|函|要点|规划|工作计划)\s*$")
_ABOUT = re.compile(r"^.{0,40}关于.{2,80}的.{1,12}$")
#: a request addressed to the reader, ending just before the date: 请于 / 请各单位于 / 务必在 / 须于
_REQUEST_BY = re.compile(r"(?:请|务必|务请|须|需|应)\S{0,10}?(?:于|在)$")
_DEADLINE_AFTER = re.compile(r"^\s{0,4}(?:[（(]\s{0,2}(?:星期|周|礼拜)[一二三四五六日天]\s{0,2}[)）])?\s{0,4}(?:\d{1,2}[:：]\d{2})?\s{0,4}(?:前|之前|以前)")
_DEADLINE_WORDS = re.compile(r"截止|逾期|过期|为止|最迟|不晚于")
_FILING_VERBS = re.compile(r"报送|提交|申报|报名|上报|填报|送达|报至|发送|登录|上传|完成|办理|受理|交")
_ELIGIBILITY = re.compile(r"^\s{0,4}(?:前|之前|以前)?\s{0,4}(?:在|于)?\S{0,4}?(注册|成立|登记|设立|开业|取得|投产|建成|认定)")
#: what an applicant must have done by a date (a condition, not a deadline): 前在乌鲁木齐市注册, 前完成备案
_DONE_BY = re.compile(r"^\s{0,4}(?:前|之前|以前)\s{0,4}(?:在|于)?[^，,。；;：:\d]{0,12}?(注册|成立|登记|设立|开业|投产|建成|认定|备案)")
#: a condition's subject before the date: 注册时间须在…, 成立日期应于…
#: a state reached by the date (前已完成…, 之前已经建成…): who may apply, not what to do by then
_ALREADY_BY = re.compile(r"^\s{0,4}(?:前|之前|以前)\s{0,4}(?:已经|已)")
_DONE_WHEN = re.compile(r"(注册|成立|登记|设立|开业|投产|建成)(时间|日期)[^，,。；;]{0,6}$")
_MAY_HOLD_DATE = re.compile(r"[年月]|\d{4}\s*[-/.]")
_SCHEDULE_END = re.compile(r"^\s*(附\s*件|抄送|抄报|主送|联系人|联系电话|特此通知)")
_STAGE_HEADING = re.compile(r"(时间安排|进度安排|工作安排|实施步骤|工作步骤|日程安排|时间节点|申报程序|评审程序|工作程序|申报流程|工作流程|进度要求)")
_TOP_HEADING = re.compile(r"^\s*[一二三四五六七八九十]+\s*[、.．]")
_ATTACHMENT = re.compile(r"^\s*附\s*件\s*\d*\s*[:：]?\s*$|^\s*附件\s*\d+\s*[:：]?\s*\S{0,40}$")
#: the label of a deadline a notice sets for the applicants' filing (申报截止时间为…)
FILING_DEADLINE = "申报截止日期"
#: the label of the applicants' own deadline, closing with its colon or 为 (申报截止时间：…, 申报截止日期为…)
_FILING_DEADLINE_LABEL = re.compile(r"(?:申报|报送|提交)(?:截止|时间截止)(?:时间|日期)?(?:[:：]|为)$")
#: a line opening with an item's number: （一）, 一、, 1.
_ENUMERATED = re.compile(r"^\s*(?:[（(]\s*[一二三四五六七八九十\d]+\s*[)）]|[一二三四五六七八九十]+\s*[、.．]|\d+\s*[、.．)）])")
#: labels of the date a submission was filed (the one DOC004 compares with the deadline)
FILING_LABELS = ("申报日期", "填表时间", "填报日期", "填表日期", "申请日期", "报送日期")
_PLACEHOLDER = re.compile(r"^[（(]?(盖章|签字|签章|限\d+字)[)）]?$")


def is_notice_title(text: str) -> bool:
    """``…的通知``, ``…实施方案``, ``关于…的函``: the title of an official document."""
    t = compact(text)
    return len(t) <= 120 and (bool(_NOTICE_TITLE.search(t)) or bool(_ABOUT.match(t)))


def is_form_title(text: str) -> bool:
    t = compact(text).rstrip("（）()")
    vocab = vocabulary("form")
    if vocab.is_title(t):  # 申报表, 申报书, 项目基本情况表 … (the vocabulary's titles; a plugin may add its own)
        return True
    return len(t) >= _LIST_TITLE_MIN and t.endswith(tuple(vocab.words.get("list_title", ())))


#: a list's title is a document's title (…2025年部门预算项目清单), not a heading inside one (分项目清单)
_LIST_TITLE_MIN = 8


def _is_cell(line: str) -> bool:
    """A table cell (one cell a line, or a pipe row): never a notice's signature line."""
    return line.startswith("\t") or line.lstrip().startswith("|")


def _is_condition(sentence: str, after: str) -> bool:
    """A date an applicant must have met already (registered, founded, filed, 前已完成…) rather than one
    to meet; 备案 requested of the reader (请…前完成备案) stays a deadline."""
    m = _DONE_BY.match(after)
    if m and not (m.group(1) == "备案" and "请" in sentence):
        return True
    if _ALREADY_BY.match(after):
        return True
    return bool(_DONE_WHEN.search(sentence))


def _role(line: str, start: int, stop: int, found_has_day: bool, is_alone: bool, near_end: bool, in_schedule: bool) -> tuple[str, str]:
    before = compact(line[:start])
    after = line[stop:]
    if compact(after).startswith("印发"):
        return "other", "印发日期"  # the print date in a formal notice's footer
    if "成文日期" in before[-8:]:
        return "written", "成文日期"
    for lab in ("发布日期", "发布时间", "发文日期", "印发日期", "公布日期", "公开日期", "发布于"):
        if lab in before[-8:]:
            return "published", lab
    for lab in FILING_LABELS:
        if lab in before[-10:]:
            return "filing", lab
    if is_alone and near_end and found_has_day and not _is_cell(line):
        return "signed", "落款日期"
    if in_schedule and not _ENUMERATED.match(line) and _FILING_DEADLINE_LABEL.search(before[-10:]):
        # 申报截止时间：…, not numbered like the stages above it: the applicants' deadline said once more, no stage of its own
        return "deadline", FILING_DEADLINE
    if in_schedule or "阶段" in before:
        label = before.split("：")[0][-12:] if "：" in before else "阶段"
        return "stage", label.lstrip("（(一二三四五六七八九十)）、")
    sentence = re.split(r"[。；;]", before)[-1] if before else ""
    if _DEADLINE_WORDS.search(sentence) and not sentence.endswith("截至"):
        # 申报截止时间为…: the applicants' own deadline (DOC004 holds a filing date against it first)
        return "deadline", FILING_DEADLINE if "申报截止" in sentence or "申报时间截止" in sentence else "截止日期"
    if _is_condition(sentence, after):
        return "other", ""  # 须在2023年12月31日前在本市注册 / 注册时间须在…前: a condition of who may apply
    own_cell = re.split(r"[|\t]", after, maxsplit=1)[0]  # a table row: the verb must be in the date's own cell
    if _DEADLINE_AFTER.match(after) and _FILING_VERBS.search(own_cell[:80]) and not _ELIGIBILITY.match(after):
        return "deadline", "截止日期"
    if _DEADLINE_AFTER.match(after) and _REQUEST_BY.search(sentence[-16:]) and not _ELIGIBILITY.match(after):
        return "deadline", "截止日期"  # 请于2025年1月5日前确定…: a request with a date to meet
    return "other", ""


_AGENCY = re.compile(r"(局|委|委员会|办公室|办|政府|厅|院|中心|处|会|部|公司|集团|学校|大学|所|站|社)$")


def _under_agency(lines: List[str], offset: int) -> bool:
    """The line above (blank lines skipped) names an agency: ``某市财政局`` then the date."""
    for back in range(offset - 1, max(-1, offset - 4), -1):
        above = compact(lines[back])
        if above:
            return len(above) <= 60 and not _is_cell(lines[back]) and bool(_AGENCY.search(above))
    return False


_YEAR_IN_TITLE = re.compile(r"((?:19|20)\d{2})\s*年")
_DATE_LABELS = ("成文日期", "发布日期", "发布时间", "发文日期", "印发日期")


def _document_year(lines: List[str]) -> Optional[int]:
    """The year a year-less date (``请于5月10日前``) belongs to: the 成文/发布日期's, else the title's."""
    for line in lines[:40]:
        if any(lab in compact(line) for lab in _DATE_LABELS):
            for found in find_dates(line):
                return found.date.year
    for line in lines[:5]:
        m = _YEAR_IN_TITLE.search(line)
        if m:
            return int(m.group(1))
    return None


def _body_end(lines: List[str]) -> int:
    """Where the notice's own text ends: before appended 附件 (forms, lists)."""
    for i, line in enumerate(lines):
        if i > 5 and _ATTACHMENT.match(line) and not line.lstrip().startswith(("\t", "|")):
            rest = "".join(lines[i + 1:i + 4]).strip()
            if rest:
                return i
    return len(lines)


#: a line ending inside a date (``…于2025年3``) and the next line going on with it (``月8日前…``)
_DATE_CUT_END = re.compile(r"(?:19|20)\d{2}\s*年\s*(?:\d{1,2}\s*(?:月\s*(?:\d{1,2})?)?)?\s*$")
_DATE_CUT_START = re.compile(r"^\s*(?:\d{1,2}\s*)?(?:月|日)|^\s*\d{1,2}\s*(?:月|日)")


def _join_wrapped_dates(lines: List[str]) -> List[str]:
    """A plain-text export wraps lines at a width, sometimes inside a date: the date's line takes
    the next line's start (its own line number, where the date begins), the next line keeps the rest."""
    out = list(lines)
    for i in range(len(out) - 1):
        if _DATE_CUT_END.search(out[i]) and _DATE_CUT_START.match(out[i + 1]) and not out[i + 1].startswith("\t"):
            rest = out[i + 1].lstrip(" \u3000")
            out[i], out[i + 1] = out[i].rstrip() + rest, ""
    return out


def dates_in_lines(lines: List[str], first_line: int = 1) -> List[DateMention]:
    """Every date with its role: 成文/发布日期, signature, deadline, stage, filing.

    Items under a 时间安排 heading are stages until the signature, 附件 or 抄送;
    a stage written without its year (``5月20日前``) takes the year of the date
    before it."""
    out: List[DateMention] = []
    lines = _join_wrapped_dates(lines)
    body_end = _body_end(lines)
    in_schedule = False
    schedule = 0  # the number of the schedule (a heading of stages) being read
    last_year: Optional[int] = None
    doc_year = _document_year(lines)
    for offset, line in enumerate(lines):
        number = first_line + offset
        was = in_schedule
        if _TOP_HEADING.match(line) or (offset >= body_end):
            in_schedule = bool(_STAGE_HEADING.search(line)) and offset < body_end
            was = was and not in_schedule  # a new heading of stages opens a new schedule
        elif _STAGE_HEADING.search(line) and len(compact(line)) < 20:
            in_schedule = True
        elif _SCHEDULE_END.match(line):
            in_schedule = False
        if in_schedule and not was:
            schedule += 1
        if not _MAY_HOLD_DATE.search(line):
            continue
        found_any = list(find_dates(line, default_year=(last_year if in_schedule else None) or doc_year))
        for found in found_any:
            rest = compact(line[:found.start] + line[found.stop:])  # find_dates keeps positions (1:1 normalisation)
            alone = not rest.strip("，,。.")
            # a signature: near the end of the notice, or right under the issuing agency's name
            near_end = body_end * 0.6 <= offset < body_end + 1 or _under_agency(lines, offset)
            role, label = _role(line, found.start, found.stop, found.has_day, alone, near_end, in_schedule)
            if not found.has_year and role not in ("deadline", "stage"):
                continue  # a year-less date only counts as a deadline or a stage
            if role == "signed":
                in_schedule = False
            last_year = found.date.year
            out.append(DateMention(role=role, date=found.date, end=found.end, raw=found.raw, label=label, line=number,  # type: ignore[arg-type]
                                   schedule=schedule if in_schedule and role == "stage" else 0))
    return out


def read_notice(title: Optional[Para], lines: List[str]) -> Notice:
    notice = Notice(title=title.text.strip() if title else "", title_line=title.line if title else 1)
    notice.dates = [d for d in dates_in_lines(lines) if d.role != "filing"]
    # every non-blank line with its number: rules (and plugins) read quotas,
    # requirements and codes from the notice's own words, not only its dates
    notice.text_lines = [Cell(text=line, line=i) for i, line in enumerate(lines, start=1) if line.strip()]
    return notice


def _is_value_placeholder(text: str) -> bool:
    return bool(_PLACEHOLDER.match(compact(text)))


_NUMBERISH = re.compile(r"^[\d.,，%％\s-]+(?:万元|元)?$")


def _pair_offset(cells: list) -> int:
    """Where a row's label | value pairs start: 0, or 1 when it opens with a block label
    (``项目资金（万元） | 项目总投资 | 200.00 | 申请金额 | 150.00 |``).  The offset whose labels are
    words, not amounts, wins; a tie keeps the old reading (an odd row skips its first cell)."""
    def score(offset: int) -> int:
        labels = [c.text.strip() for c in cells[offset::2]][: (len(cells) - offset) // 2]
        return sum(-2 if _NUMBERISH.match(t) else 1 for t in labels if t)
    zero, one = score(0), score(1)
    if zero != one:
        return 0 if zero > one else 1
    return 1 if len(cells) % 2 == 1 else 0


def form_fields(rows: List[Row]) -> List[FormField]:
    """Label/value pairs from a form's grid; list tables give one field per cell."""
    fields: List[FormField] = []
    header: Optional[List[str]] = None
    for row in rows:
        texts = [compact(c.text) for c in row.cells]
        if "序号" in texts:
            header = texts
            continue
        if header is not None and len(row.cells) == len(header):
            if is_signature_row(row):
                continue  # 填表人：… | 审核人：… at the list's foot: signers, not a row of the list
            for lab, cell in zip(header, row.cells):
                fields.append(FormField(label=lab, value=cell.text.strip(), line=cell.line, value_line=cell.line, ref=cell.ref))
            continue
        cells = row.cells
        if len(cells) < 2:
            continue
        cells = cells[_pair_offset(cells):]
        for i in range(0, len(cells) - 1, 2):
            lab, val = cells[i], cells[i + 1]
            if lab.blank:
                continue
            value = "" if _is_value_placeholder(val.text) else val.text.strip()
            fields.append(FormField(label=compact(lab.text), value=value, line=lab.line, value_line=val.line, ref=val.ref))
    return fields


_KEYED_FIELD = re.compile(r"^(?P<label>[^:：（(]{2,16})(?P<unit>[（(](?:万元|元|亿元)[)）])?[:：](?P<value>.+)$")


#: a label's dot leaders in place of its colon: ``单位名称…………西安…``, ``申请金额（万元）......150``
_LEADERS = re.compile(r"^([^:：（(…．·・_.]{2,16}(?:[（(](?:万元|元|亿元)[)）])?)(?:[…．·・.]{2,}|_{2,})")


_AFTER_LABEL = re.compile(r"[（(](?:盖章|签字|签章|公章|必填|选填)[)）]$")


def _label_like(text: str) -> bool:
    """A short line of words, as a form's label is (合作单位, 项目实施期限), not a sentence or a heading."""
    t = compact(text)
    return 2 <= len(t) <= 16 and not any(ch.isdigit() or ch in "。，、；;,.：:" for ch in t)


def _label_alone(text: str, labels: tuple, keyed: dict) -> Optional[str]:
    """``统一社会信用代码`` / ``申请金额（万元）：`` on a line of its own: the label, else None."""
    t = _AFTER_LABEL.sub("", text.rstrip(":："))
    m = re.match(r"^(.{2,16}?)([（(](?:万元|元|亿元)[)）])?$", t)
    if not m:
        return None
    if m.group(1) in labels and not m.group(2):
        return m.group(1)
    return m.group(1) + (m.group(2) or "") if m.group(1) in keyed else None


def fields_in_paragraphs(paras: List[Para]) -> List[FormField]:
    """Cover-page fields written as text: ``申  报  日  期   2021年12月10日``, ``单位名称……西安…``."""
    fields: List[FormField] = []
    keyed = vocabulary("form").keys  # 项目总投资：300.00万元 / 申请金额（万元）：80 (an application's amounts)
    labels = (*FILING_LABELS, "统一社会信用代码", "项目名称", "参赛单位", "申报单位")
    # one cell a line: a label alone, its value on the next line (taken so only when two labels at least are
    # so followed: a cover page's 项目名称 / 参赛单位（盖章） lines over blank space are labels, not pairs)
    alone = [_label_alone(compact(p.text), labels, keyed) for p in paras]
    pairs = {i: alone[i] for i in range(len(paras) - 1)
             if alone[i] is not None and alone[i + 1] is None and paras[i + 1].text.strip()
             and not _AFTER_LABEL.search(compact(paras[i + 1].text))  # 推荐单位（盖章）: another label
             and (i + 2 >= len(paras) or alone[i + 2] is not None or _label_like(paras[i + 2].text))}  # label, value, label …
    if len(pairs) < 2:
        pairs = {}
    for i, p in enumerate(paras):
        if i in pairs:
            nxt = paras[i + 1]
            fields.append(FormField(label=pairs[i], value=nxt.text.strip(), line=p.line, value_line=nxt.line, ref=nxt.ref))
            continue
        if i - 1 in pairs:
            continue  # the value of the pair above
        text = _LEADERS.sub(r"\1：", compact(p.text), count=1)
        for lab in labels:
            if text.startswith(lab):
                value = text[len(lab):].lstrip(":：（盖章）()")
                fields.append(FormField(label=lab, value=value, line=p.line, value_line=p.line))
        m = _KEYED_FIELD.match(text)
        if m and m.group("label") in keyed:
            fields.append(FormField(label=m.group("label") + (m.group("unit") or ""), value=m.group("value"), line=p.line, value_line=p.line))
    return fields


def read_form(title: Para, blocks: List[Block]) -> Form:
    form = Form(title=title.text.strip(), title_line=title.line)
    rows = [r for b in blocks if isinstance(b, Grid) for r in b.rows]
    form.fields = form_fields(rows) + fields_in_paragraphs([b for b in blocks if isinstance(b, Para)])
    return form
