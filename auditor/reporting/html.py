"""One self-contained HTML page a budget office can email and open offline.

The summary (counts, bar charts drawn as inline SVG, the table by document,
rule pages) is HTML written here; the findings travel as one JSON block
(escaped as HTML text in a hidden element, never executed) that the page's
script pages through — a page of findings at a time, with search, filters by
severity, document, table and rule, and a link (``#f-N``) to each finding — so
50,000 findings open and filter quickly.

Everything a document said (file names, messages, evidence, source lines,
table names) goes through :func:`esc` or, in the script, ``textContent`` only;
a Content-Security-Policy allows nothing but this page's own style and script
(by hash) — so a document holding ``<script>`` shows it as text and can run nothing.
"""
from __future__ import annotations

import base64
import hashlib
import html
import json
import os
import re
from datetime import datetime
from importlib import resources
from typing import Any, Callable, Dict, Hashable, List, Optional, Tuple

from ..models import Finding
from ..readers.decode import decode, looks_binary
from .base import Report, Reporter, neutral, rule_name, rule_sections, xml_text

#: source lines shown before and after a finding's line
CONTEXT = 3
#: files larger than this are not re-read for context
MAX_SOURCE_BYTES = 50 * 1024 * 1024
#: a very long source line is cut when shown
MAX_LINE_SHOWN = 2000
#: inputs whose finding lines are not lines of the file's text (paragraphs, rows, pages, JSON models)
NOT_LINE_BASED = (".docx", ".xlsx", ".xlsm", ".pdf", ".html", ".htm", ".json")
SEVERITY_LABELS = {"error": "错误 / error", "warning": "警告 / warning", "info": "提示 / info"}
#: findings the page shows at a time
PAGE_SIZE = 100
#: document kinds as the bar chart names them (the reader's kind, else the file type)
KIND_LABELS = {"performance": "绩效目标表 / performance targets", "disclosure": "信息公开表 / disclosure",
               "notice": "通知 / notice", "form": "申报表 / form", "unknown": "其他 / other"}

Lines = Optional[List[str]]


def esc(value: object) -> str:
    """Document text as HTML text: escaped, without characters HTML cannot hold."""
    return html.escape(xml_text(str(value)), quote=True)


def asset(name: str) -> str:
    return resources.files(__package__).joinpath("assets").joinpath(name).read_text("utf-8")


def csp_source(text: str) -> str:
    """The CSP hash that lets exactly this inline style or script run."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


# -- source context -----------------------------------------------------------

def read_lines(path: str) -> Lines:
    """The file's lines as the text reader numbers them; None when that is not possible."""
    if os.path.splitext(path)[1].lower() in NOT_LINE_BASED:
        return None
    try:
        if not os.path.isfile(path) or os.path.getsize(path) > MAX_SOURCE_BYTES:  # a pipe is never opened
            return None
        with open(path, "rb") as fh:
            data = fh.read()
        if looks_binary(data):
            return None
        text, _ = decode(data)
    except (OSError, ValueError, LookupError):
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def context_lines(lines: Lines, items: List[Finding]) -> Dict[str, str]:
    """The source lines around each finding's line (text inputs), shown under it."""
    if not lines:
        return {}
    wanted: Dict[str, str] = {}
    for f in items:
        if f.location or not 1 <= f.line <= len(lines):
            continue
        for n in range(max(1, f.line - CONTEXT), min(len(lines), f.line + CONTEXT) + 1):
            text = lines[n - 1]
            wanted[str(n)] = neutral(text[:MAX_LINE_SHOWN] + ("…" if len(text) > MAX_LINE_SHOWN else ""))
    return wanted


# -- small pieces -------------------------------------------------------------

def badge(severity: str) -> str:
    return f'<span class="badge sev-{esc(severity)}">{esc(SEVERITY_LABELS.get(severity, severity))}</span>'


def rule_anchors(rule_ids: List[str]) -> Dict[str, str]:
    """An HTML id for each rule's page (plugin IDs may hold any character)."""
    anchors: Dict[str, str] = {}
    for rid in rule_ids:
        slug = "rule-" + re.sub(r"[^A-Za-z0-9_-]", "_", rid)
        while slug in anchors.values():
            slug += "_"
        anchors[rid] = slug
    return anchors


