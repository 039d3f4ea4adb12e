"""The facts of a whole run, indexed so that checks across documents stay linear.

Projects are found by 项目编码 (a dict), or by normalised name within the
bucket of one kind and year: an equal name is a dict lookup; a name
containing the sought one is found through the postings of the sought
name's rarest trigram; a name contained in it through its substrings.  No
rule compares all pairs of projects.

The index keeps a few columns a project (a sweep of 100,000 tables holds
100,000 projects and millions of indicators); with a ``loader``, names as
written, references and indicators are read again from the file's stored
facts when a rule asks, a few files kept at a time.
"""
from __future__ import annotations

import math
from array import array
from collections import OrderedDict, defaultdict
from collections.abc import Mapping, Sequence
from typing import Any, Callable, DefaultDict, Dict, Iterable, Iterator, List, Optional, Set, Tuple, Union

from .facts import FACTS_VERSION, DisclosureFact, FileHeads, IndicatorFact, PackedFacts, ProjectHead, _indicators
from .keys import MIN_CONTAINED, code_key, code_without_year, name_key, same_unit, unit_key

#: ``loader(seq)`` → that file's facts: the JSON-able dict (``FileResult.facts``), or packed
#: (:class:`~auditor.corpus.facts.PackedFacts`, a sweep's); only the asked project is validated
Loader = Callable[[int], Optional[Union[Dict[str, Any], PackedFacts]]]


_NO_YEAR = -(1 << 62)  # a year column's "none"
_MAX_LINE = (1 << 31) - 1  # what a line column holds
_KINDS = ("target", "self-evaluation")


class Head:
    """A project of the index as rules see it (``item.fact``): kind, year and budget from the
    index's columns; every other field of :class:`ProjectHead` (name, code, unit, refs …) read
    again from its file's stored facts when first asked (most projects are never shown)."""

    __slots__ = ("kind", "year", "budget", "_owner", "_seq", "_pos", "_fact")

    def __init__(self, owner: "FactsIndex", pid: int) -> None:
        self._owner, self._seq, self._pos, self._fact = owner, owner._seq[pid], owner._pos[pid], None
        self.kind = _KINDS[owner._kind[pid]]
        year, budget = owner._year[pid], owner._budget[pid]
        self.year = None if year == _NO_YEAR else year
        self.budget = None if budget != budget else budget  # NaN: none

    def __getattr__(self, name: str) -> Any:  # only for what the slots do not hold
        if name.startswith("_"):
            raise AttributeError(name)
        if self._fact is None:
            self._fact = self._owner._project_head(self._seq, self._pos)
        return getattr(self._fact, name)


class Located:
    """A project with the file it is in (``seq``: its place in the run's file order; ``pos``: its
    place among the file's projects).  Built by the index when asked; two are the same project
    when file, seq and pos agree."""

    __slots__ = ("file", "seq", "pos", "fact", "key", "unit", "code", "order")

    def __init__(self, file: str, seq: int, pos: int, fact: Any, *, key: Optional[str] = None, unit: Optional[str] = None,
                 code: Optional[str] = None, line: Optional[int] = None) -> None:
        self.file, self.seq, self.pos, self.fact = file, seq, pos, fact
        self.key = name_key(fact.name) if key is None else key
        self.unit = unit_key(fact.unit) if unit is None else unit
        self.code = code_key(fact.code) if code is None else code
        #: path order, then line: which of two mentions comes later
        self.order: Tuple[str, int] = (file, fact.title_ref.line if line is None else line)

    def same(self, other: "Located") -> bool:
        return self.seq == other.seq and self.pos == other.pos and self.file == other.file

    def __repr__(self) -> str:
        return f"Located({self.file}:{self.order[1]} {self.fact.kind} {self.key!r} {self.fact.year})"


