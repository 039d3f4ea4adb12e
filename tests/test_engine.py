"""The engine: ordering, fingerprints, crashing rules, plugins beside the built-ins."""
from __future__ import annotations

from auditor import hookimpl
from auditor.engine import Settings, audit_file, fingerprint
from auditor.registry import load_registry
from auditor.rule import Rule
from auditor.testing import perf_table


class Exploding(Rule):
    id = "TST001"
    name = "exploding"
    severity = "warning"
    summary = "always raises"

    def check(self, doc):
        raise RuntimeError("boom")


class ExplodingPlugin:
    @staticmethod
    @hookimpl
    def auditor_register_rules():
        return [Exploding]


def test_a_crashing_rule_becomes_a_finding_and_the_others_still_run(tmp_path, monkeypatch):
    import auditor.engine as engine

    reg = load_registry(extra=[("exploding", ExplodingPlugin())])
    monkeypatch.setattr(engine, "registry_for", lambda settings: reg)
    path = tmp_path / "doc.md"
    path.write_text(perf_table(indicators=[("产出指标", "数量指标", "结余", "≥0元")]), encoding="utf-8")
    findings = audit_file(str(path)).findings
    crash = [f for f in findings if f.rule == "TST001"]
    assert len(crash) == 1 and "boom" in crash[0].message and "test_engine.py" in crash[0].message
    assert any(f.rule == "VAL001" for f in findings)


def test_fingerprints_survive_edits_elsewhere(tmp_path):
    rows = [("产出指标", "数量指标", "结余", "≥0元")]
    path = tmp_path / "doc.md"
    path.write_text(perf_table(indicators=rows), encoding="utf-8")
    before = audit_file(str(path), Settings(select=["VAL001"])).findings[0]
    path.write_text("说明文字\n\n\n" + perf_table(indicators=[("产出指标", "数量指标", "活动", "≥3场")] + rows), encoding="utf-8")
    after = audit_file(str(path), Settings(select=["VAL001"])).findings[0]
    assert before.line != after.line
    assert before.fingerprint == after.fingerprint


def test_same_named_files_in_different_folders_keep_apart():
    assert fingerprint("VAL001", "a/doc.md", "t", "f", "≥0元") != fingerprint("VAL001", "b/doc.md", "t", "f", "≥0元")


def test_fingerprint_depends_on_evidence():
    assert fingerprint("VAL001", "x/doc.md", "t", "f", "≥0元") != fingerprint("VAL001", "x/doc.md", "t", "f", "≥1元")


def test_findings_are_ordered_by_line_then_rule(tmp_path):
    path = tmp_path / "doc.md"
    path.write_text(perf_table(budget="20.00", plan=("5", "10", "15", "20"), indicators=[("产出指标", "质量指标", "合格率", "≥0.95"), ("产出指标", "质量指标", "记账率", "≥100%")]), encoding="utf-8")
    keys = [(f.line, f.rule) for f in audit_file(str(path)).findings]
    assert keys == sorted(keys) and len(keys) >= 3


def test_builtins_register_through_the_entry_point_group():
    reg = load_registry()
    names = {p.name for p in reg.plugins}
    assert {"builtin-readers", "builtin-rules", "builtin-reporters"} <= names
    assert reg.rule_source["PLAN001"] == "builtin-rules"
    assert not reg.failures
