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

A plugin implements only the hooks it needs, as module-level functions (or
methods of an object registered in-process, as rule packs are).

When the hooks are called
    :func:`auditor.registry.load_registry` builds the registry: the built-ins
    first, then third-party entry points in name order (all of them, none with
    ``--no-plugins``, only the named ones with ``--plugin NAME``), then
    in-process plugins (rule packs from ``--rules-pack`` / ``rules-packs``).
    Each plugin's ``auditor_register_*`` and ``auditor_add_options`` hooks are
    called once, right after it is imported.  :func:`auditor.engine.registry_for`
    keeps one registry per process and plugin selection, so the hooks run once
    per process (once per worker in ``auditor sweep``), not once per file.

What goes wrong, and what happens then
    A plugin that fails to import or raises in a hook is recorded in
    :attr:`auditor.registry.Registry.failures` (``auditor plugins`` prints it as
    ``FAILED name: error``, ``auditor check`` as a warning) and left out; the
    others still load.  A rule whose ID is already registered, or a reporter
    whose name is taken, is skipped with a failure naming who has it; the
    plugin's other rules still load.

Every hook returns a list (``auditor_add_options`` a dict); the registry
records which plugin gave what, so ``auditor rules`` and ``auditor plugins``
can say where each rule came from.  The guide is ``docs/plugins.md``.
"""
from __future__ import annotations

from typing import Any, Dict, List

import pluggy

hookspec = pluggy.HookspecMarker("auditor")
hookimpl = pluggy.HookimplMarker("auditor")


@hookspec
def auditor_register_rules() -> List[type]:
    """Return rule *classes* (subclasses of :class:`auditor.rule.Rule`), not instances.

    The engine makes one instance per file with the rule's parameters
    (``Rule.parameters`` merged with ``[params.ID]`` from the configuration)
    and calls ``check(doc)``, which yields :class:`auditor.rule.Issue` objects
    made with ``self.issue(line, message, where=…, evidence=…, field=…)``.
    A rule that raises becomes one finding about the rule, not a crash.

    Each rule ID must be unique across all plugins: give yours a prefix of
    your own (``SC001``, ``PROV001``), capital letters then digits, never one
    of the built-in prefixes (BUD, DOC, IND, PARSE, PLAN, VAL).  A plugin that
    declares an ID already taken is reported by ``auditor plugins`` and its
    duplicate rule is skipped, the rest still load.
    """


@hookspec
def auditor_register_readers() -> List[Any]:
    """Return reader *instances* (see :class:`auditor.readers.base.Reader`).

    A reader says whether it accepts a file (``accepts(path, head)``, from the
    extension and the first 4 KiB) and turns the bytes into a
    :class:`auditor.models.Document` (``read(path, data)``); it must not raise
    for bad input but return a document whose ``issues`` hold PARSE001–003.
    Readers with a higher ``priority`` are asked first; the built-in text
    reader (priority 0) accepts anything, so a plugin reader needs a
    priority above 0 to be asked before it.
    """


@hookspec
def auditor_register_interpreters() -> List[Any]:
    """Return interpreter *instances* (subclasses of :class:`auditor.interpret.Interpreter`).

    An interpreter claims a section of a document (a title and the grids and
    paragraphs under it) with a score in 0…1 (``claim(section, doc)``) and reads
    the section it wins into typed parts (``read(section, doc)`` → a
    :class:`auditor.interpret.Reading` with ``parts``, ``problems`` and the blocks
    left ``unread``).  The built-ins claim with 0.5; claim higher to take a
    section from them.  Parts are :class:`auditor.models.Part` subclasses; a rule
    declares the part types it checks with ``parts = (MyPart,)``.
    """


@hookspec
def auditor_register_vocabularies() -> List[Any]:
    """Return :class:`auditor.vocabulary.Vocabulary` objects: words added to a kind.

    A vocabulary of a built-in kind (``performance``, ``disclosure``, ``form``,
    ``notice``) extends it (a new key label, column word, unit alias); one of a
    new kind is that kind's vocabulary, found by ``vocabulary(kind)``.
    """


@hookspec
def auditor_register_reporters() -> List[Any]:
    """Return reporter *instances* (see :class:`auditor.reporting.base.Reporter`).

    A reporter has a ``name`` used by ``--format NAME`` (unique across
    plugins: a taken name is skipped and reported) and an ``extension``, and
    renders a :class:`auditor.reporting.base.Report` to text or bytes.
    """


@hookspec
def auditor_add_options() -> Dict[str, Any]:
    """Declare configuration keys this plugin reads, with their defaults.

    The keys become valid under ``plugin-options`` in ``[auditor]`` /
    ``[tool.auditor]`` / ``auditor.toml``, so a plugin's settings are validated
    like the core's: a key no loaded plugin declares is still an error that
    names it.  Read the values in :func:`auditor_configure`.  Prefix the keys
    with the plugin's name (``smartcity-deadline``) so plugins do not clash.
    Settings of a single rule belong in ``Rule.parameters`` instead.
    """


@hookspec
def auditor_configure(config: Any) -> None:
    """Called once by the CLI with the loaded :class:`auditor.config.Config` before a run.

    ``config.plugin_options`` holds the values of the keys declared by
    :func:`auditor_add_options`.  It is called in the main process only
    (``check``, ``rules``, ``explain``, ``sweep``); the worker processes of
    ``auditor sweep`` do not call it, so anything a rule needs at check time
    belongs in the rule's parameters.  An exception here is printed as a
    warning.
    """
