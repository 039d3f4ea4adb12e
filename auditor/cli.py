"""The ``auditor`` command line.

Exit status (OUTPUT.md): 0 no finding at or above ``--fail-on``; 1 such
findings exist; 2 usage error, invalid configuration, or nothing could be read.
"""
from __future__ import annotations

import json
import os
import sys
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

import click

from . import __version__

from .discovery import DOCUMENT_EXTENSIONS, discover, reader_extensions, shown  # noqa: F401  (re-exported: sweep and plugins import them from here)


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
        cfg = load_config(config_path)
    except ConfigError as exc:
        raise UsageError(str(exc)) from None
    started()
    return cfg


def started() -> None:
    """Start-up is over (configuration read, or plugins loaded): freeze what it made, as
    :func:`_Main.main` froze what was there before (see :mod:`auditor.runtime`), so that the
    heap of pydantic, the models and the rules is not walked by later collections nor at exit."""
    from .runtime import tune_gc

    tune_gc()


def _resolver(config_path: Optional[str]):
    """Configuration per audited file (``--config`` forces one)."""
    from .config import ConfigError, ConfigResolver

    try:
        return ConfigResolver(config_path)
    except ConfigError as exc:
        raise UsageError(str(exc)) from None


def _unknown_format(fmt: str, reg) -> UsageError:
    from .config import did_you_mean

    return UsageError(f"unknown format {fmt!r}{did_you_mean(fmt, reg.reporters)}; available: {', '.join(sorted(reg.reporters))}")


def report_root(cfg, resolver=None, first: Optional[str] = None) -> str:
    """The folder SARIF paths are relative to (%SRCROOT%), the same from any working folder:
    the run's configuration's folder, else the first file's configuration's, else its
    repository's top, else the working folder."""
    from pathlib import Path

    from .ignore import _repository_top

    if cfg.source:
        return str(cfg.folder.resolve())
    if resolver is not None and first:
        folder = Path(os.path.abspath(first)).parent
        own = resolver._nearest(folder)
        if own.source:
            return str(own.folder.resolve())
        return _repository_top(str(folder)) or os.getcwd()
    return _repository_top(os.getcwd()) or os.getcwd()


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
    from .config import rule_hint

    for spec in (*settings.select, *settings.ignore):
        if spec.upper() == "ALL" and spec in settings.select:
            continue
        if not any(rid.startswith(spec) for rid in reg.rules):
            raise UsageError(f"--select/--ignore: {spec!r} matches no rule{rule_hint(spec, reg.rules)} (see `auditor rules`)")
    from .registry import configure

    for error in configure(reg, cfg):
        click.echo(f"warning: auditor_configure failed in {error}", err=True)
    started()
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
        raise _unknown_format(fmt, reg)
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


def _audit_stdin(name: str, data: bytes, shown: str, settings, reg, seconds: float):
    """A document read from stdin, audited in this process under a deadline (PARSE001 when it overruns)."""
    from .engine import Overrun, audit_bytes, deadline
    from .executors import failure_result

    try:
        with deadline(seconds):
            return audit_bytes(name, data, settings, display=shown)
    except Overrun:
        return failure_result(shown, "timeout", f"no result after {seconds:g} s", settings, reg)


def run_files(files: Sequence[str], stream, executor, on_done=None, held: Optional[List] = None) -> None:
    """Audit ``files`` with ``executor`` and feed each result to ``stream`` in order
    (or to ``held`` while corpus rules are to run: see :func:`take_across_documents`)."""
    results = executor.run(list(enumerate(files)), on_done or (lambda i, r: None))
    try:
        for index, result in results:
            if held is not None:
                held.append((files[index], result))
            else:
                stream.take(files[index], result.findings, result.tables, result.problem)
    finally:
        results.close()  # on an interrupt: the workers are stopped now


def take_across_documents(stream, held: List, settings, reg) -> List:
    """The corpus phase over the facts of the held results, then every file's findings (its own and
    those across documents) to ``stream`` in report order (``check`` is small by design); returns
    the findings across documents."""
    from .corpus.facts import FileFacts
    from .corpus.phase import corpus_findings

    found = corpus_findings(((i, path, FileFacts.load(r.facts)) for i, (path, r) in enumerate(held) if r.facts), settings, reg)
    by_file: Dict[str, List] = {}
    for f in found:
        by_file.setdefault(f.file, []).append(f)
    for path, result in held:
        extra = by_file.get(shown(path), [])
        findings = sorted(result.findings + extra, key=lambda f: (f.line, f.rule)) if extra else result.findings
        stream.take(path, findings, result.tables, result.problem)
    return found


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


