"""The ``sweep``, ``runs`` and ``diff`` commands (added to ``auditor`` by auditor.cli).

Only click and auditor.cli are imported here: this module is imported on
every ``auditor`` start-up, so the sweep machinery loads inside the commands.
"""
from __future__ import annotations

import json
import os
import sys
from typing import Optional

import click

from ..discovery import shown

from ..cli import OutputError, UsageError, _color, _load_config, _settings, check_outputs, discover, finite_seconds, reader_extensions, rule_options


def _open_history(db: str):
    from .history import History, HistoryError

    if not os.path.exists(db):
        raise UsageError(f"no history database at {db} (run `auditor sweep` first, or pass --db)")
    try:
        return History(db)
    except HistoryError as exc:
        raise UsageError(str(exc)) from None


def _db_path(db: Optional[str], cfg) -> str:
    from .session import default_db

    return db or default_db(cfg)


def _suppressor(cfg, settings):
    """The configuration's [[suppress]] entries, applied as the sweep streams its findings."""
    from ..suppressions.run import suppressor_for

    return suppressor_for(cfg, settings)


@click.command()
@click.argument("folders", nargs=-1, required=True, type=click.Path())
@click.option("--include", multiple=True, help="Only files matching this glob (name or path); repeatable.")
@click.option("--exclude", multiple=True, help="Skip files matching this glob; repeatable.")
@click.option("--jobs", "-j", type=click.IntRange(min=1, max=1024), default=None, help="Local worker processes (default: config `jobs`, else all cores).")
@click.option("--executor", type=click.Choice(["process", "inline", "dask"]), default=None,
              help="process: local workers (default); dask: a Dask cluster (see --scheduler); inline: this process, no isolation.")
@click.option("--scheduler", default=None, help="Dask scheduler address, e.g. tcp://HOST:8786 (default: config `scheduler`, else a local cluster).")
@click.option("--timeout", type=click.FloatRange(min=0), default=None, callback=finite_seconds, help="Seconds one file may take before its worker is stopped (default: config, 60; 0 = no limit).")
@click.option("--db", type=click.Path(dir_okay=False), default=None, help="History database (default: auditor.db beside the configuration file).")
@click.option("--format", "fmt", default=None, help="text, json, csv (streamed) or sarif, junit, html, a plugin's (written at the end).")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write the report here (atomically, when the sweep completes).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default=None, help="Lowest severity that makes the exit status 1.")
@click.option("--changed-only", is_flag=True, help="Skip files unchanged since the last complete run with the same rules and configuration; carry their findings forward.")
@click.option("--baseline", type=click.Path(exists=True, dir_okay=False), help="Report only findings whose fingerprint is not in this baseline.")
@click.option("--write-baseline", type=click.Path(dir_okay=False), help="Write this run's findings as a baseline file.")
@click.option("--no-progress", is_flag=True, help="No progress line (it only appears on a terminal anyway).")
@click.option("--color/--no-color", default=None, help="Colour the text report (default: only on a terminal).")
@rule_options
def sweep(folders, include, exclude, jobs, executor, scheduler, timeout, db, fmt, output, fail_on, changed_only, baseline, write_baseline, no_progress, color,
          select, ignore, config_path, no_plugins, plugin, rules_pack) -> None:
    """Audit every document below FOLDERS in parallel, recording the run in the history database."""
    from ..config import env_default_jobs
    from .baseline import BaselineError
    from .history import HistoryError
    from ..executors import WorkersCannotStart
    from .session import SweepOptions, run_sweep

    cfg = _load_config(config_path)
    settings, reg = _settings(cfg, select, ignore, no_plugins, plugin, rules_pack)
    missing = [p for p in folders if not os.path.exists(p)]
    if missing:
        raise UsageError(f"no such file or folder: {', '.join(missing)}")
    files = list(dict.fromkeys(discover(folders, include, exclude, extensions=reader_extensions(reg))))
    if not files:
        raise UsageError("no documents found in " + ", ".join(folders))
    fmt = fmt or cfg.format
    if fmt not in reg.reporters:
        raise UsageError(f"unknown format {fmt!r}; available: {', '.join(sorted(reg.reporters))}")
    check_outputs(files, output=output, write_baseline=write_baseline)
    executor = executor or cfg.executor
    if executor == "dask":
        try:
            import distributed  # noqa: F401
        except ImportError:
            raise UsageError("--executor dask needs Dask: pip install 'auditor[dask]'") from None
    for failure in reg.failures:
        click.echo(f"warning: plugin {failure.plugin}: {failure.error}", err=True)
    limit = cfg.timeout if timeout is None else timeout
    opts = SweepOptions(
        files=files,
        folders=folders,
        jobs=jobs or cfg.jobs or env_default_jobs(),
        timeout=limit or None,
        db=_db_path(db, cfg),
        fmt=fmt,
        output=output,
        fail_on=fail_on or cfg.fail_on,
        changed_only=changed_only,
        baseline=baseline,
        write_baseline=write_baseline,
        progress=not no_progress,
        color=_color(color, sys.stdout) and not output,
        suppressor=_suppressor(cfg, settings),
        executor=executor,
        scheduler=scheduler or cfg.scheduler,
    )
    try:
        status = run_sweep(opts, settings, reg)
    except (BaselineError, HistoryError) as exc:
        raise UsageError(str(exc)) from None
    except WorkersCannotStart as exc:
        click.echo(f"error: {exc}", err=True)
        status = 2
    except OSError as exc:  # the report or baseline could not be written: the run is recorded as failed
        raise OutputError(f"cannot write {shown(exc.filename) if isinstance(exc.filename, str) else output or write_baseline}: "
                          f"{exc.strerror or exc}; run not marked complete") from None
    sys.exit(status)


