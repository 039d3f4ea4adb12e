"""Vocabulary as data: the words each document kind is read by.

One :class:`Vocabulary` per kind (``performance``, ``disclosure``, ``form``,
``notice``, a plugin's own) holds its title patterns, key labels (项目编码 →
``code``), column header words by role (指标值 → ``value``), date labels and
unit aliases.  A plugin or rule pack extends a kind, or adds one, through
the ``auditor_register_vocabularies`` hook; the interpreters look words up
through the compiled matchers here (one regex or set per list, built once),
never by scanning word lists per cell.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Dict, Iterable, List, Optional, Pattern, Tuple

#: unit alias → factor to 万元 (the unit every amount is compared in)
UNIT_FACTORS: Dict[str, float] = {"万元": 1.0, "元": 0.0001, "千元": 0.1, "亿元": 10000.0, "百万元": 100.0}


@dataclass
class Vocabulary:
    """The words of one document kind.  Every list may be extended; lookups are compiled once."""

    kind: str
    #: regexes a title of this kind matches (searched in the compacted title)
    titles: List[str] = field(default_factory=list)
    #: key label → role (项目编码 → code, 预算数 → budget): labels read as "label | value" pairs
    keys: Dict[str, str] = field(default_factory=dict)
    #: column role → header words (value → 指标值, 目标值 …)
    columns: Dict[str, List[str]] = field(default_factory=dict)
    #: date role → labels (written → 成文日期 …)
    dates: Dict[str, List[str]] = field(default_factory=dict)
    #: unit alias → factor to 万元
    units: Dict[str, float] = field(default_factory=dict)
    #: other named word lists a reader or rule of the kind uses (rate words, vague words …)
    words: Dict[str, List[str]] = field(default_factory=dict)
    _compiled: Dict[str, object] = field(default_factory=dict, repr=False, compare=False)

    # -- extending --------------------------------------------------------------
    def extend(self, other: "Vocabulary") -> "Vocabulary":
        """Add ``other``'s words (same kind) to this vocabulary; the compiled matchers are rebuilt."""
        self.titles += [t for t in other.titles if t not in self.titles]
        self.keys.update(other.keys)
        for mapping, more in ((self.columns, other.columns), (self.dates, other.dates), (self.words, other.words)):
            for role, labels in more.items():
                have = mapping.setdefault(role, [])
                have += [w for w in labels if w not in have]
        self.units.update(other.units)
        self._compiled.clear()
        return self

    def copy(self) -> "Vocabulary":
        return Vocabulary(self.kind).extend(self)

    # -- compiled lookups ---------------------------------------------------------
    def _get(self, name: str, build) -> object:
        try:
            return self._compiled[name]
        except KeyError:
            found = self._compiled[name] = build()
            return found

    def derived(self, name: str, build: Callable[[], object]) -> object:
        """A value a reader builds from these words (a set, a pattern): built once, rebuilt after ``extend``."""
        return self._get(f"derived:{name}", build)

    def memo(self, name: str) -> Dict[str, object]:
        """A reader's cache of answers that depend on these words: emptied when the words change."""
        return self._get(f"memo:{name}", dict)  # type: ignore[return-value]

    def title_pattern(self) -> Optional[Pattern[str]]:
        """One regex of every title pattern (None when the kind has none)."""
        return self._get("titles", lambda: re.compile("|".join(f"(?:{t})" for t in self.titles)) if self.titles else False) or None  # type: ignore[return-value]

    def is_title(self, compact_text: str) -> bool:
        pattern = self.title_pattern()
        return bool(pattern and pattern.search(compact_text))

    def key_role(self, label: str) -> Optional[str]:
        """The role of a key label (exact match on the compacted label)."""
        return self.keys.get(label)

    def columns_exact(self) -> Dict[str, str]:
        """Header word → role (the first role listing a word keeps it)."""
        def build() -> Dict[str, str]:
            out: Dict[str, str] = {}
            for role, words in self.columns.items():
                for w in words:
                    out.setdefault(w, role)
            return out
        return self._get("columns_exact", build)  # type: ignore[return-value]

    def column_role(self, header: str) -> Optional[str]:
        """The role of a column header word (exact match first, then the longest word the header holds)."""
        exact = self.columns_exact()
        if header in exact:
            return exact[header]
        pattern: Pattern[str] = self._get("columns_re", lambda: re.compile(
            "|".join(re.escape(w) for w in sorted(exact, key=len, reverse=True)) or "(?!)"))  # type: ignore[assignment]
        m = pattern.search(header)
        return exact[m.group(0)] if m else None

    def word_set(self, name: str) -> frozenset:
        return self._get(f"set:{name}", lambda: frozenset(self.words.get(name, ())))  # type: ignore[return-value]

    def word_pattern(self, name: str) -> Pattern[str]:
        """One alternation of a word list, longest first (never matches when the list is empty)."""
        return self._get(f"re:{name}", lambda: re.compile(
            "|".join(re.escape(w) for w in sorted(self.words.get(name, ()), key=len, reverse=True)) or "(?!)"))  # type: ignore[return-value]

    def unit_factor(self, unit: Optional[str]) -> Optional[float]:
        """The factor from ``unit`` to 万元, or None for a unit that is not money."""
        if not unit:
            return None
        return self.units.get(unit, UNIT_FACTORS.get(unit))


_VOCABULARIES: Dict[str, Vocabulary] = {}


def vocabulary(kind: str) -> Vocabulary:
    """The vocabulary of ``kind`` (built-ins first made on first use; an unknown kind gets an empty one)."""
    vocab = _VOCABULARIES.get(kind)
    if vocab is None:
        from .vocabularies import BUILTIN

        for v in BUILTIN():
            _VOCABULARIES.setdefault(v.kind, v)
        vocab = _VOCABULARIES.setdefault(kind, Vocabulary(kind))
    return vocab


def register(vocabs: Iterable[Vocabulary]) -> List[Tuple[str, int]]:
    """Merge plugin vocabularies into the kinds' vocabularies; returns (kind, words added) for the record."""
    out = []
    for extra in vocabs:
        if not isinstance(extra, Vocabulary):
            raise TypeError(f"auditor_register_vocabularies returned {type(extra).__name__}, not a Vocabulary")
        base = vocabulary(extra.kind)
        before = _size(base)
        base.extend(extra)
        out.append((extra.kind, _size(base) - before))
    return out


def _size(v: Vocabulary) -> int:
    return len(v.titles) + len(v.keys) + sum(map(len, v.columns.values())) + sum(map(len, v.dates.values())) + len(v.units) + sum(map(len, v.words.values()))


def to_wan(value: Optional[float], unit: Optional[str], kind: str = "performance") -> Optional[float]:
    """``value`` in ``unit`` converted to 万元 (None when either is unknown or the unit is not money)."""
    if value is None:
        return None
    factor = vocabulary(kind).unit_factor(unit or "万元")
    return None if factor is None else value * factor
