"""Checks across documents (XDOC001–XDOC005, GPS003 across disclosures): facts, index, corpus phase.

The tests build a small cluster of documents for one city and year: a
department's 绩效目标表 with several projects, the project self-evaluations,
the next year's table for one project, another department's table that reuses
a code, two disclosures of one buyer and one of another buyer, and an
unrelated notice.  Each rule must fire where the cluster plants it and nowhere
else, with the same findings from ``check``, a local ``sweep``, a
``--changed-only`` sweep and a Dask sweep.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Dict, List, Sequence, Set, Tuple

import jsonschema
import pytest

from auditor import engine
from auditor.corpus.facts import FileFacts, IndicatorFact, ProjectFact, Ref
from auditor.corpus.index import FactsIndex, Located
from auditor.corpus.keys import buyer_of, name_key, same_name, unit_key
from auditor.schemas import load_schema
from auditor.testing import perf_table
from selfeval_docs import one_cell_a_line, self_evaluation

DEPT = "502101青岛市示例局本级"


@pytest.fixture(autouse=True)
def _fresh_registry(monkeypatch):
    monkeypatch.setattr(engine, "_REGISTRY_CACHE", {})


# -- the cluster --------------------------------------------------------------------------------

def targets(projects: Sequence[Dict], dept: str = DEPT) -> str:
    """A department's 绩效目标表 document: one table a project, each under its unit line."""
    parts = []
    for k, p in enumerate(projects):
        text = perf_table(title=f"{k + 1}.{p['name']}绩效目标表", code=p["code"], name=p["name"], budget=p["budget"],
                          indicators=p["indicators"])
        parts.append(text.replace("单位：万元", f"{dept}\n\n单位：万元", 1))
    return "\n".join(parts)


ELDERLY = {"name": "社区养老服务补贴资金", "code": "37021023P88002810401A", "budget": "260.00", "indicators": [
    ("产出指标", "数量指标", "补贴老人人数", "≥1200人"),
    ("产出指标", "质量指标", "补贴发放准确率", "≥98%"),
    ("产出指标", "时效指标", "补贴按季发放及时率", "100%"),
]}
PLATFORM = {"name": "智慧社区平台运维经费", "code": "37021023P13000410402B", "budget": "38.50", "indicators": [
    ("产出指标", "数量指标", "平台运维系统数量", "≥3个"),
    ("产出指标", "质量指标", "系统正常运行率", "≥99%"),
]}
FITNESS = {"name": "市民健身活动经费", "code": "37021023P12000510403C", "budget": "100.00", "indicators": [
    ("产出指标", "数量指标", "健身培训人次", "≥500人次"),
    ("产出指标", "数量指标", "举办赛事场次", "≥12场"),
    ("产出指标", "质量指标", "活动安全事故发生率", "≤1%"),
]}
FITNESS_NEXT = {"name": "市民健身活动经费", "code": "37021024P12000510403C", "budget": "130.00", "indicators": [
    ("产出指标", "数量指标", "健身培训人次", "≥400人次"),          # XDOC005: lowered while the budget grew 30%
    ("产出指标", "数量指标", "举办赛事场次", "≥12场"),
    ("产出指标", "质量指标", "活动安全事故发生率", "≤1%"),
]}
ROADS = {"name": "道路养护资金", "code": "37021023P13000410402B", "budget": "500.00", "indicators": [  # XDOC004: PLATFORM's code
    ("产出指标", "数量指标", "道路养护面积", "≥50万平方米"),
]}


def self_evaluation_doc(name: str, planned: str, executed: str, indicators: Sequence[Sequence[str]], unit: str = "青岛市示例局") -> str:
    """A 项目支出绩效自评表 (one cell a line) whose scores add up: only the rules across documents can fire on it."""
    rate = float(executed) / float(planned)
    funds = [["年度资金总额", planned, planned, executed, "10", f"{rate:.0%}", f"{10 * rate:g}"],
             ["其中：当年财政拨款", planned, planned, executed, "—", "—", "—"],
             ["上年结转资金", "0", "0", "0", "—", "—", "—"], ["其他资金", "0", "0", "0", "—", "—", "—"]]
    weights = sum(float(i[5]) for i in indicators)
    rows = self_evaluation(funds, indicators, [f"{10 + weights:g}", f"{10 * rate + weights:g}", ""], name=name)
    rows[1][1] = unit  # 主管部门
    return one_cell_a_line("项目支出绩效自评表", rows)


#: the elderly-care project's self-evaluation: 年初预算数 300 (the table says 260: XDOC001), 补贴老人人数 target
#: rewritten to ≥1000人 (XDOC002), 补贴发放准确率 left out (XDOC003)
ELDERLY_SELF = [["产出指标", "数量指标", "补贴老人人数", "≥1000人", "1100人", "20", "20", ""],
                ["", "时效指标", "补贴按季发放及时率", "100%", "100%", "20", "20", ""],
                ["成本指标", "经济成本指标", "项目成本", "≤260.00万元", "250万元", "10", "10", ""],
                ["效益指标", "社会效益指标", "服务覆盖面", "明显提升", "明显提升", "20", "20", ""],
                ["满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%", "95%", "20", "20", ""]]
#: the platform's self-evaluation agrees with its table in every respect (the targets written as the self-evaluation
#: self-evaluations often have them: no operator on a count, a full-width percent sign)
PLATFORM_SELF = [["产出指标", "数量指标", "平台运维系统数量", "3个", "3个", "20", "20", ""],
                 ["", "质量指标", "系统正常运行率", "≥99％", "99.5%", "20", "20", ""],
                 ["成本指标", "经济成本指标", "项目成本", "≤38.50万元", "38.5万元", "10", "10", ""],
                 ["效益指标", "社会效益指标", "服务覆盖面", "明显提升", "明显提升", "20", "20", ""],
                 ["满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%", "92%", "20", "20", ""]]


