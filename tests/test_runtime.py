"""The collector settings auditor's own processes use (runtime.tune_gc), checked in fresh interpreters."""
from __future__ import annotations

import subprocess
import sys

import pytest


def _run(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()


def test_tune_gc_spaces_out_young_collections_and_freezes_startup_objects():
    out = _run("import gc; from auditor.runtime import tune_gc, YOUNG_OBJECTS; before = gc.get_freeze_count(); tune_gc(); "
               "print(gc.get_threshold()[0] == YOUNG_OBJECTS, gc.get_freeze_count() > before)")
    assert out == "True True"


def test_tune_gc_leaves_a_disabled_or_larger_threshold_alone():
    assert _run("import gc; gc.set_threshold(0); from auditor.runtime import tune_gc; tune_gc(); print(gc.get_threshold()[0])") == "0"
    assert _run("import gc; gc.set_threshold(10**6); from auditor.runtime import tune_gc; tune_gc(); print(gc.get_threshold()[0])") == "1000000"


@pytest.mark.parametrize("args", [["check", "--help"]])
def test_the_command_line_runs_with_tuned_collection(args):
    code = ("import gc, sys; from auditor.cli import main\n"
            "try:\n    main(%r)\nexcept SystemExit:\n    pass\n"
            "from auditor.runtime import YOUNG_OBJECTS; print('THRESHOLD', gc.get_threshold()[0] == YOUNG_OBJECTS)" % (args,))
    assert "THRESHOLD True" in _run(code)
