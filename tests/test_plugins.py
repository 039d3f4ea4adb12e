"""Plugins from the core's side: discovery through the entry-point group, broken
and clashing plugins, --no-plugins / --plugin, rule packs, the scaffold, the
example plugin (auditor-smartcity) and the test helpers plugin authors use."""
from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys

import pytest

from auditor.testing import assert_findings, audit_text, form_text, line_of, make_plugin_dist, parse_text
from conftest import EXAMPLES, ROOT, seed

PACK = EXAMPLES / "packs" / "province-example.yaml"
PACK_DOC = EXAMPLES / "packs" / "province-example-doc.txt"
SMARTCITY = ROOT / "plugins" / "auditor-smartcity"


def rule_plugin(prefix: str, rule_ids=None, *, extra: str = "") -> str:
    """Source of a one-module plugin registering rules ``prefix001`` … (or ``rule_ids``)."""
    ids = list(rule_ids or [f"{prefix}001"])
    classes = "\n".join(
        f"class R{i}(Rule):\n"
        f"    id = {rid!r}\n"
        f"    name = 'test-rule-{i}'\n"
        f"    severity = 'warning'\n"
        f"    summary = '测试规则 / a test rule'\n"
        f"    def check(self, doc):\n"
        f"        for t in doc.tables:\n"
        f"            yield self.issue(t.title_line, '测试 / test', where=t)\n"
        for i, rid in enumerate(ids)
    )
    return (
        "from auditor import hookimpl\nfrom auditor.rule import Rule\n" + extra + "\n" + classes
        + f"\n@hookimpl\ndef auditor_register_rules():\n    return [{', '.join(f'R{i}' for i in range(len(ids)))}]\n"
    )


