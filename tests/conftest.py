"""Shared fixtures: where the seeds are, and a CLI runner."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
TRUTH = ROOT.parent / "shared" / "truth" / "seeds.jsonl"
SCORER = ROOT.parent / "shared" / "tools" / "score.py"
EXAMPLES = ROOT / "examples"


def seed(prefix: str) -> Path:
    """A seed document by its number (000 … 004); skips when shared/ is absent."""
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout")
    for path in sorted(SEEDS.iterdir()):
        if path.name.startswith(prefix):
            return path
    pytest.skip(f"seed {prefix} not found")


@pytest.fixture
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout")
    return SEEDS


class _BothStreams:
    """A click 8.1 result whose ``output`` holds stdout and stderr, as click 8.2's does."""

    def __init__(self, result) -> None:
        self._result = result

    def __getattr__(self, name: str):
        return getattr(self._result, name)

    @property
    def output(self) -> str:
        return self._result.stdout + self._result.stderr


@pytest.fixture
def cli():
    from auditor.cli import main

    try:  # click < 8.2 (the last for Python 3.9): stderr kept apart only when asked
        runner, old_click = CliRunner(mix_stderr=False), True
    except TypeError:  # click >= 8.2: .output shows both streams, .stderr the errors alone
        runner, old_click = CliRunner(), False

    def run(*args: str, **kwargs):
        result = runner.invoke(main, [str(a) for a in args], catch_exceptions=False, **kwargs)
        return _BothStreams(result) if old_click else result

    return run


@pytest.fixture(autouse=True)
def _isolated_cwd(tmp_path, monkeypatch):
    """Run each test from an empty folder so no configuration file is picked up."""
    monkeypatch.chdir(tmp_path)
    os.environ.pop("NO_COLOR", None)
    yield
