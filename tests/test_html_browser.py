"""The HTML report in a real browser (headless Chromium): filters, rule pages, no script runs.

Skipped only when chromium or chromedriver is not installed
(Debian: ``apt-get install chromium chromium-driver``).
"""
from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path
from typing import Any, Dict, Iterator, List

import pytest
from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from auditor.testing import perf_table

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
CRAFTED = "<script>alert(1)</script>"

pytestmark = pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER), reason="chromium and chromedriver are not installed")


@pytest.fixture(scope="module")
def driver(tmp_path_factory) -> Iterator[webdriver.Chrome]:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1280,1600",
                f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    browser = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    browser.set_page_load_timeout(15)
    try:
        yield browser
    finally:
        browser.quit()


def write_documents(folder: Path) -> None:
    """Small documents with findings of each severity, one crafted with markup, one clean."""
    folder.mkdir()
    documents = {
        "crafted.txt": perf_table(indicators=[
            ("产出指标", "质量指标", CRAFTED + "合格率", "1家"),
            ("产出指标", "数量指标", "</script><img src=x onerror=alert(3)>次数", "优秀<script>alert(2)</script>"),
        ]),
        "zero.txt": perf_table(indicators=[("产出指标", "数量指标", "支出笔数", "≥0元")], satisfaction=False),
        "clean.txt": perf_table(indicators=[("产出指标", "数量指标", "培训人次", "≥100人次")]),
    }
    for name, text in documents.items():
        (folder / name).write_text(text, encoding="utf-8")


def audit(cli, tmp_path: Path, folder: str) -> List[Dict[str, Any]]:
    """The findings (from the JSON report) and the HTML report of the same run."""
    findings = json.loads(cli("check", folder, "--format", "json", "--fail-on", "never").stdout)["findings"]
    cli("check", folder, "--format", "html", "--fail-on", "never", "-o", tmp_path / "report.html")
    return findings


def visible_count(browser) -> int:
    return int(browser.find_element(By.ID, "visible-count").text)


def shown_findings(browser) -> int:
    return sum(1 for el in browser.find_elements(By.CSS_SELECTOR, ".finding") if el.is_displayed())


def severe_logs(browser) -> List[Dict[str, Any]]:
    return [entry for entry in browser.get_log("browser") if entry.get("level") == "SEVERE"]


def assert_no_alert(browser) -> None:
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018 - raises when no alert is open


def test_filters_rule_page_and_escaping(cli, tmp_path, driver):
    write_documents(tmp_path / "docs")
    findings = audit(cli, tmp_path, "docs")
    by_severity = Counter(f["severity"] for f in findings)
    by_rule = Counter(f["rule"] for f in findings)
    assert by_severity["error"] and by_severity["warning"] and by_rule["VAL002"]

    driver.get((tmp_path / "report.html").as_uri())
    assert_no_alert(driver)
    assert visible_count(driver) == len(findings) == shown_findings(driver)

    warning_box = driver.find_element(By.CSS_SELECTOR, "input[data-severity-filter][value='warning']")
    warning_box.click()
    assert visible_count(driver) == len(findings) - by_severity["warning"] == shown_findings(driver)
    warning_box.click()
    assert visible_count(driver) == len(findings)

    rules = Select(driver.find_element(By.ID, "rule-filter"))
    rules.select_by_value("VAL002")
    assert visible_count(driver) == by_rule["VAL002"] == shown_findings(driver)
    driver.find_element(By.CSS_SELECTOR, "input[data-severity-filter][value='error']").click()
    assert visible_count(driver) == 0
    assert driver.find_element(By.ID, "no-match").is_displayed()
    driver.find_element(By.CSS_SELECTOR, "input[data-severity-filter][value='error']").click()
    rules.select_by_value("")
    assert visible_count(driver) == len(findings)

    # the rule's explanation, one click from the finding
    from auditor.engine import Settings, registry_for

    val002 = registry_for(Settings()).rules["VAL002"]
    driver.find_element(By.CSS_SELECTOR, ".finding[data-rule='VAL002'] a.rule-link").click()
    dialog = driver.find_element(By.ID, "rule-dialog")
    assert dialog.get_attribute("open") is not None and dialog.is_displayed()
    assert "VAL002" in driver.find_element(By.ID, "rule-dialog-title").text
    body = driver.find_element(By.ID, "rule-dialog-body").get_attribute("textContent")
    assert val002.summary in body and val002.fix in body
    driver.find_element(By.ID, "rule-dialog-close").click()
    assert dialog.get_attribute("open") is None

    # the crafted markup is text on the page, and nothing ran
    messages = [el.get_attribute("textContent") for el in driver.find_elements(By.CSS_SELECTOR, ".finding .message")]
    assert any(CRAFTED + "合格率" in m for m in messages)
    sources = [el.get_attribute("textContent") for el in driver.find_elements(By.CSS_SELECTOR, ".source tr.hit .code")]
    assert any(CRAFTED in s for s in sources)
    assert driver.execute_script("return document.scripts.length") == 1
    assert driver.execute_script("return document.querySelectorAll('img').length") == 0
    assert_no_alert(driver)
    assert severe_logs(driver) == []


