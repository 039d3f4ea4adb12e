"""The executor protocol, the compact result encoding and failure results.

Results cross process and host boundaries as plain tuples (no pydantic
objects): the worker has validated every finding already, so the client
rebuilds them without a second validation (a generated builder, as ``model_construct``).
"""
from __future__ import annotations

import dataclasses
import hashlib
import os
import signal
import stat
from functools import lru_cache
from typing import Any, Callable, Dict, Iterator, List, Optional, Sequence, Tuple

from ..construct import constructor
from ..corpus.facts import pack_facts
from ..discovery import shown
from ..engine import FileResult, Settings, to_findings
from ..readers.decode import valid_text
from ..models import Finding
from ..rule import Issue

try:  # Python >= 3.8
    from typing import Protocol
except ImportError:  # pragma: no cover
    Protocol = object  # type: ignore[assignment,misc]

Task = Tuple[int, str]  # (index in the sorted file list, path)
OnDone = Callable[[int, FileResult], None]
#: called when the executor waits with nothing to hand over (the sweep commits its history batch then)
OnIdle = Optional[Callable[[], None]]
#: what a worker sends back for one file: ("done", encoded FileResult) or ("fail", kind, detail)
Outcome = Tuple[Any, ...]


class Executor(Protocol):
    """Runs the engine over tasks; results in input order, ``on_done`` at arrival."""

    #: counts of files given up on, by kind (timeout, died, error), for the end-of-run message
    failures: Dict[str, int]

    def run(self, tasks: Sequence[Task], on_done: OnDone, on_idle: OnIdle = None) -> Iterator[Tuple[int, FileResult]]:
        ...  # pragma: no cover


class WorkersCannotStart(RuntimeError):
    """Workers die before they can take work (a broken install or plugin)."""


class Stopped(KeyboardInterrupt):
    """The run was asked to stop (SIGINT/SIGTERM)."""


_FIELDS: Tuple[str, ...] = tuple(Finding.model_fields)
_RESULT_FIELDS: Tuple[str, ...] = tuple(f.name for f in dataclasses.fields(FileResult))


@lru_cache(maxsize=None)
def _build_finding() -> Callable[..., Finding]:
    """``Finding.model_construct`` of every field, generated once (:func:`~auditor.construct.constructor`)."""
    return constructor(Finding, _FIELDS)


def encode_result(result: FileResult) -> Tuple[Any, ...]:
    """A FileResult as nested tuples (every field, findings as rows): cheap to
    pickle, no pydantic on the wire; the facts packed (:func:`~auditor.corpus.facts.pack_facts`),
    as the client stores them."""
    values = []
    for name in _RESULT_FIELDS:
        value = getattr(result, name)
        if name == "findings":
            value = [tuple(getattr(f, key) for key in _FIELDS) + ((f.__pydantic_extra__ or None),) for f in value]
        elif name == "facts" and isinstance(value, dict):
            value = pack_facts(value)
        values.append(value)
    return tuple(values)


def decode_result(data: Tuple[Any, ...]) -> FileResult:
    """The inverse of :func:`encode_result` (findings were validated by the worker; facts stay packed)."""
    values = dict(zip(_RESULT_FIELDS, data))
    build = _build_finding()
    findings = []
    for row in values["findings"]:
        fields = dict(zip(_FIELDS, row))
        if row[-1]:  # fields a plugin added (Finding allows extras): pydantic's own way
            fields.update(row[-1])
            findings.append(Finding.model_construct(**fields))
        else:
            findings.append(build(**fields))
    values["findings"] = findings
    return FileResult(**values)


def _sha256(path: str) -> Tuple[str, int]:
    """Digest and size of a regular file; ("", 0) for anything else, which is never
    read (a pipe would block the run forever)."""
    try:
        h = hashlib.sha256()
        size = 0
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return "", 0
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
                size += len(chunk)
        return h.hexdigest(), size
    except OSError:
        return "", 0


_MESSAGES = {
    "timeout": ("处理超时", "timed out"),
    "died": ("工作进程异常退出", "worker died"),
    "error": ("审核异常中止", "audit aborted"),
}


def failure_result(path: str, kind: str, detail: str, settings: Settings, reg: Any) -> FileResult:
    """A file the run itself had to give up on, as PARSE001 and a problem.

    Built through the engine's own finding conversion so severity overrides,
    --select/--ignore and per-file ignores apply exactly as for other findings;
    the field (``timeout``/``died``/``error``) keeps the fingerprint stable.
    """
    zh, en = _MESSAGES.get(kind, ("审核失败", kind))
    result = FileResult(path=shown(path), problem=valid_text(f"{en}: {detail}"))
    result.sha256, result.size = _sha256(path)
    issue = Issue(line=1, message=f"{zh} / {en}: {detail}", field=f"sweep:{kind}")
    result.findings = to_findings(path, [("PARSE001", issue)], reg, settings)
    return result


def exit_detail(code: Optional[int]) -> str:
    """``killed by SIGSEGV`` / ``exit status 3`` for a worker's exit code."""
    if code is None:
        return "exit status unknown"
    if code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit status {code}"


def where(stage: str) -> str:
    """`` in rule X of plugin Y`` (what the worker was running), or nothing."""
    return f" in {stage}" if stage else ""


class Ordered:
    """Results arriving in any order, handed out in the order of ``tasks``.

    ``allowed(dispatched)`` tells an executor whether it may send more work:
    at most ``window`` files beyond the next one to hand out, which bounds
    what is held for reordering.
    """

    def __init__(self, tasks: Sequence[Task], window: int) -> None:
        self.order: List[int] = [index for index, _ in tasks]
        self.window = max(1, window)
        self.next = 0
        self.done: Dict[int, FileResult] = {}

    def allowed(self, dispatched: int) -> bool:
        return dispatched < self.next + self.window

    def add(self, index: int, result: FileResult) -> Iterator[Tuple[int, FileResult]]:
        self.done[index] = result
        while self.next < len(self.order) and self.order[self.next] in self.done:
            index = self.order[self.next]
            self.next += 1
            yield index, self.done.pop(index)

    @property
    def finished(self) -> bool:
        return self.next >= len(self.order)