@click.command()
@click.option("--db", type=click.Path(dir_okay=False), default=None, help="History database (default: auditor.db beside the configuration file).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Configuration file (default: found upward).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--limit", "-n", type=click.IntRange(min=1), default=None, help="Only the newest N runs.")
def runs(db, config_path, fmt, limit) -> None:
    """List recorded sweeps: id, start, status and counts."""
    from tabulate import tabulate

    cfg = _load_config(config_path)
    with _open_history(_db_path(db, cfg)) as history:
        rows = history.runs(limit)
    keys = ("id", "started", "finished", "status", "total", "files", "carried", "tables", "findings", "errors", "paths")
    data = [{k: (json.loads(r[k]) if k == "paths" else r[k]) for k in keys} for r in rows]
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    table = [[r["id"], r["started"], r["status"], f"{r['files']}/{r['total']}" if r["files"] != r["total"] else r["files"],
              r["findings"], r["errors"], r["carried"] or ""] for r in data]
    click.echo(tabulate(table, headers=["run", "started", "status", "files", "findings", "errors", "carried"]))


@click.command()
@click.argument("run_a", required=False, type=int)
@click.argument("run_b", required=False, type=int)
@click.option("--db", type=click.Path(dir_okay=False), default=None, help="History database (default: auditor.db beside the configuration file).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Configuration file (default: found upward).")
@click.option("--format", "fmt", default=None, help="text, json, sarif, junit, csv, html (or a plugin's).")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write the report here (atomically).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default=None, help="Exit 1 when a NEW finding is at or above this severity.")
@click.option("--color/--no-color", default=None, help="Colour the terminal table (default: only on a terminal).")
def diff(run_a, run_b, db, config_path, fmt, output, fail_on, color) -> None:
    """Findings new, fixed and unchanged between two runs (default: the last two complete runs)."""
    from ..cli import emit
    from ..engine import registry_for, settings_from_config
    from .diffing import DiffError, diff_report, pick_runs

    cfg = _load_config(config_path)
    reg = registry_for(settings_from_config(cfg))
    with _open_history(_db_path(db, cfg)) as history:
        try:
            base, head = pick_runs(history, run_a, run_b)
        except DiffError as exc:
            raise UsageError(str(exc)) from None
        report, failing = diff_report(history, base, head, reg, fail_on or cfg.fail_on)
    report.color = _color(color, sys.stdout) and not output
    fmt = fmt or cfg.format
    if fmt == "text":  # the table has no status column: say it in the message
        report.findings = [f.model_copy(update={"message": f"[{f.status}] {f.message}"}) for f in report.findings]
    emit(report, fmt, output, reg)
    sys.exit(1 if failing else 0)


def _register() -> None:
    """When this module is imported before auditor.cli finished, add the commands ourselves."""
    from ..cli import main

    for cmd in (sweep, runs, diff):
        if cmd.name not in main.commands:
            main.add_command(cmd)


_register()
