"""The ``auditor`` command line.

Exit status (OUTPUT.md): 0 no finding at or above ``--fail-on``; 1 such
findings exist; 2 usage error, invalid configuration, or nothing could be read.
"""
from __future__ import annotations

import json
import os
import sys
from typing import Iterable, List, Optional, Sequence

import click

from . import __version__

from .discovery import DOCUMENT_EXTENSIONS, discover, shown  # noqa: F401  (re-exported: sweep and plugins import them from here)


class UsageError(click.UsageError):
    exit_code = 2


def _split(values: Sequence[str]) -> List[str]:
    return [p.strip().upper() for v in values for p in v.split(",") if p.strip()]


class OutputError(click.ClickException):
    """A report, baseline or database that cannot be written: exit 2, naming the path."""

    exit_code = 2


#: the longest --timeout / ``timeout`` accepted, in seconds (a week)
MAX_TIMEOUT = 7 * 24 * 3600.0


def finite_seconds(ctx: click.Context, param: click.Parameter, value: Optional[float]) -> Optional[float]:
    """--timeout: a finite number of seconds up to MAX_TIMEOUT (inf, nan, 1e300 are usage errors)."""
    import math

    if value is not None and (not math.isfinite(value) or value > MAX_TIMEOUT):
        raise click.BadParameter(f"{value!r} is not a number of seconds between 0 and {MAX_TIMEOUT:g}", ctx=ctx, param=param)
    return value


def check_outputs(inputs: Sequence[str], **outputs: Optional[str]) -> None:
    """Before any audit: every output can be written and none is an input (a usage error naming it)."""
    from .atomic import output_error

    for option, path in outputs.items():
        if path:
            problem = output_error(path, inputs)
            if problem:
                raise UsageError(f"--{option.replace('_', '-')}: {problem}")


def _load_config(config_path: Optional[str]):
    from .config import ConfigError, load_config

    try:
        return load_config(config_path)
    except ConfigError as exc:
        raise UsageError(str(exc)) from None


def _settings(cfg, select, ignore, no_plugins, plugin, rules_pack):
    from .config import ConfigError, validate_against_registry
    from .engine import registry_for, settings_from_config

    settings = settings_from_config(cfg)
    if select:
        settings.select = _split(select)
    if ignore:
        settings.ignore = list(settings.ignore) + _split(ignore)
    settings.use_plugins = not no_plugins
    settings.only_plugins = list(plugin)
    settings.rules_packs = list(settings.rules_packs) + [os.path.abspath(p) for p in rules_pack]
    try:
        reg = registry_for(settings)
    except Exception as exc:  # a malformed rule pack
        raise UsageError(str(exc)) from None
    try:
        validate_against_registry(cfg, reg.rules, reg.options)
    except ConfigError as exc:
        raise UsageError(str(exc)) from None
    for spec in (*settings.select, *settings.ignore):
        if spec.upper() == "ALL" and spec in settings.select:
            continue
        if not any(rid.startswith(spec) for rid in reg.rules):
            raise UsageError(f"--select/--ignore: {spec!r} matches no rule (see `auditor rules`)")
    from .registry import configure

    for error in configure(reg, cfg):
        click.echo(f"warning: auditor_configure failed in {error}", err=True)
    return settings, reg


def _color(option: Optional[bool], stream) -> bool:
    if option is not None:
        return option
    if os.environ.get("NO_COLOR"):
        return False
    return hasattr(stream, "isatty") and stream.isatty()


def emit(report, fmt: str, output: Optional[str], reg) -> None:
    """Write a finished report (diff, a sweep's whole-run format) with the named
    reporter: its lifecycle in one go, atomically to ``output`` or to stdout."""
    from .reporting.pipeline import Target

    reporter = reg.reporters.get(fmt)
    if reporter is None:
        raise UsageError(f"unknown format {fmt!r}; available: {', '.join(sorted(reg.reporters))}")
    try:
        target = Target(output)
    except OSError as exc:
        raise OutputError(f"cannot write the report to {output}: {exc.strerror or exc}") from None
    try:
        target.write(reporter.render(report))
        target.commit()
    except BaseException as exc:
        target.abort()
        if isinstance(exc, OSError):  # a full disk, a folder removed meanwhile
            raise OutputError(f"cannot write the report to {output or 'standard output'}: {exc.strerror or exc}") from None
        raise


