"""Documents submitted as auditor's own JSON (what `auditor parse --format json` prints)."""
from __future__ import annotations

import json

import jsonschema

from auditor.schemas import load_schema
from conftest import EXAMPLES


def _rules(cli, path):
    out = json.loads(cli("check", path, "--format", "json", "--fail-on", "never").output)
    return sorted((f["rule"], f["line"], f["evidence"]) for f in out["findings"] if not f["rule"].startswith("PARSE"))


def test_parsed_json_round_trips_to_the_same_findings(cli, tmp_path):
    source = EXAMPLES / "docs" / "performance-targets.txt"
    parsed = cli("parse", source, "--format", "json").output
    jsonschema.validate(json.loads(parsed), load_schema("document"))
    as_json = tmp_path / "submission.json"
    as_json.write_text(parsed, encoding="utf-8")
    assert _rules(cli, as_json) == _rules(cli, source)


def test_invalid_json_document_names_the_json_path(cli, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"path": "x", "tables": [{"title": "t", "budget": {"value": "多少"}}]}), encoding="utf-8")
    out = json.loads(cli("check", bad, "--format", "json", "--fail-on", "never").output)
    messages = [f["message"] for f in out["findings"] if f["rule"] == "PARSE001"]  # wrong types: unreadable (issue 19)
    assert any("$.tables[0].budget.value" in m for m in messages), messages


def test_broken_json_is_unreadable(cli, tmp_path):
    bad = tmp_path / "broken.json"
    bad.write_text('{"path": "x", "tables": [', encoding="utf-8")
    out = json.loads(cli("check", bad, "--format", "json").output)
    assert out["findings"][0]["rule"] == "PARSE001"