def rules_json(cli, *args):
    result = cli("rules", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return {r["id"]: r for r in json.loads(result.output)}


# -- discovery through the entry-point group ---------------------------------------------

def test_an_entry_point_plugin_appears_beside_the_builtins(cli, plugin_dist):
    plugin_dist("xtest", rule_plugin("XT"), module="auditor_xtest_plugin", version="1.2.3")
    rows = rules_json(cli)
    assert rows["XT001"]["plugin"] == "xtest"
    assert rows["VAL001"]["plugin"] == "builtin-rules"
    listed = cli("plugins", "--format", "json")
    info = {p["name"]: p for p in json.loads(listed.output)["plugins"]}
    assert info["xtest"]["version"] == "1.2.3" and info["xtest"]["rules"] == ["XT001"]
    assert info["xtest"]["builtin"] is False
    # and it runs: one finding a table
    found = audit_text(PACK_DOC.read_text(encoding="utf-8"), rules=["XT"])
    assert [f.rule for f in found] == ["XT001"]


def test_a_broken_plugin_is_reported_and_skipped(cli, plugin_dist):
    plugin_dist("broken-one", "import auditor_no_such_module_xyz\n", module="auditor_broken_one")
    plugin_dist("fine-one", rule_plugin("FN"), module="auditor_fine_one")
    result = cli("plugins")
    assert result.exit_code == 0
    assert "FAILED broken-one: import failed: ModuleNotFoundError" in result.output
    assert "auditor_no_such_module_xyz" in result.output
    rows = rules_json(cli)
    assert "FN001" in rows and "VAL001" in rows  # the rest still load
    checked = cli("check", str(PACK_DOC), "--select", "FN")
    assert checked.exit_code == 0  # FN001 is a warning; fail-on is error
    assert "warning: plugin broken-one: import failed" in checked.output


def test_a_plugin_raising_in_its_hook_is_reported(cli, plugin_dist):
    source = "from auditor import hookimpl\n@hookimpl\ndef auditor_register_rules():\n    raise RuntimeError('boom')\n"
    plugin_dist("raising-one", source, module="auditor_raising_one")
    result = cli("plugins", "--format", "json")
    failures = json.loads(result.output)["failures"]
    assert {"plugin": "raising-one", "error": "hook failed: RuntimeError: boom"} in failures


def test_a_duplicate_rule_id_is_reported_and_skipped(cli, plugin_dist):
    plugin_dist("clash", rule_plugin("CL", ["VAL001", "CL001"]), module="auditor_clash_plugin")
    result = cli("plugins")
    assert "FAILED clash: rule ID VAL001 is already registered by builtin-rules; skipped" in result.output
    rows = rules_json(cli)
    assert rows["VAL001"]["plugin"] == "builtin-rules"
    assert rows["CL001"]["plugin"] == "clash"  # its other rule still loads


def test_no_plugins_and_plugin_name_choose_what_loads(cli, plugin_dist):
    plugin_dist("alpha", rule_plugin("AL"), module="auditor_alpha_plugin")
    plugin_dist("beta", rule_plugin("BE"), module="auditor_beta_plugin")
    everything = rules_json(cli)
    assert {"AL001", "BE001", "VAL001"} <= set(everything)
    builtin_only = rules_json(cli, "--no-plugins")
    assert "AL001" not in builtin_only and "BE001" not in builtin_only and "VAL001" in builtin_only
    assert not any(r.startswith("SC") for r in builtin_only)
    only_alpha = rules_json(cli, "--plugin", "alpha")
    assert "AL001" in only_alpha and "BE001" not in only_alpha and "VAL001" in only_alpha
    listed = json.loads(cli("plugins", "--plugin", "beta", "--format", "json").output)
    names = {p["name"] for p in listed["plugins"]}
    assert "beta" in names and "alpha" not in names and "builtin-rules" in names
    assert cli("check", str(PACK_DOC), "--plugin", "alpha", "--select", "BE").exit_code == 2  # BE matches no rule


# -- declarative rule packs -----------------------------------------------------------------

def test_the_example_pack_fires_on_its_example_document(cli):
    text = PACK_DOC.read_text(encoding="utf-8")
    result = cli("check", "--rules-pack", PACK, PACK_DOC, "--select", "PROV", "--format", "json")
    assert result.exit_code == 1, result.output
    found = [(f["rule"], f["line"], f["evidence"]) for f in json.loads(result.output)["findings"]]
    assert found == [
        ("PROV002", line_of(text, "社区养老服务中心运营补助项目绩效目标表"), "二级指标“时效指标”"),
        ("PROV003", line_of(text, "≤120元"), "≤120元"),
        ("PROV001", line_of(text, "≥80%"), "≥80%"),
        ("PROV004", line_of(text, "\t联系电话") + 1, "联系电话"),
        ("PROV005", line_of(text, "申报日期：2024年7月5日"), "2024年7月5日"),
    ]
    # every other finding in the example document would be noise in the tutorial
    assert cli("check", "--rules-pack", PACK, PACK_DOC, "--no-plugins", "--ignore", "PROV").exit_code == 0


def test_pack_rules_are_listed_explained_and_tunable(cli, tmp_path):
    rows = rules_json(cli, "--rules-pack", PACK)
    assert rows["PROV001"]["plugin"] == "pack:province-example.yaml"
    assert rows["PROV001"]["severity"] == "warning"
    page = cli("explain", "PROV001", "--rules-pack", PACK).output
    assert "满意度指标值低于85%" in page and "min = 85" in page and "Policy / 依据" in page
    # a pack rule's check keys are parameters: the configuration can move the bound
    (tmp_path / "auditor.toml").write_text(f"[auditor]\nrules-packs = [{json.dumps(str(PACK))}]\n\n[auditor.params.PROV001]\nmin = 75\n",
                                          encoding="utf-8")
    result = cli("check", PACK_DOC, "--select", "PROV001", "--format", "json")
    assert result.exit_code == 0 and json.loads(result.output)["findings"] == []


def test_packs_come_from_the_configuration(cli, tmp_path):
    (tmp_path / "packs").mkdir()
    (tmp_path / "packs" / "mine.yaml").write_text(PACK.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "auditor.toml").write_text('[auditor]\nrules-packs = ["packs/mine.yaml"]\n', encoding="utf-8")
    result = cli("check", PACK_DOC, "--select", "PROV", "--format", "json")
    assert result.exit_code == 1
    assert {f["rule"] for f in json.loads(result.output)["findings"]} == {"PROV001", "PROV002", "PROV003", "PROV004", "PROV005"}


def test_the_example_pack_is_valid_against_the_published_schema(cli):
    import jsonschema
    import yaml

    schema = json.loads(cli("schema", "rule-pack").output)
    assert schema["$id"].endswith("rule-pack.schema.json")
    data = yaml.safe_load(PACK.read_text(encoding="utf-8"))
    data["rules"][4]["check"]["date"] = str(data["rules"][4]["check"]["date"])  # YAML reads 2024-06-30 as a date
    jsonschema.Draft202012Validator(schema).validate(data)


BAD_PACK = """\
rules:
  - id: BAD001
    name: fine
    severity: error
    summary: 正常 / fine
    check: {type: required-indicator, level2: 时效指标}
  - id: BAD002
    name: fine-too
    severity: warning
    summary: 正常 / fine
    check: {type: required-fields, fields: [项目名称]}
  - id: BAD003
    name: broken
    severity: warning
    summary: 满意度 / satisfaction
    check: {type: indicator-bounds, name: 满意度, min: 85%}
"""


@pytest.mark.parametrize("body, message", [
    (BAD_PACK, "pack.yaml: rules[2].check.min: expected a number"),
    (BAD_PACK.replace("severity: error", "severity: fatal"), "pack.yaml: rules[0].severity: expected one of error, warning, info"),
    (BAD_PACK.replace("    name: fine-too\n", "    name: fine-too\n    colour: red\n").replace("min: 85%", "min: 85"),
     "pack.yaml: rules[1].colour: unknown key"),
    (BAD_PACK.replace("    name: broken\n", "").replace("min: 85%", "min: 85"), "pack.yaml: rules[2].name: missing required key"),
    (BAD_PACK.replace("type: required-fields", "type: required-feilds").replace("min: 85%", "min: 85"),
     "pack.yaml: rules[1].check.type: expected one of required-indicator"),
    (BAD_PACK.replace("level2: 时效指标", "level2: '(时效'").replace("min: 85%", "min: 85"),
     "pack.yaml: rules[0].check.level2: invalid regular expression"),
    (BAD_PACK.replace("BAD002", "BAD001").replace("min: 85%", "min: 85"), "pack.yaml: rules[1].id: BAD001 is already used by rules[0]"),
    ("rules: [\n  - id: x\n", "pack.yaml: line 2, column 3: invalid YAML"),
    ("rules: []\n", "pack.yaml: rules: expected at least 1 item(s)"),
])
def test_a_malformed_pack_is_a_usage_error_naming_the_key(cli, tmp_path, body, message):
    pack = tmp_path / "pack.yaml"
    pack.write_text(body, encoding="utf-8")
    result = cli("check", "--rules-pack", pack, PACK_DOC)
    assert result.exit_code == 2
    assert message in result.output


def test_a_malformed_pack_from_the_configuration_is_exit_2(cli, tmp_path):
    (tmp_path / "pack.json").write_text('{"rules": [{"id": "J001"}]}', encoding="utf-8")
    (tmp_path / "auditor.toml").write_text('[auditor]\nrules-packs = ["pack.json"]\n', encoding="utf-8")
    result = cli("rules")
    assert result.exit_code == 2
    assert "pack.json: rules[0].check: missing required key" in result.output


def test_a_json_pack_works_like_yaml(tmp_path):
    from auditor.plugins.packs import load_pack_plugin

    pack = tmp_path / "p.json"
    pack.write_text(json.dumps({"pack": "json-pack", "rules": [{
        "id": "JS001", "name": "no-timeliness", "severity": "error", "summary": "缺少时效指标 / no timeliness indicator",
        "check": {"type": "required-indicator", "level2": "时效指标"}}]}), encoding="utf-8")
    plugin = load_pack_plugin(str(pack))
    (rule,) = plugin.auditor_register_rules()
    assert rule.id == "JS001" and rule.parameters == {"level2": "时效指标"}
    doc = parse_text(PACK_DOC.read_text(encoding="utf-8"))
    assert [i.line for i in rule().check(doc)] == [line_of(PACK_DOC.read_text(encoding="utf-8"), "项目绩效目标表")]


# -- the scaffold ------------------------------------------------------------------------

def test_the_scaffold_writes_a_package_whose_test_passes(cli, tmp_path):
    result = cli("new-plugin", "my-province", "--dir", tmp_path / "out")
    assert result.exit_code == 0, result.output
    root = tmp_path / "out" / "auditor-my-province"
    for name in ("setup.cfg", "pyproject.toml", "README.md", "auditor_my_province/__init__.py",
                 "auditor_my_province/rules.py", "tests/test_auditor_my_province.py"):
        assert (root / name).is_file(), name
    setup_cfg = (root / "setup.cfg").read_text(encoding="utf-8")
    assert "auditor =\n    my-province = auditor_my_province" in setup_cfg
    assert "from auditor import hookimpl" in (root / "auditor_my_province" / "__init__.py").read_text(encoding="utf-8")
    # installed as pip would: the package importable, its dist-info with the entry point on the path
    site = make_plugin_dist(tmp_path / "site", "my-province", None, module="auditor_my_province", dist="auditor-my-province")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(root), str(site)])}
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(root / "tests")],
                         cwd=root, env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "4 passed" in run.stdout