def run_files(files: Sequence[str], stream, executor, on_done=None) -> None:
    """Audit ``files`` with ``executor`` and feed each result to ``stream`` in order."""
    results = executor.run(list(enumerate(files)), on_done or (lambda i, r: None))
    try:
        for index, result in results:
            stream.take(files[index], result.findings, result.tables, result.problem)
    finally:
        results.close()  # on an interrupt: the workers are stopped now


def _suppressor(cfg, settings, add_reason: Optional[str], until):
    """The run's [[suppress]] entries (and --add-suppressions), applied as files stream by."""
    from .suppressions.run import SuppressionWriteError, suppressor_for

    try:
        return suppressor_for(cfg, settings, add_reason, until.date() if until else None)
    except SuppressionWriteError as exc:
        raise UsageError(str(exc)) from None


def exit_code(report) -> int:
    from .reporting.base import exit_status

    return exit_status(report.files, len(report.problems), len(report.failing()))


common_rule_options = [
    click.option("--select", multiple=True, help="Rule IDs or prefixes to run (PLAN, VAL001); comma-separated."),
    click.option("--ignore", multiple=True, help="Rule IDs or prefixes to skip."),
    click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Configuration file (default: found upward)."),
    click.option("--no-plugins", is_flag=True, help="Load the built-in rules, readers and reporters only."),
    click.option("--plugin", multiple=True, help="Load only these third-party plugins (entry-point names)."),
    click.option("--rules-pack", multiple=True, type=click.Path(exists=True, dir_okay=False), help="A declarative rule pack (YAML/JSON)."),
]


def rule_options(func):
    for opt in reversed(common_rule_options):
        func = opt(func)
    return func


