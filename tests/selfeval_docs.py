"""Self-evaluations and department tables built in the tests, written out in the
input forms the auditor reads: one cell a line (Word → text), markdown pipes cut by
a page break, tab-separated, space-aligned (``pdftotext -layout``), .xlsx with merged
cells, .docx and .html.  The layout follows the national 项目支出绩效自评表 template
(财预〔2020〕10号): a merged ``项目资金（万元）`` / ``绩效指标`` first column, the money
block by 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分, indicator rows by
一级 | 二级 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施."""
from __future__ import annotations

import io
import unicodedata
from typing import Dict, List, Optional, Sequence, Tuple

Table = List[List[str]]
WIDTH = 9
MERGED = ""  # a cell covered by a merge (printed blank by the exports)

INDICATOR_HEADER = ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]


def _pad(row: Sequence[str]) -> List[str]:
    return list(row) + [""] * (WIDTH - len(row))


def self_evaluation(funds: Sequence[Sequence[str]], indicators: Sequence[Sequence[str]], total: Sequence[str],
                    name: str = "城市道路养护项目") -> Table:
    """The rows of one self-evaluation (WIDTH cells each)."""
    rows: Table = [
        _pad(["项目名称", name]),
        _pad(["主管部门", "市城市管理局", "", "", "实施单位", "市市政工程中心"]),
        _pad(["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]),
    ]
    rows += [_pad([MERGED, *f]) for f in funds]
    rows += [_pad(["年度总体目标", "预期目标", "", "", "", "实际完成情况"]),
             _pad([MERGED, "完成城市道路日常养护任务", "", "", "", "完成道路日常养护，道路完好率92%"])]
    rows.append(INDICATOR_HEADER)
    rows += [_pad([MERGED, *i]) for i in indicators]
    rows.append(_pad(["总分", "", "", "", "", "", *total]))
    return rows


GOOD_FUNDS = [
    ["年度资金总额", "100", "120", "108", "10", "90%", "9"],
    ["其中：当年财政拨款", "80", "100", "90", "—", "—", "—"],
    ["上年结转资金", "20", "20", "18", "—", "—", "—"],
    ["其他资金", "0", "0", "0", "—", "—", "—"],
]
GOOD_INDICATORS = [
    ["产出指标", "数量指标", "道路养护面积", "≥50万平方米", "52万平方米", "20", "20", ""],
    ["", "质量指标", "养护工程验收合格率", "≥95%", "98%", "15", "15", ""],
    ["", "时效指标", "养护任务完成时间", "≤12月31日", "12月20日", "10", "10", ""],
    ["成本指标", "经济成本指标", "道路养护费用", "≤120万元", "108万元", "5", "5", ""],
    ["效益指标", "社会效益指标", "道路完好率", "≥90%", "92%", "20", "20", ""],
    ["", "可持续影响指标", "长效管护机制", "健全", "健全", "10", "10", ""],
    ["满意度指标", "服务对象满意度指标", "市民满意度", "≥90%", "93%", "10", "10", ""],
]
GOOD_TOTAL = ["100", "99", ""]

#: every SE rule fires once; the cell each must point at is marked in MARKS
BAD_FUNDS = [
    ["年度资金总额", "100", "120", "108", "10", "95%", "9"],          # SE002: 108 / 120 = 90%, not 95%
    ["其中：当年财政拨款", "80", "100", "90", "—", "—", "—"],
    ["上年结转资金", "20", "25", "18", "—", "—", "—"],                 # SE001: 100 + 25 ≠ 120
    ["其他资金", "", "", "", "—", "—", "—"],
]
BAD_INDICATORS = [
    ["产出指标", "数量指标", "道路养护面积", "≥50万平方米", "完成", "20", "20", ""],            # SE006
    ["", "质量指标", "养护工程验收合格率", "≥95%", "90.5%", "15", "12", ""],                   # SE007
    ["", "时效指标", "养护任务完成时间", "≤12月31日", "12月20日", "10", "10", ""],
    ["成本指标", "经济成本指标", "道路养护费用", "≤120万元", "108万元", "10", "10", ""],       # SE003: weights 105
    ["效益指标", "社会效益指标", "道路完好率", "≥90%", "85.5%", "20", "20", "受雨雪天气影响"],  # SE009
    ["", "可持续影响指标", "长效管护机制建设", "健全", "健全", "10", "12.5", ""],              # SE004
    ["满意度指标", "服务对象满意度指标", "市民满意度", "≥90%", "/", "10", "10", ""],           # SE005
]
BAD_TOTAL = ["105", "101", ""]                                                               # SE008: sum is 103.5
#: rule → a text found on the line the finding must point at
MARKS: Dict[str, str] = {
    "SE001": "年度资金总额", "SE002": "95%", "SE003": "总分", "SE004": "12.5", "SE005": "市民满意度",
    "SE006": "完成", "SE007": "90.5%", "SE008": "101", "SE009": "20",
}


def good_table() -> Table:
    return self_evaluation(GOOD_FUNDS, GOOD_INDICATORS, GOOD_TOTAL)


def bad_table() -> Table:
    return self_evaluation(BAD_FUNDS, BAD_INDICATORS, BAD_TOTAL)


# -- text forms ----------------------------------------------------------------------

def one_cell_a_line(title: str, rows: Table, note: str = "（2023年度）") -> str:
    """Word → text: each cell on its own line behind a tab, rows separated by blank lines."""
    out = [title, note, ""]
    for row in rows:
        out += ["\t" + c for c in row] + [""]
    return "\n".join(out) + "\n"


def markdown(title: str, rows: Table, break_at: Optional[int] = None, note: str = "（2023年度）") -> str:
    """PDF → markdown: pipe rows; a page break before row ``break_at`` (a page number
    line and a new pipe table that repeats no header)."""
    out = [f"## {title}", "", note, ""]
    first = True
    for i, row in enumerate(rows):
        if break_at is not None and i == break_at:
            out += ["", "- 2 -", ""]
            first = True
        out.append("| " + " | ".join(row) + " |")
        if first:
            out.append("|" + "---|" * len(row))
            first = False
    return "\n".join(out) + "\n"


def tab_separated(title: str, rows: Table, note: str = "（2023年度）") -> str:
    return "\n".join([title, note] + ["\t".join(r) for r in rows]) + "\n"


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def space_aligned(title: str, rows: Table, note: str = "（2023年度）", wide: bool = True) -> str:
    """``pdftotext -layout``: cells at fixed columns padded with spaces, blank cells left blank;
    ``wide``: a wide character takes two columns (as on screen), else one (as some exports count)."""
    size = _width if wide else len
    widths = [max(size(r[i]) for r in rows if i < len(r)) + 3 for i in range(max(len(r) for r in rows))]
    out = ["                    " + title, "                         " + note, ""]
    for row in rows:
        line = ""
        for i, cell in enumerate(row):
            line += cell + " " * (widths[i] - size(cell))
        out.append("  " + line.rstrip())
    return "\n".join(out) + "\n"


# -- native forms ---------------------------------------------------------------------

def merges_of(rows: Table) -> List[Tuple[int, int, int, int]]:
    """(first row, first col, last row, last col), 0-based: the merged first column of each
    block (项目资金 / 年度总体目标 / 绩效指标) and the 项目名称 value across the row."""
    out = [(0, 1, 0, WIDTH - 1)]
    i = 0
    while i < len(rows):
        if rows[i][0] and i + 1 < len(rows) and rows[i + 1][0] == MERGED and rows[i][0] not in ("项目名称", "主管部门"):
            j = i + 1
            while j < len(rows) and rows[j][0] == MERGED:
                j += 1
            out.append((i, 0, j - 1, 0))
            i = j
        else:
            i += 1
    return out


def xlsx_bytes(title: str, rows: Table, note: str = "（2023年度）") -> bytes:
    """An Excel sheet: title and note rows, then the table with its merged cells."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "自评表"
    sheet.cell(row=1, column=1, value=title)
    sheet.cell(row=2, column=1, value=note)
    top = 3
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text:
                sheet.cell(row=top + r, column=c + 1, value=_number_or_text(text))
    for r1, c1, r2, c2 in merges_of(rows):
        sheet.merge_cells(start_row=top + r1, start_column=c1 + 1, end_row=top + r2, end_column=c2 + 1)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def _number_or_text(text: str):
    try:
        return float(text) if "." in text else int(text)
    except ValueError:
        return text


def docx_bytes(title: str, rows: Table, note: str = "（2023年度）") -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(title)
    document.add_paragraph(note)
    table = document.add_table(rows=len(rows), cols=WIDTH)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def html_text(title: str, rows: Table, note: str = "（2023年度）") -> str:
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<html><body><h2>{title}</h2><p>{note}</p><table>{body}</table></body></html>"


# -- department-level target tables (部门整体支出绩效目标表) ------------------------------

DEPARTMENT_INDICATORS = [
    ["产出指标", "数量指标", "道路巡查里程", "≥1200公里"],
    ["", "质量指标", "巡查问题整改率", "≥95%"],
    ["成本指标", "经济成本指标", "巡查经费", "≤300万元"],
    ["效益指标", "社会效益指标", "城市道路完好率", "≥90%"],
    ["满意度指标", "服务对象满意度指标", "市民满意度", "≥90%"],
]


def department_table(total: str, sources: Sequence[Tuple[str, str]], uses: Sequence[Tuple[str, str]], inline: bool = False) -> Table:
    """The rows of one 部门整体支出绩效目标表 (four columns): the money split by source and by
    use side by side (``按收入性质分 | 按支出性质分``), the tasks, the indicators."""
    rows: Table = [["部门（单位）名称", "市城市管理局", "", ""],
                   ["年度预算安排（万元）", "资金总额", total, ""],
                   ["", "按收入性质分", "", "按支出性质分"]]
    for i in range(max(len(sources), len(uses))):
        s = sources[i] if i < len(sources) else ("", "")
        u = uses[i] if i < len(uses) else ("", "")
        if inline:
            rows.append(["", f"{s[0]}：{s[1]}" if s[0] else "", "", f"{u[0]}：{u[1]}" if u[0] else ""])
        else:
            rows.append(["", *s, *u][:4] if not u[0] else ["", s[0], s[1], f"{u[0]}：{u[1]}"])
    rows += [["年度主要任务", "任务名称", "主要内容", "预算金额"],
             ["", "道路巡查", "全市主次干道日常巡查", "300"],
             ["", "设施维护", "市政设施日常维护", "700"],
             ["年度总体目标", "完成道路巡查和设施维护任务，道路完好率不低于90%。", "", ""],
             ["一级指标", "二级指标", "三级指标", "指标值"]]
    rows += [list(i) for i in DEPARTMENT_INDICATORS]
    return rows


def department_text(title: str, rows: Table) -> str:
    out = [title, "单位：万元", ""]
    for row in rows:
        out += ["\t" + c for c in row] + [""]
    return "\n".join(out) + "\n"
