"""README's two set-up commands are the ones CI runs."""
from __future__ import annotations

import re

from conftest import ROOT


def _command(section: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    part = text.split(f"## {section}", 1)[1]
    return re.search(r"```sh\n(.+?)\n```", part, re.S).group(1).strip()


def test_ci_runs_the_readme_commands():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert _command("Install and run") in ci
    assert _command("Test") in ci


def test_readme_examples_folder_exists():
    assert "examples/docs" in _command("Install and run")
    assert (ROOT / "examples" / "docs").is_dir()
