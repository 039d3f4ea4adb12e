"""Interpreters are plugins (issue 13 points 2, 5, 6): a third-party package found
through the entry-point group adds a document kind with its own interpreter,
vocabulary and rule, and nothing under auditor/ changes for it; a misspelt hook is
reported; unread table-like blocks are counted in the coverage summary."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from auditor.engine import Settings, audit_bytes

#: a plugin for 政府采购意向公开表 (a kind auditor does not know): its Part, its
#: vocabulary, an interpreter claiming sections titled so, and a rule PI001 pointing at the cell
PROCUREMENT_PLUGIN = '''
from typing import List, Literal, Optional
from auditor import hookimpl
from auditor.interpret import Interpreter, Reading
from auditor.models import Amount, Cell, Part
from auditor.readers.blocks import Grid
from auditor.rule import Rule
from auditor.values import compact, parse_amount
from auditor.vocabulary import Vocabulary


class IntentRow(Part):
    kind: Literal["intent-row"] = "intent-row"
    name: Optional[Cell] = None
    amount: Optional[Amount] = None
    month: Optional[Cell] = None


class ProcurementIntent(Part):
    kind: Literal["procurement-intent"] = "procurement-intent"
    rows: List[IntentRow] = []


class IntentInterpreter(Interpreter):
    name = "procurement-intent"
    kind = "procurement-intent"

    def read(self, section, doc):
        vocab = self.vocabulary
        out = Reading()
        part = ProcurementIntent(title=section.title_text.strip(), title_line=section.title.line)
        for grid in section.grids():
            cols = None
            for row in grid.rows:
                roles = [vocab.column_role(compact(c.text)) for c in row.cells]
                if cols is None:
                    if "name" in roles and "amount" in roles:
                        cols = {r: i for i, r in enumerate(roles) if r}
                    continue
                get = lambda role: row.cells[cols[role]] if role in cols and cols[role] < len(row.cells) else None
                name, amount, month = get("name"), get("amount"), get("month")
                part.rows.append(IntentRow(
                    title=name.text if name else "", title_line=row.line,
                    name=Cell(text=name.text, line=name.line, ref=name.ref) if name else None,
                    amount=parse_amount(amount.text, amount.line, section.unit, amount.location, amount.ref) if amount else None,
                    month=Cell(text=month.text, line=month.line, ref=month.ref) if month else None))
            if cols is None:
                out.unread.append(grid)
        out.parts.append(part)
        return out


class IntentWithoutBudget(Rule):
    id = "PI001"
    name = "intent-without-budget"
    severity = "error"
    summary = "采购意向没有预算金额 / a procurement intention without a budget"
    parts = (ProcurementIntent,)

    def check_part(self, part, doc):
        for row in part.rows:
            if row.amount is None or not row.amount.value:
                yield self.issue(row.name or row.title_line, f"采购意向“{row.title}”没有预算金额 / no budget", where=part, field=row.title)


@hookimpl
def auditor_register_vocabularies():
    return [Vocabulary("procurement-intent", titles=[r"采购意向公开表?$"],
                       columns={"name": ["采购项目名称"], "amount": ["预算金额（万元）", "预算金额"], "month": ["预计采购时间"]})]


@hookimpl
def auditor_register_interpreters():
    return [IntentInterpreter()]


@hookimpl
def auditor_register_rules():
    return [IntentWithoutBudget]
'''

INTENT_DOC = """2025年政府采购意向公开表

