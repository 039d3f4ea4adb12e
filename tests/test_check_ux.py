"""`auditor check` as people use it next to other tools: -q, stdin, --exclude, .gitignore,
configuration per file folder, helpful errors, wide-character tables, the Python API, pre-commit (issue 18)."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT

DOC = EXAMPLES / "docs" / "performance-targets-from-pdf.md"


def copy_doc(folder: Path, name: str = "doc.md") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    shutil.copy(DOC, target)
    return target


def rules_of(result) -> list:
    return [f["rule"] for f in json.loads(result.stdout)["findings"]]


# -- terminal -------------------------------------------------------------------------------------

def test_table_lines_up_chinese_text_and_wraps_full_messages(cli, monkeypatch, tmp_path):
    from wcwidth import wcswidth

    monkeypatch.setenv("COLUMNS", "100")
    doc = copy_doc(tmp_path / "文件夹", "预算文件.md").relative_to(tmp_path)  # wide characters in the location column too
    findings = json.loads(cli("check", doc, "--format", "json").stdout)["findings"]
    lines = cli("check", doc, "--no-color").stdout.splitlines()
    column = lines[0].index("message")  # the header is ASCII: index == terminal cells
    for finding in findings:
        head = finding["message"][:8]
        line = next(line for line in lines if head in line)
        assert wcswidth(line[: line.index(head)]) == column, line  # CJK counts two cells
    assert all(wcswidth(line) <= 100 for line in lines[:-1])  # wrapped to the terminal (summary aside)
    flat = re.sub(r"\s+", "", "\n".join(lines))
    for finding in findings:  # every message in full, never cut with "…"
        assert re.sub(r"\s+", "", finding["message"]) in flat


def test_quiet_prints_one_line_a_finding_and_nothing_else(cli):
    findings = json.loads(cli("check", DOC, "--format", "json").stdout)["findings"]
    result = cli("check", DOC, "-q")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == len(findings)
    for line, finding in zip(lines, findings):
        col = f":{finding['column']}" if finding.get("column") else ""
        assert line.startswith(f"{DOC}:{finding['line']}{col}: {finding['rule']} [{finding['severity']}] ")
    assert "findings (" not in result.stdout


def test_terminal_neutralises_escape_sequences_in_rule_ids(cli, tmp_path):
    """A JSON document can carry any rule ID and kind: the terminal never receives an escape sequence."""
    from auditor.models import Finding
    from auditor.reporting.base import Report
    from auditor.reporting.text import TextReporter

    finding = Finding(rule="X\x1b]0;owned\x07\u202e", severity="error", file="a\x1b[2J.txt", line=1, message="m\x9b31m")
    for quiet in (False, True):
        out = TextReporter().render(Report(findings=[finding], quiet=quiet))
        assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e]", out), repr(out)


# -- inputs -----------------------------------------------------------------------------------------

def test_stdin_with_a_name_picks_kind_and_configuration(cli, tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    (project / "auditor.toml").write_text('select = ["IND003"]\n', encoding="utf-8")
    data = DOC.read_bytes()
    plain = cli("check", "-", "--format", "json", input=data)
    assert plain.exit_code == 1 and len(rules_of(plain)) > 1
    assert {f["file"] for f in json.loads(plain.stdout)["findings"]} == {"-"}
    named = cli("check", "-", "--stdin-filename", project / "budget.md", "--format", "json", input=data)
    assert set(rules_of(named)) == {"IND003"}  # the configuration of the named file's folder
    assert {f["file"] for f in json.loads(named.stdout)["findings"]} == {str(project / "budget.md")}


def test_exclude_and_gitignore_skip_files_in_folders(cli, tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("node_modules/\n*.draft.md\n!keep.draft.md\n", encoding="utf-8")
    copy_doc(tmp_path / "docs", "a.md")
    copy_doc(tmp_path / "docs" / "node_modules" / "pkg", "README.md")
    copy_doc(tmp_path / "docs", "b.draft.md")
    copy_doc(tmp_path / "docs", "keep.draft.md")
    copy_doc(tmp_path / "docs" / "old", "c.md")
    (tmp_path / "docs" / "old" / ".gitignore").write_text("c.md\n", encoding="utf-8")

    def audited(*args):
        result = cli("check", "docs", "--format", "junit", "--fail-on", "never", *args)
        return sorted(set(re.findall(r'classname="([^"]+)"', result.stdout)))

    assert audited() == ["docs/a.md", "docs/keep.draft.md"]
    assert audited("--exclude", "keep.*") == ["docs/a.md"]
    assert audited("--no-gitignore", "--exclude", "node_modules") == [
        "docs/a.md", "docs/b.draft.md", "docs/keep.draft.md", "docs/old/c.md"]
    # a file named on the command line is audited whatever .gitignore says
    assert rules_of(cli("check", "docs/b.draft.md", "--format", "json"))


# -- configuration ----------------------------------------------------------------------------------

def test_config_comes_from_each_files_own_folder(cli, tmp_path, monkeypatch):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "auditor.toml").write_text('select = ["IND003"]\n', encoding="utf-8")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "setup.cfg").write_text("[auditor]\nselect = VAL001\n", encoding="utf-8")
    copy_doc(tmp_path / "a" / "deep")
    copy_doc(tmp_path / "b")
    for cwd in (tmp_path, tmp_path / "a", tmp_path / "b"):
        monkeypatch.chdir(cwd)
        doc = json.loads(cli("check", tmp_path / "a", tmp_path / "b", "--format", "json").stdout)
        got = {(Path(f["file"]).parent.name, f["rule"]) for f in doc["findings"]}
        assert got == {("deep", "IND003"), ("b", "VAL001")}
    forced = cli("check", tmp_path / "a", tmp_path / "b", "--format", "json", "--config", tmp_path / "a" / "auditor.toml")
    assert set(rules_of(forced)) == {"IND003"}


@pytest.mark.parametrize("text, expected", [
    ('selet = ["VAL"]\n', "unknown key 'selet' (did you mean 'select'?)"),
    ("[severity]\nVAL02 = \"info\"\n", "severity.VAL02: no such rule (did you mean 'VAL002'?)"),
    ("[params.IND003]\nminimun = 80\n", "has no parameter 'minimun' (did you mean 'minimum'?)"),
    ('select = ["VAL"\nignore = []\n', "auditor.toml:2:1: invalid TOML"),
])
def test_configuration_errors_name_file_line_and_suggest(cli, tmp_path, text, expected):
    (tmp_path / "auditor.toml").write_text(text, encoding="utf-8")
    copy_doc(tmp_path)
    result = cli("check", "doc.md")
    assert result.exit_code == 2
    assert expected in result.output, result.output
    assert str(tmp_path / "auditor.toml") in result.output


def test_ini_syntax_error_names_file_and_line(cli, tmp_path):
    (tmp_path / "setup.cfg").write_text("[auditor]\nselect = VAL\n  = oops\n[broken\n", encoding="utf-8")
    copy_doc(tmp_path)
    result = cli("check", "doc.md")
    assert result.exit_code == 2 and re.search(r"setup\.cfg:\d+: invalid INI", result.output), result.output


def test_format_and_rule_suggestions(cli):
    result = cli("check", DOC, "--format", "sarf")
    assert result.exit_code == 2 and "did you mean 'sarif'?" in result.output
    result = cli("check", DOC, "--select", "PLA001")
    assert result.exit_code == 2 and "did you mean 'PLAN001'?" in result.output


def test_explain_by_id_or_name(cli):
    by_id = cli("explain", "plan001")
    by_name = cli("explain", "percent-given-as-amount")
    assert by_id.exit_code == by_name.exit_code == 0 and by_id.output == by_name.output
    wrong = cli("explain", "percent-given-as-amont")
    assert wrong.exit_code == 2 and "PLAN001" in wrong.output


# -- Python API, Python versions, pre-commit --------------------------------------------------------

def test_readme_python_api_example_runs(tmp_path):
    """The README's API example, run as written (from the repository's folder)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    code = re.search(r"### Python API\n.*?```python\n(.+?)\n```", text, re.S).group(1)
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "PLAN001" in proc.stdout


