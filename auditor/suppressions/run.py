"""The suppressor of one ``check`` / ``sweep`` run, from the configuration (and
``--add-suppressions``): the output pipeline applies it file by file."""
from __future__ import annotations

from datetime import date
from typing import Any, Optional

from .match import Suppressor
from .write import SuppressionWriteError, target_file

__all__ = ["SuppressionWriteError", "suppressor_for"]


def suppressor_for(cfg: Any, settings: Any, add_reason: Optional[str] = None, until: Optional[date] = None) -> Optional[Suppressor]:
    """None when there is nothing to do; raises :class:`SuppressionWriteError` when
    ``--add-suppressions`` cannot write to the configuration found (setup.cfg)."""
    entries = list(getattr(cfg, "suppress", []) or [])
    source = getattr(cfg, "source", None)
    if add_reason is not None:
        source = target_file(source)  # checked before the run, written after it
    elif not entries:
        return None
    return Suppressor(entries, source, settings, add_reason=add_reason.strip() if add_reason else None, add_until=until)