class LocatedDisclosure:
    """A disclosure with the file it is in: its buyer, year and title line at hand; the whole
    :class:`DisclosureFact` (``fact``: sections, contractors, prices) read again from the file's
    facts when asked in a sweep, a few kept at a time."""

    __slots__ = ("file", "seq", "pos", "buyer", "year", "line", "_owner", "_fact")

    def __init__(self, file: str, seq: int, fact: DisclosureFact, *, pos: int = 0, owner: Optional["FactsIndex"] = None) -> None:
        self.file, self.seq, self.pos = file, seq, pos
        self.buyer, self.year, self.line = fact.buyer, fact.year, fact.title_ref.line
        self._owner = owner
        self._fact = None if owner is not None else fact  # a sweep's index keeps the fact in its files

    @property
    def fact(self) -> DisclosureFact:
        if self._fact is not None:
            return self._fact
        assert self._owner is not None
        return self._owner._disclosure(self.seq, self.pos)

    @property
    def order(self) -> Tuple[str, int]:
        """Path order, then line."""
        return (self.file, self.line)


#: project ids under one key: one id, or a list of them (most keys name one project)
Ids = Union[int, List[int]]


def _put(table: Dict[str, Ids], key: str, pid: int) -> None:
    found = table.get(key)
    if found is None:
        table[key] = pid
    elif isinstance(found, list):
        found.append(pid)
    else:
        table[key] = [found, pid]


def _ids(found: Optional[Ids]) -> List[int]:
    return [] if found is None else found if isinstance(found, list) else [found]


class _Bucket:
    """Projects of one kind and year by normalised name; containment found through trigrams."""

    def __init__(self) -> None:
        self.exact: Dict[str, Ids] = {}
        self._grams: Optional[Dict[str, List[str]]] = None

    def add(self, key: str, pid: int) -> None:
        if key:
            _put(self.exact, key, pid)
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


class _Groups(Mapping):  # type: ignore[type-arg]
    """``by_code`` (``exact``) or ``by_code_any_year``: a 项目编码 → its projects in path order
    (Located objects built when asked).  One table holds both: the codes with their year digits
    ignored; an exact code's projects are those of its group that carry it."""

    def __init__(self, owner: "FactsIndex", exact: bool) -> None:
        self._owner, self._exact = owner, exact

    def _pids(self, code: str) -> List[int]:
        owner = self._owner
        pids = _ids(owner._by_code_any.get(code_without_year(code) if self._exact else code))
        return [pid for pid in pids if owner._code(pid) == code] if self._exact else pids

    def __getitem__(self, code: str) -> List[Located]:
        pids = self._pids(code) if code else []
        if not pids:
            raise KeyError(code)
        return [self._owner._located(pid) for pid in pids]

    def __iter__(self) -> Iterator[str]:
        if not self._exact:
            yield from self._owner._by_code_any
            return
        owner, seen = self._owner, set()  # the codes in the order they first appear
        for pid, short in enumerate(owner._codes):
            code = owner._code(pid) if short else ""
            if code and code not in seen:
                seen.add(code)
                yield code

    def __len__(self) -> int:
        return sum(1 for _ in self) if self._exact else len(self._owner._by_code_any)


class _Projects(Sequence):  # type: ignore[type-arg]
    """``projects``: every project of the run in file order (Located objects built when asked)."""

    def __init__(self, owner: "FactsIndex") -> None:
        self._owner = owner

    def __len__(self) -> int:
        return len(self._owner._seq)

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            return [self._owner._located(pid) for pid in range(len(self))[i]]
        return self._owner._located(range(len(self))[i])