def test_public_api_is_exported():
    import auditor

    assert {"audit_file", "audit_bytes", "load_settings"} <= set(auditor.__all__)
    settings = auditor.load_settings(select=["VAL001"])
    result = auditor.audit_bytes("x.md", DOC.read_bytes(), settings)
    assert {f.rule for f in result.findings} == {"VAL001"}
    assert [f.rule for f in auditor.audit_file(str(DOC), settings).findings] == [f.rule for f in result.findings]


def test_tomli_is_declared_for_older_pythons():
    """Python 3.9/3.10 have no tomllib: tomli must be an install requirement there (CI runs the suite on 3.9)."""
    import configparser

    parser = configparser.ConfigParser()
    parser.read(ROOT / "setup.cfg", encoding="utf-8")
    requires = parser["options"]["install_requires"]
    assert re.search(r"^tomli>=[\d.]+; python_version < \"3\.11\"$", requires, re.M)
    if sys.version_info < (3, 11):
        import tomli  # noqa: F401  (installed by the declaration above)


def test_pre_commit_manifest_is_valid():
    from pre_commit.clientlib import load_manifest

    hooks = load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))
    assert [h["id"] for h in hooks] == ["auditor"] and hooks[0]["language"] == "python"
    assert hooks[0]["entry"].startswith("auditor check")


def test_pre_commit_try_repo_on_a_tiny_repository(tmp_path):
    """`pre-commit try-repo` on this checkout: a document with errors fails the hook, a clean one passes.

    pre-commit builds the hook's virtualenv from the checkout (pip, from the package index);
    its home is kept in the user's cache, so later runs of the same commit reuse it.
    """
    repo = tmp_path / "repo"
    repo.mkdir()
    git = ["git", "-c", "user.email=t@example.invalid", "-c", "user.name=t", "-c", "commit.gpgsign=false"]
    subprocess.run(git + ["init", "-q"], cwd=repo, check=True)
    copy_doc(repo, "budget.md")
    subprocess.run(git + ["add", "-A"], cwd=repo, check=True)
    subprocess.run(git + ["commit", "-qm", "docs"], cwd=repo, check=True)
    env = dict(os.environ, PRE_COMMIT_HOME=str(Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
                                                / "auditor-tests" / "pre-commit"))
    pre_commit = [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "auditor", "--all-files"]
    failed = subprocess.run(pre_commit, cwd=repo, capture_output=True, text=True, timeout=900, env=env)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "PLAN001" in failed.stdout and "Failed" in failed.stdout
    (repo / "budget.md").write_text("一段没有表格的说明文字。\n", encoding="utf-8")
    passed = subprocess.run(pre_commit, cwd=repo, capture_output=True, text=True, timeout=900, env=env)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout
