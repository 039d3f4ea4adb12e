"""Declarative rule packs: rules in a YAML or JSON file, no Python.

A pack lists rules, each with an ID, name, severity, summary (and optionally
why/bad/good/fix/policy) and one *check*::

    pack: province-example
    version: "2024.1"
    rules:
      - id: PROV001
        name: satisfaction-below-85
        severity: warning
        summary: 满意度指标值低于85% / a satisfaction target below 85%.
        check: {type: indicator-bounds, name: 满意度, min: 85, unit: "%"}

Checks: ``required-indicator`` (a table must have an indicator whose 三级指标 /
二级指标 / 一级指标 matches), ``indicator-bounds`` (values of matching indicators
within ``min``/``max``, in ``unit``), ``required-fields`` (filled forms carry
these fields) and ``deadline`` (a filed form's 申报日期 is on or before a date).
The file is validated against the published schema (``auditor schema
rule-pack``); a malformed pack raises :class:`PackError` whose message names
the file and the JSON path of the bad key (``pack.yaml: rules[2].check.min:
expected a number``), which the CLI reports with exit status 2.

:func:`load_pack_plugin` is what the engine calls for ``--rules-pack`` and
the ``rules-packs`` configuration key: it returns an in-process plugin whose
``auditor_register_rules`` hook gives one generated :class:`~auditor.rule.Rule`
subclass per rule.  The keys of a rule's check (other than ``type``) are its
parameters, so a configuration can tune a pack rule like any other.
"""
from __future__ import annotations

import datetime as _dt
import json
import os
import re
from typing import Any, Callable, ClassVar, Dict, Iterator, List, Optional, Sequence, Tuple

from auditor.dates import parse_date
from auditor.hookspecs import hookimpl
from auditor.models import Document, Form, Indicator, ParsedValue, PerformanceTable
from auditor.rule import Issue, Rule, performance_tables
from auditor.values import canonical_unit, compact

from .forms import FILING_LABELS, fields_for, filled, is_filled_form, required_field_issues

__all__ = ["PackError", "RulePack", "load_pack", "load_pack_plugin", "validate_pack"]


class PackError(ValueError):
    """A rule pack that cannot be used; the message names the file and the key."""


# -- reading and validating -----------------------------------------------------

