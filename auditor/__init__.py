"""auditor: a rules-based compliance auditor for Chinese public-budget documents.

The package is organised as a pipeline: a *reader* turns a file into a typed
:class:`~auditor.models.Document`, *rules* turn a document into findings and
*reporters* turn findings into output. Each of the three registers through the
same pluggy hooks (:mod:`auditor.hookspecs`), built-ins included.

Python API (the same engine as ``auditor check``)::

    from auditor import audit_bytes, audit_file, load_settings

    settings = load_settings()                    # configuration found upward, as the CLI does
    result = audit_file("budget.txt", settings)   # FileResult: .findings, .tables, .problem
    for f in result.findings:
        print(f.rule, f.line, f.message)

- :func:`audit_file` ``(path, settings=None) -> FileResult``: never raises for bad input.
- :func:`audit_bytes` ``(name, data, settings=None) -> FileResult``: a document held in
  memory; the extension of ``name`` picks the reader.
- :func:`load_settings` ``(config=None, start=None, **overrides) -> Settings``: the rule
  selection, severities and parameters of a configuration file.
"""
from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

from .hookspecs import hookimpl  # noqa: E402  (re-exported for plugin authors)

__all__ = ["__version__", "hookimpl", "audit_file", "audit_bytes", "load_settings"]


def load_settings(config: Any = None, start: Any = None, **overrides: Any):
    """Settings for :func:`audit_file` from a configuration file.

    ``config``: a file to use (auditor.toml, pyproject.toml, setup.cfg); else the
    nearest one found upward from ``start`` (default: the working folder).
    ``overrides``: :class:`~auditor.engine.Settings` fields, e.g. ``select=["VAL"]``.
    Raises :class:`auditor.config.ConfigError` naming the file and key when invalid.
    """
    from pathlib import Path

    from .config import load_config
    from .engine import settings_from_config

    cfg = load_config(str(config) if config else None, start=Path(start) if start else None)
    return settings_from_config(cfg, **overrides)


def __getattr__(name: str) -> Any:
    """``audit_file`` and ``audit_bytes`` are imported on first use (keeps ``auditor --help`` fast)."""
    if name in ("audit_file", "audit_bytes"):
        from . import engine

        return getattr(engine, name)
    raise AttributeError(f"module 'auditor' has no attribute {name!r}")
