"""[[suppress]] entries: a reason is required, expiry works, unused entries are reported,
--add-suppressions writes entries into the configuration and keeps the rest of it."""
from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from conftest import seed


def setup(tmp_path: Path, config: str = "", name: str = "auditor.toml") -> Path:
    src = tmp_path / "s001.txt"
    src.write_bytes(seed("001").read_bytes())
    if config:
        (tmp_path / name).write_text(config, encoding="utf-8")
    return src


def check_json(cli, *args):
    result = cli("check", *args, "--format", "json", "--fail-on", "never")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_a_reason_is_required(tmp_path, cli, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for body in ('rule = "PLAN001"\n', 'rule = "PLAN001"\nreason = "  "\n', 'reason = "no rule nor fingerprint"\n'):
        src = setup(tmp_path, "[[suppress]]\n" + body)
        result = cli("check", src)
        assert result.exit_code == 2
        assert "suppress" in result.output
    src = setup(tmp_path, '[[suppress]]\nrule = "NOPE001"\nreason = "x"\n')
    assert cli("check", src).exit_code == 2


def test_rule_and_file_suppress_with_the_reason_kept(tmp_path, cli, monkeypatch):
    monkeypatch.chdir(tmp_path)
    src = setup(tmp_path, '[[suppress]]\nrule = "PLAN"\nfile = "s001.*"\nreason = "财政局同意按金额填报 / agreed with the finance bureau"\n')
    doc = check_json(cli, src.name, "--show-suppressed")
    assert not [f for f in doc["findings"] if f["rule"].startswith("PLAN")]
    assert doc["summary"]["suppressed"] == 16 == len(doc["suppressed"])
    assert all(f["suppression"]["reason"].startswith("财政局同意") for f in doc["suppressed"])
    text = cli("check", src.name, "--show-suppressed").output
    assert "Suppressed / 已抑制:" in text and "agreed with the finance bureau" in text and "16 suppressed" in text
    assert "16 suppressed (--show-suppressed lists them)" in cli("check", src.name).output


def test_fingerprint_and_field_entries_pick_single_findings(tmp_path, cli, monkeypatch):
    monkeypatch.chdir(tmp_path)
    src = setup(tmp_path)
    found = check_json(cli, src.name)["findings"]
    val002 = [f for f in found if f["rule"] == "VAL002"]
    assert len(val002) >= 2
    one, other = val002[0], val002[1]
    (tmp_path / "auditor.toml").write_text(
        f'[[suppress]]\nfingerprint = "{one["fingerprint"]}"\nreason = "accepted"\n'
        f'[[suppress]]\nrule = "VAL002"\nfield = "{other["field"]}"\nreason = "also accepted"\n', encoding="utf-8")
    after = check_json(cli, src.name)
    left = {f["fingerprint"] for f in after["findings"]}
    assert one["fingerprint"] not in left and other["fingerprint"] not in left
    assert len([f for f in after["findings"] if f["rule"] == "VAL002"]) == len(val002) - 2
    assert after["summary"]["suppressed"] == 2 and "suppressed" not in after  # the list only with --show-suppressed


def test_suppressed_errors_do_not_fail_the_run(tmp_path, cli, monkeypatch):
    monkeypatch.chdir(tmp_path)
    src = setup(tmp_path, '[[suppress]]\nrule = "PLAN001"\nreason = "known"\n')
    assert cli("check", src.name, "--select", "PLAN001").exit_code == 0


def test_expired_entries_stop_suppressing_and_are_reported(tmp_path, cli, monkeypatch):
    monkeypatch.chdir(tmp_path)
    yesterday, today = date.today() - timedelta(days=1), date.today()
    src = setup(tmp_path, f'# accepted findings\n\n[[suppress]]\nrule = "PLAN001"\nreason = "until the new template"\nuntil = {yesterday}\n\n'
                          f'[[suppress]]\nrule = "VAL002"\nreason = "ok today"\nuntil = "{today}"\n')
    doc = check_json(cli, src.name)
    assert len([f for f in doc["findings"] if f["rule"] == "PLAN001"]) == 16
    assert not [f for f in doc["findings"] if f["rule"] == "VAL002"]  # the last day still holds
    expired = [f for f in doc["findings"] if f["rule"] == "SUP002"]
    assert len(expired) == 1 and expired[0]["file"] == "auditor.toml" and expired[0]["line"] == 3
    assert str(yesterday) in expired[0]["message"] and not [f for f in doc["findings"] if f["rule"] == "SUP001"]


def test_unused_entries_are_reported_only_for_files_audited(tmp_path, cli, monkeypatch):
    monkeypatch.chdir(tmp_path)
    src = setup(tmp_path, '[[suppress]]\nrule = "VAL003"\nfile = "s001.txt"\nreason = "no such finding"\n\n'
                          '[[suppress]]\nrule = "VAL003"\nfile = "archive/*.txt"\nreason = "not audited in this run"\n')
    doc = check_json(cli, src.name)
    unused = [f for f in doc["findings"] if f["rule"] == "SUP001"]
    assert [(f["file"], f["line"]) for f in unused] == [("auditor.toml", 1)]
    assert "unused suppression" in unused[0]["message"]
    assert not [f for f in check_json(cli, src.name, "--ignore", "SUP")["findings"] if f["rule"].startswith("SUP")]


def test_add_suppressions_needs_a_reason_and_keeps_the_configuration(tmp_path, cli, monkeypatch):
    monkeypatch.chdir(tmp_path)
    config = '# our settings\nignore = ["VAL009"]  # noisy here\n\n[params.IND003]\nminimum = 85\n'
    src = setup(tmp_path, config)
    assert cli("check", src.name, "--add-suppressions").exit_code == 2
    result = cli("check", src.name, "--add-suppressions", "--reason", "baseline of 2022 / 2022 年存量问题", "--until", "2099-12-31")
    assert result.exit_code == 0  # every finding of the run is now accepted
    written = (tmp_path / "auditor.toml").read_text(encoding="utf-8")
    assert written.startswith(config)  # comments, order and values kept
    assert written.count("[[suppress]]") == len(check_json(cli, src.name, "--show-suppressed")["suppressed"]) > 0
    again = check_json(cli, src.name)
    assert again["findings"] == [] and again["summary"]["suppressed"] > 0  # no finding left, no unused entry
    assert "reason = \"baseline of 2022 / 2022 年存量问题\"" in written and "until = 2099-12-31" in written


def test_add_suppressions_into_pyproject_and_refused_for_setup_cfg(tmp_path, cli, monkeypatch):
    monkeypatch.chdir(tmp_path)
    src = setup(tmp_path, '[project]\nname = "x"\n\n[tool.auditor]\nfail-on = "warning"\n', name="pyproject.toml")
    assert cli("check", src.name, "--select", "PLAN001", "--add-suppressions", "--reason", "ok").exit_code == 0
    text = (tmp_path / "pyproject.toml").read_text(encoding="utf-8")
    assert text.startswith('[project]\nname = "x"\n\n[tool.auditor]\nfail-on = "warning"\n') and text.count("[[tool.auditor.suppress]]") == 16
    assert cli("check", src.name, "--select", "PLAN001").exit_code == 0
    (tmp_path / "pyproject.toml").unlink()
    (tmp_path / "setup.cfg").write_text("[auditor]\nignore = VAL009\n", encoding="utf-8")
    result = cli("check", src.name, "--add-suppressions", "--reason", "ok")
    assert result.exit_code == 2 and "TOML" in result.output


def test_fix_leaves_suppressed_findings_alone(tmp_path, cli, monkeypatch):
    monkeypatch.chdir(tmp_path)
    src = setup(tmp_path, '[[suppress]]\nrule = "PLAN001"\nreason = "kept as amounts on purpose"\n')
    result = cli("fix", src.name, "--diff")
    assert result.exit_code == 0 and "0 fixes would be applied" in result.output


def test_sweep_applies_the_entries_too(tmp_path, cli, monkeypatch):
    monkeypatch.chdir(tmp_path)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "s001.txt").write_bytes(seed("001").read_bytes())
    (tmp_path / "auditor.toml").write_text('[[suppress]]\nrule = "PLAN001"\nreason = "known"\n\n'
                                           '[[suppress]]\nrule = "VAL003"\nreason = "nothing matches"\n', encoding="utf-8")
    out = tmp_path / "o.json"
    cli("sweep", "docs", "--jobs", "1", "--db", tmp_path / "h.db", "--format", "json", "-o", out, "--fail-on", "never")
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["summary"]["suppressed"] == 16 and not [f for f in doc["findings"] if f["rule"] == "PLAN001"]
    assert [(f["rule"], f["file"], f["line"]) for f in doc["findings"] if f["rule"].startswith("SUP")] == [("SUP001", "auditor.toml", 5)]
    page = tmp_path / "o.sarif"
    cli("sweep", "docs", "--jobs", "1", "--db", tmp_path / "h.db", "--format", "sarif", "-o", page, "--fail-on", "never")
    results = json.loads(page.read_text(encoding="utf-8"))["runs"][0]["results"]
    assert not [r for r in results if r["ruleId"] == "PLAN001"] and [r for r in results if r["ruleId"] == "SUP001"]
