"""Suppressions with reasons: ``[[suppress]]`` entries of the configuration.

An entry names findings by fingerprint, or by rule (ID or prefix) + file
pattern + field, and must say why (``reason``); ``until`` makes it lapse.
Suppressed findings leave the report but are counted (and listed with
``--show-suppressed``); an entry that matched nothing in the files it covers
is reported as SUP001, an expired one as SUP002 — like ruff's unused-noqa.

- :mod:`.model`: the entry and where it is written in the configuration file;
- :mod:`.match`: applying entries to a run's findings;
- :mod:`.write`: ``check --add-suppressions`` (tomlkit, keeps the file's other content).
"""
from __future__ import annotations

from .match import Suppressor, SuppressionResult, apply_suppressions, apply_suppressions_for_fix
from .model import Suppression

__all__ = ["Suppression", "Suppressor", "SuppressionResult", "apply_suppressions", "apply_suppressions_for_fix"]