| 序号 | 采购项目名称 | 采购需求概况 | 预算金额（万元） | 预计采购时间 |
|---|---|---|---|---|
| 1 | 网络安全服务 | 等级保护测评 | 45 | 2025年3月 |
| 2 | 档案数字化 | 档案扫描 |  | 2025年5月 |
"""


def test_a_third_party_plugin_adds_a_kind_its_interpreter_and_its_rule(cli, plugin_dist, tmp_path):
    plugin_dist("procurement", PROCUREMENT_PLUGIN, module="auditor_procurement_test_plugin")
    doc = tmp_path / "intent.md"
    doc.write_text(INTENT_DOC, encoding="utf-8")
    result = cli("check", str(doc), "--format", "json", "--fail-on", "never")
    findings = json.loads(result.output)["findings"]
    assert [(f["rule"], f["line"]) for f in findings] == [("PI001", 6)]
    line = INTENT_DOC.split("\n")[5]
    assert line[findings[0]["column"] - 1:findings[0]["end_column"] - 1] == "档案数字化"  # the project's cell on its line
    listed = {p["name"]: p for p in json.loads(cli("plugins", "--format", "json").output)["plugins"]}
    assert listed["procurement"]["interpreters"] == ["procurement-intent"]
    # without the plugin the table is not claimed: counted as unread, no PI001
    plain = audit_bytes("intent.md", doc.read_bytes(), Settings(use_plugins=False))
    assert not any(f.rule == "PI001" for f in plain.findings)
    assert plain.coverage["unread"] == 1 and plain.coverage["parts"] == {}


def test_the_plugin_kind_through_the_real_command(plugin_dist, tmp_path):
    site = plugin_dist("procurement", PROCUREMENT_PLUGIN, module="auditor_procurement_test_plugin")
    doc = tmp_path / "intent.md"
    doc.write_text(INTENT_DOC, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")])}
    run = subprocess.run([sys.executable, "-m", "auditor", "check", str(doc), "--format", "json", "--fail-on", "never"],
                         capture_output=True, text=True, env=env, timeout=120)
    assert run.returncode == 0, run.stderr
    assert [f["rule"] for f in json.loads(run.stdout)["findings"]] == ["PI001"]


def test_a_misspelt_hook_is_reported_by_auditor_plugins(cli, plugin_dist):
    source = ("from auditor import hookimpl\n@hookimpl\ndef auditor_register_rule():\n    return []\n"
              "def auditor_register_interpreter():\n    return []\n")
    plugin_dist("typo", source, module="auditor_typo_plugin")
    result = cli("plugins")
    assert "FAILED typo: unknown hook 'auditor_register_rule'" in result.output
    assert "FAILED typo: unknown hook 'auditor_register_interpreter'" in result.output
    assert "builtin-rules" in result.output  # everything else still loads


def test_a_crashing_interpreter_is_a_parse002_not_a_crash(plugin_dist, tmp_path):
    source = ("from auditor import hookimpl\nfrom auditor.interpret import Interpreter\n"
              "class Bad(Interpreter):\n    name = 'bad'\n    kind = 'bad'\n"
              "    def claim(self, section, doc):\n        return 0.9 if section.title is not None else 0\n"
              "    def read(self, section, doc):\n        raise ValueError('oops')\n"
              "@hookimpl\ndef auditor_register_interpreters():\n    return [Bad()]\n")
    plugin_dist("bad-interp", source, module="auditor_bad_interp_plugin")
    result = audit_bytes("intent.md", INTENT_DOC.encode("utf-8"), Settings())
    assert any(f.rule == "PARSE002" and "oops" in f.message for f in result.findings)


def test_coverage_counts_parts_per_kind_on_a_seed():
    from conftest import seed

    path = seed("001")
    result = audit_bytes(str(path), path.read_bytes(), Settings())
    assert result.coverage["parts"]["performance"] == result.tables
    assert {"blocks", "unread", "partly", "parts"} <= set(result.coverage)


def test_vocabulary_lookups_are_compiled_and_extendable():
    from auditor.vocabulary import Vocabulary, vocabulary

    perf = vocabulary("performance")
    assert perf.column_role("指标值") == "value" and perf.column_role("年度指标值（%）") == "value"
    assert perf.key_role("一般公共预算拨款") == "fiscal_part"
    extra = Vocabulary("performance", keys={"测试资金合计": "budget"})
    copy = perf.copy().extend(extra)
    assert copy.key_role("测试资金合计") == "budget" and perf.key_role("测试资金合计") is None
    assert perf.unit_factor("元") == 0.0001 and perf.unit_factor("家") is None


def test_a_table_nobody_reads_is_parse002_and_counted():
    from auditor.testing import audit_text

    text = ("1.网络安全服务项目绩效目标表\n\n| 项目名称 | 网络安全服务 | 预算数 | 80 |\n|---|---|---|---|\n"
            "| 一级指标 | 二级指标 | 三级指标 | 指标值 |\n| 产出指标 | 数量指标 | 测评系统数 | ≥5个 |\n"
            "| 满意度指标 | 服务对象满意度指标 | 满意度 | ≥90% |\n\n"
            "2.部门收支总表\n\n| 收入 | 金额 | 支出 | 金额 |\n|---|---|---|---|\n| 一般公共预算拨款 | 100 | 一般公共服务支出 | 100 |\n"
            "| 合计 | 100 | 合计 | 100 |\n")
    found = [f for f in audit_text(text, rules=["PARSE002"])]
    assert [(f.rule, f.line) for f in found] == [("PARSE002", 11)]
    assert "3 行" in found[0].message and "部门收支总表" in found[0].message
    result = audit_bytes("t.md", text.encode("utf-8"), Settings())
    assert result.coverage["unread"] == 1 and result.coverage["parts"] == {"performance": 1}


def test_a_plugin_vocabulary_extends_a_builtin_kind(plugin_dist, monkeypatch):
    """A plugin teaches the disclosure reader a new price header (服务费用) through a vocabulary."""
    from auditor import vocabulary as vocab_module

    monkeypatch.setitem(vocab_module._VOCABULARIES, "disclosure", vocab_module.vocabulary("disclosure").copy())
    text = ("2024年政府购买服务信息公开表\n\n一、2024年度政府购买服务预算\n\n| 序号 | 政府购买服务项目名称 | 预算金额（万元） |\n|---|---|---|\n"
            "| 1 | 法律服务费 | 10 |\n\n二、政府购买服务承接主体\n\n| 序号 | 政府购买服务项目名称 | 承接主体名称 | 服务费用（万元） |\n|---|---|---|---|\n"
            "| 1 | 法律服务费 | 甲律师事务所 | 12 |\n")
    before = audit_bytes("d.md", text.encode("utf-8"), Settings(select=["BUD001"]))
    assert before.findings == []
    source = ("from auditor import hookimpl\nfrom auditor.vocabulary import Vocabulary\n"
              "@hookimpl\ndef auditor_register_vocabularies():\n    return [Vocabulary('disclosure', columns={'price': ['服务费用']})]\n")
    plugin_dist("words", source, module="auditor_words_plugin")
    after = audit_bytes("d.md", text.encode("utf-8"), Settings(select=["BUD001"]))
    assert [(f.rule, f.line) for f in after.findings] == [("BUD001", 13)]
