"""Plugin discovery and the registry of rules, readers and reporters.

Plugins are found through the ``auditor`` entry-point group (as flake8 finds
its plugins); the built-ins are listed in the same group.  Loading is
defensive: a plugin that fails to import, raises in a hook or declares a rule
ID that is already taken is recorded in :attr:`Registry.failures` with its
name and the error, and everything else still loads.
"""
from __future__ import annotations

import importlib
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Optional, Sequence, Tuple, Type

import pluggy

from . import hookspecs

if TYPE_CHECKING:  # pragma: no cover
    from .rule import Rule

ENTRY_POINT_GROUP = "auditor"

#: used when the package metadata is not installed (running from a checkout)
BUILTIN_MODULES: Tuple[Tuple[str, str], ...] = (
    ("builtin-readers", "auditor.readers.builtin"),
    ("builtin-rules", "auditor.rules"),
    ("builtin-reporters", "auditor.reporting.builtin"),
)


@dataclass
class PluginInfo:
    name: str
    module: str
    version: str = ""
    rules: List[str] = field(default_factory=list)
    readers: List[str] = field(default_factory=list)
    reporters: List[str] = field(default_factory=list)
    interpreters: List[str] = field(default_factory=list)
    builtin: bool = False


@dataclass
class PluginFailure:
    plugin: str
    error: str


@dataclass
class Registry:
    rules: Dict[str, Type["Rule"]] = field(default_factory=dict)
    #: the rules among ``rules`` that check across documents (run once per run, on the facts)
    corpus_rules: Dict[str, Type["Rule"]] = field(default_factory=dict)
    rule_source: Dict[str, str] = field(default_factory=dict)
    readers: List[Any] = field(default_factory=list)
    interpreters: List[Any] = field(default_factory=list)
    reporters: Dict[str, Any] = field(default_factory=dict)
    plugins: List[PluginInfo] = field(default_factory=list)
    failures: List[PluginFailure] = field(default_factory=list)
    options: Dict[str, Any] = field(default_factory=dict)
    pm: Optional[pluggy.PluginManager] = None

    def rule_versions(self) -> Dict[str, str]:
        return {rid: getattr(cls, "version", "1") for rid, cls in self.rules.items()}


def _entry_points() -> list:
    """The ``auditor`` entry points of the installed distributions (the selectable API on 3.10+:
    one pass over the distributions' entry_points.txt, nothing imported)."""
    from importlib.metadata import distributions, entry_points

    try:
        return list(entry_points(group=ENTRY_POINT_GROUP))
    except TypeError:  # Python < 3.10: no selection, and no ``ep.dist`` to read the version from
        return [_WithDist(ep, dist) for dist in distributions() for ep in dist.entry_points if ep.group == ENTRY_POINT_GROUP]


class _WithDist:
    """An entry point with the distribution that declares it (``ep.dist`` of Python 3.10+)."""

    def __init__(self, ep: Any, dist: Any) -> None:
        self.ep, self.dist, self.name = ep, dist, ep.name

    def load(self) -> Any:
        return self.ep.load()


def _dist_version(ep: Any, seen: Optional[Dict[int, str]] = None) -> str:
    """The version of the distribution declaring ``ep`` (its metadata is parsed on every ask:
    ``seen`` keeps it per distribution, so the three built-ins parse auditor's once)."""
    dist = getattr(ep, "dist", None)
    if dist is None:
        return ""
    if seen is None:
        return getattr(dist, "version", "")
    if id(dist) not in seen:
        seen[id(dist)] = getattr(dist, "version", "")
    return seen[id(dist)]


def load_registry(
    *,
    use_plugins: bool = True,
    only: Optional[Sequence[str]] = None,
    extra: Iterable[Tuple[str, object]] = (),
) -> Registry:
    """Discover plugins and collect what they register.

    ``use_plugins=False`` loads the built-ins only (``--no-plugins``); ``only``
    restricts third-party plugins to the named ones (``--plugin NAME``);
    ``extra`` registers in-process plugin objects (tests, rule packs).
    """
    pm = _PluginManager(ENTRY_POINT_GROUP)
    pm.add_hookspecs(hookspecs)
    reg = Registry(pm=pm)
    builtin_names = {name for name, _ in BUILTIN_MODULES}
    found = {ep.name: ep for ep in _entry_points()}
    versions: Dict[int, str] = {}
    candidates: List[Tuple[str, Any, str, bool]] = []  # name, loader, version, builtin
    for name, module in BUILTIN_MODULES:
        ep = found.pop(name, None)
        candidates.append((name, (ep.load if ep else (lambda m=module: importlib.import_module(m))), _dist_version(ep, versions) if ep else "", True))
    for name, ep in sorted(found.items()):
        if not use_plugins or (only and name not in only):
            continue
        candidates.append((name, ep.load, _dist_version(ep, versions), name in builtin_names))
    for name, loader, version, builtin in candidates:
        try:
            plugin = loader()
        except Exception as exc:  # a broken plugin must not stop the others
            reg.failures.append(PluginFailure(name, f"import failed: {type(exc).__name__}: {exc}"))
            continue
        _register(reg, pm, name, plugin, version, builtin)
    for name, plugin in extra:
        _register(reg, pm, name, plugin, "", False)
    reg.readers.sort(key=lambda r: -getattr(r, "priority", 0))
    _check_pending(reg, pm)
    return reg


class _PluginManager(pluggy.PluginManager):
    """Takes unmarked module functions named like a hook too (plugins written before the
    marker was required), so a misspelt ``auditor_register_*`` is caught by check_pending."""

    def parse_hookimpl_opts(self, plugin: Any, name: str):  # type: ignore[override]
        opts = super().parse_hookimpl_opts(plugin, name)
        if opts is None and name.startswith(("auditor_register", "auditor_add_options", "auditor_configure")) \
                and callable(getattr(plugin, name, None)) and not isinstance(getattr(plugin, name), type):
            opts = {}
        return opts