def rule_link(rule_id: str, anchors: Dict[str, str]) -> str:
    return f'<a class="rule-link" href="#{anchors[rule_id]}" title="规则说明 / what this rule checks">{esc(rule_id)}</a>'


def count_cell(n: int) -> str:
    return f'<td class="n{"" if n else " zero"}">{n}</td>'


def grouped(findings: List[Finding], key: Callable[[Finding], Hashable]) -> Dict[Hashable, List[Finding]]:
    """Findings grouped by ``key``, groups in order of first appearance."""
    groups: Dict[Hashable, List[Finding]] = {}
    for f in findings:
        groups.setdefault(key(f), []).append(f)
    return groups


# -- sections -----------------------------------------------------------------

def page_header(report: Report) -> str:
    when = datetime.now().astimezone().strftime("%Y-%m-%d %H:%M")
    parts = [f"auditor {esc(report.tool_version)}", f"生成于 / generated {when}",
             f"{report.files} 个文件 / files", f"{report.tables} 张表 / tables", f"fail-on: {esc(report.fail_on)}"]
    diff = report.extra.get("diff")
    if isinstance(diff, dict):
        parts.append("diff: " + ", ".join(f"{esc(k)} {len(v) if isinstance(v, list) else esc(v)}"
                                          for k, v in diff.items() if k in ("new", "fixed", "unchanged")))
    return ('<header class="page-head"><h1>预算文件审核报告<span class="en">auditor report</span></h1>'
            f'<p class="meta">{" · ".join(parts)}</p></header>')


def severity_cards(report: Report) -> str:
    cards = [f'<div class="card total"><span class="num">{len(report.findings)}</span><span class="label">问题 / findings</span></div>']
    for severity, n in report.by_severity().items():
        cards.append(f'<div class="card sev-{severity}"><span class="num">{n}</span>'
                     f'<span class="label">{esc(SEVERITY_LABELS.get(severity, severity))}</span></div>')
    return f'<div class="cards">{"".join(cards)}</div>'


def rule_table(report: Report, anchors: Dict[str, str]) -> str:
    rows = []
    for rid, n in sorted(report.by_rule().items(), key=lambda kv: (-kv[1], kv[0])):
        severity = getattr(report.rules.get(rid), "severity", "")
        rows.append(f"<tr><td>{rule_link(rid, anchors)}</td><td>{esc(rule_name(report, rid))}</td>"
                    f"<td>{badge(severity) if severity else ''}</td>{count_cell(n)}</tr>")
    return ('<table class="grid by-rule"><caption>按规则 / by rule</caption><thead><tr><th>规则 / rule</th>'
            '<th>名称 / name</th><th>默认级别 / default</th><th class="n">数量 / count</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')


def document_table(report: Report, per_file: Dict[Hashable, List[Finding]]) -> str:
    rows = []
    for n, path in enumerate(report.documents(), start=1):
        items = per_file.get(path, [])
        name = f'<a href="#doc-{n}">{esc(path)}</a>' if items else esc(path)
        counts = Report(findings=items).by_severity()
        cells = "".join(count_cell(c) for c in counts.values())
        total = count_cell(len(items)) if items else '<td class="n clean">✓ 无问题 / none</td>'
        rows.append(f'<tr><td class="file">{name}</td>{cells}{total}</tr>')
    heads = "".join(f'<th class="n">{esc(SEVERITY_LABELS.get(s, s))}</th>' for s in report.by_severity())
    return ('<table class="grid by-document"><caption>按文件 / by document</caption><thead><tr>'
            f'<th>文件 / file</th>{heads}<th class="n">合计 / total</th></tr></thead><tbody>{"".join(rows)}</tbody></table>')


def problems_box(report: Report) -> str:
    if not report.problems:
        return ""
    items = "".join(f"<li><code>{esc(p.file)}</code>: {esc(p.message)}</li>" for p in report.problems)
    return f'<div class="problems"><strong>无法读取的文件 / files that could not be read</strong><ul>{items}</ul></div>'