def test_the_scaffold_refuses_bad_names_and_existing_folders(cli, tmp_path):
    assert cli("new-plugin", "My Province", "--dir", tmp_path).exit_code == 2
    assert cli("new-plugin", "hebei", "--prefix", "VAL", "--dir", tmp_path).exit_code == 2
    assert cli("new-plugin", "hebei", "--dir", tmp_path).exit_code == 0
    again = cli("new-plugin", "hebei", "--dir", tmp_path)
    assert again.exit_code == 2 and "not empty" in again.output
    assert "HEB001" in (tmp_path / "auditor-hebei" / "auditor_hebei" / "rules.py").read_text(encoding="utf-8")


# -- the example plugin (auditor-smartcity) ----------------------------------------------

def filled_from_seed_003() -> str:
    """Seed 003's own 申报表 and 项目绩效评价表, cells filled in place (late, bad code, no 满意度 value)."""
    lines = seed("003").read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if line == "济南市新型智慧城市试点示范项目申报表")
    ev = next(i for i, line in enumerate(lines) if line == "项目绩效评价表")
    end = next(i for i, line in enumerate(lines) if line.startswith("《项目绩效评价表》填报说明"))
    app, table = lines[start:ev], lines[ev:end]

    def fill(block, label, value, skip=1):
        i = block.index("\t" + label)
        block[i + skip] = "\t" + value

    fill(app, "参赛单位名称", "济南泉城智慧科技有限公司（盖章）")
    fill(app, "统一社会信用代码", "91370100MA3C4N2Q1X")  # check character should be K
    fill(app, "姓名", "张三")  # 联系方式 left empty
    fill(app, "项目名称", "智慧停车一体化服务平台")
    fill(app, "注册资本", "1000万元")
    fill(table, "参赛单位名称", "济南泉城智慧科技有限公司（盖章）")
    fill(table, "统一社会信用代码", "91370100MA3C4N2Q1X")
    fill(table, "数量指标", "接入停车场数量")
    fill(table, "数量指标", "≥100个", skip=2)
    fill(table, "具体指标", "服务对象满意度")  # the 满意度 row without a value
    return "\n".join(app + ["", "申报日期：2021年12月20日", "", ""] + table) + "\n"