def _check_pending(reg: Registry, pm: pluggy.PluginManager) -> None:
    """A hook implementation with no hook of that name (a misspelling) is a failure to report."""
    try:
        pm.check_pending()
        return
    except pluggy.PluginValidationError:
        pass
    for hook_name in sorted(vars(pm.hook)):
        caller = getattr(pm.hook, hook_name)
        if not hasattr(caller, "get_hookimpls") or caller.has_spec():
            continue
        for impl in caller.get_hookimpls():
            if getattr(impl, "optionalhook", False):
                continue
            known = ", ".join(sorted(n for n in vars(hookspecs) if n.startswith("auditor_")))
            reg.failures.append(PluginFailure(impl.plugin_name, f"unknown hook {hook_name!r} (misspelt? the hooks are: {known}); not called"))


_RULE_ID = re.compile(r"^[A-Z][A-Z0-9_-]*[0-9]+$")


def rule_problem(rule: object) -> str:
    """Why a registered rule class cannot be used, or ``""``."""
    if not isinstance(rule, type):
        return "not a class"
    rid = getattr(rule, "id", "")
    if not isinstance(rid, str) or not _RULE_ID.match(rid):
        return f"id {rid!r} must look like ABC001"
    if getattr(rule, "severity", None) not in ("error", "warning", "info"):
        return f"severity {getattr(rule, 'severity', None)!r} must be error, warning or info"
    if not callable(getattr(rule, "check", None)):
        return "has no check() method"
    return ""


def configure(reg: "Registry", config: object) -> List[str]:
    """Call every plugin's ``auditor_configure`` through ``pm.hook``, one plugin at a time."""
    errors = []
    pm = reg.pm
    if pm is None:
        return errors
    plugins = pm.get_plugins()
    for plugin in plugins:
        others = [p for p in plugins if p is not plugin]
        try:
            pm.subset_hook_caller("auditor_configure", remove_plugins=others)(config=config)
        except Exception as exc:
            errors.append(f"{pm.get_name(plugin)}: {type(exc).__name__}: {exc}")
    return errors


def _call(pm: pluggy.PluginManager, plugin: object, hook: str) -> list:
    """Call one plugin's implementation of ``hook`` through ``pm.hook`` (so pluggy checks it)."""
    caller = getattr(pm.hook, hook)
    others = [p for p in pm.get_plugins() if p is not plugin]
    sub = pm.subset_hook_caller(hook, remove_plugins=others) if others else caller
    out: list = []
    for result in sub():
        if result is None:
            continue
        out.extend(result.items() if isinstance(result, dict) else result)
    return out


def _register(reg: Registry, pm: pluggy.PluginManager, name: str, plugin: object, version: str, builtin: bool) -> None:
    try:
        pm.register(plugin, name=name)
    except Exception as exc:
        reg.failures.append(PluginFailure(name, f"cannot register: {exc}"))
        return
    info = PluginInfo(name=name, module=getattr(plugin, "__name__", type(plugin).__name__), version=version, builtin=builtin)
    if not version:
        info.version = getattr(plugin, "__version__", "") or ""
    try:
        rules = _call(pm, plugin, "auditor_register_rules")
        corpus = _call(pm, plugin, "auditor_register_corpus_rules")
        readers = _call(pm, plugin, "auditor_register_readers")
        reporters = _call(pm, plugin, "auditor_register_reporters")
        options = _call(pm, plugin, "auditor_add_options")
        interpreters = _call(pm, plugin, "auditor_register_interpreters")
        vocabularies = _call(pm, plugin, "auditor_register_vocabularies")
        if vocabularies:
            from .vocabulary import register as register_vocabularies

            register_vocabularies(vocabularies)
    except Exception as exc:
        reg.failures.append(PluginFailure(name, f"hook failed: {type(exc).__name__}: {exc}"))
        pm.unregister(plugin)
        return
    for rule in rules + corpus:
        rid = getattr(rule, "id", "")
        problem = rule_problem(rule)
        if not problem and (rule in corpus) != bool(getattr(rule, "corpus", False)):
            problem = "a corpus rule (CorpusRule) goes to auditor_register_corpus_rules, a per-file rule to auditor_register_rules"
        if problem:
            reg.failures.append(PluginFailure(name, f"rule {rid or rule!r}: {problem}; skipped"))
        elif rid in reg.rules:
            reg.failures.append(PluginFailure(name, f"rule ID {rid} is already registered by {reg.rule_source[rid]}; skipped"))
        else:
            reg.rules[rid] = rule
            reg.rule_source[rid] = name
            if getattr(rule, "corpus", False):
                reg.corpus_rules[rid] = rule
            info.rules.append(rid)
    for reader in readers:
        reg.readers.append(reader)
        info.readers.append(getattr(reader, "name", type(reader).__name__))
    for reporter in reporters:
        rname = getattr(reporter, "name", "")
        if rname in reg.reporters:
            reg.failures.append(PluginFailure(name, f"reporter {rname!r} is already registered; skipped"))
            continue
        reg.reporters[rname] = reporter
        info.reporters.append(rname)
    for interp in interpreters:
        from .interpret import Interpreter

        if not isinstance(interp, Interpreter):
            reg.failures.append(PluginFailure(name, f"interpreter {interp!r} is not an auditor.interpret.Interpreter; skipped"))
            continue
        interp.builtin = builtin and getattr(interp, "builtin", False)
        reg.interpreters.append(interp)
        info.interpreters.append(getattr(interp, "name", "") or type(interp).__name__)
    for key, default in options:
        reg.options[key] = default
    reg.plugins.append(info)
