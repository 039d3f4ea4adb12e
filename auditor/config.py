"""Configuration: ``[auditor]`` in setup.cfg, ``[tool.auditor]`` in pyproject.toml
or ``auditor.toml``, found upward from each audited file's own folder (as ruff
does), so a file gives the same findings from any working folder; ``--config``
forces one file for all.

Keys (TOML spelling; setup.cfg uses the same names, lists comma-separated):

- ``select`` / ``ignore``: rule IDs or prefixes (``PLAN``, ``VAL00``).
- ``severity``: ``{RULE = "error" | "warning" | "info"}``.
- ``params``: ``{RULE = {name = value}}``; in setup.cfg ``RULE.name = value``.
- ``per-file-ignores``: ``{"glob" = ["RULE", …]}``; in setup.cfg lines ``glob: RULE,RULE``.
- ``fail-on``, ``format``, ``jobs``, ``timeout``, ``db``, ``rules-packs``, ``plugin-options``.
- ``[[suppress]]`` (TOML only): ``fingerprint`` or ``rule`` (+ ``file`` glob, ``field``),
  a required ``reason`` and an optional ``until`` date (see :mod:`auditor.suppressions`).
- ``executor`` (``process``, ``inline``, ``dask``) and ``scheduler`` (a Dask address) for sweeps.

Anything else is an error that names the key (exit status 2).
"""
from __future__ import annotations

import math
import os
import re
from pathlib import Path
import sys
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Literal, Optional, Tuple

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .models import SEVERITIES
from .suppressions.model import Suppression

if TYPE_CHECKING:  # pragma: no cover  (imported where used: a run without setup.cfg or typos needs neither)
    import configparser


class ConfigError(Exception):
    """Invalid configuration; the message names the file and the key."""


class Config(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True)

    select: List[str] = Field(default_factory=list)
    ignore: List[str] = Field(default_factory=list)
    severity: Dict[str, str] = Field(default_factory=dict)
    params: Dict[str, Dict[str, Any]] = Field(default_factory=dict)
    per_file_ignores: Dict[str, List[str]] = Field(default_factory=dict, alias="per-file-ignores")
    fail_on: str = Field(default="error", alias="fail-on")
    format: str = "text"
    jobs: Optional[int] = Field(default=None, ge=1, le=1024)
    timeout: float = Field(default=60.0, gt=0, le=7 * 24 * 3600, allow_inf_nan=False)
    db: Optional[str] = None
    executor: Literal["process", "inline", "dask"] = "process"
    scheduler: Optional[str] = None
    rules_packs: List[str] = Field(default_factory=list, alias="rules-packs")
    plugin_options: Dict[str, Any] = Field(default_factory=dict, alias="plugin-options")
    suppress: List[Suppression] = Field(default_factory=list)
    source: Optional[str] = Field(default=None, exclude=True)

    @field_validator("severity")
    @classmethod
    def _severity(cls, v: Dict[str, str]) -> Dict[str, str]:
        for rule, level in v.items():
            if level not in SEVERITIES:
                raise ValueError(f"severity of {rule} must be one of {', '.join(SEVERITIES)}, not {level!r}")
        return v

    @field_validator("fail_on")
    @classmethod
    def _fail_on(cls, v: str) -> str:
        if v not in (*SEVERITIES, "never"):
            raise ValueError(f"must be error, warning, info or never, not {v!r}")
        return v

    @property
    def folder(self) -> Path:
        return Path(self.source).parent if self.source else Path.cwd()


def _split(value: str) -> List[str]:
    return [p.strip() for p in value.replace("\n", ",").split(",") if p.strip()]


def _from_ini(section: configparser.SectionProxy) -> Dict[str, Any]:
    data: Dict[str, Any] = {}
    for key, value in section.items():
        if "." in key:  # RULE.param = value
            rule, param = key.split(".", 1)
            data.setdefault("params", {}).setdefault(rule.upper(), {})[param] = _scalar(value)
        elif key in ("select", "ignore", "rules-packs"):
            data[key] = _split(value)
        elif key == "severity":
            data[key] = dict(_pair(p, "=") for p in _split(value))
        elif key == "per-file-ignores":
            pfi: Dict[str, List[str]] = {}
            for line in value.splitlines():
                if ":" in line:
                    glob, rules = line.split(":", 1)
                    pfi[glob.strip()] = _split(rules)
            data[key] = pfi
        else:
            data[key] = _scalar(value)
    return data


