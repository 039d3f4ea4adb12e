"""Configuration: ``[auditor]`` in setup.cfg, ``[tool.auditor]`` in pyproject.toml
or ``auditor.toml``, found upward from the current folder.

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

import configparser
import math
import os
from pathlib import Path
from typing import Any, Dict, List, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .models import SEVERITIES
from .suppressions.model import Suppression


class ConfigError(Exception):
    """Invalid configuration; the message names the file and the key."""


class Config(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

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


def _load_toml(path: Path) -> Dict[str, Any]:
    try:
        import tomllib  # type: ignore[import-not-found]
    except ModuleNotFoundError:  # Python < 3.11
        import tomli as tomllib  # type: ignore[no-redef]
    with open(path, "rb") as fh:
        return tomllib.load(fh)


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
        parser = configparser.ConfigParser(interpolation=None)
        parser.read(setup_cfg, encoding="utf-8")
        if parser.has_section("auditor"):
            return setup_cfg, _from_ini(parser["auditor"])
    return None


def load_config(path: Optional[str] = None, start: Optional[Path] = None) -> Config:
    """Load and validate configuration; raise :class:`ConfigError` naming the bad key."""
    try:
        if path:
            p = Path(path)
            if p.suffix == ".cfg" or p.suffix == ".ini":
                parser = configparser.ConfigParser(interpolation=None)
                parser.read(p, encoding="utf-8")
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
        return Config()
    source, raw = found
    if not isinstance(raw, dict):
        raise ConfigError(f"{source}: the auditor configuration must be a table of keys, not {type(raw).__name__}")
    raw = {k.replace("_", "-") if k in ("per_file_ignores", "fail_on", "rules_packs", "plugin_options") else k: v for k, v in raw.items()}
    try:
        cfg = Config.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        key = ".".join(str(p) for p in err["loc"]) or "?"
        raise ConfigError(f"{source}: invalid key {key!r}: {err['msg']}") from None
    cfg.source = str(source)
    return cfg


def validate_against_registry(cfg: Config, rules: Dict[str, type], options: Dict[str, Any]) -> None:
    """Check rule IDs, parameter names and plugin options against what is loaded."""
    where = cfg.source or "configuration"
    for rid in cfg.severity:
        if rid not in rules:
            raise ConfigError(f"{where}: severity.{rid}: no such rule")
    for rid, params in cfg.params.items():
        if rid not in rules:
            raise ConfigError(f"{where}: params.{rid}: no such rule")
        known = getattr(rules[rid], "parameters", {})
        for name, value in params.items():
            if name not in known:
                raise ConfigError(f"{where}: params.{rid}.{name}: {rid} has no parameter {name!r} (has: {', '.join(known) or 'none'})")
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
            raise ConfigError(f"{where}: rule selector {spec!r} matches no rule")


def env_default_jobs() -> int:
    return max(1, os.cpu_count() or 1)
