"""Configuration files: found upward from each file's folder, validated, applied."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import EXAMPLES

EXAMPLE = EXAMPLES / "docs" / "performance-targets-from-pdf.md"
DOC = Path("performance-targets-from-pdf.md")  # a copy in each test's own folder, beside its configuration


@pytest.fixture(autouse=True)
def _doc_here(tmp_path):
    shutil.copy(EXAMPLE, tmp_path / DOC)


def _rules(cli, *args, doc=DOC):
    return [f["rule"] for f in json.loads(cli("check", doc, "--format", "json", *args).output)["findings"]]


def test_setup_cfg_section_is_read(cli, tmp_path):
    (tmp_path / "setup.cfg").write_text("[auditor]\nignore = VAL\nseverity = IND003=error\nIND003.minimum = 50\n", encoding="utf-8")
    rules = _rules(cli)
    assert not any(r.startswith("VAL") for r in rules)
    assert "IND003" not in rules  # 60% is above the configured minimum of 50


def test_pyproject_tool_section_is_read_from_a_parent_folder(cli, tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text('[tool.auditor]\nselect = ["IND003"]\n[tool.auditor.severity]\nIND003 = "error"\n', encoding="utf-8")
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    shutil.move(str(tmp_path / DOC), str(sub / DOC))
    for where in (tmp_path, sub, Path("/")):  # the same findings from any working folder
        monkeypatch.chdir(where)
        doc = json.loads(cli("check", sub / DOC, "--format", "json").output)
        assert [(f["rule"], f["severity"]) for f in doc["findings"]] == [("IND003", "error")]


def test_auditor_toml_params(cli, tmp_path):
    (tmp_path / "auditor.toml").write_text("[params.IND003]\nminimum = 95\n", encoding="utf-8")
    assert _rules(cli).count("IND003") == 2  # ≥60% and ≥90% are both below 95


def test_unknown_key_is_an_error_naming_the_key(cli, tmp_path):
    (tmp_path / "auditor.toml").write_text('selekt = ["VAL"]\n', encoding="utf-8")
    result = cli("check", DOC)
    assert result.exit_code == 2
    assert "selekt" in result.output


def test_unknown_rule_parameter_is_an_error(cli, tmp_path):
    (tmp_path / "setup.cfg").write_text("[auditor]\nIND003.maximum = 50\n", encoding="utf-8")
    result = cli("check", DOC)
    assert result.exit_code == 2 and "maximum" in result.output


def test_bad_severity_is_an_error(cli, tmp_path):
    (tmp_path / "setup.cfg").write_text("[auditor]\nseverity = IND003=fatal\n", encoding="utf-8")
    result = cli("check", DOC)
    assert result.exit_code == 2 and "severity" in result.output


def test_per_file_ignores(cli, tmp_path):
    (tmp_path / "setup.cfg").write_text("[auditor]\nper-file-ignores =\n    *-from-pdf.md: VAL,IND\n", encoding="utf-8")
    rules = _rules(cli)
    assert rules and not any(r.startswith(("VAL", "IND")) for r in rules)
