"""The facts of a whole run, indexed so that checks across documents stay linear.

Projects are found by 项目编码 (a dict), or by normalised name within the
bucket of one kind and year: an equal name is a dict lookup; a name
containing the sought one is found through the postings of the sought
name's rarest trigram; a name contained in it through its substrings.  No
rule compares all pairs of projects.

With a ``loader`` the index keeps no indicators (a sweep of 100,000 tables
would hold millions); :meth:`FactsIndex.indicators` loads a file's facts
again when a rule asks, with a small cache.
"""
from __future__ import annotations

import sys
from collections import OrderedDict, defaultdict
from typing import Any, Callable, DefaultDict, Dict, Iterable, Iterator, List, Optional, Set, Tuple, Union

from .facts import FACTS_VERSION, DisclosureFact, FileHeads, IndicatorFact, PackedFacts, ProjectHead, Ref, _indicators
from .keys import MIN_CONTAINED, code_key, code_without_year, name_key, same_unit, unit_key

#: ``loader(seq)`` → that file's facts: the JSON-able dict (``FileResult.facts``), or packed
#: (:class:`~auditor.corpus.facts.PackedFacts`, a sweep's); only the asked project is validated
Loader = Callable[[int], Optional[Union[Dict[str, Any], PackedFacts]]]


_REF_FIELDS = ("title_ref", "code_ref", "name_ref", "budget_ref")


def _pack_ref(ref: Optional[Ref]) -> Any:
    if ref is None:
        return None
    return (ref.line, ref.location, ref.source) if (ref.location or ref.source) else ref.line


def _unpack_ref(packed: Any) -> Optional[Ref]:
    if packed is None:
        return None
    if isinstance(packed, int):
        return Ref.model_construct(line=packed, location=None, source=None)
    line, location, source = packed
    return Ref.model_construct(line=line, location=location, source=source)


class Head:
    """A project head as a sweep's index keeps it: the fields of :class:`ProjectHead` in slots,
    references packed (a pydantic object a project would cost kilobytes at 100,000 tables)."""

    __slots__ = ("kind", "index", "title", "code", "name", "year", "unit", "budget", "budget_raw", "_refs")

    def __init__(self, fact: ProjectHead) -> None:
        self.kind, self.index, self.code, self.name = fact.kind, fact.index, fact.code, fact.name
        self.title = fact.name or fact.title  # what a finding names the table by; the title only where no name was read
        self.year, self.budget, self.budget_raw = fact.year, fact.budget, fact.budget_raw
        self.unit = sys.intern(fact.unit) if fact.unit else fact.unit  # a few units for many projects
        self._refs = tuple(_pack_ref(getattr(fact, name)) for name in _REF_FIELDS)

    @property
    def title_ref(self) -> Ref:
        return _unpack_ref(self._refs[0]) or Ref()

    @property
    def title_line(self) -> int:
        """``title_ref.line`` without building the Ref."""
        packed = self._refs[0]
        return 1 if packed is None else packed if isinstance(packed, int) else packed[0]

    @property
    def code_ref(self) -> Optional[Ref]:
        return _unpack_ref(self._refs[1])

    @property
    def name_ref(self) -> Optional[Ref]:
        return _unpack_ref(self._refs[2])

    @property
    def budget_ref(self) -> Optional[Ref]:
        return _unpack_ref(self._refs[3])


class Located:
    """A project fact with the file it is in (``seq``: its place in the run's file order)."""

    __slots__ = ("file", "seq", "pos", "fact", "key", "unit", "code", "order")

    def __init__(self, file: str, seq: int, pos: int, fact: Any) -> None:
        self.file, self.seq, self.pos, self.fact = file, seq, pos, fact
        self.key = name_key(fact.name)
        self.unit = unit_key(fact.unit)
        self.code = code_key(fact.code)
        #: path order, then line: which of two mentions comes later
        self.order: Tuple[str, int] = (file, fact.title_line if isinstance(fact, Head) else fact.title_ref.line)


    def __repr__(self) -> str:
        return f"Located({self.file}:{self.fact.title_ref.line} {self.fact.kind} {self.fact.name!r} {self.fact.year})"


class LocatedDisclosure:
    __slots__ = ("file", "seq", "fact")

    def __init__(self, file: str, seq: int, fact: DisclosureFact) -> None:
        self.file, self.seq, self.fact = file, seq, fact


class _Bucket:
    """Projects of one kind and year by normalised name; containment found through trigrams."""

    def __init__(self) -> None:
        self.exact: Dict[str, List[Located]] = {}
        self._grams: Optional[Dict[str, List[str]]] = None

    def add(self, item: Located) -> None:
        if item.key:
            self.exact.setdefault(item.key, []).append(item)
            self._grams = None

    def _postings(self) -> Dict[str, List[str]]:
        if self._grams is None:
            grams: DefaultDict[str, List[str]] = defaultdict(list)
            for key in self.exact:
                for g in {key[i:i + 3] for i in range(len(key) - 2)}:
                    grams[g].append(key)
            self._grams = dict(grams)
        return self._grams

    def keys_like(self, key: str) -> List[str]:
        """Names equal to ``key``, else the names containing it or contained in it."""
        if key in self.exact:
            return [key]
        if len(key) < MIN_CONTAINED:
            return []
        found: Set[str] = set()
        grams = self._postings()
        lists = [grams.get(key[i:i + 3], []) for i in range(len(key) - 2)]
        if all(lists):
            found.update(k for k in min(lists, key=len) if key in k)
        for size in range(MIN_CONTAINED, len(key)):
            for i in range(len(key) - size + 1):
                part = key[i:i + size]
                if part in self.exact:
                    found.add(part)
        return sorted(found)


