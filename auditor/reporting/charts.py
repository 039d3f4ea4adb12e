"""Bar charts as inline SVG for the HTML report: no script, no network, any label escaped.

- :func:`bar_chart`: horizontal bars (findings by rule, by document kind).
- :func:`history_chart`: findings per run over time — new, fixed and open per run —
  from ``Report.extra["history"]``: a list of ``{"run", "when", "new", "fixed", "open"}``
  (oldest first) that a sweep or diff may provide.
"""
from __future__ import annotations

import html
from typing import Any, Dict, List, Sequence, Tuple

from .base import neutral

#: colours of the history series (also in the legend)
SERIES = (("new", "新增 / new", "#cf222e"), ("fixed", "已修复 / fixed", "#1a7f37"), ("open", "未解决 / open", "#0969da"))


def _esc(text: object) -> str:
    return html.escape(neutral(text, one_line=True), quote=True)


def _number(value: Any) -> int:
    try:
        n = int(value)
    except (TypeError, ValueError, OverflowError):
        return 0
    return max(0, n)


def bar_chart(title: str, items: Sequence[Tuple[str, int]], limit: int = 15, css_class: str = "") -> str:
    """Horizontal bars, largest first; the rest summed as "others" past ``limit``."""
    ranked = sorted(((label, _number(n)) for label, n in items), key=lambda kv: (-kv[1], kv[0]))
    if len(ranked) > limit:
        rest = sum(n for _, n in ranked[limit - 1:])
        ranked = ranked[: limit - 1] + [(f"其他 / {len(items) - limit + 1} others", rest)]
    if not ranked:
        return ""
    label_w, bar_w, row_h, top = 230, 300, 22, 26
    height = top + row_h * len(ranked) + 6
    peak = max(n for _, n in ranked) or 1
    rows = []
    for i, (label, n) in enumerate(ranked):
        y = top + i * row_h
        width = max(1, round(bar_w * n / peak)) if n else 0
        rows.append(
            f'<g class="bar"><title>{_esc(label)}: {n}</title>'
            f'<text x="{label_w - 8}" y="{y + 15}" text-anchor="end" class="label">{_esc(label[:34])}</text>'
            f'<rect x="{label_w}" y="{y + 3}" width="{width}" height="{row_h - 6}" rx="3"></rect>'
            f'<text x="{label_w + width + 6}" y="{y + 15}" class="value">{n}</text></g>')
    return (f'<figure class="chart {css_class}"><svg role="img" '
            f'aria-label="{_esc(title)}" viewBox="0 0 {label_w + bar_w + 60} {height}" width="{label_w + bar_w + 60}" '
            f'height="{height}"><text x="0" y="16" class="title">{_esc(title)}</text>{"".join(rows)}</svg></figure>')


def history_chart(runs: Sequence[Dict[str, Any]], limit: int = 30) -> str:
    """Grouped bars per run (new, fixed, open), oldest left; the last ``limit`` runs."""
    runs = [r for r in runs if isinstance(r, dict)][-limit:]
    if not runs:
        return ""
    left, top, plot_h, group_w, bar_w = 44, 40, 160, 54, 14
    width = left + group_w * len(runs) + 20
    height = top + plot_h + 46
    peak = max((_number(r.get(key)) for r in runs for key, _, _ in SERIES), default=0) or 1
    parts = [f'<text x="0" y="16" class="title">每次运行的问题 / findings per run</text>']
    for i, (key, label, colour) in enumerate(SERIES):
        parts.append(f'<rect x="{left + i * 130}" y="24" width="10" height="10" fill="{colour}"></rect>'
                     f'<text x="{left + i * 130 + 14}" y="33" class="legend">{_esc(label)}</text>')
    base = top + plot_h
    parts.append(f'<line x1="{left}" y1="{base}" x2="{width - 10}" y2="{base}" class="axis"></line>'
                 f'<text x="{left - 6}" y="{top + 10}" text-anchor="end" class="value">{peak}</text>'
                 f'<text x="{left - 6}" y="{base}" text-anchor="end" class="value">0</text>')
    for g, run in enumerate(runs):
        x0 = left + g * group_w + 6
        for i, (key, label, colour) in enumerate(SERIES):
            n = _number(run.get(key))
            h = round(plot_h * n / peak)
            parts.append(f'<rect x="{x0 + i * bar_w}" y="{base - h}" width="{bar_w - 2}" height="{h}" fill="{colour}">'
                         f'<title>{_esc(run.get("run", g + 1))} {_esc(label)}: {n}</title></rect>')
        name = str(run.get("run", g + 1))
        when = str(run.get("when", ""))[:10]
        parts.append(f'<text x="{x0 + bar_w * 1.5}" y="{base + 16}" text-anchor="middle" class="value">{_esc(name[:8])}</text>'
                     f'<text x="{x0 + bar_w * 1.5}" y="{base + 30}" text-anchor="middle" class="date">{_esc(when)}</text>')
    return (f'<figure class="chart history"><svg role="img" '
            f'aria-label="findings per run" viewBox="0 0 {width} {height}" width="{width}" height="{height}">'
            f'{"".join(parts)}</svg></figure>')


def kind_of(path: str, kinds: Dict[str, str]) -> str:
    """A document's kind for the chart: the reader's, else its file type."""
    kind = kinds.get(path)
    if kind and kind != "unknown":
        return kind
    ext = path.rsplit(".", 1)[-1].lower() if "." in path else ""
    return ext or "unknown"


def charts(report: Any, kind_labels: Dict[str, str]) -> str:
    """The report's pictures: by rule, by document kind, and per run when there is history."""
    kinds = getattr(report, "kinds", {}) or {}
    by_kind: Dict[str, int] = {}
    for f in report.findings:
        label = kind_labels.get(kind_of(f.file, kinds), kind_of(f.file, kinds))
        by_kind[label] = by_kind.get(label, 0) + 1
    parts: List[str] = [bar_chart("按规则 / findings by rule", list(report.by_rule().items()), css_class="by-rule-chart"),
                        bar_chart("按文件类型 / findings by document kind", list(by_kind.items()), css_class="by-kind-chart")]
    history = report.extra.get("history") if isinstance(report.extra, dict) else None
    if isinstance(history, list):
        parts.append(history_chart(history))
    body = "".join(p for p in parts if p)
    return f'<div class="charts">{body}</div>' if body else ""