def summary_section(report: Report, anchors: Dict[str, str], per_file: Dict[Hashable, List[Finding]]) -> str:
    from .charts import charts

    return ('<section class="summary" aria-labelledby="summary-h"><h2 id="summary-h">概要 / Summary</h2>'
            f'{severity_cards(report)}{charts(report, KIND_LABELS)}<div class="two-col">{rule_table(report, anchors)}'
            f'{document_table(report, per_file)}</div>{problems_box(report)}</section>')


def filters(report: Report, data: Dict[str, Any]) -> str:
    """Search, severity checkboxes, document / table / rule selects, the count shown, the pager."""
    boxes = "".join(
        f'<label><input type="checkbox" data-severity-filter value="{esc(severity)}" checked> {badge(severity)} '
        f'<span class="n">{n}</span></label>'
        for severity, n in report.by_severity().items()
    )
    rules = "".join(f'<option value="{esc(rid)}">{esc(rid)} · {esc(rule_name(report, rid))} ({n})</option>'
                    for rid, n in report.by_rule().items())
    docs = "".join(f'<option value="{i}">{esc(path)}</option>' for i, path in enumerate(data["docs"]))
    tables = "".join(f'<option value="{i}">{esc(name)}</option>' for i, name in enumerate(data["tables"]))
    total = len(report.findings)
    return ('<nav class="filters" aria-label="筛选 / filters">'
            '<input type="search" id="search" placeholder="搜索 / search: 文字、文件、表、规则 …" aria-label="搜索 / search">'
            f'<fieldset><legend>级别 / severity</legend>{boxes}</fieldset>'
            '<label for="doc-filter">文件 / document</label>'
            f'<select id="doc-filter"><option value="">全部文件 / all documents</option>{docs}</select>'
            '<label for="table-filter">表 / table</label>'
            f'<select id="table-filter"><option value="">全部表 / all tables</option>{tables}</select>'
            '<label for="rule-filter">规则 / rule</label>'
            f'<select id="rule-filter"><option value="">全部规则 / all rules</option>{rules}</select>'
            f'<p class="count">显示 / showing <strong id="visible-count">{total}</strong> / {total}</p>'
            '<div class="pager" id="pager"><button type="button" id="page-prev">‹ 上一页 / prev</button>'
            '<span id="page-info"></span><button type="button" id="page-next">下一页 / next ›</button></div></nav>')


def finding_data(report: Report) -> Dict[str, Any]:
    """The findings as compact JSON for the page's script (document text neutralised)."""
    docs = report.documents()
    doc_index = {path: i for i, path in enumerate(docs)}
    tables: Dict[str, int] = {}
    per_file = grouped(report.findings, lambda f: f.file)
    lines = {str(doc_index[path]): context_lines(read_lines(path), items) for path, items in per_file.items()}
    rows: List[Dict[str, Any]] = []
    for f in report.findings:
        row: Dict[str, Any] = {"d": doc_index[f.file], "l": f.line, "r": neutral(f.rule), "s": f.severity,
                               "m": neutral(f.message)}
        if f.table:
            row["t"] = tables.setdefault(neutral(f.table), len(tables))
        for key, value in (("c", f.column), ("ec", f.end_column)):
            if value:
                row[key] = value
        for key, value in (("p", f.project_code), ("e", f.evidence), ("o", f.location),
                           ("n", f.name or rule_name(report, f.rule))):
            if value:
                row[key] = neutral(value)
        excerpt = (f.source or {}).get("excerpt")
        if isinstance(excerpt, list) and excerpt:
            row["x"] = [neutral(cell) for cell in excerpt[:200]]
            index = (f.source or {}).get("excerpt_index")
            if isinstance(index, int) and 0 <= index < len(excerpt):
                row["xi"] = index
        rows.append(row)
    return {"docs": [neutral(d) for d in docs], "tables": list(tables), "findings": rows, "lines": lines,
            "anchors": {neutral(rid): anchor for rid, anchor in rule_anchors(list(report.by_rule())).items()},
            "pageSize": PAGE_SIZE}