class FactsIndex:
    """Every project and disclosure of a run, by code, by kind + year + name."""

    def __init__(self, files: Iterable[Tuple[int, str, FileHeads]] = (), loader: Optional[Loader] = None, cache: int = 256) -> None:
        self.projects: List[Located] = []
        self.disclosures: List[LocatedDisclosure] = []
        self.by_code: Dict[str, List[Located]] = {}
        self.by_code_any_year: Dict[str, List[Located]] = {}
        self._buckets: Dict[Tuple[str, Optional[int]], _Bucket] = {}
        self._loader = loader
        self._cache: "OrderedDict[int, Dict[str, Any]]" = OrderedDict()
        self._cache_size = cache
        self._indicators: "OrderedDict[Tuple[int, int], List[IndicatorFact]]" = OrderedDict()
        self.files: Dict[int, str] = {}
        for seq, path, facts in files:
            self.add(seq, path, facts)
        self.seal()

    def add(self, seq: int, path: str, facts: FileHeads) -> None:
        """One more file, in file order (a sweep adds each file as its result arrives); :meth:`seal` before lookups."""
        self.files[seq] = path
        for pos, fact in enumerate(facts.projects):
            self._add(Located(path, seq, pos, Head(fact) if self._loader is not None else fact))
        for disc in facts.disclosures:
            self.disclosures.append(LocatedDisclosure(path, seq, disc))

    def seal(self) -> "FactsIndex":
        """Every list of mentions in path order, then line (done once after the last :meth:`add`)."""
        for items in (*self.by_code.values(), *self.by_code_any_year.values(), *(x for b in self._buckets.values() for x in b.exact.values())):
            items.sort(key=lambda p: p.order)
        return self

    def _add(self, item: Located) -> None:
        self.projects.append(item)
        if item.code:
            self.by_code.setdefault(item.code, []).append(item)
            self.by_code_any_year.setdefault(code_without_year(item.code), []).append(item)
        self._buckets.setdefault((item.fact.kind, item.fact.year), _Bucket()).add(item)

    # -- lookups -----------------------------------------------------------------
    def of_kind(self, kind: str) -> Iterator[Located]:
        return (p for p in self.projects if p.fact.kind == kind)

    def same_project(self, item: Located, kind: str, year: Optional[int], *, any_year_code: bool = False) -> Optional[Located]:
        """The first (in path order) ``kind`` project of ``year`` that is ``item``'s project, if exactly one is.

        By 项目编码 when ``item`` has one and a project of that year carries it
        (``any_year_code``: the code with its year digits ignored), else by
        name (equal, or one containing the other) in the same unit.
        """
        if item.code:
            pool = self.by_code_any_year.get(code_without_year(item.code), []) if any_year_code else self.by_code.get(item.code, [])
            coded = [p for p in pool if p.fact.kind == kind and p.fact.year == year and p is not item]
            if coded:
                return coded[0]
        bucket = self._buckets.get((kind, year))
        if bucket is None or not item.key:
            return None
        keys = bucket.keys_like(item.key)
        matches = [k for k in keys if any(same_unit(item.unit, p.unit) and p is not item for p in bucket.exact[k])]
        if len(matches) != 1:
            return None  # none, or ambiguous: better silent than wrong
        return next(p for p in bucket.exact[matches[0]] if same_unit(item.unit, p.unit) and p is not item)

    def indicators(self, item: Located) -> List[IndicatorFact]:
        """The project's indicators (in a sweep: read again from its file's stored facts, and kept a while)."""
        if self._loader is None:
            return getattr(item.fact, "indicators", [])
        key = (item.seq, item.pos)
        found = self._indicators.get(key)
        if found is None:
            data = self._file_data(item.seq)
            if isinstance(data, PackedFacts):
                found = self._indicators[key] = data.indicators(item.pos)
                if len(self._indicators) > 2 * self._cache_size:
                    self._indicators.popitem(last=False)
                return found
            projects = (data.get("projects") or []) if data.get("version") == FACTS_VERSION else []
            raw = projects[item.pos].get("indicators", []) if item.pos < len(projects) and isinstance(projects[item.pos], dict) else []
            try:
                found = _indicators().validate_python(raw)
            except ValueError:
                found = []
            self._indicators[key] = found
            if len(self._indicators) > 2 * self._cache_size:
                self._indicators.popitem(last=False)
        return found

    def _file_data(self, seq: int) -> Any:
        data = self._cache.get(seq)
        if data is None:
            data = (self._loader(seq) if self._loader else None) or {}
            self._cache[seq] = data
            if len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        else:
            self._cache.move_to_end(seq)
        return data
