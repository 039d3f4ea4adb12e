"""Test helpers for rule authors, shipped as a pytest plugin (``auditor.testing``).

Build a document from a short literal, run one rule, assert in one line::

    from auditor.plugins.testing import perf_table, run_rule, assert_findings

    def test_zero_target():
        doc = perf_table(indicators=[("产出指标", "数量指标", "支出笔数", "≥0元")])
        assert_findings(run_rule("VAL001", doc), [("VAL001", "≥0元")])

The literal goes through the real text reader, so a rule is tested on the
same model it meets in production.  With pytest, the fixtures ``audit_text``,
``audit_rule`` and ``plugin_dist`` are available without an import.

Builders: :func:`perf_table` (a 绩效目标表 as markdown), :func:`form_text` (an
application form in the Word → text layout, one cell a line).  Plugins:
:func:`make_plugin_dist` writes a module and its ``*.dist-info`` so a test can
register a plugin through the real ``auditor`` entry-point group.
"""
from __future__ import annotations

import importlib
import os
import tempfile
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple, Union

from auditor.engine import Settings, audit_file, read_document, registry_for
from auditor.models import Document, Finding

IndicatorSpec = Tuple[str, ...]  # (一级, 二级, 三级, 指标值[, 描述[, 依据]])

HEADER = ("一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据")


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"


def perf_table(
    *,
    title: str = "1.测试项目绩效目标表",
    code: str = "37020024P88002810001A",
    name: str = "测试项目",
    budget: Optional[str] = "100.00",
    fiscal: Optional[str] = None,
    other: Optional[str] = "",
    plan: Optional[Sequence[Optional[str]]] = ("25.00", "50.00", "75.00", "100.00"),
    indicators: Iterable[IndicatorSpec] = (),
    satisfaction: bool = True,
    cost: bool = True,
    effect: bool = True,
) -> str:
    """A 绩效目标表 as markdown pipe text (the PDF-export layout).

    Indicators are ``(一级, 二级, 三级, 指标值[, 描述[, 依据]])``; unless turned off,
    a default cost, effect and satisfaction row are added so only what the
    test is about can fire.  ``plan=None`` leaves the spend-plan row out.
    """
    lines = [title, "", "单位：万元", "", _row([""] * 7), _row(["---"] * 7)]
    lines.append(_row(["项目编码", code, "", "项目名称", name, "", ""]))
    lines.append(_row(["预算规模及资金用途", "预算数", budget or "", "其中：财政资金", fiscal if fiscal is not None else (budget or ""), "其他资金", other or ""]))
    lines.append(_row(["", "资金用途说明", "", "", "", "", ""]))
    if plan is not None:
        lines.append(_row(["资金支出计划（%）", "3月底", "6月底", "10月底", "12月底", "", ""]))
        lines.append(_row([""] + [p or "" for p in plan] + [""] * (6 - len(plan))))
    lines.append(_row(["绩效目标", "完成年度目标", "", "", "", "", ""]))
    lines.append(_row(list(HEADER) + [""]))
    rows: List[IndicatorSpec] = list(indicators)
    levels = {r[0] for r in rows} | {r[1] for r in rows}
    if cost and not any("成本" in lv for lv in levels):
        rows.append(("成本指标", "经济成本指标", "项目成本", f"≤{budget or '100'}万元"))
    if effect and "效益指标" not in levels:
        rows.append(("效益指标", "社会效益指标", "服务覆盖面", "明显提升"))
    if satisfaction and "满意度指标" not in levels:
        rows.append(("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%"))
    for spec in rows:
        level1, level2, name3, value = spec[:4]
        desc = spec[4] if len(spec) > 4 else name3
        basis = spec[5] if len(spec) > 5 else "计划标准"
        lines.append(_row([level1, level2, name3, desc, value, basis, ""]))
    return "\n".join(lines) + "\n"


def form_text(title: str, rows: Iterable[Sequence[str]], *, after: Sequence[str] = (), blank_after_title: bool = True) -> str:
    """A form (申报表, 评价表 …) in the Word → text layout the reader meets in practice.

    Each cell goes on its own line behind a tab, rows are separated by a blank
    line, and a cell holding ``\n`` goes on over plain lines (as Word writes
    a cell of several paragraphs).  ``after`` lines (``申报日期：2021年12月10日``,
    a signature line …) follow the grid as paragraphs of the same section,
    after two blank lines so the reader does not take them for a cell going on.
    The result ends with a newline, so several forms can be concatenated.
    """
    lines: List[str] = [title]
    if blank_after_title:
        lines.append("")
    for row in rows:
        for cell in row:
            first, *more = str(cell).split("\n")
            lines.append("\t" + first)
            lines.extend(m for m in more if m.strip())
        lines.append("")
    if after:
        lines.append("")
        for para in after:
            lines.extend([para, ""])
    return "\n".join(lines) + "\n"


def parse_text(text: str, suffix: str = ".txt") -> Document:
    """Read ``text`` with the real readers, as if it were a file."""
    reg = registry_for(Settings())
    return read_document(f"literal{suffix}", text.encode("utf-8"), reg)


