"""The corpus phase: corpus rules over the facts of a whole run, as findings.

``auditor check`` and ``auditor sweep`` both call :func:`corpus_findings`
after the per-file phase, on the client (never in a worker): the facts came
back with each file's result, or from the history for files carried forward.
The findings are ordinary :class:`~auditor.models.Finding` objects of the
file they point at (selection, per-file ignores, severity overrides and
fingerprints exactly as for per-file findings), ordered by file, line, rule.
"""
from __future__ import annotations

from typing import Any, Dict, Iterable, List, Optional, Tuple, Union

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


def corpus_findings(files: Union[Iterable[Tuple[int, str, FileFacts]], FactsIndex], settings: Settings, reg: Any, *,
                    loader: Optional[Loader] = None) -> List[Finding]:
    """Run every active corpus rule over ``(seq, path, facts)`` of the run, or over an index of
    them built as the files came (a sweep's); findings in file order.

    ``loader(seq)`` gives a file's facts again (a sweep passes one that reads the
    history, so the index need not hold every indicator).  A corpus rule that
    raises becomes one finding about the rule in the run's first file.
    """
    rules = active_corpus_rules(settings, reg)
    if not rules:
        return []
    index = files.seal() if isinstance(files, FactsIndex) else FactsIndex(files, loader)
    if not index.files:
        return []
    by_file: Dict[str, List[Tuple[str, Issue]]] = {}
    for rule_id, rule_cls in rules.items():
        found: List[Tuple[str, Issue]] = []
        try:
            rule = rule_cls(settings.params.get(rule_id))
            for issue in rule.check(index):
                issue = _checked(issue)
                file = getattr(issue, "file", "")
                if file not in index.files.values():
                    raise ValueError(f"a corpus issue names {file!r}, not a file of this run")
                found.append((file, issue))
        except (Exception, SystemExit) as exc:  # a plugin's bug must not end the run
            where = crash_site(exc, getattr(rule_cls, "__module__", "")) or "?"
            first = index.files[min(index.files)]
            found = [(first, Issue(line=1, message=f"规则执行出错 / rule crashed: {type(exc).__name__}: {exc} ({where})", field="crash"))]
        for file, issue in found:
            by_file.setdefault(file, []).append((rule_id, issue))
    findings: List[Finding] = []
    for seq in sorted(index.files):
        path = index.files[seq]
        if path in by_file:
            findings.extend(to_findings(path, by_file.pop(path), reg, settings))
    return findings
