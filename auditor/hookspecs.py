"""The hooks every auditor plugin implements, declared and documented once.

Built-in readers, rules and reporters are plugins like any other: they are
listed under the ``auditor`` entry-point group in the package metadata and
implement these hooks, exactly as a third-party package does::

    # setup.cfg of a plugin package
    [options.entry_points]
    auditor =
        my-province = my_province_rules

    # my_province_rules/__init__.py
    from auditor import hookimpl

    @hookimpl
    def auditor_register_rules():
        return [MyRule]

Every hook returns a list (pluggy collects one list per plugin); the plugin
manager records which plugin gave what, so ``auditor rules`` and
``auditor plugins`` can say where each rule came from.
"""
from __future__ import annotations

from typing import Any, Dict, List

import pluggy

hookspec = pluggy.HookspecMarker("auditor")
hookimpl = pluggy.HookimplMarker("auditor")


@hookspec
def auditor_register_rules() -> List[type]:
    """Return rule classes (subclasses of :class:`auditor.rule.Rule`).

    Each rule ID must be unique across all plugins; a plugin that declares an
    ID already taken is reported by ``auditor plugins`` and its duplicate rule
    is skipped, the rest still load.
    """


@hookspec
def auditor_register_readers() -> List[Any]:
    """Return reader objects (see :class:`auditor.readers.base.Reader`).

    A reader says whether it accepts a file (by extension and its first bytes)
    and turns the bytes into a :class:`auditor.models.Document`.  Readers with
    a higher ``priority`` are asked first.
    """


@hookspec
def auditor_register_reporters() -> List[Any]:
    """Return reporter objects (see :class:`auditor.reporting.base.Reporter`).

    A reporter has a ``name`` used by ``--format NAME`` and renders a
    :class:`auditor.reporting.base.Report` to text or bytes.
    """


@hookspec
def auditor_add_options() -> Dict[str, Any]:
    """Declare configuration keys this plugin reads, with their defaults.

    The keys become valid in ``[auditor]`` / ``[tool.auditor]`` / ``auditor.toml``
    (under ``plugin-options``), so a plugin's settings are validated like the
    core's: an unknown key is still an error that names it.
    """


@hookspec
def auditor_configure(config: Any) -> None:
    """Called once with the loaded :class:`auditor.config.Config` before a run."""