def _json_path(path: Sequence[Any]) -> str:
    """``["rules", 2, "check", "min"]`` → ``rules[2].check.min``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(top level)"


_TYPE_WORDS = {"number": "a number", "integer": "a whole number", "string": "a string (text)", "boolean": "true or false",
               "array": "a list", "object": "a mapping (key: value)", "null": "nothing"}


def _describe(error: Any) -> Tuple[List[Any], str]:
    """A jsonschema error → (JSON path, plain message)."""
    path = list(error.absolute_path)
    kind, expected, value = error.validator, error.validator_value, error.instance
    if kind == "type":
        types = expected if isinstance(expected, list) else [expected]
        return path, "expected " + " or ".join(_TYPE_WORDS.get(str(t), str(t)) for t in types) + f", got {value!r}"
    if kind == "required":  # one error a missing key; its name is only in the message
        named = re.match(r"^'(.+)' is a required property", error.message)
        missing = [named.group(1)] if named else [k for k in expected if isinstance(value, dict) and k not in value][:1]
        return path + missing, "missing required key"
    if kind == "additionalProperties":
        allowed = sorted((error.schema.get("properties") or {}).keys())
        extra = [k for k in value if k not in allowed] if isinstance(value, dict) else []
        return path + extra[:1], "unknown key" + (f" (allowed: {', '.join(allowed)})" if allowed else "")
    if kind == "enum":
        return path, f"expected one of {', '.join(map(str, expected))}, got {value!r}"
    if kind == "const":
        return path, f"expected {expected!r}, got {value!r}"
    if kind == "pattern":
        hint = error.schema.get("description", "")
        return path, f"{value!r} does not match {expected}" + (f" ({hint})" if hint else "")
    if kind == "minItems":
        return path, f"expected at least {expected} item(s)"
    if kind == "minLength":
        return path, "must not be empty"
    if kind == "anyOf" and all(set(s) == {"required"} for s in expected):
        keys = [k for s in expected for k in s["required"]]
        return path, f"needs at least one of the keys {', '.join(keys)}"
    return path, error.message


def _plain(data: Any) -> Any:
    """Keys as strings, dates as ``YYYY-MM-DD`` (what the schema and JSON speak)."""
    if isinstance(data, dict):
        return {str(k): _plain(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_plain(v) for v in data]
    if isinstance(data, (_dt.date, _dt.datetime)):
        return data.isoformat()[:10]
    return data


def _loader() -> type:
    """yaml's SafeLoader without timestamps: ``date: 2024-02-30`` stays a string
    the validator can name, instead of a ValueError from the YAML parser."""
    import yaml

    class PackLoader(yaml.SafeLoader):
        pass

    PackLoader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return PackLoader


MAX_PACK_BYTES = 1_000_000


def _read(path: str) -> Any:
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except OSError as exc:
        raise PackError(f"{path}: cannot read rule pack: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise PackError(f"{path}: not UTF-8 text: {exc}") from None
    if path.lower().endswith(".json"):
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise PackError(f"{path}: line {exc.lineno}, column {exc.colno}: invalid JSON: {exc.msg}") from None
    import yaml

    if len(text) > MAX_PACK_BYTES:
        raise PackError(f"{path}: rule pack is over {MAX_PACK_BYTES} bytes")
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.AliasEvent):  # aliases can expand exponentially ("billion laughs")
                mark = event.start_mark
                raise PackError(f"{path}: line {mark.line + 1}, column {mark.column + 1}: YAML aliases (*name) are not allowed in rule packs")
        return _plain(yaml.load(text, Loader=_loader()))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise PackError(f"{path}: {where}invalid YAML: {problem}") from None


def validate_pack(data: Any, source: str = "rule pack") -> None:
    """Raise :class:`PackError` naming ``source`` and the JSON path of every problem."""
    from jsonschema import Draft202012Validator

    from auditor.schemas import load_schema

    validator = Draft202012Validator(load_schema("rule-pack"))
    problems: List[Tuple[List[Any], str]] = [_describe(e) for e in validator.iter_errors(data)]
    if not problems:
        problems = _semantic_problems(data)
    if problems:
        key = lambda p: [(0, x, "") if isinstance(x, int) else (1, 0, str(x)) for x in p[0]]  # noqa: E731
        seen, lines = set(), []
        for path, message in sorted(problems, key=key):
            line = f"{source}: {_json_path(path)}: {message}"
            if line not in seen:
                seen.add(line)
                lines.append(line)
        more = f"\n({len(lines) - 10} more problems)" if len(lines) > 10 else ""
        raise PackError("\n".join(lines[:10]) + more)


def _semantic_problems(data: Dict[str, Any]) -> List[Tuple[List[Any], str]]:
    """What the schema cannot say: regexes compile, dates exist, min ≤ max, IDs unique."""
    problems: List[Tuple[List[Any], str]] = []
    first: Dict[str, int] = {}
    for i, rule in enumerate(data.get("rules", [])):
        rid = rule["id"]
        if rid in first:
            problems.append((["rules", i, "id"], f"{rid} is already used by rules[{first[rid]}] in this pack"))
        first.setdefault(rid, i)
        check = rule["check"]
        for key in ("name", "level1", "level2", "table", "form"):
            if key in check:
                try:
                    re.compile(check[key])
                except re.error as exc:
                    problems.append((["rules", i, "check", key], f"invalid regular expression {check[key]!r}: {exc}"))
        if "date" in check:
            try:
                _dt.date.fromisoformat(check["date"])
            except ValueError:
                problems.append((["rules", i, "check", "date"], f"{check['date']!r} is not a date (YYYY-MM-DD)"))
        if "min" in check and "max" in check and check["min"] > check["max"]:
            problems.append((["rules", i, "check", "max"], f"max {check['max']} is below min {check['min']}"))
        if "unit" in check and canonical_unit(check["unit"])[0] is None:
            problems.append((["rules", i, "check", "unit"], f"unknown unit {check['unit']!r}"))
    return problems


# -- the checks -------------------------------------------------------------------

def _search(pattern: Optional[str], *texts: str) -> bool:
    if not pattern:
        return True
    rx = re.compile(pattern)
    return any(rx.search(compact(t)) for t in texts if t)


def _matches(ind: Indicator, params: Dict[str, Any]) -> bool:
    return (_search(params.get("name"), ind.name)
            and _search(params.get("level1"), ind.level1, ind.level1_written)
            and _search(params.get("level2"), ind.level2))


def _tables(doc: Document, params: Dict[str, Any]) -> Iterator[PerformanceTable]:
    for table in performance_tables(doc):
        if _search(params.get("table"), table.title, table.label):
            yield table


def _selector(params: Dict[str, Any]) -> str:
    parts = []
    for key, label in (("level1", "一级指标"), ("level2", "二级指标"), ("name", "三级指标")):
        if params.get(key):
            parts.append(f"{label}“{params[key]}”")
    return "、".join(parts)


class PackRule(Rule):
    """A rule generated from a pack entry; ``check_type`` picks the check."""

    check_type: ClassVar[str] = ""
    pack: ClassVar[str] = ""

    def check(self, doc: Document) -> Iterator[Issue]:
        return CHECKS[self.check_type](self, doc)


def _required_indicator(rule: PackRule, doc: Document) -> Iterator[Issue]:
    p = rule.params
    want = _selector(p)
    for table in _tables(doc, p):
        if not table.has_indicator_header or not table.indicators:
            continue
        if any(_matches(i, p) and (filled(i.value_raw) or not p.get("with_value", True)) for i in table.indicators):
            continue
        yield rule.issue(table.title_line, f"“{table.label}”缺少{want}的指标{'（或其无指标值）' if p.get('with_value', True) else ''} "
                                           f"/ no indicator matching {want}", where=table, evidence=want, field=rule.id)


def _bounds_problem(value: ParsedValue, p: Dict[str, Any]) -> Optional[str]:
    """What is wrong with one indicator value under the check's keys (None: fine)."""
    if value.kind not in ("number", "range") or value.number is None:
        return "应为数值 / expected a number" if p.get("require_number") else None
    unit = canonical_unit(p["unit"])[0] if p.get("unit") else None
    if unit and value.unit != unit:
        return f"单位应为{p['unit']} / expected the unit {p['unit']}"
    if p.get("unit_kind") and value.unit_kind != p["unit_kind"]:
        return f"应为{p['unit_kind']}类单位 / expected a {p['unit_kind']} unit"
    low = value.number
    high = value.high if value.kind == "range" and value.high is not None else value.number
    shown = p.get("unit", "")
    if p.get("min") is not None and low < p["min"]:
        return f"低于下限 {p['min']:g}{shown} / below the minimum {p['min']:g}"
    if p.get("max") is not None and high > p["max"]:
        return f"高于上限 {p['max']:g}{shown} / above the maximum {p['max']:g}"
    return None