def disclosure(buyer: str, year: int, rows: Sequence[Tuple[str, str, str]]) -> str:
    """A 政府购买服务信息公开表 (one cell a line): rows of (project, contractor, price); budget = price."""
    def cells(values: Sequence[str]) -> List[str]:
        return ["\t" + v for v in values] + [""]

    out = ["附件1", "", f"{buyer}{year}年政府购买服务信息公开表", "", f"一、{year}年度政府购买服务预算", ""]
    out += cells(["序号", "政府购买服务项目名称", "类别", "内容", "服务对象", "购买方式", "预算金额（万元）", "备注"])
    for i, (project, _, price) in enumerate(rows, 1):
        out += cells([str(i), project, "政府履职所需辅助性服务-其他", f"委托开展{project}", "机关事业单位", "政府采购", price, ""])
    out += ["", f"二、{year}年度政府购买服务项目承接主体", ""]
    out += cells(["序号", "政府购买服务项目名称", "承接主体名称", "承接主体类别", "承接价格（万元）", "合同起始期限", "合同截止期限", "备注"])
    for i, (project, contractor, price) in enumerate(rows, 1):
        out += cells([str(i), project, contractor, "企业", price, f"{year}年3月1日", f"{year}年12月31日", ""])
    out += ["", f"三、{year}年度政府购买服务决算信息", ""]
    out += cells(["序号", "政府购买服务项目名称", "类别", "内容", "决算金额（万元）", "备注"])
    for i, (project, _, price) in enumerate(rows, 1):
        out += cells([str(i), project, "政府履职所需辅助性服务-其他", f"委托开展{project}", price, ""])
    out += ["", f"四、{year}年度政府购买服务绩效评价信息", ""]
    out += cells(["序号", "政府购买服务项目名称", "预算绩效目标", "绩效评价结果", "备注"])
    for i, (project, _, _) in enumerate(rows, 1):
        out += cells([str(i), project, f"按期完成{project}", "达到合同要求", ""])
    return "\n".join(out) + "\n"


CONSULT = "青岛示例咨询有限公司"
DISCLOSURE_1 = [("政策评估服务", CONSULT, "10"), ("统计调查服务", CONSULT, "10"), ("档案整理服务", CONSULT, "10"),
                ("法律顾问服务", "山东示例律师事务所", "40"), ("信息系统安全测评", "青岛示例测评技术有限公司", "60"),
                ("社区矫正辅助服务", "青岛示例社会工作服务中心", "70")]
DISCLOSURE_2 = [("绩效评价服务", CONSULT, "10"), ("课题研究服务", CONSULT, "10"),
                ("会议保障服务", "青岛示例会务有限公司", "60"), ("宣传推广服务", "青岛示例传媒有限公司", "60"),
                ("车辆租赁服务", "青岛示例汽车租赁有限公司", "60")]
OTHER_BUYER = [("城市规划咨询", CONSULT, "10"), ("交通流量调查", "青岛示例交通研究所", "30"), ("停车设施普查", "青岛示例测绘院", "30"),
               ("公交线网评估", "青岛示例规划设计院", "30")]

NOTICE = """关于开展2023年度项目支出绩效自评工作的通知

各有关单位：
请于2023年3月31日前报送自评材料。

青岛市示例局
2023年3月1日
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def cluster(root: Path) -> Path:
    """The documents of one city for 2023 (and one table of 2024); returns the folder."""
    docs = root / "city"
    write(docs / "2023" / "targets.md", targets([ELDERLY, PLATFORM, FITNESS]))
    write(docs / "2023" / "self-elderly.txt", self_evaluation_doc(ELDERLY["name"], "300", "270", ELDERLY_SELF))
    write(docs / "2023" / "self-platform.txt", self_evaluation_doc(PLATFORM["name"], "38.5", "38.5", PLATFORM_SELF))
    write(docs / "2023" / "roads-targets.md", targets([ROADS], dept="502301青岛市示例城管局本级"))
    write(docs / "2024" / "fitness-targets.md", targets([FITNESS_NEXT]))
    write(docs / "2023" / "disclosure-a.txt", disclosure("市示例局", 2023, DISCLOSURE_1))
    write(docs / "2023" / "disclosure-b.txt", disclosure("市示例局", 2023, DISCLOSURE_2))
    write(docs / "2023" / "disclosure-other.txt", disclosure("市示例交通局", 2023, OTHER_BUYER))
    write(docs / "2023" / "notice.txt", NOTICE)
    return docs


def line_of(path: Path, text: str, after: str = "") -> int:
    """The 1-based line holding ``text`` (the first one after the line holding ``after``)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if after in line) if after else 0
    return next(i for i, line in enumerate(lines[start:], start) if text in line) + 1


def expected(docs: Path) -> Set[Tuple[str, str, int]]:
    """(rule, file, line) of every finding across documents the cluster plants."""
    y23, y24 = docs / "2023", docs / "2024"
    se = y23 / "self-elderly.txt"
    return {
        ("XDOC001", str(se), line_of(se, "300", after="年度资金总额")),
        ("XDOC002", str(se), line_of(se, "≥1000人")),
        ("XDOC003", str(se), line_of(se, "项目支出绩效自评表")),
        ("XDOC004", str(y23 / "targets.md"), line_of(y23 / "targets.md", PLATFORM["code"])),
        ("XDOC005", str(y24 / "fitness-targets.md"), line_of(y24 / "fitness-targets.md", "≥400人次")),
        ("GPS003", str(y23 / "disclosure-a.txt"), line_of(y23 / "disclosure-a.txt", CONSULT, after="二、")),
    }


def across(findings: List[Dict]) -> Set[Tuple[str, str, int]]:
    return {(f["rule"], f["file"], f["line"]) for f in findings if f["rule"].startswith(("XDOC", "GPS003"))}