class FactsIndex:
    """Every project and disclosure of a run, by code, by kind + year + name.

    A project costs a few columns (file, position, kind, year, budget, line, unit) and its
    normalised name and code in the lookup tables, about 0.4 KB: a sweep of 100,000 tables
    keeps its index in tens of megabytes.  What rules read beyond that (names as written,
    references, indicators) comes from the file's facts when asked: from the facts given
    (``auditor check``) or through ``loader`` (a sweep's history), a few files kept at a time.
    """

    def __init__(self, files: Iterable[Tuple[int, str, FileHeads]] = (), loader: Optional[Loader] = None, cache: int = 256) -> None:
        self.disclosures: List[LocatedDisclosure] = []
        self.files: Dict[int, str] = {}
        self._seq, self._pos, self._kind = array("i"), array("i"), array("b")
        self._year, self._budget, self._line, self._unit = array("q"), array("d"), array("i"), array("i")
        self._keys: List[str] = []
        #: 项目编码 without its year digits (the key of ``_by_code_any``, "" for none) and those digits (-1: none)
        self._codes: List[str] = []
        self._code_year = array("b")
        self._units: List[str] = []
        self._unit_ids: Dict[str, int] = {}
        self._by_code_any: Dict[str, Ids] = {}  # by 项目编码 without its year digits
        self._buckets: Dict[Tuple[str, Optional[int]], _Bucket] = {}
        #: without a loader: each file's facts as given (``auditor check``: small runs)
        self._held: Dict[int, FileHeads] = {}
        self._loader = loader
        self._cache: "OrderedDict[int, Any]" = OrderedDict()
        self._cache_size = cache
        self._heads: "OrderedDict[Tuple[int, str, int], Any]" = OrderedDict()
        self._indicators: "OrderedDict[Tuple[int, int], List[IndicatorFact]]" = OrderedDict()
        #: every project in file order; by 项目编码, exactly and with its year digits ignored
        self.projects: Sequence[Located] = _Projects(self)
        self.by_code: Mapping[str, List[Located]] = _Groups(self, exact=True)
        self.by_code_any_year: Mapping[str, List[Located]] = _Groups(self, exact=False)
        for seq, path, facts in files:
            self.add(seq, path, facts)
        self.seal()

    def add(self, seq: int, path: str, facts: FileHeads) -> None:
        """One more file, in file order (a sweep adds each file as its result arrives); :meth:`seal` before lookups."""
        self.files[seq] = path
        if self._loader is None:
            self._held[seq] = facts
        for pos, fact in enumerate(facts.projects):
            self._add(seq, pos, fact)
        for pos, disc in enumerate(facts.disclosures):
            self.disclosures.append(LocatedDisclosure(path, seq, disc, pos=pos, owner=self if self._loader is not None else None))

    def _add(self, seq: int, pos: int, fact: ProjectHead) -> None:
        pid = len(self._seq)
        self._seq.append(seq)
        self._pos.append(pos)
        self._kind.append(_KINDS.index(fact.kind))
        self._year.append(_NO_YEAR if fact.year is None or abs(fact.year) >= -_NO_YEAR else fact.year)  # (facts are data: any int)
        self._budget.append(math.nan if fact.budget is None else fact.budget)
        self._line.append(min(max(fact.title_ref.line, 0), _MAX_LINE))
        unit = unit_key(fact.unit)
        uid = self._unit_ids.get(unit)
        if uid is None:
            uid = self._unit_ids[unit] = len(self._units)
            self._units.append(unit)
        self._unit.append(uid)
        key, code = name_key(fact.name), code_key(fact.code)
        short = code_without_year(code) if code else ""
        self._keys.append(key)
        self._codes.append(short)
        self._code_year.append(int(code[6:8]) if len(short) < len(code) else -1)
        if code:
            _put(self._by_code_any, short, pid)
        bucket = self._buckets.get((fact.kind, fact.year))
        if bucket is None:
            bucket = self._buckets[(fact.kind, fact.year)] = _Bucket()
        bucket.add(key, pid)

    def seal(self) -> "FactsIndex":
        """Every list of mentions in path order, then line (done once after the last :meth:`add`)."""
        files, seq, line = self.files, self._seq, self._line
        for table in (self._by_code_any, *(b.exact for b in self._buckets.values())):
            for ids in table.values():
                if isinstance(ids, list):
                    ids.sort(key=lambda pid: (files[seq[pid]], line[pid]))
        return self

    # -- the projects as rules see them ----------------------------------------------
    def _located(self, pid: int) -> Located:
        seq = self._seq[pid]
        return Located(self.files[seq], seq, self._pos[pid], Head(self, pid), key=self._keys[pid], unit=self._units[self._unit[pid]],
                       code=self._code(pid), line=self._line[pid])

    def _code(self, pid: int) -> str:
        """The project's 项目编码 as compared (``code_key``), put back together."""
        short, year = self._codes[pid], self._code_year[pid]
        return short if year < 0 else f"{short[:6]}{year:02d}{short[6:]}"

    def _is(self, pid: int, item: Located) -> bool:
        return self._seq[pid] == item.seq and self._pos[pid] == item.pos and self.files[item.seq] == item.file

    def _project_head(self, seq: int, pos: int) -> ProjectHead:
        """The project's fields as its file's facts state them (an empty head if they cannot be read again)."""
        held = self._held.get(seq)
        if held is not None:
            return held.projects[pos] if pos < len(held.projects) else ProjectHead()
        return self._reloaded(seq, "projects", pos, ProjectHead)

    def _disclosure(self, seq: int, pos: int) -> DisclosureFact:
        """A disclosure as its file's facts state it (an empty one if they cannot be read again)."""
        return self._reloaded(seq, "disclosures", pos, DisclosureFact)

    def _reloaded(self, seq: int, section: str, pos: int, model: Any) -> Any:
        """Item ``pos`` of a file's stored ``projects`` or ``disclosures``, validated as ``model`` and kept a
        while (only the asked item is validated); an empty one for another version or bad data."""
        key = (seq, section, pos)
        found = self._heads.get(key)
        if found is None:
            data = self._file_data(seq)
            raw = data.head() if isinstance(data, PackedFacts) else data
            items = (raw.get(section) or []) if raw.get("version") == FACTS_VERSION else []
            try:
                found = model.model_validate(items[pos]) if pos < len(items) else model()
            except ValueError:
                found = model()
            self._heads[key] = found
            if len(self._heads) > 2 * self._cache_size:
                self._heads.popitem(last=False)
        return found

    # -- lookups -----------------------------------------------------------------
    def of_kind(self, kind: str) -> Iterator[Located]:
        k = _KINDS.index(kind) if kind in _KINDS else -1
        return (self._located(pid) for pid, x in enumerate(self._kind) if x == k)

    def same_project(self, item: Located, kind: str, year: Optional[int], *, any_year_code: bool = False) -> Optional[Located]:
        """The first (in path order) ``kind`` project of ``year`` that is ``item``'s project, if exactly one is.

        By 项目编码 when ``item`` has one and a project of that year carries it
        (``any_year_code``: the code with its year digits ignored), else by
        name (equal, or one containing the other) in the same unit.
        """
        k = _KINDS.index(kind) if kind in _KINDS else -1
        y = _NO_YEAR if year is None else year
        if item.code:
            for pid in _ids(self._by_code_any.get(code_without_year(item.code))):
                if self._kind[pid] == k and self._year[pid] == y and (any_year_code or self._code(pid) == item.code) and not self._is(pid, item):
                    return self._located(pid)
        bucket = self._buckets.get((kind, year))
        if bucket is None or not item.key:
            return None
        units = self._units

        def named_alike(p: int) -> bool:
            """Same unit, and not told apart by their codes: where a unit is unknown, two 项目编码 that
            differ beyond their year digits are two projects that share a name."""
            unit = units[self._unit[p]]
            if not same_unit(item.unit, unit) or self._is(p, item):
                return False
            if item.code and (not item.unit or not unit):
                code = self._code(p)
                if code and code_without_year(code) != code_without_year(item.code):
                    return False
            return True

        keys = bucket.keys_like(item.key)
        matches = [key for key in keys if any(named_alike(p) for p in _ids(bucket.exact[key]))]
        if len(matches) != 1:
            return None  # none, or ambiguous: better silent than wrong
        return self._located(next(p for p in _ids(bucket.exact[matches[0]]) if named_alike(p)))

    def indicators(self, item: Located) -> List[IndicatorFact]:
        """The project's indicators (in a sweep: read again from its file's stored facts, and kept a while)."""
        if self._loader is None:
            held = self._held.get(item.seq)
            project = held.projects[item.pos] if held is not None and item.pos < len(held.projects) else None
            return list(getattr(project, "indicators", []))
        key = (item.seq, item.pos)
        found = self._indicators.get(key)
        if found is None:
            data = self._file_data(item.seq)
            if isinstance(data, PackedFacts):
                found = data.indicators(item.pos)
            else:
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
