"""The SARIF, JUnit, CSV and HTML reporters, and atomic --output (issue 6)."""
from __future__ import annotations

import csv
import html
import io
import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any, Dict, List

import pytest

from auditor.models import SEVERITY_RANK, Finding, Problem
from auditor.reporting.base import Report
from auditor.reporting.csv_reporter import COLUMNS, CsvReporter, guard
from auditor.reporting.html import HtmlReporter
from auditor.reporting.junit import JUnitReporter
from auditor.testing import perf_table

CRAFTED = "<script>alert(1)</script>"


def crafted_text() -> str:
    """A 绩效目标表 whose indicator names and values hold markup (VAL002 and VAL008 fire)."""
    return perf_table(indicators=[
        ("产出指标", "质量指标", CRAFTED + "合格率", "1家"),
        ("产出指标", "数量指标", "</script><img src=x onerror=alert(3)>次数", "优秀<script>alert(2)</script>"),
    ])


def write_crafted(folder: Path, name: str = "crafted.txt") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(crafted_text(), encoding="utf-8")
    return path


def findings_json(cli, *args: Any) -> Dict[str, Any]:
    result = cli("check", *args, "--format", "json", "--fail-on", "never")
    return json.loads(result.stdout)


def no_leftovers(folder: Path) -> bool:
    return not list(folder.glob(".auditor-*.tmp"))


# -- SARIF --------------------------------------------------------------------

def test_sarif_structure(cli, seeds_dir):
    expected = findings_json(cli, seeds_dir)["findings"]
    result = cli("check", seeds_dir, "--format", "sarif", "--fail-on", "never")
    log = json.loads(result.stdout)
    assert log["version"] == "2.1.0"
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert len(log["runs"]) == 1
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "auditor" and driver["version"]
    rules = driver["rules"]
    assert [r["id"] for r in rules] == sorted({f["rule"] for f in expected})
    for rule in rules:
        assert rule["shortDescription"]["text"] and rule["help"]["text"] and rule["help"]["markdown"]
        assert rule["defaultConfiguration"]["level"] in {"error", "warning", "note"}
    results = log["runs"][0]["results"]
    assert len(results) == len(expected)
    for res, finding in zip(results, expected):
        assert res["ruleId"] == finding["rule"]
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
        assert res["level"] in {"error", "warning", "note"}
        assert res["level"] == {"error": "error", "warning": "warning", "info": "note"}[finding["severity"]]
        summary = registry_rules()[finding["rule"]].summary.rstrip(".。 ")
        assert res["message"]["text"] == f"{summary} — {finding['message']}"  # fixed text first
        location = res["locations"][0]["physicalLocation"]
        assert location["region"]["startLine"] == finding["line"] >= 1
        # outside the working folder: an absolute file:// URI
        assert location["artifactLocation"]["uri"] == Path(finding["file"]).as_uri()
        assert res["partialFingerprints"]["auditor/v1"] == finding["fingerprint"]
        assert re.fullmatch(r"[0-9a-f]{16}:[0-9]+", res["partialFingerprints"]["primaryLocationLineHash"])
        assert rules[res["ruleIndex"]]["helpUri"].endswith(f"/docs/rules/{finding['rule']}.md")


def registry_rules():
    from auditor.engine import Settings, registry_for

    return registry_for(Settings()).rules


def test_sarif_relative_uri_and_escaping(cli, tmp_path):
    write_crafted(tmp_path / "docs" / "sub")
    result = cli("check", "docs", "--format", "sarif", "--fail-on", "never")
    assert "\\u" not in result.stdout.replace("\\\\", "")  # ensure_ascii=False: Chinese stays readable
    run = json.loads(result.stdout)["runs"][0]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"].startswith("file://")
    locations = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in run["results"]]
    assert locations and all(loc == {"uri": "docs/sub/crafted.txt", "uriBaseId": "%SRCROOT%"} for loc in locations)
    messages = [r["message"]["text"] for r in run["results"]]
    assert any(CRAFTED in m for m in messages)


