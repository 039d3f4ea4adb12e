"""``auditor fix``: write corrected copies of documents (or show what would change).

Never writes over an input unless ``--in-place`` is given; every file is
written atomically (:mod:`auditor.atomic`).
"""
from __future__ import annotations

import os
import sys
from typing import Dict, List, Tuple

import click

from ..cli import UsageError, _load_config, _settings, discover, finite_seconds, rule_options


def _targets(paths: Tuple[str, ...], output_dir: str) -> List[Tuple[str, str]]:
    """(input, output) pairs: a folder's files keep their place below it, a file goes in by name."""
    pairs: List[Tuple[str, str]] = []
    for path in paths:
        for found in discover([path]):
            rel = os.path.relpath(found, path) if os.path.isdir(path) else os.path.basename(found)
            pairs.append((found, os.path.join(output_dir, rel) if output_dir else found))
    outputs: Dict[str, str] = {}
    for src, dst in pairs:
        key = os.path.normcase(os.path.abspath(dst))
        if key in outputs and outputs[key] != src:
            raise UsageError(f"{outputs[key]} and {src} would both be written to {dst}")
        outputs[key] = src
        if output_dir and os.path.exists(dst) and os.path.samefile(src, dst):
            raise UsageError(f"-o {output_dir} would write over the input {src}; use --in-place to do that")
    return pairs


def _write(path: str, content: bytes) -> None:
    from ..atomic import atomic_open

    folder = os.path.dirname(path)
    if folder:
        os.makedirs(folder, exist_ok=True)
    with atomic_open(path, "wb") as fh:
        fh.write(content)


def _fix_one(src: str, findings, unsafe: bool, say):
    """Plan the fixes of one file and say what could not be applied."""
    from ..reporting.text import clean
    from .apply import plan_fixes

    with open(src, "rb") as fh:
        data = fh.read()
    outcome = plan_fixes(src, data, findings, unsafe=unsafe)
    for finding, why in outcome.skipped:
        say(f"{clean(src)}:{finding.line}: {finding.rule} not fixed: {clean(why)}")
    if outcome.problem and not outcome.applied:
        say(f"{clean(src)}: {clean(outcome.problem)}")
    return outcome


@click.command("fix")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--output-dir", "-o", type=click.Path(file_okay=False), help="Write corrected copies into this folder.")
@click.option("--in-place", is_flag=True, help="Rewrite the inputs themselves.")
@click.option("--unsafe-fixes", is_flag=True, help="Also apply unsafe fixes (guesses a person must confirm).")
@click.option("--diff", "show_diff", is_flag=True, help="Print what would change (unified diff; a cell table for .docx/.xlsx); write nothing.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=None, callback=finite_seconds, help="Seconds a file may take to audit.")
@rule_options
def fix(paths, output_dir, in_place, unsafe_fixes, show_diff, timeout, select, ignore, config_path, no_plugins, plugin, rules_pack) -> None:
    """Apply the findings' safe fixes (and unsafe ones if asked) to copies of the documents.

    Exit status: 0 done (or nothing to change); 1 with --diff when something would change;
    2 usage error.
    """
    from .render import changes_table

    if not (output_dir or in_place or show_diff):
        raise UsageError("say where to write: -o DIR for corrected copies, --in-place to rewrite the inputs, or --diff to only show")
    if output_dir and in_place:
        raise UsageError("-o and --in-place exclude each other")
    cfg = _load_config(config_path)
    settings, reg = _settings(cfg, select, ignore, no_plugins, plugin, rules_pack)
    pairs = _targets(paths, "" if in_place or show_diff else output_dir)
    if not pairs:
        raise UsageError("no documents found in " + ", ".join(paths))
    say = (lambda text: click.echo(text, err=True)) if show_diff else click.echo
    fixed = changed_files = unsafe_left = hints = 0
    from ..reporting.text import clean
    from ..suppressions import apply_suppressions_for_fix

    from ..executors import make_executor

    kind = "process" if cfg.executor == "dask" else cfg.executor  # a file at a time, isolated as in `check`
    executor = make_executor(kind, settings=settings, reg=reg, jobs=1, timeout=timeout or cfg.timeout)
    results = executor.run(list(enumerate(src for src, _ in pairs)), lambda i, r: None)
    try:
        for index, result in results:  # in input order, one file's findings at a time
            src, dst = pairs[index]
            outcome = _fix_one(src, apply_suppressions_for_fix(cfg, result.findings), unsafe_fixes, say)
            unsafe_left += outcome.unsafe_available
            hints += outcome.display_only
            if not outcome.changed:
                continue
            changed_files += 1
            fixed += len(outcome.applied)
            if show_diff:
                if os.path.splitext(src)[1].lower() in (".docx", ".xlsx", ".xlsm"):
                    click.echo(f"{clean(src)}\n{changes_table(outcome.changes)}\n")
                else:
                    click.echo(outcome.diff, nl=False)
                continue
            _write(dst, outcome.after or b"")
            say(f"{clean(src)}: {len(outcome.applied)} fixes applied → {clean(dst)}")
    finally:
        results.close()
    verb = "would be applied" if show_diff else "applied"
    line = f"{fixed} fixes {verb} in {changed_files} of {len(pairs)} files"
    if unsafe_left:
        line += f"; {unsafe_left} more with --unsafe-fixes"
    if hints:
        line += f"; {hints} display-only suggestions (see `auditor check --show-fixes`)"
    say(line)
    sys.exit(1 if show_diff and changed_files else 0)
