"""Precision and recall on the hand-labelled seeds (../shared/truth), per rule and family.

Runs the real command, scores its JSON with ../shared/tools/score.py, prints the
figures and fails below the bounds of the rule issues: BUD/PLAN recall 1.0 and
precision ≥ 0.95; VAL/IND/DOC recall ≥ 0.95 and precision ≥ 0.9 per family.
"""
from __future__ import annotations

import importlib.util
import json

import pytest

from conftest import SCORER, SEEDS, TRUTH

BOUNDS = {"BUD": (1.0, 0.95), "PLAN": (1.0, 0.95), "VAL": (0.95, 0.9), "IND": (0.95, 0.9), "DOC": (0.95, 0.9)}


@pytest.fixture(scope="module")
def scored():
    if not (SEEDS.is_dir() and TRUTH.is_file() and SCORER.is_file()):
        pytest.skip("../shared (seeds, truth, scorer) is not beside this checkout")
    from click.testing import CliRunner

    from auditor.cli import main

    result = CliRunner().invoke(main, ["check", str(SEEDS), "--format", "json", "--fail-on", "never", "--no-plugins"])
    assert result.exit_code == 0, result.output
    findings = json.loads(result.output)["findings"]
    spec = importlib.util.spec_from_file_location("score", SCORER)
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)  # type: ignore[union-attr]
    truth = score.load_truth(str(TRUTH))
    return score, truth, findings


@pytest.mark.parametrize("family", sorted(BOUNDS))
def test_precision_and_recall_per_family(scored, family):
    score, truth, findings = scored
    stats, misses, false_alarms = score.score(truth, findings, [family], 0)
    tp = sum(s["tp"] for s in stats.values())
    fn = sum(s["fn"] for s in stats.values())
    fp = sum(s["fp"] for s in stats.values())
    recall = tp / (tp + fn) if tp + fn else 1.0
    precision = tp / (tp + fp) if tp + fp else 1.0
    for rule in sorted(stats):
        s = stats[rule]
        r = s["tp"] / (s["tp"] + s["fn"]) if s["tp"] + s["fn"] else 1.0
        p = s["tp"] / (s["tp"] + s["fp"]) if s["tp"] + s["fp"] else 1.0
        print(f"{rule:9} hit {s['tp']:3} missed {s['fn']:2} false {s['fp']:2} judgement {s['judgement']:2} recall {r:.3f} precision {p:.3f}")
    print(f"{family}: recall {recall:.3f} precision {precision:.3f}")
    min_recall, min_precision = BOUNDS[family]
    assert recall >= min_recall, [f"{t['file']}:{t['line']} {t['rule']}" for t in misses]
    assert precision >= min_precision, [f"{f['file']}:{f['line']} {f['rule']}" for f in false_alarms]


def test_every_parse003_is_a_labelled_judgement(scored):
    score, truth, findings = scored
    stats, _, false_alarms = score.score(truth, findings, ["PARSE"], 0)
    assert not false_alarms, false_alarms


def test_blank_template_seed_003_gets_no_finding(scored):
    _, _, findings = scored
    assert not [f for f in findings if "003_" in f["file"]]
