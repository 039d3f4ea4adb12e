"""Builders of pydantic model instances for values the code made itself (no validation).

Why: a reader makes tens of thousands of small models a sweep; validating what it typed
itself is waste, and pydantic's own ``model_construct`` is slower still: for every field
with a ``default_factory`` it inspects the factory's signature on every call (an ``ast``
parse for a builtin such as ``list``).  A builder here is generated once per model (as
dataclasses generate ``__init__``), calls the factories directly and sets what
``model_construct`` sets: the field dict, the set of fields given, no extra, and the
private attributes' defaults.
"""
from __future__ import annotations

from typing import Any, Callable, Dict, Optional, Tuple

_MISSING = object()


def _private_defaults(cls: Any) -> Callable[[], Any]:
    """A function giving a fresh ``__pydantic_private__`` dict (None when the model has no private attributes)."""
    private = getattr(cls, "__private_attributes__", None) or {}
    if not private:
        return lambda: None
    items = [(name, attr.default_factory, attr.default) for name, attr in private.items()]

    def fresh() -> Dict[str, Any]:
        out: Dict[str, Any] = {}
        for name, factory, default in items:
            if factory is not None:
                out[name] = factory()
            elif default is not _PYDANTIC_UNDEFINED:
                out[name] = default
        return out
    return fresh


try:  # the marker pydantic uses for "no default"
    from pydantic_core import PydanticUndefined as _PYDANTIC_UNDEFINED
except ImportError:  # pragma: no cover
    _PYDANTIC_UNDEFINED = object()


def _custom_post_init(cls: Any) -> bool:
    """The model runs code of its own after construction (not only pydantic's private-attribute setup,
    which the builders do themselves)."""
    if not getattr(cls, "__pydantic_post_init__", None):
        return False
    hook = getattr(cls, "model_post_init", None)
    return getattr(hook, "__name__", "") != "init_private_attributes"


_BUILDERS: Dict[Any, Callable[..., Any]] = {}


def default_of(cls: Any) -> Callable[[], Any]:
    """A ``default_factory`` making ``cls`` from its defaults (built on first use, so it may name a model
    defined later): the cheap replacement of ``default_factory=cls.model_construct``."""
    def make() -> Any:
        build = _BUILDERS.get(cls)
        if build is None:
            build = _BUILDERS[cls] = constructor(cls)
        return build()
    make.__name__ = f"default_{cls.__name__}"
    return make


def constructor(cls: Any, given: Optional[Tuple[str, ...]] = None) -> Callable[..., Any]:
    """A builder of ``cls`` instances equal to ``cls.model_construct(**fields)``, several times faster.

    For the reader's hot loop: the values are made by the reader and already
    well-typed, so neither validation nor model_construct's per-call field
    bookkeeping is needed.  Models with private attributes or a post-init hook
    keep the ordinary ``model_construct``."""
    if _custom_post_init(cls) or not cls.model_fields:
        return cls.model_construct
    fields = cls.model_fields
    order = tuple(fields)
    env: Dict[str, Any] = {"_M": _MISSING, "_new": cls.__new__, "_put": object.__setattr__, "_cls": cls}
    env["_private"] = _private_defaults(cls)
    if given is not None:
        return _fixed_constructor(cls, order, given, env)
    params, body = [], []
    for i, name in enumerate(order):
        default = _default_expr(i, fields[name], env)
        params.append(f"{name}=_M")
        body.append(f"    if {name} is _M:")
        body.append(f"        {name} = {default}" if default is not None else "        pass")
        body.append("    else:")
        body.append(f"        given.append({name!r})")
    # one generated function a model (as dataclasses do): no per-call loop over the fields
    values = ", ".join(f"{n!r}: {n}" for n in order if not fields[n].is_required())
    required = [n for n in order if fields[n].is_required()]
    src = [f"def build(*, {', '.join(params)}):", "    given = []", *body, f"    data = {{{values}}}"]
    for n in required:  # a required field left out stays unset, as model_construct leaves it
        src.append(f"    if {n} is not _M:")
        src.append(f"        data[{n!r}] = {n}")
    if required:  # keep the field order of model_construct
        src.append(f"    data = {{k: data[k] for k in {order!r} if k in data}}")
    return _compile(src, "set(given)", env)


def _fixed_constructor(cls: Any, order: Tuple[str, ...], given: Tuple[str, ...], env: Dict[str, Any]) -> Callable[..., Any]:
    """A builder taking exactly the fields ``given`` (all keyword-only and required): no per-field
    test of what was passed, so the hottest models (an indicator a row) cost a dict and four writes."""
    fields = cls.model_fields
    unknown = [n for n in given if n not in fields]
    if unknown:
        raise TypeError(f"{cls.__name__} has no field(s) {', '.join(unknown)}")
    items = []
    for i, name in enumerate(order):
        value = name if name in given else _default_expr(i, fields[name], env)
        if value is not None:  # a required field not given stays unset
            items.append(f"{name!r}: {value}")
    env["_given"] = frozenset(given)
    return _compile([f"def build(*, {', '.join(given)}):", f"    data = {{{', '.join(items)}}}"], "set(_given)", env)


def _default_expr(i: int, field: Any, env: Dict[str, Any]) -> Optional[str]:
    """The source expression of field ``i``'s default (its factory called, or its value), put in
    ``env``; None for a required field."""
    if field.default_factory is not None:
        env[f"_f{i}"] = field.default_factory
        return f"_f{i}()"
    if not field.is_required():
        env[f"_d{i}"] = field.default
        return f"_d{i}"
    return None


def _compile(head: list, fields_set: str, env: Dict[str, Any]) -> Callable[..., Any]:
    """The builder's source ``head`` (which leaves the field dict in ``data``) finished as
    ``model_construct`` finishes an object, and compiled (one function a model, as dataclasses do)."""
    src = [*head, "    obj = _new(_cls)", "    _put(obj, '__dict__', data)", f"    _put(obj, '__pydantic_fields_set__', {fields_set})",
           "    _put(obj, '__pydantic_extra__', None)", "    _put(obj, '__pydantic_private__', _private())", "    return obj"]
    exec("\n".join(src), env)  # noqa: S102 - generated from the model's own field names
    return env["build"]  # type: ignore[no-any-return]


