"""``auditor check --add-suppressions``: append entries to the configuration file.

tomlkit edits the TOML document in place, so comments, order and formatting of
everything else in the file stay as they were; the file is replaced atomically.
"""
from __future__ import annotations

import os
from typing import Any, Dict, List, Optional

from ..atomic import atomic_open


class SuppressionWriteError(Exception):
    """The configuration cannot take suppressions (says why)."""


def target_file(source: Optional[str]) -> str:
    """Where entries go: the configuration found, else a new ./auditor.toml."""
    if not source:
        return os.path.abspath("auditor.toml")
    if not source.endswith(".toml"):
        raise SuppressionWriteError(f"{source}: suppressions are written to a TOML configuration (auditor.toml or pyproject.toml), "
                                    "not setup.cfg; move the [auditor] section to auditor.toml first")
    return source


def add_entries(path: str, entries: List[Dict[str, Any]], comments: Optional[List[str]] = None) -> int:
    """Append ``entries`` as ``[[suppress]]`` tables of the auditor configuration in ``path``."""
    import tomlkit

    text = ""
    if os.path.exists(path):
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    doc = tomlkit.parse(text)
    if os.path.basename(path) == "pyproject.toml":
        tool = doc.setdefault("tool", tomlkit.table(is_super_table=True))
        table = tool.setdefault("auditor", tomlkit.table())
    elif "auditor" in doc and isinstance(doc["auditor"], dict):
        table = doc["auditor"]
    else:
        table = doc
    array = table.get("suppress")
    if array is None:
        array = tomlkit.aot()
        table.append("suppress", array)
    elif not isinstance(array, list):
        raise SuppressionWriteError(f"{path}: 'suppress' is not a list of tables")
    for i, entry in enumerate(entries):
        t = tomlkit.table()
        if comments and i < len(comments) and comments[i]:
            t.add(tomlkit.comment(comments[i]))
        for key, value in entry.items():
            t.add(key, value)
        array.append(t)
    content = tomlkit.dumps(doc)
    if content and not content.endswith("\n"):
        content += "\n"
    with atomic_open(path, "w") as fh:
        fh.write(content)
    return len(entries)