def check_json(cli, docs: Path, *extra: str) -> Dict:
    result = cli("check", docs, "--format", "json", "--fail-on", "never", *extra)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    jsonschema.validate(data, load_schema("findings"))
    return data


# -- the rules on the cluster ----------------------------------------------------------------------

def test_each_rule_fires_where_planted_and_nowhere_else(tmp_path, cli):
    docs = cluster(tmp_path)
    data = check_json(cli, docs, "--select", "XDOC,GPS003")
    assert across(data["findings"]) == expected(docs)
    by_rule = {f["rule"]: f for f in data["findings"]}
    assert "300" in by_rule["XDOC001"]["message"] and "260" in by_rule["XDOC001"]["message"] and "targets.md" in by_rule["XDOC001"]["message"]
    assert "≥1200人" in by_rule["XDOC002"]["message"] and by_rule["XDOC002"]["evidence"] == "≥1000人"
    assert by_rule["XDOC003"]["evidence"] == "补贴发放准确率"
    assert not any("智慧社区" in f["message"] for f in data["findings"] if f["rule"] != "XDOC004")  # a consistent self-evaluation is silent
    assert "智慧社区平台运维经费" in by_rule["XDOC004"]["message"] and "道路养护资金" in by_rule["XDOC004"]["message"]
    assert by_rule["XDOC004"]["project_code"] == PLATFORM["code"] and by_rule["XDOC004"]["evidence"] == PLATFORM["code"]
    assert "≥500人次" in by_rule["XDOC005"]["message"] and "+30%" in by_rule["XDOC005"]["message"]
    assert CONSULT in by_rule["GPS003"]["message"] and "5/11" in by_rule["GPS003"]["message"]
    # GPS003 is opt-in; the XDOC rules run by default, and by default nothing else fires on this clean cluster
    default = check_json(cli, docs)
    assert across(default["findings"]) == {e for e in expected(docs) if e[0] != "GPS003"}
    assert {f["rule"] for f in default["findings"]} == {"XDOC001", "XDOC002", "XDOC003", "XDOC004", "XDOC005"}


def test_no_finding_from_one_file_alone(tmp_path, cli):
    """Each planted finding needs two files: a file checked alone is silent."""
    docs = cluster(tmp_path)
    for path in sorted(docs.rglob("*.*")):
        assert across(check_json(cli, path, "--select", "XDOC,GPS003")["findings"]) == set(), path


def test_corpus_findings_in_every_format_with_the_file_and_line(tmp_path, cli):
    docs = cluster(tmp_path)
    target = docs / "2023" / "targets.md"
    line = line_of(target, PLATFORM["code"])
    for fmt, needle in (("text", f"targets.md:{line}"), ("csv", "XDOC004"), ("sarif", '"ruleId": "XDOC004"'),
                        ("junit", "XDOC004"), ("html", "XDOC004")):
        out = tmp_path / f"out.{fmt}"
        result = cli("check", docs, "--format", fmt, "-o", out, "--fail-on", "never")
        assert result.exit_code == 0
        text = out.read_text(encoding="utf-8-sig")
        assert needle in text, fmt
    sarif = json.loads((tmp_path / "out.sarif").read_text(encoding="utf-8"))
    region = [r["locations"][0]["physicalLocation"] for r in sarif["runs"][0]["results"] if r["ruleId"] == "XDOC004"][0]
    assert region["artifactLocation"]["uri"].endswith("targets.md") and region["region"]["startLine"] == line


def test_per_file_ignores_and_baselines_apply_to_corpus_findings(tmp_path, cli):
    docs = cluster(tmp_path)
    write(tmp_path / "auditor.toml", '[auditor.per-file-ignores]\n"targets.md" = ["XDOC004"]\n')
    assert {e[0] for e in across(check_json(cli, docs)["findings"])} == {"XDOC001", "XDOC002", "XDOC003", "XDOC005"}
    (tmp_path / "auditor.toml").unlink()
    base = tmp_path / "base.json"
    assert cli("check", docs, "--write-baseline", base, "--fail-on", "never").exit_code == 0
    assert across(check_json(cli, docs, "--baseline", base)["findings"]) == set()
    # the other project's name changes: XDOC004 is a new finding, its fingerprint names the other project
    write(docs / "2023" / "roads-targets.md", targets([{**ROADS, "name": "桥梁养护资金"}], dept="502301青岛市示例城管局本级"))
    again = check_json(cli, docs, "--baseline", base)
    assert {f["rule"] for f in again["findings"]} == {"XDOC004"}


def test_corpus_rules_take_parameters_and_severities_from_the_configuration(tmp_path, cli):
    docs = cluster(tmp_path)
    write(tmp_path / "auditor.toml", '[auditor.severity]\nXDOC004 = "error"\n[auditor.params.XDOC005]\ngrowth = 0.5\n')
    found = check_json(cli, docs)["findings"]
    assert {f["rule"]: f["severity"] for f in found}.get("XDOC004") == "error"
    assert "XDOC005" not in {f["rule"] for f in found}  # the budget grew 30%, below the configured 50%
    write(tmp_path / "auditor.toml", '[auditor.params.XDOC005]\nshrink = 1\n')
    result = cli("check", docs)
    assert result.exit_code == 2 and "shrink" in result.output