def _indicator_bounds(rule: PackRule, doc: Document) -> Iterator[Issue]:
    p = rule.params
    for table in _tables(doc, p):
        for ind in table.indicators:
            if not _matches(ind, p) or not ind.value_raw.strip():
                continue
            problem = _bounds_problem(ind.value, p)
            if problem:
                yield rule.issue(ind.value_line, f"“{ind.name}”的指标值“{ind.value_raw}”{problem}",
                                 where=table, evidence=ind.value_raw, field=ind.name or ind.level2)


def _forms(doc: Document, p: Dict[str, Any]) -> Iterator[Form]:
    for form in doc.forms:
        if _search(p.get("form"), form.title) and is_filled_form(form):
            yield form


def _required_fields(rule: PackRule, doc: Document) -> Iterator[Issue]:
    p = rule.params
    for form in _forms(doc, p):
        yield from required_field_issues(rule, form, p["fields"])


def _deadline(rule: PackRule, doc: Document) -> Iterator[Issue]:
    p = rule.params
    deadline = _dt.date.fromisoformat(str(p["date"]))
    source = str(deadline)
    if p.get("from_notice"):
        found = [d for n in doc.notices for d in n.dates if d.role == "deadline"]
        if found:
            latest = max(found, key=lambda d: d.date)
            deadline, source = latest.date, f"{latest.raw}（第{latest.line}行）"
    labels = "|".join(p.get("fields") or FILING_LABELS)
    for form in _forms(doc, p):
        for f in fields_for(form, labels):
            day = parse_date(f.value) if filled(f.value) else None
            if day is not None and day > deadline:
                yield rule.issue(f.value_line or f.line, f"{f.label} {f.value} 晚于截止日期 {source} / filed on {day}, after the deadline {deadline}",
                                 where=form, evidence=f.value, field=f.label)


CHECKS: Dict[str, Callable[[PackRule, Document], Iterator[Issue]]] = {
    "required-indicator": _required_indicator,
    "indicator-bounds": _indicator_bounds,
    "required-fields": _required_fields,
    "deadline": _deadline,
}


# -- the plugin -------------------------------------------------------------------

class RulePack:
    """A loaded pack, registered as an in-process plugin (``pack:FILE``)."""

    def __init__(self, path: str, name: str, version: str, rules: List[type]) -> None:
        self.path = path
        self.name = name
        self.__name__ = f"pack:{os.path.basename(path)}"
        self.__version__ = version
        self.rules = rules

    @hookimpl
    def auditor_register_rules(self) -> List[type]:
        return list(self.rules)

    def __repr__(self) -> str:
        return f"RulePack({self.path!r}, {len(self.rules)} rules)"


def _rule_class(entry: Dict[str, Any], pack: str, version: str) -> type:
    check = dict(entry["check"])
    kind = check.pop("type")
    attrs: Dict[str, Any] = {
        "id": entry["id"],
        "name": entry["name"],
        "severity": entry["severity"],
        "summary": entry["summary"],
        "check_type": kind,
        "pack": pack,
        "version": version or "1",
        "parameters": check,
        "__module__": __name__,
        "__doc__": f"{entry['id']} from the rule pack {pack}: {entry['summary']}",
    }
    for key in ("why", "bad", "good", "fix", "policy"):
        if entry.get(key):
            attrs[key] = entry[key]
    return type(f"PackRule_{entry['id']}", (PackRule,), attrs)


def load_pack(path: str) -> RulePack:
    """Read, validate and turn a pack file into rule classes."""
    data = _read(str(path))
    validate_pack(data, str(path))
    name = data.get("pack") or os.path.splitext(os.path.basename(str(path)))[0]
    version = str(data.get("version", ""))
    return RulePack(str(path), name, version, [_rule_class(r, name, version) for r in data["rules"]])


def load_pack_plugin(path: str) -> RulePack:
    """The engine's entry point: the pack at ``path`` as a plugin object."""
    return load_pack(path)