def _pair(text: str, sep: str) -> tuple:
    if sep not in text:
        raise ConfigError(f"expected RULE{sep}VALUE, got {text!r}")
    a, b = text.split(sep, 1)
    return a.strip().upper(), b.strip()


def _scalar(value: str) -> Any:
    v = value.strip()
    for cast in (int, float):
        try:
            return cast(v)
        except ValueError:
            pass
    if v.lower() in ("true", "false"):
        return v.lower() == "true"
    return v


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'select'?)`` when a choice is close to ``word``, else ``""``."""
    import difflib

    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    if not close:
        close = [c for c in choices if str(c).upper() == str(word).upper()][:1]
    return f" (did you mean {close[0]!r}?)" if close else ""




def _load_toml(path: Path) -> Dict[str, Any]:
    """A TOML file; a syntax error names the file, line and column."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # Python 3.9 and 3.10: the same parser, from PyPI (declared for these versions)
        import tomli as tomllib
    with open(path, "rb") as fh:
        data = fh.read()
    try:
        return tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        message = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", str(exc))
        if where:
            raise ConfigError(f"{path}:{where.group(1)}:{where.group(2)}: invalid TOML: {message}") from None
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None


def _read_ini(path: Path) -> configparser.ConfigParser:
    """A setup.cfg / INI file; a syntax error names the file and line."""
    import configparser

    parser = configparser.ConfigParser(interpolation=None)
    try:
        with open(path, encoding="utf-8") as fh:
            parser.read_file(fh, source=str(path))
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    except configparser.Error as exc:
        line = getattr(exc, "lineno", None)
        if line is None and getattr(exc, "errors", None):
            line = exc.errors[0][0]
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ConfigError(f"{path}:{line}: invalid INI: {first}" if line else f"{path}: invalid INI: {first}") from None
    return parser