def test_a_plugin_adds_a_corpus_rule_and_a_crashing_one_is_a_finding(tmp_path, monkeypatch):
    from auditor.corpus.phase import corpus_findings
    from auditor.corpus.rule import CorpusRule
    from auditor.engine import Settings
    from auditor.registry import load_registry

    class SameBudget(CorpusRule):
        id = "QX001"
        name = "same-budget"
        severity = "info"
        summary = "two projects with the same budget"

        def check(self, index):
            seen = {}
            for p in index.projects:
                if p.fact.budget in seen:
                    yield self.issue_at(p.file, p.fact.budget_ref, f"same budget as {seen[p.fact.budget]}", evidence=p.fact.budget_raw)
                seen.setdefault(p.fact.budget, p.fact.name)

    class Broken(CorpusRule):
        id = "QX002"
        name = "broken"
        summary = "raises"

        def check(self, index):
            raise RuntimeError("boom")

    class Plugin:
        @staticmethod
        def auditor_register_corpus_rules():
            return [SameBudget, Broken]

    reg = load_registry(use_plugins=False, extra=[("qx", Plugin())])
    assert {"QX001", "QX002"} <= set(reg.corpus_rules) and reg.rule_source["QX001"] == "qx"
    facts = [(0, "a.md", FileFacts(projects=[ProjectFact(name="甲", budget=5.0, budget_raw="5", budget_ref=Ref(line=7))])),
             (1, "b.md", FileFacts(projects=[ProjectFact(name="乙", budget=5.0, budget_raw="5.00", budget_ref=Ref(line=9, location="表1!C3"))]))]
    found = corpus_findings(facts, Settings(select=["QX"]), reg)
    assert [(f.rule, f.file, f.line, f.location) for f in found] == [("QX002", "a.md", 1, None), ("QX001", "b.md", 9, "表1!C3")]
    assert "rule crashed: RuntimeError: boom" in found[0].message

    class Misfiled(CorpusRule):
        id = "QX003"
        name = "misfiled"
        summary = "a corpus rule given to the per-file hook"

        def check(self, index):
            return []

    class Wrong:
        @staticmethod
        def auditor_register_rules():
            return [Misfiled]

    reg = load_registry(use_plugins=False, extra=[("wrong", Wrong())])
    assert "QX003" not in reg.rules and any("QX003" in f.error for f in reg.failures)


# -- facts, keys and the index ------------------------------------------------------------------------

def test_parse_facts_shows_projects_indicators_and_disclosures(tmp_path, cli):
    docs = cluster(tmp_path)
    result = cli("parse", "--facts", docs / "2023" / "targets.md")
    assert result.exit_code == 0
    assert PLATFORM["code"] in result.stdout and "青岛市示例局本级" in result.stdout and "≥1200人" in result.stdout
    data = json.loads(cli("parse", "--facts", "--format", "json", docs / "2023" / "disclosure-a.txt").stdout)
    disc = data["disclosures"][0]
    assert disc["buyer"] == "市示例局" and disc["year"] == 2023 and len(disc["contracts"]) == 6
    assert disc["contracts"][0]["contractor"] == CONSULT and disc["contracts"][0]["price"] == 10.0
    assert FileFacts.load(FileFacts.model_validate(data).dump()).disclosures[0].contracts[0].ref.line == disc["contracts"][0]["ref"]["line"]
    assert "no facts" in cli("parse", "--facts", docs / "2023" / "notice.txt").stdout


def test_name_unit_and_buyer_keys():
    assert name_key("“2019青岛国际软博会”（本级）") == "2019青岛国际软博会本级"
    assert name_key("《青岛市高技术重点领域产业发展行动方案》编制 项目") == "青岛市高技术重点领域产业发展行动方案编制项目"
    assert same_name(name_key("2019青岛国际软博会采购项目"), name_key("青岛国际软博会"))
    assert same_name(name_key("专项工作经费"), name_key("2023年专项工作经费")) and not same_name(name_key("工作经费"), name_key("道路养护资金"))
    assert not same_name("经费", "专项工作经费")  # too short to contain
    assert unit_key("502001青岛市工业和信息化局本级") == "青岛市工业和信息化局" == unit_key("503001 青岛市工业和信息化局")
    assert buyer_of("市工业和信息化局2019年政府购买服务信息公开表") == "市工业和信息化局"
    assert buyer_of("政府购买服务信息公开表") == ""


def _facts(kind: str, name: str, year: int, unit: str = "", code: str = "") -> ProjectFact:
    return ProjectFact(kind=kind, name=name, year=year, unit=unit or None, code=code or None)


def test_index_finds_the_same_project_by_code_name_or_containment_and_refuses_ambiguity():
    files = [
        (0, "t.md", FileFacts(projects=[_facts("target", "2023青岛国际软博会", 2023, "青岛市工业和信息化局本级"),
                                        _facts("target", "企业技术改造奖补", 2023, "青岛市工业和信息化局本级"),
                                        _facts("target", "企业技术改造奖补核定", 2023, "青岛市工业和信息化局本级"),
                                        _facts("target", "道路养护资金", 2023, "青岛市城市管理局", code="37020023P1")])),
        (1, "s.md", FileFacts(projects=[_facts("self-evaluation", "青岛国际软博会", 2023, "市工业和信息化局"),
                                        _facts("self-evaluation", "技术改造", 2023),
                                        _facts("self-evaluation", "青岛国际软博会", 2023, "青岛市商务局"),
                                        _facts("self-evaluation", "道路养护", 2023, code="37020023P1"),
                                        _facts("self-evaluation", "青岛国际软博会", 2022)])),
    ]
    index = FactsIndex(files)
    selfs: List[Located] = list(index.of_kind("self-evaluation"))
    found = [index.same_project(s, "target", s.fact.year) for s in selfs]
    names = [f.fact.name if f else None for f in found]
    assert names == ["2023青岛国际软博会", None, None, "道路养护资金", None]
    # contained in two names: ambiguous → none; another unit → none; another year → none


