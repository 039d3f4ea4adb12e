"""The corpus phase: corpus rules over the facts of a whole run, as findings.

``auditor check`` (:func:`corpus_findings`, a list in report order) and
``auditor sweep`` (:func:`corpus_chunks`, recorded chunk by chunk) run the
corpus rules after the per-file phase, on the client (never in a worker): the
facts came back with each file's result, or from the history for files
carried forward.
The findings are ordinary :class:`~auditor.models.Finding` objects of the
file they point at (selection, per-file ignores, severity overrides and
fingerprints exactly as for per-file findings), ordered by file, line, rule.
"""
from __future__ import annotations

from typing import Any, Dict, Iterable, Iterator, List, NamedTuple, Optional, Tuple, Union

from ..engine import Settings, _checked, crash_site, is_opt_in, selected, to_findings
from ..models import Finding
from ..rule import Issue
from .facts import FileFacts
from .index import FactsIndex, Loader


def active_corpus_rules(settings: Settings, reg: Any) -> Dict[str, type]:
    """The corpus rules this run executes (selected; opt-in ones only when named or ALL)."""
    return {rid: cls for rid, cls in getattr(reg, "corpus_rules", {}).items()
            if selected(rid, settings.select, settings.ignore, is_opt_in(cls))}


def wants_facts(settings: Settings, reg: Any) -> bool:
    """Whether files must yield facts: some corpus rule will run."""
    return bool(active_corpus_rules(settings, reg))


#: findings a rule hands over at a time (a sweep records each chunk as it comes)
CHUNK = 512


class RuleChunk(NamedTuple):
    """Findings of one corpus rule, ``(seq, finding)``; ``restart``: the rule crashed, drop what it gave before."""

    rule: str
    findings: List[Tuple[int, Finding]]
    restart: bool = False


def corpus_chunks(files: Union[Iterable[Tuple[int, str, FileFacts]], FactsIndex], settings: Settings, reg: Any, *,
                  loader: Optional[Loader] = None, size: int = CHUNK) -> Iterator[RuleChunk]:
    """Run every active corpus rule over the run's facts (or an index of them built as the
    files came, a sweep's), yielding each rule's findings in chunks as the rule finds them:
    a sweep records them as they come instead of holding tens of thousands.

    ``loader(seq)`` gives a file's facts again (a sweep passes one that reads the
    history, so the index need not hold every indicator).  A corpus rule that raises
    becomes one finding about the rule in the run's first file; its chunk has
    ``restart`` set: what the rule yielded before is to be dropped.
    """
    rules = active_corpus_rules(settings, reg)
    if not rules:
        return
    index = files.seal() if isinstance(files, FactsIndex) else FactsIndex(files, loader)
    if not index.files:
        return
    seq_of = {path: seq for seq, path in index.files.items()}
    for rule_id, rule_cls in rules.items():
        seen: Dict[str, Dict[str, int]] = {}  # fingerprint occurrences by file: numbered across chunks as in one file's list
        pending: List[Tuple[str, Issue]] = []
        try:
            rule = rule_cls(settings.params.get(rule_id))
            for issue in rule.check(index):
                issue = _checked(issue)
                file = getattr(issue, "file", "")
                if file not in seq_of:
                    raise ValueError(f"a corpus issue names {file!r}, not a file of this run")
                pending.append((file, issue))
                if len(pending) >= size:
                    yield RuleChunk(rule_id, _convert(rule_id, pending, seq_of, seen, reg, settings))
                    pending = []
        except (Exception, SystemExit) as exc:  # a plugin's bug must not end the run
            where = crash_site(exc, getattr(rule_cls, "__module__", "")) or "?"
            first = index.files[min(index.files)]
            crash = Issue(line=1, message=f"规则执行出错 / rule crashed: {type(exc).__name__}: {exc} ({where})", field="crash")
            yield RuleChunk(rule_id, _convert(rule_id, [(first, crash)], seq_of, {}, reg, settings), restart=True)
            continue
        if pending:
            yield RuleChunk(rule_id, _convert(rule_id, pending, seq_of, seen, reg, settings))


def _convert(rule_id: str, issues: List[Tuple[str, Issue]], seq_of: Dict[str, int], seen: Dict[str, Dict[str, int]],
             reg: Any, settings: Settings) -> List[Tuple[int, Finding]]:
    """A chunk of one rule's issues → (seq, finding), in the order the rule yielded them."""
    by_file: Dict[str, List[Tuple[str, Issue]]] = {}
    for file, issue in issues:
        by_file.setdefault(file, []).append((rule_id, issue))
    out: List[Tuple[int, Finding]] = []
    for file, items in by_file.items():  # a file's findings in the order the rule yielded them
        found = to_findings(file, items, reg, settings, seen=seen.setdefault(file, {}), ordered=False)
        out.extend((seq_of[file], f) for f in found)
    return out


def corpus_findings(files: Union[Iterable[Tuple[int, str, FileFacts]], FactsIndex], settings: Settings, reg: Any, *,
                    loader: Optional[Loader] = None) -> List[Finding]:
    """Every corpus finding of the run in report order (file, line, rule): :func:`corpus_chunks` collected."""
    by_rule: Dict[str, List[Tuple[int, Finding]]] = {}
    for chunk in corpus_chunks(files, settings, reg, loader=loader):
        kept = by_rule.setdefault(chunk.rule, [])
        if chunk.restart:
            kept.clear()
        kept.extend(chunk.findings)
    found = [x for kept in by_rule.values() for x in kept]
    found.sort(key=lambda x: (x[0], x[1].line, x[1].rule))
    return [f for _, f in found]