class _Main(click.Group):
    """The command group: an unexpected error is a clear message and exit 2, never a
    traceback that exits 1 (which would read as "findings")."""

    def main(self, *args, **kwargs):  # type: ignore[override]
        from .console import configure_streams

        configure_streams()  # a GBK console or a latin-1 redirect never ends a run
        return super().main(*args, **kwargs)

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort, SystemExit, KeyboardInterrupt):
            raise
        except Exception as exc:  # pragma: no cover - the safety net itself
            click.echo(f"auditor: internal error: {type(exc).__name__}: {exc}", err=True)
            ctx.exit(2)


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="auditor")
def main() -> None:
    """auditor: rules-based compliance audits of budget documents (绩效目标表, 政府购买服务信息公开表, 申报表, 通知)."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", default=None, help="text, json, sarif, junit, csv, html (or a plugin's).")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write the report here (atomically).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default=None, help="Lowest severity that makes the exit status 1.")
@click.option("--statistics", is_flag=True, help="Also print the count of findings per rule.")
@click.option("--color/--no-color", default=None, help="Colour the terminal table (default: only on a terminal).")
@click.option("--baseline", type=click.Path(exists=True, dir_okay=False), help="Report only findings not in this baseline.")
@click.option("--write-baseline", type=click.Path(dir_okay=False), help="Write these findings as a baseline file.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=None, callback=finite_seconds, help="Seconds a file may take (default: configuration, 60).")
@click.option("--show-fixes", is_flag=True, help="Show each finding's suggested fix (terminal table).")
@click.option("--show-suppressed", is_flag=True, help="List the findings [[suppress]] entries accepted, with their reasons.")
@click.option("--add-suppressions", is_flag=True, help="Accept this run's findings: write [[suppress]] entries to the configuration (needs --reason).")
@click.option("--reason", default=None, help="The reason written with --add-suppressions.")
@click.option("--until", "until", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, help="With --add-suppressions: the entries lapse after this day (YYYY-MM-DD).")
@rule_options
def check(paths, fmt, output, fail_on, statistics, color, baseline, write_baseline, timeout, show_fixes, show_suppressed, add_suppressions, reason,
          until, select, ignore, config_path, no_plugins, plugin, rules_pack) -> None:
    """Audit files or folders and report findings.

    Files are audited in a worker process under ``--timeout`` (see
    auditor.executors), so a plugin that crashes, exits or hangs costs one
    file, reported as PARSE001, never the run.
    """
    from .executors import make_executor
    from .reporting.base import Report, exit_status
    from .reporting.pipeline import Stream, Target

    if add_suppressions and not (reason or "").strip():
        raise UsageError("--add-suppressions needs --reason \"…\": every suppression says why")
    if (reason or until) and not add_suppressions:
        raise UsageError("--reason and --until go with --add-suppressions")
    cfg = _load_config(config_path)
    settings, reg = _settings(cfg, select, ignore, no_plugins, plugin, rules_pack)
    fmt = fmt or cfg.format
    if fmt not in reg.reporters:
        raise UsageError(f"unknown format {fmt!r}; available: {', '.join(sorted(reg.reporters))}")
    files = sorted(dict.fromkeys(discover(paths)))
    missing = [p for p in paths if not os.path.exists(p)]
    if missing:
        raise UsageError(f"no such file or folder: {', '.join(missing)}")
    if not files:
        raise UsageError("no documents found in " + ", ".join(paths))
    check_outputs(files, output=output, write_baseline=write_baseline)
    accepted = None
    if baseline:
        from .sweep.baseline import BaselineError, load_baseline

        try:
            accepted = load_baseline(baseline)
        except BaselineError as exc:
            raise UsageError(str(exc)) from None
    for failure in reg.failures:
        click.echo(f"warning: plugin {failure.plugin}: {failure.error}", err=True)
    report = Report(findings=[], rules=reg.rules, rule_source=reg.rule_source, fail_on=fail_on or cfg.fail_on,
                    statistics=statistics, color=_color(color, sys.stdout) and not output, audited=[shown(f) for f in files],
                    show_fixes=show_fixes, show_suppressed=show_suppressed)
    suppressor = _suppressor(cfg, settings, reason if add_suppressions else None, until)
    kind = "process" if cfg.executor == "dask" else cfg.executor  # a cluster is for sweeps
    executor = make_executor(kind, settings=settings, reg=reg, jobs=1, timeout=timeout or cfg.timeout)
    rows: List = []
    keep_rows = None
    if write_baseline:
        from .sweep.baseline import finding_rows

        keep_rows = lambda i, r: rows.extend(finding_rows(r.findings))  # noqa: E731
    stream = Stream(reg.reporters[fmt], Target(output), report, accepted=accepted, baseline=baseline, keep=True, suppressor=suppressor)
    stream.begin()
    try:
        run_files(files, stream, executor, keep_rows)
        if write_baseline:
            from .sweep.baseline import write_baseline as save_baseline

            try:
                save_baseline(write_baseline, rows)
            except OSError as exc:
                raise OutputError(f"cannot write the baseline to {write_baseline}: {exc.strerror or exc}") from None
        stream.finish()
    except BaseException as exc:
        stream.abort()
        if isinstance(exc, OSError):  # the report could not be written (a full disk)
            raise OutputError(f"cannot write the report to {output or 'standard output'}: {exc.strerror or exc}") from None
        raise
    written = suppressor.write_added() if suppressor is not None else None
    if written is not None:
        click.echo(f"{written[0]} suppressions written to {written[1]}", err=True)
    sys.exit(exit_status(report.files, len(report.problems), stream.failing))


@main.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@rule_options
def rules(fmt, select, ignore, config_path, no_plugins, plugin, rules_pack) -> None:
    """List every rule: ID, name, severity and the plugin it comes from."""
    from tabulate import tabulate

    cfg = _load_config(config_path)
    settings, reg = _settings(cfg, select, ignore, no_plugins, plugin, rules_pack)
    from .engine import is_opt_in, selected

    rows = []
    for rid in sorted(reg.rules):
        cls = reg.rules[rid]
        if not selected(rid, settings.select, settings.ignore):  # listed whether opt-in or not
            continue
        severity = settings.severity.get(rid, cls.severity)
        rows.append({"id": rid, "name": cls.name, "severity": severity, "plugin": reg.rule_source[rid], "summary": cls.summary,
                     "opt_in": is_opt_in(cls), "fix": list(getattr(cls, "fixable", ()) or ())})
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        click.echo(tabulate([[r["id"], r["name"], r["severity"], "opt-in" if r["opt_in"] else "", ", ".join(r["fix"]) or "-", r["plugin"]] for r in rows],
                            headers=["rule", "name", "severity", "default", "fix", "plugin"]))
        opt = sum(1 for r in rows if r["opt_in"])
        click.echo(f"\n{len(rows)} rules" + (f" ({opt} opt-in: run only when selected, e.g. --select GPS002 or --select ALL)" if opt else ""))


@main.command()
@click.argument("rule")
@rule_options
def explain(rule, select, ignore, config_path, no_plugins, plugin, rules_pack) -> None:
    """Show a rule's page: what it checks, why, a bad and a good example, the fix."""
    cfg = _load_config(config_path)
    _, reg = _settings(cfg, (), (), no_plugins, plugin, rules_pack)
    cls = reg.rules.get(rule.upper())
    if cls is None:
        raise UsageError(f"no rule {rule!r}; see `auditor rules`")
    click.echo(cls.explain())
    click.echo(f"\nPlugin: {reg.rule_source[rule.upper()]}")