def data_block(data: Dict[str, Any]) -> str:
    """The JSON as the text of a hidden element: inert, read with textContent."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f'<pre id="report-data" hidden>{html.escape(text, quote=False)}</pre>'


def findings_section(report: Report) -> str:
    if report.findings:
        empty = '<p id="no-match" class="no-match" hidden>没有符合筛选条件的问题 / no findings match the filters</p>'
    else:
        empty = '<p id="no-match" class="no-match">没有问题 / no findings</p>'
    return ('<section class="findings" aria-label="问题 / findings"><div id="finding-list"></div>'
            f'{empty}<noscript><p>需要启用 JavaScript 才能浏览问题列表 / enable JavaScript to browse the findings</p></noscript></section>')


def rule_page(report: Report, rule_id: str, anchor: str) -> str:
    """A rule's explanation: summary, why, bad, good, fix, anchor, policy."""
    cls = report.rules.get(rule_id)
    summary = getattr(cls, "summary", "") or ""
    entries = "".join(
        f'<dt>{esc(heading)}</dt><dd class="{attr}{" example" if attr in ("bad", "good") else ""}">{esc(text)}</dd>'
        for attr, heading, text in rule_sections(cls)
    )
    source = report.rule_source.get(rule_id)
    if source:
        entries += f"<dt>插件 / plugin</dt><dd>{esc(source)}</dd>"
    severity = getattr(cls, "severity", "")
    return (f'<details class="rule-doc" id="{anchor}"><summary><span class="rule-title"><code>{esc(rule_id)}</code> '
            f'{esc(rule_name(report, rule_id))}</span> {badge(severity) if severity else ""}</summary>'
            f'<div class="rule-body"><p class="rule-summary">{esc(summary)}</p><dl>{entries}</dl></div></details>')


def rules_section(report: Report, anchors: Dict[str, str]) -> str:
    if not anchors:
        return ""
    pages = "".join(rule_page(report, rid, anchor) for rid, anchor in anchors.items())
    return f'<section class="rules" aria-labelledby="rules-h"><h2 id="rules-h">规则说明 / Rules</h2>{pages}</section>'


DIALOG = ('<dialog id="rule-dialog" aria-labelledby="rule-dialog-title"><div class="dialog-head">'
          '<h2 id="rule-dialog-title"></h2><button type="button" id="rule-dialog-close" aria-label="关闭 / close">×</button>'
          '</div><div id="rule-dialog-body"></div></dialog>')


def page(report: Report) -> str:
    """The whole page; style and script inline, allowed by hash and nothing else."""
    css, js = "\n" + asset("report.css"), "\n" + asset("report.js")  # exactly the element text the hashes cover
    csp = f"default-src 'none'; style-src {csp_source(css)}; script-src {csp_source(js)}; img-src data:"
    anchors = rule_anchors(list(report.by_rule()))
    per_file = grouped(report.findings, lambda f: f.file)
    data = finding_data(report)
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n'
        f'<meta name="generator" content="auditor {esc(report.tool_version)}">\n'
        f'<title>审核报告 · auditor report ({len(report.findings)})</title>\n<link rel="icon" href="data:,">\n'
        f"<style>{css}</style>\n</head>\n<body>\n"
        f"{page_header(report)}\n<main>\n{summary_section(report, anchors, per_file)}\n{filters(report, data)}\n"
        f"{findings_section(report)}\n{rules_section(report, anchors)}\n</main>\n{DIALOG}\n{data_block(data)}\n"
        f'<footer class="page-foot">auditor {esc(report.tool_version)} · 规则说明见 <code>auditor explain RULE</code> / '
        "see <code>auditor explain RULE</code></footer>\n"
        f"<script>{js}</script>\n</body>\n</html>\n"
    )


class HtmlReporter(Reporter):
    name = "html"
    extension = ".html"
    description = "one self-contained HTML page: charts, search, filters, paged findings with source, rule explanations"

    def render(self, report: Report) -> str:
        return page(report)
