"""``.gitignore`` files, read with pathspec (git's own matching rules), for ``check`` and ``sweep``.

A folder walk skips what the ``.gitignore`` files of the folder, its subfolders
and its parents up to the repository's top (the folder holding ``.git``) ignore.
Files named on the command line are always audited.
"""
from __future__ import annotations

import os
from typing import TYPE_CHECKING, Dict, List, Optional

if TYPE_CHECKING:  # pragma: no cover
    import pathspec


def _read_spec(folder: str) -> Optional["pathspec.PathSpec"]:
    path = os.path.join(folder, ".gitignore")
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            lines = fh.read().splitlines()
    except OSError:
        return None
    import pathspec  # only where a .gitignore exists: keep it out of start-up

    return pathspec.GitIgnoreSpec.from_lines(lines)


def _repository_top(folder: str) -> Optional[str]:
    here = os.path.abspath(folder)
    while True:
        if os.path.exists(os.path.join(here, ".git")):
            return here
        parent = os.path.dirname(here)
        if parent == here:
            return None
        here = parent


class GitIgnore:
    """Answers "is this path ignored?" for one walk, reading each .gitignore once."""

    def __init__(self, start: str) -> None:
        self._cache: Dict[str, Optional["pathspec.PathSpec"]] = {}
        self.start = os.path.abspath(start)
        top = _repository_top(start)
        #: the walked folder's parents up to the repository's top, outermost first
        self._parents: List[str] = []
        here = os.path.dirname(self.start)
        while top and here.startswith(top):
            self._parents.insert(0, here)
            if here == top:
                break
            here = os.path.dirname(here)

    def _spec(self, folder: str) -> Optional["pathspec.PathSpec"]:
        if folder not in self._cache:
            self._cache[folder] = _read_spec(folder)
        return self._cache[folder]

    def ignored(self, path: str, is_dir: bool = False) -> bool:
        """Is ``path`` ignored by a .gitignore in one of its folders (nearest wins, as in git)?"""
        full = os.path.abspath(path)
        verdict = False
        for folder in self._parents + _chain(os.path.dirname(full), self.start):
            spec = self._spec(folder)
            if spec is None:
                continue
            rel = os.path.relpath(full, folder).replace(os.sep, "/") + ("/" if is_dir else "")
            include = spec.check_file(rel).include  # True: ignored, False: re-included (!), None: no rule
            if include is not None:
                verdict = include
        return verdict


def _chain(folder: str, start: str) -> List[str]:
    """``start`` and the folders below it down to ``folder``, outermost first."""
    out: List[str] = []
    here = folder
    while True:
        out.insert(0, here)
        if here == start or not here.startswith(start):
            break
        parent = os.path.dirname(here)
        if parent == here:
            break
        here = parent
    return out