# -- JUnit --------------------------------------------------------------------

def junit_root(cli, *args: Any) -> ET.Element:
    result = cli("check", *args, "--format", "junit")
    return ET.fromstring(result.stdout.encode("utf-8"))


@pytest.mark.parametrize("fail_on", ["error", "warning", "info"])
def test_junit_failures_match_fail_on(cli, seeds_dir, fail_on):
    findings = findings_json(cli, seeds_dir)["findings"]
    floor = SEVERITY_RANK[fail_on]
    expected = [f for f in findings if SEVERITY_RANK[f["severity"]] >= floor]
    root = junit_root(cli, seeds_dir, "--fail-on", fail_on)
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert len(suites) == 1
    every = suites[0].findall("testcase")
    clean = [c for c in every if c.get("name") == "auditor: no findings"]
    assert {c.get("classname") for c in clean}.isdisjoint({f["file"] for f in findings})
    cases = [c for c in every if c not in clean]
    # one test case per finding (Jenkins reads one failure a case), classname = the file
    assert len(cases) == len(findings) and int(suites[0].get("tests")) == len(every)
    assert len(expected) == len(root.findall(".//failure")) == int(suites[0].get("failures"))
    assert all(len(c.findall("failure")) <= 1 for c in cases)
    assert [c.get("classname") for c in cases] == [f["file"] for f in findings]
    for case, finding in zip(cases, findings):
        assert case.get("name").startswith(f'{finding["rule"]} line {finding["line"]}')
        assert float(case.get("time")) >= 0
        failure = case.find("failure")
        assert (failure is not None) == (SEVERITY_RANK[finding["severity"]] >= floor)
        if failure is not None:
            assert failure.get("type") == finding["rule"] and finding["message"] in failure.text
        else:
            assert finding["message"] in case.find("system-out").text
    assert float(root.get("time")) > 0
    names = [(c.get("classname"), c.get("name")) for c in cases]
    assert len(names) == len(set(names))


def test_junit_fail_on_never_has_no_failures(cli, seeds_dir):
    root = junit_root(cli, seeds_dir, "--fail-on", "never")
    assert root.findall(".//failure") == []
    assert root.find("testsuite").get("failures") == "0"
    assert root.findall(".//system-out")  # the findings are still there, as output


def test_junit_cli_lists_every_file(cli, seeds_dir):
    root = junit_root(cli, seeds_dir, "--fail-on", "never")
    files = sorted(str(p) for p in seeds_dir.iterdir() if p.suffix == ".txt")
    assert sorted({c.get("classname") for c in root.iter("testcase")}) == files


def test_junit_clean_files_pass_and_problems_error():
    bad = "bad\x01name<&>\u202e.txt"
    findings = [
        Finding(rule="VAL002", severity="error", file="a.txt", line=3, column=5, message="比率 \x0b<b>&\x00 1家", evidence="1家"),
        Finding(rule="IND004", severity="info", file="a.txt", line=9, message="重复"),
        Finding(rule="VAL002", severity="error", file="a.txt", line=3, column=5, message="again"),
        Finding(rule="VAL002", severity="error", file="b.xlsx", line=13, location="表2!E13", message="m"),
        Finding(rule="PARSE001", severity="error", file=bad, line=1, message="cannot read"),
    ]
    report = Report(findings=findings, problems=[Problem(file=bad, message="cannot read \x1b[31m")],
                    audited=["a.txt", "b.xlsx", "clean.txt", bad], fail_on="error", durations={"a.txt": 0.3, "clean.txt": 0.1})
    root = ET.fromstring(JUnitReporter().render(report).encode("utf-8"))
    cases = [(c.get("classname"), c.get("name"), c) for c in root.iter("testcase")]
    assert [(k, n) for k, n, _ in cases] == [
        ("a.txt", "VAL002 line 3 col 5"), ("a.txt", "IND004 line 9"), ("a.txt", "VAL002 line 3 col 5 #2"),
        ("b.xlsx", "VAL002 表2!E13"), ("clean.txt", "auditor: no findings"),
        ("bad\ufffdname<&>\ufffd.txt", "auditor: file could not be read")]
    by_name = {n: c for _, n, c in cases}
    assert by_name["auditor: no findings"].find("failure") is None and by_name["auditor: no findings"].get("time") == "0.100"
    failure = by_name["VAL002 line 3 col 5"].find("failure")
    assert "<b>&" in failure.text and "\x0b" not in failure.text and "\ufffd" in failure.text
    assert "重复" in by_name["IND004 line 9"].find("system-out").text
    assert by_name["auditor: file could not be read"].find("error").get("message") == "cannot read \ufffd[31m"
    assert root.get("tests") == "6" and root.get("errors") == "1" and root.get("failures") == "3"
    assert root.get("time") == "0.400"