@main.command()
@click.argument("name", type=click.Choice(["findings", "document", "config", "rule-pack"]))
def schema(name) -> None:
    """Print a published JSON Schema (findings, document, config, rule-pack)."""
    from .schemas import load_schema

    click.echo(json.dumps(load_schema(name), ensure_ascii=False, indent=2))


@main.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--no-plugins", is_flag=True)
def parse(path, fmt, no_plugins) -> None:
    """Show what was read from a document: a table per parsed table, or the model as JSON."""
    from tabulate import tabulate

    from .engine import Settings, read_document, registry_for
    from .reporting.text import clean

    reg = registry_for(Settings(use_plugins=not no_plugins))
    with open(path, "rb") as fh:
        doc = read_document(path, fh.read(), reg)
    if fmt == "json":
        click.echo(doc.model_dump_json(indent=2))
        return
    click.echo(f"{clean(path)}: {doc.kind} ({doc.layout}, {doc.encoding or '-'}), year {doc.year or '-'}")
    if doc.tables:
        rows = []
        for t in doc.tables:
            plan = ", ".join("—" if c.value is None else f"{c.value:g}" for c in t.plan.checkpoints)
            rows.append([t.index or "", t.title_line, clean(t.label, 30), clean(t.project_code.text) if t.project_code else "",
                         clean(t.budget.raw) if t.budget else "", plan, len(t.indicators)])
        click.echo(tabulate(rows, headers=["#", "line", "title", "项目编码", "预算数", "plan (3/6/10/12月底)", "indicators"], disable_numparse=True))
    from .selfeval.show import describe

    for line in describe(doc, clean):  # self-evaluations and department tables in full
        click.echo(line)
    for d in doc.disclosures:
        click.echo(f"disclosure {clean(d.title)} ({d.year}): {len(d.budget)} budget rows, {len(d.contracts)} contractor rows, "
                   f"{len(d.finals)} final accounts, {len(d.evaluations)} evaluations")
    for f in doc.forms:
        filled = sum(1 for x in f.fields if x.value)
        click.echo(f"form {clean(f.title)} (line {f.title_line}): {len(f.fields)} fields, {filled} filled")
    for n in doc.notices:
        click.echo(f"notice {clean(n.title, 60)}: " + "; ".join(f"{d.role} {d.date} (line {d.line})" for d in n.dates if d.role != "other"))
    for i in doc.issues:
        click.echo(f"{i.rule} line {i.line}: {clean(i.message)}")


@main.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@rule_options
def plugins(fmt, select, ignore, config_path, no_plugins, plugin, rules_pack) -> None:
    """List plugins with their version and what they add; report broken ones."""
    from tabulate import tabulate

    cfg = _load_config(config_path)
    _, reg = _settings(cfg, (), (), no_plugins, plugin, rules_pack)
    if fmt == "json":
        click.echo(json.dumps({"plugins": [p.__dict__ for p in reg.plugins], "failures": [f.__dict__ for f in reg.failures]}, ensure_ascii=False, indent=2))
        return
    rows = [[p.name, p.version or "-", "built-in" if p.builtin else "third-party", ", ".join(p.rules) or "-", ", ".join(p.readers) or "-", ", ".join(p.reporters) or "-"] for p in reg.plugins]
    click.echo(tabulate(rows, headers=["plugin", "version", "kind", "rules", "readers", "reporters"], maxcolwidths=[None, None, None, 50, 30, 30]))
    for f in reg.failures:
        click.echo(f"FAILED {f.plugin}: {f.error}")


def _register_optional_commands() -> None:
    """Commands that live in their own modules (sweep, history, scaffold)."""
    for module, names in (("auditor.sweep.cli", ("sweep", "runs", "diff")), ("auditor.plugins.scaffold", ("new_plugin",)),
                          ("auditor.fixes.cli", ("fix",))):
        try:
            mod = __import__(module, fromlist=list(names))
        except ModuleNotFoundError:
            continue
        for name in names:
            cmd = getattr(mod, name, None)
            if cmd is not None:
                main.add_command(cmd)


_register_optional_commands()
