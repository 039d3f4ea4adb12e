"""Built-in readers and reporters registered by a light spec, imported when used.

``auditor check`` of a text file needs neither the .docx/.pdf readers (and
what they pull in) nor the SARIF, JUnit or HTML writers, yet every one is
registered at start-up through the plugin hooks.  A :class:`LazyReader` or
:class:`LazyReporter` carries what the registry and ``auditor plugins`` show
(name, extensions, priority, description) and the import path of the real
class (``module:Class``); the module is imported the first time something
else is asked of it: a read, a render, or any attribute the spec does not
hold.  Plugins may register their own the same way; the hooks are unchanged.
"""
from __future__ import annotations

import importlib
from typing import Any, Callable, Optional


class _Lazy:
    """A stand-in for an instance of the class at ``target`` (``module:Class``)."""

    def __init__(self, target: str, **attributes: Any) -> None:
        self.target = target
        self._real: Any = None
        for key, value in attributes.items():
            setattr(self, key, value)

    def load(self) -> Any:
        """The real object (imported and made on the first call)."""
        if self._real is None:
            module, _, name = self.target.partition(":")
            self._real = getattr(importlib.import_module(module), name)()
        return self._real

    def __getattr__(self, name: str) -> Any:  # only for what the spec does not hold
        if name.startswith("__") or name in ("target", "_real"):
            raise AttributeError(name)
        return getattr(self.load(), name)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.target}{'' if self._real is None else ' (loaded)'}>"


class LazyReader(_Lazy):
    """A reader known by its spec; ``accepts`` answers from ``accepts`` (a light predicate of
    path and first bytes) when one is given, so choosing a reader imports none that is not chosen."""

    def __init__(self, target: str, *, name: str, extensions: tuple = (), priority: int = 0, description: str = "",
                 accepts: Optional[Callable[[str, bytes], bool]] = None, **attributes: Any) -> None:
        super().__init__(target, name=name, extensions=tuple(extensions), priority=priority, description=description, **attributes)
        self._accepts = accepts

    def accepts(self, path: str, head: bytes) -> bool:
        if self._accepts is not None:
            return self._accepts(path, head)
        return bool(self.load().accepts(path, head))

    def read(self, path: str, data: bytes) -> Any:
        return self.load().read(path, data)


class LazyReporter(_Lazy):
    """A reporter known by its spec (``name``, ``extension``, ``description``); its lifecycle
    (``begin``, ``file``, ``end``, ``render``) and everything else are the real reporter's."""

    def __init__(self, target: str, *, name: str, extension: str = ".txt", description: str = "", **attributes: Any) -> None:
        super().__init__(target, name=name, extension=extension, description=description, **attributes)