#: commands that live in their own modules, imported only when named (or listed by --help), so
#: ``auditor check`` does not pay for them at start-up: name → (module, attribute)
LAZY_COMMANDS: Dict[str, Tuple[str, str]] = {
    "sweep": ("auditor.sweep.cli", "sweep"),
    "runs": ("auditor.sweep.cli", "runs"),
    "diff": ("auditor.sweep.cli", "diff"),
    "new-plugin": ("auditor.plugins.scaffold", "new_plugin"),
    "fix": ("auditor.fixes.cli", "fix"),
}


class _Main(click.Group):
    """The command group: an unexpected error is a clear message and exit 2, never a
    traceback that exits 1 (which would read as "findings").  The commands of
    :data:`LAZY_COMMANDS` are imported when first asked for."""

    def get_command(self, ctx: click.Context, cmd_name: str) -> Optional[click.Command]:  # type: ignore[override]
        cmd = super().get_command(ctx, cmd_name)
        if cmd is None and cmd_name in LAZY_COMMANDS:
            module, attribute = LAZY_COMMANDS[cmd_name]
            try:
                cmd = getattr(__import__(module, fromlist=[attribute]), attribute, None)
            except ModuleNotFoundError:  # a part left out of the installation
                return None
            if cmd is not None:
                self.add_command(cmd, cmd_name)
        return cmd

    def list_commands(self, ctx: click.Context) -> List[str]:  # type: ignore[override]
        for name in LAZY_COMMANDS:  # --help lists them with their help: import them now
            self.get_command(ctx, name)
        return super().list_commands(ctx)

    def main(self, *args, **kwargs):  # type: ignore[override]
        from .console import configure_streams

        configure_streams()  # a GBK console or a latin-1 redirect never ends a run
        from .runtime import tune_gc

        tune_gc()  # this process and the workers it forks: see runtime.py
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


#: what `-` stands for when --stdin-filename does not say (a text export)
STDIN_NAME = "stdin.txt"