def audit_text(text: Union[str, bytes], *, rules: Sequence[str] = (), params: Optional[Dict[str, Dict[str, Any]]] = None,
               suffix: str = ".txt", use_plugins: bool = True) -> List[Finding]:
    """Write ``text`` to a temporary file and audit it (optionally only ``rules``)."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    fd, path = tempfile.mkstemp(suffix=suffix, prefix="auditor-test-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        settings = Settings(select=list(rules), params={k.upper(): v for k, v in (params or {}).items()}, use_plugins=use_plugins)
        shown = "literal" + suffix
        result = audit_file(path, settings, display=shown)
        if not result.facts:
            return result.findings
        # the document checked alone, as `auditor check FILE` does: corpus rules see its facts only
        from auditor.corpus.facts import FileFacts
        from auditor.corpus.phase import corpus_findings
        from auditor.engine import registry_for

        across = corpus_findings([(0, shown, FileFacts.load(result.facts))], settings, registry_for(settings))
        return sorted(result.findings + across, key=lambda f: (f.line, f.rule)) if across else result.findings
    finally:
        os.unlink(path)


def run_rule(rule_id: str, text: str, **params: Any) -> List[Finding]:
    """Findings of one rule on a literal document, with optional rule parameters."""
    return audit_text(text, rules=[rule_id], params={rule_id: params} if params else None)


def assert_findings(findings: List[Finding], expected: Iterable[Tuple[Any, ...]]) -> None:
    """Assert the exact findings: ``(rule, evidence-or-message-part[, line])`` each.

    The second item must occur in the finding's evidence or message; a third
    item, if given, is the expected line.
    """
    expected = list(expected)
    got = [(f.rule, f.line, f.evidence, f.message) for f in findings]
    remaining = list(got)
    for exp in expected:
        rule, part = exp[0], exp[1]
        line = exp[2] if len(exp) > 2 else None
        match = next((g for g in remaining if g[0] == rule and (part in g[2] or part in g[3]) and (line is None or g[1] == line)), None)
        assert match is not None, f"expected {exp!r} among findings:\n" + "\n".join(map(repr, got))
        remaining.remove(match)
    assert not remaining, "unexpected findings:\n" + "\n".join(map(repr, remaining))


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """The 1-based line of the ``occurrence``-th line containing ``needle``."""
    seen = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            seen += 1
            if seen == occurrence:
                return number
    raise AssertionError(f"{needle!r} not found {occurrence} time(s)")


def clear_registry_cache() -> None:
    """Forget the per-process registry, so plugins installed since are discovered.

    :func:`auditor.engine.registry_for` builds the registry once per process;
    a test that adds or removes a plugin calls this before and after.
    """
    from auditor import engine

    engine._REGISTRY_CACHE.clear()


def make_plugin_dist(
    site: Union[str, "os.PathLike[str]"],
    name: str,
    module_source: Optional[str],
    *,
    module: Optional[str] = None,
    version: str = "0.1.0",
    entry_point: Optional[str] = None,
    group: str = "auditor",
    dist: Optional[str] = None,
) -> Path:
    """Write a plugin module and its ``*.dist-info`` (with ``entry_points.txt``) into ``site``.

    Put ``site`` on ``sys.path`` (``monkeypatch.syspath_prepend``) and
    ``importlib.metadata`` finds the entry point exactly as it finds an
    installed package's, so the test exercises real discovery.  ``module``
    defaults to ``name`` with ``-`` as ``_``; ``module_source=None`` writes the
    dist-info only (for a package that is already importable, e.g. one made by
    ``auditor new-plugin``); ``entry_point`` is the object reference
    (default: the module); ``dist`` is the distribution's name (default:
    ``name``, which is also the entry point's name).  Returns ``site``.
    """
    root = Path(site)
    root.mkdir(parents=True, exist_ok=True)
    module = module or name.replace("-", "_")
    if module_source is not None:
        (root / f"{module}.py").write_text(module_source, encoding="utf-8")
    dist_name = dist or name
    info = root / f"{dist_name.replace('-', '_')}-{version}.dist-info"
    info.mkdir(exist_ok=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist_name}\nVersion: {version}\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[{group}]\n{name} = {entry_point or module}\n", encoding="utf-8")
    (info / "top_level.txt").write_text(module.split(".")[0] + "\n", encoding="utf-8")
    importlib.invalidate_caches()
    return root


# -- pytest plugin ------------------------------------------------------------

try:  # pragma: no cover - exercised when pytest loads the plugin
    import pytest

    @pytest.fixture
    def audit_rule():
        """``audit_rule("VAL001", text, **params)`` → findings of that rule."""
        return run_rule

    @pytest.fixture(name="audit_text")
    def audit_text_fixture():
        """``audit_text(text, rules=[...])`` → findings."""
        return audit_text

    @pytest.fixture
    def plugin_dist(tmp_path, monkeypatch):
        """``plugin_dist(name, source, **kw)``: a throwaway plugin, found through the entry point.

        The plugin is on ``sys.path`` for this test only; the registry cache is
        cleared before and after, and the plugin's module is forgotten again.
        """
        import sys

        site = tmp_path / "plugin-site"
        modules: List[str] = []

        def install(name: str, module_source: Optional[str], **kwargs: Any) -> Path:
            make_plugin_dist(site, name, module_source, **kwargs)
            modules.append(kwargs.get("module") or name.replace("-", "_"))
            monkeypatch.syspath_prepend(str(site))
            clear_registry_cache()
            return site

        yield install
        clear_registry_cache()
        for mod in modules:
            sys.modules.pop(mod, None)
except ImportError:  # pragma: no cover
    pass
