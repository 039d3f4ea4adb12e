"""The `auditor` command as a user meets it."""
from __future__ import annotations

import json

import jsonschema

from auditor.schemas import generated_schema, load_schema
from conftest import EXAMPLES


def test_rules_lists_every_builtin_rule(cli):
    result = cli("rules")
    assert result.exit_code == 0
    for rid in ("BUD001", "PLAN001", "VAL009", "IND005", "DOC004", "PARSE003"):
        assert rid in result.output
    assert "builtin-rules" in result.output


def test_check_examples_prints_findings_and_exits_1(cli):
    result = cli("check", EXAMPLES / "docs", "--no-color")
    assert result.exit_code == 1, result.output
    assert "PLAN001" in result.output and "findings" in result.output.splitlines()[-1]


def test_json_output_validates_against_the_shipped_schema(cli):
    result = cli("check", EXAMPLES / "docs", "--format", "json")
    doc = json.loads(result.output)
    jsonschema.validate(doc, load_schema("findings"))
    assert doc["summary"]["findings"] == len(doc["findings"]) > 0
    keys = [(f["file"], f["line"], f["rule"]) for f in doc["findings"]]
    assert keys == sorted(keys, key=lambda k: (k[0], k[1], k[2]))


def test_schema_command_prints_each_schema(cli):
    for name in ("findings", "document", "config"):
        result = cli("schema", name)
        assert result.exit_code == 0
        assert json.loads(result.output)["$schema"].startswith("https://json-schema.org/")


def test_shipped_document_and_config_schemas_match_the_models():
    assert load_schema("document") == generated_schema("document")
    assert load_schema("config") == generated_schema("config")


def test_explain_shows_a_rule_page(cli):
    result = cli("explain", "PLAN001")
    assert result.exit_code == 0
    for part in ("PLAN001 percent-given-as-amount", "Bad", "Good", "Fix", "Policy"):
        assert part in result.output


def test_explain_unknown_rule_is_a_usage_error(cli):
    assert cli("explain", "NOPE999").exit_code == 2


def test_select_and_ignore_by_prefix(cli):
    only_plan = json.loads(cli("check", EXAMPLES / "docs", "--format", "json", "--select", "PLAN").output)
    assert {f["rule"] for f in only_plan["findings"]} <= {"PLAN001", "PLAN002", "PLAN003", "PLAN004"}
    assert only_plan["findings"]
    no_plan = json.loads(cli("check", EXAMPLES / "docs", "--format", "json", "--ignore", "PLAN,VAL0").output)
    assert not any(f["rule"].startswith(("PLAN", "VAL")) for f in no_plan["findings"])


def test_fail_on_controls_the_exit_status(cli):
    path = EXAMPLES / "docs" / "notice.txt"  # warnings only
    assert cli("check", path).exit_code == 0
    assert cli("check", path, "--fail-on", "warning").exit_code == 1
    assert cli("check", path, "--fail-on", "never").exit_code == 0


def test_missing_path_and_unknown_selector_are_usage_errors(cli):
    assert cli("check", "no-such-file.txt").exit_code == 2
    assert cli("check", EXAMPLES / "docs", "--select", "XYZ").exit_code == 2


def test_nothing_readable_exits_2(cli, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02\xff" * 100)
    result = cli("check", bad, "--format", "json")
    assert result.exit_code == 2
    doc = json.loads(result.output)
    assert doc["problems"] and doc["problems"][0]["file"].endswith("bad.txt")
    assert doc["findings"][0]["rule"] == "PARSE001"


def test_parse_shows_tables(cli):
    result = cli("parse", EXAMPLES / "docs" / "performance-targets.txt")
    assert result.exit_code == 0
    assert "37021024P88002810401A" in result.output and "260.00" in result.output


def test_output_file_is_written(cli, tmp_path):
    out = tmp_path / "findings.json"
    result = cli("check", EXAMPLES / "docs", "--format", "json", "--output", out)
    assert result.exit_code == 1
    assert json.loads(out.read_text(encoding="utf-8"))["findings"]
    assert not list(tmp_path.glob(".auditor-*"))


def test_statistics_counts_per_rule(cli):
    result = cli("check", EXAMPLES / "docs", "--statistics", "--no-color")
    assert "count" in result.output and "rule" in result.output


def test_colour_only_when_asked_or_on_a_terminal(cli):
    plain = cli("check", EXAMPLES / "docs").output
    assert "\033[" not in plain  # CliRunner is not a terminal
    assert "\033[" in cli("check", EXAMPLES / "docs", "--color").output


def test_check_baseline_reports_only_new_findings(cli, tmp_path):
    doc = tmp_path / "doc.md"
    from auditor.testing import perf_table

    doc.write_text(perf_table(indicators=[("产出指标", "数量指标", "结余", "≥0元")]), encoding="utf-8")
    base = tmp_path / "baseline.json"
    assert cli("check", doc, "--write-baseline", base, "--fail-on", "warning").exit_code == 1
    assert cli("check", doc, "--baseline", base, "--fail-on", "warning").exit_code == 0
    doc.write_text(perf_table(indicators=[("产出指标", "数量指标", "结余", "≥0元"), ("产出指标", "质量指标", "合格率", "1家")]), encoding="utf-8")
    out = json.loads(cli("check", doc, "--baseline", base, "--format", "json").output)
    assert [f["rule"] for f in out["findings"]] == ["VAL002"]