needs_smartcity = pytest.mark.skipif(importlib.util.find_spec("auditor_smartcity") is None,
                                     reason="auditor-smartcity is not installed (pip install -e plugins/auditor-smartcity)")


@needs_smartcity
def test_the_smartcity_plugin_is_listed(cli):
    rows = rules_json(cli)
    assert {f"SC00{i}" for i in range(1, 7)} <= set(rows)
    assert {rows[f"SC00{i}"]["plugin"] for i in range(1, 7)} == {"smartcity"}
    assert "SC001" not in rules_json(cli, "--no-plugins")


@needs_smartcity
def test_the_smartcity_rules_fire_on_a_filled_application_from_the_seed_template():
    text = filled_from_seed_003()
    found = audit_text(text, rules=["SC"])
    assert_findings(found, [
        ("SC001", "91370100MA3C4N2Q1X", line_of(text, "91370100MA3C4N2Q1X", 1)),
        ("SC001", "91370100MA3C4N2Q1X", line_of(text, "91370100MA3C4N2Q1X", 2)),
        ("SC002", "2021年12月20日", line_of(text, "申报日期：2021年12月20日")),
        ("SC003", "联系方式", line_of(text, "\t联系方式") + 1),
        ("SC004", "服务对象满意度", line_of(text, "\t服务对象满意度")),
    ])


@needs_smartcity
def test_the_smartcity_rules_stay_quiet_on_the_seeds():
    for prefix in ("000", "001", "002", "003", "004"):
        assert audit_text(seed(prefix).read_text(encoding="utf-8"), rules=["SC"]) == [], prefix


@needs_smartcity
def test_the_smartcity_plugin_own_tests_pass():
    """CI runs `pytest` on tests/ only; the plugin's own suite runs from here."""
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(SMARTCITY / "tests")],
                         cwd=SMARTCITY, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr
    assert " passed" in run.stdout and "failed" not in run.stdout


# -- auditor.testing -----------------------------------------------------------------------

def test_the_testing_helpers_keep_their_names():
    import auditor.plugins.testing as kit
    import auditor.testing as short

    for name in ("perf_table", "parse_text", "audit_text", "run_rule", "assert_findings", "line_of",
                 "form_text", "make_plugin_dist", "clear_registry_cache"):
        assert getattr(short, name) is getattr(kit, name)


def test_form_text_builds_the_one_cell_a_line_layout():
    text = form_text("某某项目申报表", [["单位名称", "某某公司"], ["联系人", "姓名", "张三", "联系电话", ""], ["单位简介\n（限200字）", "简介"]],
                     after=["申报日期：2024年7月5日"])
    assert "\t单位名称\n\t某某公司\n\n" in text
    (form,) = parse_text(text).forms
    fields = {f.label: (f.value, f.value_line) for f in form.fields}
    assert fields["单位名称"] == ("某某公司", line_of(text, "某某公司"))
    assert fields["联系电话"] == ("", line_of(text, "\t联系电话") + 1)
    assert fields["单位简介（限200字）"][0] == "简介"
    assert fields["申报日期"] == ("2024年7月5日", line_of(text, "申报日期"))