def test_seeds_report_opens_cleanly(cli, tmp_path, seeds_dir, driver):
    findings = audit(cli, tmp_path, str(seeds_dir))
    driver.get((tmp_path / "report.html").as_uri())
    assert visible_count(driver) == len(findings) == shown_findings(driver)
    info = sum(1 for f in findings if f["severity"] == "info")
    driver.find_element(By.CSS_SELECTOR, "input[data-severity-filter][value='info']").click()
    assert visible_count(driver) == len(findings) - info
    # a rule page opens from the summary table too
    driver.find_element(By.CSS_SELECTOR, ".by-rule a.rule-link").click()
    assert driver.find_element(By.ID, "rule-dialog").get_attribute("open") is not None
    assert severe_logs(driver) == []


# -- a large report: paging, search, filters, links, timings ------------------------------------

BIG = 24_000


def big_report():
    """24,000 findings over 240 documents, 4 tables each and every built-in rule, with run history."""
    from auditor.engine import Settings, registry_for
    from auditor.models import Finding
    from auditor.reporting.base import Report

    rules = registry_for(Settings()).rules
    ids = sorted(rules)
    findings = []
    for i in range(BIG):
        doc, rid = i // 100, ids[i % len(ids)]
        findings.append(Finding(
            rule=rid, severity=("error", "warning", "info")[i % 3], file=f"archive/{doc:03d}/预算{doc}.xlsx",
            line=i % 100 + 1, location=f"表{i % 4 + 1}!E{i % 100 + 1}", table=f"项目{doc}-{i % 4}绩效目标表",
            message=f"“指标{i}” 1家 / finding number {i}", evidence=f"{i}家",
            source={"kind": "xlsx", "excerpt": ["产出指标", f"指标{i}", f"{i}家"], "excerpt_index": 2}))
    findings.sort(key=lambda f: (f.file, f.line, f.rule))
    history = [{"run": n, "when": f"2026-0{n}-01", "new": 10 * n, "fixed": 5 * n, "open": 100 + n} for n in range(1, 7)]
    return Report(findings=findings, files=240, rules=rules, audited=sorted({f.file for f in findings}),
                  extra={"history": history})


def wait_until(browser, script: str, timeout: float = 20.0):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(browser, timeout).until(lambda b: b.execute_script(script))


def test_big_report_pages_filters_searches_and_links(tmp_path, driver):
    import time

    from auditor.reporting.html import PAGE_SIZE, HtmlReporter

    report = big_report()
    page = tmp_path / "big.html"
    page.write_text(HtmlReporter().render(report), encoding="utf-8")
    started = time.perf_counter()
    driver.get(page.as_uri())
    wait_until(driver, "return window.auditorTimings && window.auditorTimings.load > 0")
    loaded = time.perf_counter() - started
    timings = driver.execute_script("return window.auditorTimings")
    assert visible_count(driver) == BIG and shown_findings(driver) == PAGE_SIZE
    assert "1 / 240" in driver.find_element(By.ID, "page-info").text

    target = report.findings[7]
    Select(driver.find_element(By.ID, "rule-filter")).select_by_value(target.rule)
    by_rule = sum(1 for f in report.findings if f.rule == target.rule)
    assert visible_count(driver) == by_rule and shown_findings(driver) == min(PAGE_SIZE, by_rule)
    rule_ms = driver.execute_script("return window.auditorTimings.filter + window.auditorTimings.render")
    assert all(el.get_attribute("data-rule") == target.rule for el in driver.find_elements(By.CSS_SELECTOR, ".finding"))
    Select(driver.find_element(By.ID, "rule-filter")).select_by_value("")

    docs = report.documents()
    Select(driver.find_element(By.ID, "doc-filter")).select_by_value(str(docs.index(target.file)))
    assert visible_count(driver) == sum(1 for f in report.findings if f.file == target.file) == 100
    Select(driver.find_element(By.ID, "doc-filter")).select_by_value("")

    box = driver.find_element(By.ID, "search")
    box.send_keys("finding number 12345\n")
    wait_until(driver, "return document.getElementById('visible-count').textContent === '1'")
    search_ms = driver.execute_script("return window.auditorTimings.filter + window.auditorTimings.render")
    assert "finding number 12345" in driver.find_element(By.CSS_SELECTOR, ".finding .message").text
    excerpt = driver.find_element(By.CSS_SELECTOR, ".finding .excerpt td.hit mark").text
    assert excerpt == "12345家"  # the native row, the finding's cell marked
    box.clear()
    box.send_keys("\n")
    wait_until(driver, f"return document.getElementById('visible-count').textContent === '{BIG}'")

    driver.find_element(By.ID, "page-next").click()
    assert "2 / 240" in driver.find_element(By.ID, "page-info").text

    # a link to one finding far down the list opens its page and marks it
    index = BIG - 5
    driver.get(page.as_uri() + f"#f-{index}")
    wait_until(driver, f"return !!document.getElementById('f-{index}')")
    assert "target" in driver.find_element(By.ID, f"f-{index}").get_attribute("class")
    assert driver.find_element(By.ID, f"f-{index}").is_displayed()
    assert len(driver.find_elements(By.CSS_SELECTOR, ".charts svg")) == 3  # by rule, by kind, per run
    assert severe_logs(driver) == []
    print(f"\nHTML report of {BIG} findings ({page.stat().st_size / 1e6:.1f} MB): page load {loaded * 1000:.0f} ms "
          f"(script {timings['load']:.0f} ms), rule filter {rule_ms:.0f} ms, search {search_ms:.0f} ms")