def test_report_documents_falls_back_to_findings_and_problems():
    report = Report(findings=[Finding(rule="X1", severity="error", file="b.txt", line=1, message="m")],
                    problems=[Problem(file="c.txt", message="m")])
    assert report.documents() == ["b.txt", "c.txt"]
    report.audited = ["a.txt", "b.txt"]
    assert report.documents() == ["a.txt", "b.txt", "c.txt"]


# -- CSV ----------------------------------------------------------------------

def csv_rows(data: bytes) -> List[List[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_csv_round_trip(cli, seeds_dir, tmp_path):
    findings = findings_json(cli, seeds_dir)["findings"]
    out = tmp_path / "findings.csv"
    cli("check", seeds_dir, "--format", "csv", "--fail-on", "never", "--output", out)
    rows = csv_rows(out.read_bytes())
    assert rows[0] == list(COLUMNS)
    assert len(rows) - 1 == len(findings)
    for row, finding in zip(rows[1:], findings):
        record = dict(zip(COLUMNS, row))
        assert record["file"] == finding["file"] and record["line"] == str(finding["line"])
        assert record["rule"] == finding["rule"] and record["fingerprint"] == finding["fingerprint"]
        assert record["message"] == guard(finding["message"])
    assert any("资金支出计划" in r[COLUMNS.index("message")] for r in rows[1:])
    with out.open(encoding="utf-8-sig", newline="") as fh:  # the way a user's script reads it
        assert next(csv.DictReader(fh))["rule"] == findings[0]["rule"]


def test_csv_to_stdout_is_bytes_with_bom(cli, tmp_path):
    write_crafted(tmp_path / "docs")
    result = cli("check", "docs", "--format", "csv", "--fail-on", "never")
    rows = csv_rows(result.stdout_bytes)
    assert any(CRAFTED in r[COLUMNS.index("message")] for r in rows[1:])


@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"])
def test_csv_formula_injection_guarded(text):
    finding = Finding(rule="VAL001", severity="warning", file=text, line=2, message=text, evidence=text, table=text)
    rows = csv_rows(CsvReporter().render(Report(findings=[finding])))
    record = dict(zip(COLUMNS, rows[1]))
    for column in ("file", "message", "evidence", "table"):
        assert record[column] == "'" + text
    assert record["line"] == "2"


def test_csv_plain_text_untouched():
    assert guard("≥90%") == "≥90%" and guard("合格率=100%") == "合格率=100%" and guard(5) == 5 and guard(None) == ""


# -- --output -----------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "junit", "csv", "html"])
def test_output_written_atomically(cli, tmp_path, fmt):
    write_crafted(tmp_path / "docs")
    out = tmp_path / "out" / f"report.{fmt}"
    out.parent.mkdir()
    out.write_text("old", encoding="utf-8")
    result = cli("check", "docs", "--format", fmt, "--fail-on", "never", "-o", out)
    assert result.exit_code == 0
    assert out.exists() and out.read_bytes() != b"old" and out.stat().st_size > 0
    assert no_leftovers(out.parent)


def test_failing_reporter_leaves_old_output(cli, tmp_path, monkeypatch):
    write_crafted(tmp_path / "docs")
    out = tmp_path / "report.html"
    out.write_text("previous report", encoding="utf-8")

    def broken(self, report):
        raise RuntimeError("reporter broke")

    monkeypatch.setattr(HtmlReporter, "render", broken)
    result = cli("check", "docs", "--format", "html", "-o", out)
    assert result.exit_code == 2  # an internal error: a message and exit 2, never a traceback
    assert out.read_text(encoding="utf-8") == "previous report"
    assert no_leftovers(tmp_path)


def test_write_atomic_failure_keeps_old_file(tmp_path, monkeypatch):
    from auditor import atomic
    from auditor.reporting import base

    out = tmp_path / "r.json"
    out.write_text("old", encoding="utf-8")
    monkeypatch.setattr(atomic.os, "replace", lambda *a: (_ for _ in ()).throw(OSError("disk full")))
    with pytest.raises(OSError):
        base.write_atomic(str(out), "new")
    assert out.read_text(encoding="utf-8") == "old" and no_leftovers(tmp_path)


# -- HTML (no browser) ---------------------------------------------------------

def render_html(cli, tmp_path: Path, *paths: Any) -> str:
    out = tmp_path / "report.html"
    cli("check", *paths, "--format", "html", "--fail-on", "never", "-o", out)
    return out.read_text(encoding="utf-8")


def page_data(page: str) -> Dict[str, Any]:
    """The findings the page's script shows: the JSON text of its hidden #report-data block."""
    match = re.search(r'<pre id="report-data" hidden>(.*?)</pre>', page, re.S)
    assert match and "<" not in match.group(1)  # markup in document text stays escaped
    return json.loads(html.unescape(match.group(1)))


def test_html_escapes_document_text(cli, tmp_path):
    write_crafted(tmp_path / "docs", name="crafted<i>&.txt")
    page = render_html(cli, tmp_path, "docs")
    assert "<script>alert(" not in page and "<img src=x" not in page
    data = page_data(page)
    assert any(CRAFTED + "合格率" in f["m"] for f in data["findings"])  # message, as text for textContent
    assert any(CRAFTED + "合格率" in line for lines in data["lines"].values() for line in lines.values())
    assert "&lt;img src=x onerror=alert(3)&gt;" in page
    assert "crafted&lt;i&gt;&amp;.txt" in page and "crafted<i>" not in page
    assert page.count("<script") == 1 and page.count("</script>") == 1  # only the page's own script
    assert "http://" not in page and "https://" not in page  # no network: no CDN, fonts or images


def test_html_content(cli, tmp_path):
    doc = write_crafted(tmp_path / "docs")
    findings = findings_json(cli, "docs")["findings"]
    page = render_html(cli, tmp_path, "docs")
    data = page_data(page)
    assert f'id="visible-count">{len(findings)}<' in page
    assert len(data["findings"]) == len(findings)
    for row, finding in zip(data["findings"], findings):
        assert (data["docs"][row["d"]], row["l"], row["r"], row["s"], row["m"]) == (
            finding["file"], finding["line"], finding["rule"], finding["severity"], finding["message"])
        assert f'id="rule-{finding["rule"]}"' in page and data["anchors"][finding["rule"]] == f'rule-{finding["rule"]}'
    # the source around VAL002's line: three lines either side, for the script to show and mark
    val002 = next(f for f in findings if f["rule"] == "VAL002")
    lines = doc.read_text(encoding="utf-8").split("\n")
    shown = data["lines"]["0"]
    for n in range(val002["line"] - 3, val002["line"] + 4):
        assert shown[str(n)] == lines[n - 1]
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert "比率类指标使用了计数单位" in page  # VAL002's summary, in its explanation
    assert 'id="search"' in page and 'id="doc-filter"' in page and 'id="table-filter"' in page
    assert 'aria-label="按规则 / findings by rule"' in page and "<svg" in page  # the bar charts


def test_html_without_source_shows_evidence_and_native_excerpt(tmp_path):
    finding = Finding(rule="VAL002", severity="error", file=str(tmp_path / "gone.docx"), line=4,
                      message="m", evidence="1家<b>", location="table 1 row 4",
                      source={"kind": "docx", "excerpt": ["满意度", "≥90%", "1家<b>\u202e"], "excerpt_index": 2})
    page = HtmlReporter().render(Report(findings=[finding]))
    row = page_data(page)["findings"][0]
    assert row["e"] == "1家<b>" and row["o"] == "table 1 row 4" and page_data(page)["lines"] == {"0": {}}
    assert row["x"] == ["满意度", "≥90%", "1家<b>\ufffd"] and row["xi"] == 2  # bidi override neutralised
    missing = finding.model_copy(update={"file": str(tmp_path / "missing.txt"), "location": None, "source": None})
    assert page_data(HtmlReporter().render(Report(findings=[missing])))["lines"] == {"0": {}}


def test_html_csp_hashes_match_inline_code(cli, tmp_path):
    import base64
    import hashlib
    import re

    write_crafted(tmp_path / "docs")
    page = render_html(cli, tmp_path, "docs")
    for tag in ("style", "script"):
        body = re.search(rf"<{tag}>(.*?)</{tag}>", page, re.S).group(1)
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        assert f"{tag}-src 'sha256-{digest}'" in page


def test_html_of_a_seed_shows_source(seeds_dir, tmp_path, cli):
    """The real seeds render; the source lines of a seed appear around its findings."""
    shutil.copy(next(p for p in sorted(seeds_dir.iterdir()) if p.name.startswith("001")), tmp_path / "001.txt")
    page = render_html(cli, tmp_path, "001.txt")
    data = page_data(page)
    assert data["docs"] == ["001.txt"] and data["lines"]["0"] and "001.txt" in page


@pytest.mark.parametrize("reporter", [HtmlReporter(), JUnitReporter(), CsvReporter()], ids=lambda r: r.name)
def test_reporters_handle_a_clean_run(reporter):
    """No findings at all: every reporter still renders, and the clean file is listed where files are."""
    out = reporter.render(Report(findings=[], files=1, audited=["clean.txt"]))
    text = out.decode("utf-8-sig") if isinstance(out, bytes) else out
    if reporter.name == "html":
        assert "没有问题 / no findings</p>" in text and "clean.txt" in text
    elif reporter.name == "junit":
        assert ET.fromstring(text.encode("utf-8")).find(".//testcase").get("classname") == "clean.txt"
    else:
        assert text.strip() == ",".join(COLUMNS)


def test_sarif_clean_run_is_valid_shape():
    from auditor.reporting.sarif import SarifReporter

    log = json.loads(SarifReporter().render(Report(findings=[])))
    assert log["runs"][0]["results"] == [] and log["runs"][0]["tool"]["driver"]["rules"] == []


def test_streamed_json_text_is_what_json_dumps_writes():
    """The JSON reporter writes each finding without the standard library's pure-Python indented
    encoder; the text must stay byte for byte what ``json.dumps(..., indent=2)`` gives."""
    import enum

    from auditor.reporting.json_reporter import _indent, dumps_indented

    class Level(int, enum.Enum):
        HIGH = 3

    values = [
        {}, [], {"a": []}, {"b": {}}, "s", 10**30, -0.0, 1e16, 1e-05, float("nan"), float("inf"), -float("inf"),
        [1, 2.5, True, False, None, "x\u2028\n\t\"\\\x01\x7f中文"],
        {1: "a", 2.5: "b", True: "c", None: "d", "k": {"nested": [[], {}, [{"z": 1}]]}},
        (1, (2,)), {"level": Level.HIGH},
    ]
    deep: Any = "deep"
    for _ in range(20):  # deeper than the cached indents
        deep = [1, {"k": deep}]
    values.append(deep)
    for value in values:
        for level in (0, 2):
            assert dumps_indented(value, level) == _indent(json.dumps(value, ensure_ascii=False, indent=2), "  " * level)
    with pytest.raises(TypeError):
        dumps_indented({"x": object()})