def test_index_lookups_do_not_compare_all_pairs(monkeypatch):
    """Containment goes through trigram postings: a lookup touches the names sharing its rarest trigram."""
    from auditor.corpus import index as index_module

    calls = {"n": 0}
    real = index_module._Bucket.keys_like

    n = 3000
    projects = [_facts("target", f"第{i}号专项项目{i * 7919 % 100003}经费", 2023) for i in range(n)]
    idx = FactsIndex([(0, "t.md", FileFacts(projects=projects))])
    probe = Located("s.md", 1, 0, _facts("self-evaluation", f"第17号专项项目{17 * 7919 % 100003}", 2023))

    def counting(self, key):
        calls["n"] += 1
        return real(self, key)

    monkeypatch.setattr(index_module._Bucket, "keys_like", counting)
    hit = idx.same_project(probe, "target", 2023)
    assert hit is not None and hit.fact.name.startswith("第17号") and calls["n"] == 1
    bucket = idx._buckets[("target", 2023)]
    grams = bucket._postings()
    rarest = min((grams.get(probe.key[i:i + 3], []) for i in range(len(probe.key) - 2)), key=len)
    assert len(rarest) < n // 10


def test_the_index_keeps_a_few_hundred_bytes_a_project():
    """A sweep of 100,000 tables indexes 100,000 projects on the client: its columns and lookup
    tables, not an object graph a project; names as written, references, indicators and whole
    disclosures are read again from the file's facts (``loader``) when a rule asks."""
    import gc
    import tracemalloc

    from auditor.corpus.facts import ContractFact, DisclosureFact

    n = 20000

    def project(seq: int, i: int) -> ProjectFact:
        k = seq * 10 + i
        return ProjectFact(kind="target" if i % 3 else "self-evaluation", index=i + 1, title=f"{k}号项目绩效目标表", name=f"第{k}号专项项目{k * 7919 % 100003}经费",
                           code=f"370200{2023 + i % 2}P{k:08d}", unit=f"50{seq % 40:04d}青岛市第{seq % 40}局", year=2023 + i % 2, budget=float(i),
                           budget_raw=str(i), title_ref=Ref(line=5 + 20 * i),
                           indicators=[IndicatorFact(name="服务对象满意度", value="≥90%", ref=Ref(line=9 + 20 * i))])

    def disclosure(seq: int) -> DisclosureFact:
        return DisclosureFact(title=f"青岛市第{seq}局2023年政府购买服务信息公开表", buyer=f"青岛市第{seq}局", year=2023, title_ref=Ref(line=1),
                              projects=[f"购买服务项目{seq}-{j}" for j in range(20)],
                              contracts=[ContractFact(project=f"购买服务项目{seq}-{j}", contractor=f"青岛第{j}服务有限公司", price=12.5, price_raw="12.50",
                                                      ref=Ref(line=30 + j)) for j in range(20)])

    stored = {seq: FileFacts(projects=[project(seq, i) for i in range(10)], disclosures=[disclosure(seq)] if seq % 5 == 0 else []).dump()
              for seq in range(n // 10)}
    files = [(seq, f"dept{seq}.md", FileFacts.load(data)) for seq, data in stored.items()]
    gc.collect()
    tracemalloc.start()
    try:
        index = FactsIndex(files, loader=stored.get)
        del files
        for bucket in index._buckets.values():
            bucket._postings()  # the containment postings count too
        gc.collect()
        size = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert len(index.projects) == n and len(index.disclosures) == n // 50
    assert size / n < 600, f"{size / n:.0f} bytes a project"
    item = index.projects[12]
    assert (item.file, item.pos, item.fact.kind, item.fact.year, item.fact.budget) == ("dept1.md", 2, "target", 2023, 2.0)
    assert item.fact.name == "第12号专项项目95028经费" and item.fact.title_ref.line == 45 and index.indicators(item)[0].value == "≥90%"
    assert item.fact.index == 3  # the table's place in its document, not the project's among the file's projects
    disc = index.disclosures[1]
    assert (disc.file, disc.buyer, disc.order) == ("dept5.md", "青岛市第5局", ("dept5.md", 1))
    assert disc.fact.contracts[3].contractor == "青岛第3服务有限公司" and disc.fact.contracts[3].ref.line == 33


def test_the_index_takes_facts_with_absurd_numbers():
    """Facts are data (a history written by anything): a year or a line no column can hold is no year
    and the last line, never an OverflowError that would end the sweep."""
    from auditor.corpus.facts import FileHeads, ProjectHead

    index = FactsIndex([(0, "a.md", FileHeads(projects=[ProjectHead(name="道路养护资金", year=10 ** 30, title_ref=Ref(line=10 ** 12))]))])
    [item] = index.projects
    assert item.fact.year is None and item.order == ("a.md", 2 ** 31 - 1)


def test_a_sweep_records_a_corpus_rule_findings_in_chunks_and_drops_a_crashed_rule_s(tmp_path, monkeypatch):
    """Findings of the corpus phase go to the history as the rules yield them (a sweep never holds
    them all): fingerprints numbered across chunks as in one list, and a rule that crashes after
    yielding leaves only its crash finding, as in ``check``."""
    from auditor.corpus import phase
    from auditor.corpus.phase import corpus_chunks, corpus_findings
    from auditor.corpus.rule import CorpusRule
    from auditor.engine import Settings
    from auditor.registry import load_registry
    from auditor.sweep.history import History

    class Many(CorpusRule):
        id = "QX011"
        name = "many"
        severity = "info"
        summary = "the same issue, many times"

        def check(self, index):
            for n in range(25):
                for seq, path in sorted(index.files.items()):
                    yield self.issue_at(path, Ref(line=3 + n % 4), "again", evidence="same")

    class Late(CorpusRule):
        id = "QX012"
        name = "late"
        summary = "yields, then raises"

        def check(self, index):
            for seq, path in sorted(index.files.items()):
                yield self.issue_at(path, Ref(line=2), "before the crash")
            raise RuntimeError("late boom")

    class Plugin:
        @staticmethod
        def auditor_register_corpus_rules():
            return [Many, Late]

    monkeypatch.setattr(phase, "CHUNK", 7)
    reg = load_registry(use_plugins=False, extra=[("qx", Plugin())])
    facts = [(seq, f"f{seq}.md", FileFacts(projects=[ProjectFact(name=f"项目{seq}")])) for seq in range(3)]
    settings = Settings(select=["QX"])
    chunks = list(corpus_chunks(facts, settings, reg, size=7))
    assert len([c for c in chunks if c.rule == "QX011"]) == 11 and [c.restart for c in chunks if c.rule == "QX012"][-1]
    whole = corpus_findings(facts, settings, reg)
    assert len(whole) == 75 + 1 and [f.rule for f in whole].count("QX012") == 1
    assert len({f.fingerprint for f in whole}) == 76  # numbered across chunks: no two alike
    with History(str(tmp_path / "h.db")) as h:
        rid = h.start_run(tool_version="0", rule_versions={}, config={}, config_hash="c", paths=["."], total=3)
        assert h.record_corpus_findings(rid, corpus_chunks(facts, settings, reg, size=7)) == 76
        stored = list(h.findings(rid))
        assert [(f.file, f.line, f.rule, f.fingerprint, f.message) for f in stored] == \
            [(f.file, f.line, f.rule, f.fingerprint, f.message) for f in whole]
        assert h.run(rid)["findings"] == 76


def test_an_older_history_gains_the_index_of_files_by_place(tmp_path):
    """A schema-3 database written before the (run, seq) index gets it when opened: the corpus
    phase reads a file's facts by its place, once a project, and must not scan the run."""
    from auditor.sweep.history import History

    path = str(tmp_path / "h.db")
    with History(path) as h:
        h.conn.execute("DROP INDEX files_seq")
    with History(path) as h:
        plan = " ".join(str(r) for r in h.conn.execute(
            "EXPLAIN QUERY PLAN SELECT sha256 FROM files WHERE run_id = 1 AND seq = 5").fetchall())
        assert "files_seq" in plan


def test_values_compared_by_number_unit_and_operator():
    from auditor.rules._corpus import lowered, values_differ

    def ind(value: str, kind: str = "number", op=None, number=None, unit=None) -> IndicatorFact:
        return IndicatorFact(value=value, kind=kind, op=op, number=number, unit=unit)

    assert not values_differ(ind("≥95%", op=">=", number=95, unit="%"), ind("95%", number=95, unit="%"))
    assert values_differ(ind("≥95%", op=">=", number=95, unit="%"), ind("≥90%", op=">=", number=90, unit="%"))
    assert values_differ(ind("≥95%", op=">=", number=95, unit="%"), ind("提高", kind="text"))
    assert not values_differ(ind("及时", kind="text"), ind("及时。", kind="text"))
    assert not values_differ(ind("≥95%", op=">=", number=95, unit="%"), ind("", kind="empty"))
    assert lowered(ind("≥500人次", op=">=", number=500, unit="人次"), ind("≥400人次", op=">=", number=400, unit="人次"))
    assert lowered(ind("≤1%", op="<=", number=1, unit="%"), ind("≤2%", op="<=", number=2, unit="%"))
    assert not lowered(ind("≥500人次", op=">=", number=500, unit="人次"), ind("≥40万人次", op=">=", number=40, unit="万人次"))
    assert not lowered(ind("≥500人次", op=">=", number=500, unit="人次"), ind("≥600人次", op=">=", number=600, unit="人次"))
    # units that convert into one another are compared converted (blind round 24: ≤120分钟 in the 自评表, ≤2小时 in the 目标表)
    assert not values_differ(ind("≤2小时", op="<=", number=2, unit="小时"), ind("≤120分钟", op="<=", number=120, unit="分钟"))
    assert values_differ(ind("≤2小时", op="<=", number=2, unit="小时"), ind("≤100分钟", op="<=", number=100, unit="分钟"))
    assert values_differ(ind("≤5天", op="<=", number=5, unit="天"), ind("≤5工作日", op="<=", number=5, unit="工作日"))  # never mixed
    assert not values_differ(ind("≥3年", op=">=", number=3, unit="年"), ind("≥36个月", op=">=", number=36, unit="个月"))
    assert lowered(ind("≥1万人次", op=">=", number=1, unit="万人次"), ind("≥9000人次", op=">=", number=9000, unit="人次"))
    assert not lowered(ind("≥1万人次", op=">=", number=1, unit="万人次"), ind("≥10000人次", op=">=", number=10000, unit="人次"))
    assert lowered(ind("≤30亩", op="<=", number=30, unit="亩"), ind("≤3公顷", op="<=", number=3, unit="公顷"))  # 2 公顷 = 30 亩


# -- the same findings from check, sweep, --changed-only -------------------------------------------

def test_check_sweep_and_changed_only_sweep_agree(tmp_path, cli):
    docs = cluster(tmp_path)
    select = ("--select", "XDOC,GPS,BUD,PLAN,VAL,IND,DOC,PARSE,SE")
    checked = check_json(cli, docs, *select)
    assert across(checked["findings"]) == expected(docs)
    db = tmp_path / "h.db"
    outs = {}
    for name, extra in (("jobs1", ("--jobs", "1")), ("jobs2", ("--jobs", "2"))):
        out = tmp_path / f"{name}.json"
        result = cli("sweep", docs, "--db", db, "--format", "json", "-o", out, "--fail-on", "never", *extra, *select)
        assert result.exit_code == 0, result.output
        outs[name] = json.loads(out.read_text(encoding="utf-8"))
        assert outs[name]["findings"] == checked["findings"], name
        assert outs[name]["summary"] == checked["summary"]
    write(docs / "2023" / "notice.txt", NOTICE.replace("3月31日", "4月15日"))  # an unrelated file changes
    out = tmp_path / "changed.json"
    result = cli("sweep", docs, "--db", db, "--format", "json", "-o", out, "--fail-on", "never", "--changed-only", *select)
    assert result.exit_code == 0, result.output
    changed = json.loads(out.read_text(encoding="utf-8"))
    assert changed["findings"] == check_json(cli, docs, *select)["findings"]
    import sqlite3

    con = sqlite3.connect(db)
    try:
        carried = dict(con.execute("SELECT path, carried_from FROM files WHERE run_id = 3"))
        counts = con.execute("SELECT findings, carried FROM runs WHERE id = 3").fetchone()
        stored = con.execute("SELECT COUNT(*) FROM findings WHERE run_id = 3 AND rule LIKE 'XDOC%'").fetchone()[0]
    finally:
        con.close()
    assert {Path(p).name: c for p, c in carried.items()}["notice.txt"] is None
    assert sum(1 for c in carried.values() if c) == len(carried) - 1
    assert counts == (len(changed["findings"]), len(carried) - 1) and stored == 5  # corpus findings found again, not copied twice
    # diff between two runs of an unchanged corpus: nothing new, nothing fixed
    diff = json.loads(cli("diff", "2", "3", "--db", db, "--format", "json").stdout)
    assert diff["diff"]["new"] == [] and diff["diff"]["fixed"] == []
    # the other project with the platform's code is renamed: in diff, the old XDOC004 is fixed and the new one is new
    write(docs / "2023" / "roads-targets.md", targets([{**ROADS, "name": "桥梁养护资金"}], dept="502301青岛市示例城管局本级"))
    assert cli("sweep", docs, "--db", db, "--format", "json", "--fail-on", "never", "--changed-only", *select).exit_code == 0
    diff = json.loads(cli("diff", "3", "4", "--db", db, "--format", "json").stdout)
    assert {(f["rule"], f["status"], Path(f["file"]).name) for f in diff["findings"]} == {
        ("XDOC004", "new", "targets.md"), ("XDOC004", "fixed", "targets.md")}


def test_a_dask_sweep_gives_the_same_findings(tmp_path, cli):
    """Facts travel with each result from the Dask workers; the corpus phase runs on the client."""
    from distributed import LocalCluster

    docs = cluster(tmp_path)
    select = ("--select", "XDOC,GPS,BUD,PLAN,VAL,IND,DOC,PARSE,SE")
    checked = check_json(cli, docs, *select)
    local = LocalCluster(n_workers=1, threads_per_worker=2, processes=True, dashboard_address=None)
    try:
        out = tmp_path / "dask.json"
        result = cli("sweep", docs, "--executor", "dask", "--scheduler", local.scheduler_address, "--db", tmp_path / "d.db",
                     "--format", "json", "-o", out, "--fail-on", "never", *select)
        assert result.exit_code == 0, result.output
    finally:
        local.close()
    swept = json.loads(out.read_text(encoding="utf-8"))
    assert swept["findings"] == checked["findings"] and across(swept["findings"]) == expected(docs)


def test_corpus_findings_name_the_exact_cell_of_a_native_fact():
    """A fact's location is its source cell (``自评表!C5``), as a native finding's, not a reader's display string."""
    from auditor.corpus.extract import ref_data
    from auditor.corpus.rule import CorpusRule
    from auditor.sources import SourceRef

    shown = "自评表!C5 (第5行 / row 5 of all sheets)"
    assert ref_data(5, shown, SourceRef("xlsx", sheet="自评表", cell="C5"))["location"] == "自评表!C5"
    assert ref_data(1, None, SourceRef("xlsx", sheet="自评表", cell="A1", merged="A1:H1"))["location"] == "自评表!A1"
    assert ref_data(7, "line 7", None)["location"] == "line 7"  # no source ref: the reader's location stays
    # facts stored before the fix still carry the display string: the finding takes the cell from the source
    stored = Ref(line=5, location=shown, source={"kind": "xlsx", "line": 5, "sheet": "自评表", "cell": "C5", "excerpt": ["x"]})
    assert CorpusRule().issue_at("a.xlsx", stored, "m").location == "自评表!C5"
    assert CorpusRule().issue_at("a.txt", Ref(line=3), "m").location is None


def test_packed_facts_read_back_as_the_dict_and_from_older_rows(tmp_path):
    """A worker sends a file's facts packed (heads, then a line of indicators a project); the history
    keeps them so. Heads, one project's indicators and the whole facts read back as from the dict, and
    a row packed the older way (one JSON document) reads the same."""
    import zlib

    from auditor.corpus.facts import PackedFacts, heads_of, pack_facts
    from auditor.engine import FileResult, Settings, audit_bytes
    from auditor.sweep.history import History

    result = audit_bytes("t.md", targets([ELDERLY, FITNESS, PLATFORM]).encode("utf-8"), Settings())
    facts = result.facts
    assert facts and len(facts["projects"]) == 3 and all(p.get("indicators") for p in facts["projects"])
    packed = pack_facts(facts)
    older = zlib.compress(json.dumps(facts, ensure_ascii=False).encode("utf-8"))
    assert len(PackedFacts(packed).lines) == 4 and len(PackedFacts(older).lines) == 1
    for blob in (packed, older):
        assert FileFacts.load(blob) == FileFacts.load(facts)
        assert heads_of(blob) == heads_of(facts) and heads_of(blob).projects[2].name == PLATFORM["name"]
        for pos, project in enumerate(FileFacts.load(facts).projects):
            assert PackedFacts(blob).indicators(pos) == project.indicators
    with History(str(tmp_path / "h.db")) as h:
        rid = h.start_run(tool_version="0", rule_versions={}, config={}, config_hash="c", paths=["."], total=2)
        h.record_file(rid, 0, FileResult(path="new.md", sha256="s-new", facts=packed))
        h.record_file(rid, 1, FileResult(path="old.md", sha256="s-old", facts=facts))
        h.conn.execute("UPDATE facts SET data = ? WHERE sha256 = 's-old'", (older,))  # as an older auditor stored them
        heads = list(h.run_facts(rid, heads=True))
        assert [(seq, path) for seq, path, _ in heads] == [(0, "new.md"), (1, "old.md")]
        assert heads[0][2] == heads[1][2] == heads_of(facts)
        assert [f for _, _, f in h.run_facts(rid)] == [FileFacts.load(facts)] * 2
        index = FactsIndex(h.run_facts(rid, heads=True), loader=lambda seq: h.file_facts_data(rid, seq))
        fitness = [p for p in index.projects if p.fact.name == FITNESS["name"]]
        assert len(fitness) == 2
        assert index.indicators(fitness[0]) == index.indicators(fitness[1]) == FileFacts.load(facts).projects[1].indicators


def test_xdoc005_a_unit_cost_ceiling_that_rises_is_a_lowered_target(tmp_path, cli):
    """RULES.md: a ≤ ceiling whose number rises is a lowered target — a per-unit cost (万元/公里) too
    (blind round 17); a total-cost ceiling rising no faster than the budget follows the money."""
    import shutil

    docs = tmp_path / "docs"
    shutil.copytree(Path(__file__).parent / "data" / "across" / "b17_xdoc005_unit_cost_ceiling", docs)
    out = tmp_path / "out.json"
    cli("check", docs, "--format", "json", "-o", out, "--fail-on", "never", "--select", "XDOC005")
    found = [(Path(f["file"]).name, f["line"]) for f in json.loads(out.read_text(encoding="utf-8"))["findings"]]
    assert found == [("b_2025.txt", 19)]
    later = docs / "b_2025.txt"
    later.write_text(later.read_text(encoding="utf-8").replace("≤0.18万元/公里", "≤0.15万元/公里").replace("≤48小时", "≤48小时"), encoding="utf-8")
    total = later.read_text(encoding="utf-8").replace("| 每公里养护成本 |  | ≤0.15万元/公里 |", "| 养护总成本 |  | ≤230万元 |")
    later.write_text(total, encoding="utf-8")
    earlier = docs / "a_2024.txt"
    earlier.write_text(earlier.read_text(encoding="utf-8").replace("| 每公里养护成本 |  | ≤0.15万元/公里 |", "| 养护总成本 |  | ≤200万元 |"), encoding="utf-8")
    cli("check", docs, "--format", "json", "-o", out, "--fail-on", "never", "--select", "XDOC005")
    assert json.loads(out.read_text(encoding="utf-8"))["findings"] == []  # 200 → 230 (+15%) within the budget's +20%


@pytest.mark.parametrize("folder, expected", [
    # …信息公开表（一） / （二） (blind round 19): the contractor winning 5 of the buyer's 9 projects
    ("b19_disclosure_title_part_marker", [("a.txt", 17, "甲农业服务有限公司")]),
    # …（第一批） / （第二批） (blind round 25): 62% of the prices across both; not the one with 89% of the
    # first batch alone (29% in all)
    ("b25_disclosure_batch_titles", [("b.txt", 12, "云南云数健康科技有限公司")]),
])
def test_gps003_joins_a_buyers_disclosures_titled_as_parts(tmp_path, cli, folder, expected):
    """One buyer's year in two files, titled as its parts: judged together, neither part alone."""
    import shutil

    docs = tmp_path / "docs"
    shutil.copytree(Path(__file__).parent / "data" / "across" / folder, docs)
    out = tmp_path / "out.json"
    cli("check", docs, "--format", "json", "-o", out, "--fail-on", "never", "--select", "GPS003")
    found = [(Path(f["file"]).name, f["line"], f["evidence"]) for f in json.loads(out.read_text(encoding="utf-8"))["findings"]]
    assert found == expected


def test_a_self_evaluations_year_comes_from_its_subtitle_not_its_filing_date(tmp_path, cli):
    """A 自评表 titled without a year, （2025年度） under it and 填报日期：2026年… at its foot is the 2025
    evaluation of the 2025 目标表 (blind round 21): XDOC002 compares their targets."""
    import shutil

    docs = tmp_path / "docs"
    shutil.copytree(Path(__file__).parent / "data" / "across" / "b21_selfeval_subtitle_year", docs)
    out = tmp_path / "out.json"
    cli("check", docs, "--format", "json", "-o", out, "--fail-on", "never", "--select", "XDOC002")
    found = [(Path(f["file"]).name, f["location"]) for f in json.loads(out.read_text(encoding="utf-8"))["findings"]]
    assert found == [("selfeval.docx", "表1 第7行第4列")]


@pytest.mark.parametrize("change, expected", [
    # as written: 烟台 2025's predecessor is 烟台 2024 (same code, year digits aside): +6.7%, no finding; the
    # 宁波 project of the same name (its unit named once, 单位名称：… under the title) is another unit's
    ({}, []),
    # 宁波's unit not named at all: the two 项目编码 still tell the projects apart
    ({"nb_2024.txt": ("单位名称：宁波市生态环境局", "")}, []),
    # 烟台 2024 at 120 万元: +33% to 2025 while ≥12次 became ≥10次 — the real predecessor is still found
    ({"yt_2024.txt": ("150.00", "120.00")}, [("yt_2025.txt", 17)]),
])
def test_a_project_of_the_same_name_in_another_unit_is_not_its_predecessor(tmp_path, cli, change, expected):
    """Blind round 34: XDOC005 compared 烟台's 2025 project with 宁波's 2024 one of the same name."""
    import shutil

    docs = tmp_path / "docs"
    shutil.copytree(Path(__file__).parent / "data" / "across" / "b34_xdoc005_same_name_other_unit", docs)
    for name, (old, new) in change.items():
        path = docs / name
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    out = tmp_path / "out.json"
    cli("check", docs, "--format", "json", "-o", out, "--fail-on", "never", "--select", "XDOC005")
    found = [(Path(f["file"]).name, f["line"]) for f in json.loads(out.read_text(encoding="utf-8"))["findings"]]
    assert found == expected
