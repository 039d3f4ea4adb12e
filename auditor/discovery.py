"""Which files a run audits, and how a path is shown.

Why its own module: ``check`` and ``sweep`` must agree on what a folder holds,
and nothing in a folder may vanish silently.  A folder that cannot be listed,
a symbolic-link loop, a dangling link or a pipe named like a document is
kept in the list, so the audit reports it as a problem naming the path
(:func:`why_not_regular` says what it is); such paths are never opened.  Paths
reaching one file twice (``docs docs/a.txt``, two links) are audited once.

File names are text only as far as the OS made them: a name with bytes that
are not UTF-8 arrives with surrogate escapes, which no UTF-8 writer accepts.
:func:`shown` is the one spelling of a path for reports and the history
(undecodable bytes as ``\\xff``); the original string stays the one opened.
"""
from __future__ import annotations

import errno
import fnmatch
import os
import stat
from typing import Iterable, List, Optional, Sequence, Set

#: file endings `check` and `sweep` pick up in folders (with those of every reader registered, see
#: :func:`reader_extensions`)
DOCUMENT_EXTENSIONS = (".txt", ".md", ".markdown", ".json", ".docx", ".xlsx", ".xlsm", ".pdf", ".html", ".htm", ".csv", ".tsv")


def reader_extensions(reg: object) -> tuple:
    """The endings a folder is searched for: the built-in list, every registered reader's (a
    plugin's reader of ``.ofd`` makes ``.ofd`` files in folders documents too), and the formats an
    archive holds that no reader reads (.wps, .et, .rtf, .ofd, .zip …: each reported, never skipped)."""
    from .readers.unreadable import REPORTED_EXTENSIONS

    found = dict.fromkeys(DOCUMENT_EXTENSIONS + REPORTED_EXTENSIONS)
    for reader in getattr(reg, "readers", ()):
        for ext in getattr(reader, "extensions", ()) or ():
            if isinstance(ext, str) and ext.startswith(".") and len(ext) > 1:
                found.setdefault(ext.lower())
    return tuple(found)


def shown(path: str) -> str:
    """``path`` as valid text: surrogate-escaped bytes become ``\\xNN``, other lone surrogates U+FFFD."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        pass
    try:
        raw = path.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a lone surrogate that is not an escaped byte
        return path.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    return raw.decode("utf-8", "backslashreplace")


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a pipe (FIFO)"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder")):
        if test(mode):
            return name
    return "not a regular file"


def why_not_regular(path: str) -> Optional[str]:
    """None for a regular file (or a link to one); else why it cannot be read, without opening it."""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        if os.path.islink(path):
            if exc.errno == errno.ELOOP:
                return "symbolic link loop"
            try:
                target = os.readlink(path)
            except OSError:
                target = "?"
            return f"dangling symbolic link to {shown(target)}"
        return f"{exc.strerror or exc}"
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        try:
            with os.scandir(path):
                pass
        except OSError as exc:
            return f"folder cannot be read: {exc.strerror or exc}"
        if os.path.islink(path):
            return f"symbolic link to a folder already searched (a loop): {shown(os.readlink(path))}"
        return "a folder, not a file"
    return f"{_kind(mode)}, not a regular file; not read"


def _matches(name: str, full: str, globs: Sequence[str]) -> bool:
    return any(fnmatch.fnmatch(name, g) or fnmatch.fnmatch(full, g) for g in globs)


def _real(path: str) -> str:
    try:
        return os.path.realpath(path)
    except (OSError, ValueError):
        return os.path.abspath(path)


def discover(paths: Iterable[str], include: Sequence[str] = (), exclude: Sequence[str] = (),
             gitignore: bool = True, extensions: Sequence[str] = DOCUMENT_EXTENSIONS) -> List[str]:
    """Files named on the command line, and documents below named folders (sorted per
    folder), each real file once; unlistable folders, link loops, dangling links and
    special files named like documents are kept so they are reported.

    In folders, ``exclude`` globs skip files and whole folders, and so (unless
    ``gitignore`` is false) do the ``.gitignore`` files (:mod:`auditor.ignore`); without
    ``include`` globs, a document is a file ending in one of ``extensions``."""
    from .ignore import GitIgnore

    found: List[str] = []
    seen_files: Set[str] = set()
    endings = tuple(e.lower() for e in extensions)

    def add(full: str, key: Optional[str] = None) -> None:
        if key is None:
            key = _real(full) if not os.path.islink(full) or os.path.exists(full) else os.path.abspath(full)
        if key not in seen_files:
            seen_files.add(key)
            found.append(full)

    def wanted(name: str, full: str) -> bool:
        if include and not _matches(name, full, include):
            return False
        if not include and not name.lower().endswith(endings):
            return False
        return not _matches(name, full, exclude)

    searched: Set[str] = set()
    for path in paths:
        if not os.path.isdir(path):
            add(path)
            continue
        ignored = GitIgnore(path).ignored if gitignore else (lambda *a, **k: False)
        stack = [(path, frozenset())]
        while stack:
            folder, ancestors = stack.pop()
            real = _real(folder)
            if real in ancestors:  # a link back to a folder on the way here
                if not _matches(os.path.basename(folder), folder, exclude):
                    add(folder)
                continue
            if real in searched:  # reached again through another link: its files are in already
                continue
            searched.add(real)
            try:
                with os.scandir(folder) as it:
                    entries = sorted(it, key=lambda e: e.name)
            except OSError:
                if not _matches(os.path.basename(folder), folder, exclude):
                    add(folder)  # reported as "folder cannot be read"
                continue
            subfolders = []
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                full = os.path.join(folder, entry.name)
                try:
                    is_dir = entry.is_dir()
                except OSError:
                    is_dir = False
                if is_dir:
                    if not _matches(entry.name, full, exclude) and not ignored(full, is_dir=True):
                        subfolders.append(full)
                elif wanted(entry.name, full) and not ignored(full):
                    add(full, None if entry.is_symlink() else os.path.join(real, entry.name))  # no realpath per file
            inner = ancestors | {real}
            stack.extend((sub, inner) for sub in reversed(subfolders))
    return found