def find_config(start: Optional[Path] = None) -> Optional[tuple[Path, Dict[str, Any]]]:
    """The nearest configuration upward from ``start`` (auditor.toml first)."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        try:
            found = _config_in(folder)
        except ConfigError:
            raise
        except Exception as exc:  # a file that is not valid TOML/INI
            raise ConfigError(f"{folder}: cannot read the configuration there: {exc}") from None
        if found is not None:
            return found
    return None


def _config_in(folder: Path) -> Optional[tuple[Path, Dict[str, Any]]]:
    """The configuration held in one folder, in order of precedence."""
    toml = folder / "auditor.toml"
    if toml.is_file():
        data = _load_toml(toml)
        return toml, data.get("auditor", data)
    pyproject = folder / "pyproject.toml"
    if pyproject.is_file():
        tool = _load_toml(pyproject).get("tool", {})
        data = tool.get("auditor") if isinstance(tool, dict) else None
        if data is not None:
            return pyproject, data
    setup_cfg = folder / "setup.cfg"
    if setup_cfg.is_file():
        parser = _read_ini(setup_cfg)
        if parser.has_section("auditor"):
            return setup_cfg, _from_ini(parser["auditor"])
    return None


def load_config(path: Optional[str] = None, start: Optional[Path] = None) -> Config:
    """Load and validate configuration; raise :class:`ConfigError` naming the bad key."""
    try:
        if path:
            p = Path(path)
            if not p.is_file():
                raise ConfigError(f"{p}: no such configuration file")
            if p.suffix == ".cfg" or p.suffix == ".ini":
                parser = _read_ini(p)
                raw = _from_ini(parser["auditor"]) if parser.has_section("auditor") else {}
            else:
                data = _load_toml(p)
                raw = data.get("tool", {}).get("auditor", data.get("auditor", data))
            found: Optional[tuple[Path, Dict[str, Any]]] = (p, raw)
        else:
            found = find_config(start)
    except ConfigError:
        raise
    except Exception as exc:
        raise ConfigError(f"cannot read configuration {path or '(found upward from ' + str(start or Path.cwd()) + ')'}: {exc}") from exc
    if not found:
        return Config.model_construct()  # the defaults: nothing to validate
    source, raw = found
    if not isinstance(raw, dict):
        raise ConfigError(f"{source}: the auditor configuration must be a table of keys, not {type(raw).__name__}")
    raw = {k.replace("_", "-") if k in ("per_file_ignores", "fail_on", "rules_packs", "plugin_options") else k: v for k, v in raw.items()}
    try:
        cfg = Config.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        key = ".".join(str(p) for p in err["loc"]) or "?"
        if err.get("type") == "extra_forbidden":
            KNOWN_KEYS = [f.alias or name for name, f in Config.model_fields.items() if name != "source"]
            raise ConfigError(f"{source}: unknown key {key!r}{did_you_mean(key, KNOWN_KEYS)}; "
                              f"known keys: {', '.join(KNOWN_KEYS)}") from None
        raise ConfigError(f"{source}: invalid value for {key!r}: {err['msg']}") from None
    cfg.source = str(source)
    return cfg


def validate_against_registry(cfg: Config, rules: Dict[str, type], options: Dict[str, Any]) -> None:
    """Check rule IDs, parameter names and plugin options against what is loaded."""
    where = cfg.source or "configuration"
    for rid in cfg.severity:
        if rid not in rules:
            raise ConfigError(f"{where}: severity.{rid}: no such rule{rule_hint(rid, rules)}")
    for rid, params in cfg.params.items():
        if rid not in rules:
            raise ConfigError(f"{where}: params.{rid}: no such rule{rule_hint(rid, rules)}")
        known = getattr(rules[rid], "parameters", {})
        for name, value in params.items():
            if name not in known:
                raise ConfigError(f"{where}: params.{rid}.{name}: {rid} has no parameter {name!r}{did_you_mean(name, known)} (has: {', '.join(known) or 'none'})")
            default = known[name]
            if isinstance(default, (int, float)) and (not isinstance(value, (int, float)) or isinstance(value, bool)):
                raise ConfigError(f"{where}: params.{rid}.{name}: expected a number, got {value!r}")
            if isinstance(value, float) and not math.isfinite(value):
                raise ConfigError(f"{where}: params.{rid}.{name}: expected a finite number, got {value!r}")
    for key in cfg.plugin_options:
        if key not in options:
            raise ConfigError(f"{where}: plugin-options.{key}: no loaded plugin declares this option")
    for n, entry in enumerate(cfg.suppress):
        if entry.rule and not any(rid.startswith(entry.rule) for rid in rules):
            raise ConfigError(f"{where}: suppress.{n}.rule: {entry.rule!r} matches no rule")
    for spec in (*cfg.select, *cfg.ignore, *(r for rs in cfg.per_file_ignores.values() for r in rs)):
        if spec.upper() == "ALL" and spec in cfg.select:
            continue
        if not any(rid.startswith(spec.upper()) for rid in rules):
            raise ConfigError(f"{where}: rule selector {spec!r} matches no rule{rule_hint(spec, rules)}")


def rule_hint(word: str, rules: Dict[str, type]) -> str:
    """Did-you-mean for a rule ID or a rule's name (``VAL02`` → ``VAL002``)."""
    names = {getattr(cls, "name", ""): rid for rid, cls in rules.items() if getattr(cls, "name", "")}
    hint = did_you_mean(word.upper(), list(rules))
    if not hint:
        import difflib

        close = difflib.get_close_matches(word, list(names), n=1, cutoff=0.6)
        hint = f" (did you mean {names[close[0]]!r}, {close[0]}?)" if close else ""
    return hint


class ConfigResolver:
    """The configuration of each audited file: ``--config`` for all, or the nearest
    one upward from the file's own folder (cached per folder); a file with none
    above it gets the working folder's (as ruff does)."""

    def __init__(self, forced: Optional[str] = None) -> None:
        self.forced = load_config(forced) if forced else None
        self._by_folder: Dict[Path, Config] = {}
        self._by_source: Dict[Optional[str], Config] = {}
        self._run: Optional[Config] = None

    def _nearest(self, folder: Path) -> Config:
        folder = folder.resolve()
        if folder not in self._by_folder:
            cfg = load_config(start=folder)
            # one Config object per file that holds it, so callers can cache by source
            self._by_folder[folder] = self._by_source.setdefault(cfg.source, cfg)
        return self._by_folder[folder]

    def for_folder(self, folder: Path) -> Config:
        if self.forced is not None:
            return self.forced
        cfg = self._nearest(folder)
        return cfg if cfg.source else self.for_run()

    def for_file(self, path: str) -> Config:
        return self.for_folder(Path(os.path.abspath(path)).parent)

    def for_run(self) -> Config:
        """Run-wide options (format, fail-on, timeout): ``--config``, else found from the working folder."""
        if self.forced is not None:
            return self.forced
        if self._run is None:
            self._run = self._nearest(Path.cwd())
        return self._run


def env_default_jobs() -> int:
    return max(1, os.cpu_count() or 1)