class _Settings:
    """Worker settings per configuration file, built (and validated) once each."""

    def __init__(self, resolver, run_cfg, run_settings, options) -> None:
        self.resolver, self.run_cfg, self.options = resolver, run_cfg, options
        self._cache = {run_cfg.source: run_settings}

    def for_folder(self, folder: str):
        from pathlib import Path

        from .config import ConfigError

        try:
            cfg = self.resolver.for_folder(Path(folder))
        except ConfigError as exc:
            raise UsageError(str(exc)) from None
        if cfg.source not in self._cache:
            self._cache[cfg.source] = _settings(cfg, *self.options)[0]
        return self._cache[cfg.source]


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", default=None, help="text, json, sarif, junit, csv, html, github, gitlab (or a plugin's).")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write the report here (atomically).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default=None, help="Lowest severity that makes the exit status 1.")
@click.option("--statistics", is_flag=True, help="Also print the count of findings per rule.")
@click.option("--color/--no-color", default=None, help="Colour the terminal table (default: only on a terminal).")
@click.option("--quiet", "-q", is_flag=True, help="Print the findings only (one line each in text): no table, summary or warnings.")
@click.option("--stdin-filename", default=None, help="With `-`: the name (and so the kind and configuration) of the document read from stdin.")
@click.option("--exclude", multiple=True, help="Skip files and folders whose name or path matches this glob (repeatable).")
@click.option("--no-gitignore", is_flag=True, help="Audit files that .gitignore files ignore, too.")
@click.option("--baseline", type=click.Path(exists=True, dir_okay=False), help="Report only findings not in this baseline.")
@click.option("--write-baseline", type=click.Path(dir_okay=False), help="Write these findings as a baseline file.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=None, callback=finite_seconds, help="Seconds a file may take (default: configuration, 60).")
@click.option("--show-fixes", is_flag=True, help="Show each finding's suggested fix (terminal table).")
@click.option("--show-suppressed", is_flag=True, help="List the findings [[suppress]] entries accepted, with their reasons.")
@click.option("--add-suppressions", is_flag=True, help="Accept this run's findings: write [[suppress]] entries to the configuration (needs --reason).")
@click.option("--reason", default=None, help="The reason written with --add-suppressions.")
@click.option("--until", "until", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, help="With --add-suppressions: the entries lapse after this day (YYYY-MM-DD).")
@rule_options
def check(paths, fmt, output, fail_on, statistics, color, quiet, stdin_filename, exclude, no_gitignore, baseline,
          write_baseline, timeout, show_fixes, show_suppressed, add_suppressions, reason, until, select, ignore, config_path, no_plugins, plugin, rules_pack) -> None:
    """Audit files or folders (`-`: a document from stdin) and report findings.

    Each file is audited with the configuration found upward from its own folder
    (as ruff does), unless --config names one. Files are audited in a worker
    process under ``--timeout`` (see auditor.executors), so a plugin that
    crashes, exits or hangs costs one file, reported as PARSE001, never the run.
    """
    from itertools import groupby
    from pathlib import Path

    from .config import ConfigError
    from .executors import make_executor
    from .reporting.base import Report, exit_status
    from .reporting.pipeline import Stream, Target

    if add_suppressions and not (reason or "").strip():
        raise UsageError("--add-suppressions needs --reason \"…\": every suppression says why")
    if (reason or until) and not add_suppressions:
        raise UsageError("--reason and --until go with --add-suppressions")
    resolver = _resolver(config_path)
    try:  # run-wide options: --config, else the configuration of stdin's named folder or of the working folder
        named_stdin = stdin_filename and "-" in paths and not config_path
        run_cfg = resolver.for_folder(Path(os.path.abspath(stdin_filename)).parent) if named_stdin else resolver.for_run()
    except ConfigError as exc:
        raise UsageError(str(exc)) from None
    settings, reg = _settings(run_cfg, select, ignore, no_plugins, plugin, rules_pack)
    per_config = _Settings(resolver, run_cfg, settings, (select, ignore, no_plugins, plugin, rules_pack))
    fmt = fmt or run_cfg.format
    if fmt not in reg.reporters:
        raise _unknown_format(fmt, reg)
    stdin = "-" in paths
    named = [p for p in paths if p != "-"]
    missing = [p for p in named if not os.path.exists(p)]
    if missing:
        raise UsageError(f"no such file or folder: {', '.join(missing)}")
    files = sorted(dict.fromkeys(discover(named, exclude=exclude, gitignore=not no_gitignore, extensions=reader_extensions(reg))))
    if not files and not stdin:
        raise UsageError("no documents found in " + ", ".join(paths))
    check_outputs(files, output=output, write_baseline=write_baseline)
    accepted = None
    if baseline:
        from .sweep.baseline import BaselineError, load_baseline

        try:
            accepted = load_baseline(baseline)
        except BaselineError as exc:
            raise UsageError(str(exc)) from None
    if not quiet:
        for failure in reg.failures:
            click.echo(f"warning: plugin {failure.plugin}: {failure.error}", err=True)
    shown_stdin = stdin_filename or "-"
    report = Report(findings=[], rules=reg.rules, rule_source=reg.rule_source, fail_on=fail_on or run_cfg.fail_on,
                    statistics=statistics, color=_color(color, sys.stdout) and not output,
                    audited=([shown_stdin] if stdin else []) + [shown(f) for f in files], quiet=quiet,
                    root=report_root(run_cfg, resolver, files[0] if files else stdin_filename),
                    show_fixes=show_fixes, show_suppressed=show_suppressed)
    suppressor = _suppressor(run_cfg, settings, reason if add_suppressions else None, until)
    limit = timeout or run_cfg.timeout
    kind = "process" if run_cfg.executor == "dask" else run_cfg.executor  # a cluster is for sweeps
    rows: List = []

    def done(path: str, result) -> None:
        """Per file: its time and kind (JUnit, charts), its rows for --write-baseline."""
        report.durations[path] = getattr(result, "seconds", 0.0) or 0.0
        report.kinds[path] = getattr(result, "kind", "unknown")
        if write_baseline:
            from .sweep.baseline import finding_rows

            rows.extend(finding_rows(result.findings))

    def file_settings(path: str):
        return settings if config_path else per_config.for_folder(os.path.dirname(os.path.abspath(path)))

    from .corpus.phase import wants_facts

    # with corpus rules the results are held until the checks across documents have run over all of them
    held: Optional[List] = [] if wants_facts(settings, reg) else None
    stream = Stream(reg.reporters[fmt], Target(output), report, accepted=accepted, baseline=baseline, keep=True, suppressor=suppressor)
    stream.begin()
    try:
        if stdin:
            raw = getattr(sys.stdin, "buffer", sys.stdin).read()
            data = raw if isinstance(raw, bytes) else raw.encode("utf-8")
            own = file_settings(stdin_filename) if stdin_filename else settings
            result = _audit_stdin(stdin_filename or STDIN_NAME, data, shown_stdin, own, reg, limit)
            done(shown_stdin, result)
            if held is not None:
                held.append((shown_stdin, result))
            else:
                stream.take(shown_stdin, result.findings, result.tables, result.problem)
        # one executor per run of files that share a configuration (files are sorted: folders stay together)
        for chosen, group in groupby(files, key=lambda p: id(file_settings(p))):
            chunk = list(group)
            executor = make_executor(kind, settings=file_settings(chunk[0]), reg=reg, jobs=1, timeout=limit)
            run_files(chunk, stream, executor, lambda i, r, chunk=chunk: done(shown(chunk[i]), r), held)
        if held is not None:
            across = take_across_documents(stream, held, settings, reg)
            if write_baseline:
                from .sweep.baseline import finding_rows

                rows.extend(finding_rows(across))
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
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text")
@click.option("--output", "-o", type=click.Path(file_okay=False), help="markdown: write one page per rule (ID.md) and README.md into this folder.")
@rule_options
def rules(fmt, output, select, ignore, config_path, no_plugins, plugin, rules_pack) -> None:
    """List every rule: ID, name, severity and the plugin it comes from.

    `--format markdown -o docs/rules` writes the rule pages SARIF links to (helpUri).
    """
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
    if fmt == "markdown":
        from .reporting.rule_docs import rule_page, write_pages

        chosen = {r["id"]: reg.rules[r["id"]] for r in rows}
        if output:
            written = write_pages(output, chosen, reg.rule_source)
            click.echo(f"{len(written)} pages written to {output}", err=True)
        else:
            click.echo("\n".join(rule_page(rid, cls, reg.rule_source.get(rid, "")) for rid, cls in chosen.items()))
        return
    if output:
        raise UsageError("--output is for --format markdown")
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
    """Show a rule's page (by ID or name): what it checks, why, a bad and a good example, the fix."""
    cfg = _load_config(config_path)
    _, reg = _settings(cfg, (), (), no_plugins, plugin, rules_pack)
    rid = find_rule(rule, reg.rules)
    click.echo(reg.rules[rid].explain())
    click.echo(f"\nPlugin: {reg.rule_source[rid]}")


def find_rule(word: str, rules) -> str:
    """A rule by ID (any case) or by name (``plan-as-amount``); a usage error with a suggestion else."""
    from .config import rule_hint

    if word.upper() in rules:
        return word.upper()
    by_name = {str(getattr(cls, "name", "")).lower(): rid for rid, cls in rules.items()}
    if word.lower() in by_name:
        return by_name[word.lower()]
    raise UsageError(f"no rule {word!r}{rule_hint(word, rules)}; see `auditor rules`")


@main.command()
@click.argument("name", type=click.Choice(["findings", "document", "config", "rule-pack"]))
def schema(name) -> None:
    """Print a published JSON Schema (findings, document, config, rule-pack)."""
    from .schemas import load_schema

    click.echo(json.dumps(load_schema(name), ensure_ascii=False, indent=2))


@main.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--facts", is_flag=True, help="Show the facts the checks across documents compare (projects, indicators, disclosures).")
@click.option("--no-plugins", is_flag=True)
def parse(path, fmt, facts, no_plugins) -> None:
    """Show what was read from a document: a table per parsed table, or the model as JSON."""
    from tabulate import tabulate

    from .engine import Settings, read_document, registry_for
    from .reporting.text import clean

    reg = registry_for(Settings(use_plugins=not no_plugins))
    started()
    with open(path, "rb") as fh:
        doc = read_document(path, fh.read(), reg)
    if facts:
        from .corpus.show import show_facts

        click.echo(show_facts(doc, fmt), nl=False)
        return
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
