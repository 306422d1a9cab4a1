"""The one conversion between records and JSON.

The store's ``data`` columns, every ``--json`` output and the HTTP API all go
through :func:`to_json` (record -> JSON-able value) and :func:`from_json`
(JSON-able value -> record, nested records rebuilt from the type hints), so a
page, a command and a row show the same fields with the same names.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import types
import typing
from datetime import date, datetime
from enum import Enum
from typing import Any, TypeVar

from .types import EntityKey

T = TypeVar("T")


def to_json(obj: Any) -> Any:
    """A value made only of dicts, lists, strings, numbers, booleans and None."""
    if obj is None or isinstance(obj, (str, int, float, bool)):
        return obj
    if isinstance(obj, EntityKey):
        return str(obj)  # the key's one written form, as in the store
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_json(getattr(obj, f.name)) for f in dataclasses.fields(obj) if f.repr}
    if isinstance(obj, dict):
        return {str(k): to_json(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [to_json(v) for v in obj]
    if isinstance(obj, (set, frozenset)):
        return sorted(to_json(v) for v in obj)
    if isinstance(obj, (date, datetime)):
        return obj.isoformat()
    if isinstance(obj, Enum):
        return obj.value
    raise TypeError(f"not JSON serializable: {type(obj).__name__}")


def dumps(obj: Any, *, indent: int | None = None, compact: bool = False) -> str:
    """JSON text of a record: compact for storage, indented for people. ``compact`` (the
    store's ``data`` columns) leaves out fields at their default or None, which
    :func:`from_json` puts back."""
    seps = (",", ":") if indent is None else (",", ": ")
    return json.dumps(_lean(obj) if compact else to_json(obj), ensure_ascii=False, separators=seps, indent=indent)


def _lean(obj: Any) -> Any:
    """:func:`to_json` without the fields :func:`from_json` restores when they are absent."""
    if obj is None or isinstance(obj, (str, int, float, bool)):
        return obj
    if isinstance(obj, (list, tuple)):
        return [_lean(v) for v in obj]
    if dataclasses.is_dataclass(obj) and not isinstance(obj, (type, EntityKey)):
        out = {}
        for name, omittable, default in _plan(type(obj)):
            v = getattr(obj, name)
            if not (omittable and _same(v, default)):
                out[name] = _lean(v)
        return out
    return to_json(obj)


@functools.cache
def _plan(cls: type) -> tuple[tuple[str, bool, Any], ...]:
    """A record class's written fields: (name, whether it may be left out, its value then)."""
    omit = _omittable(cls)
    return tuple((f.name, f.name in omit, omit.get(f.name)) for f in dataclasses.fields(cls) if f.repr)


def _same(value: Any, default: Any) -> bool:
    return value is default or (type(value) is type(default) and value == default)


@functools.cache
def _omittable(cls: type) -> dict[str, Any]:
    """Each field that may be left out of a record's JSON, with the value it then has."""
    hints = _hints(cls)
    out: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        if not f.init:
            continue
        if f.default is not dataclasses.MISSING:
            out[f.name] = f.default
        elif f.default_factory is not dataclasses.MISSING:
            out[f.name] = f.default_factory()
        elif _optional(hints[f.name]):
            out[f.name] = None
    return out


def _optional(tp: Any) -> bool:
    return typing.get_origin(tp) in (typing.Union, types.UnionType) and type(None) in typing.get_args(tp)


def from_json(cls: type[T], data: Any) -> T:
    """Rebuild a record from :func:`to_json` output; keys the class no longer has are ignored."""
    return typing.cast(T, _build(cls, data))


def loads(cls: type[T], text: str) -> T:
    return from_json(cls, json.loads(text))


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _build(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    if tp is EntityKey:
        return EntityKey.parse(value)
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(tp) if a is not type(None)]
        return _build(inner[0], value) if len(inner) == 1 else value
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        hints = _hints(tp)
        names = {f.name for f in dataclasses.fields(tp) if f.init}
        given = {k: _build(hints[k], v) for k, v in value.items() if k in names}
        absent = {k: None for k, d in _omittable(tp).items() if d is None and k not in given}
        return tp(**absent, **given)
    if origin in (tuple, frozenset, set, dict):
        return _build_container(origin, typing.get_args(tp), value)
    if tp is date and isinstance(value, str):
        return date.fromisoformat(value)
    if tp is float and isinstance(value, int):
        return float(value)
    return value


def _build_container(origin: Any, args: tuple, value: Any) -> Any:
    if origin is dict:
        return {k: _build(args[1], v) for k, v in value.items()}
    if origin in (frozenset, set):
        return origin(_build(args[0], v) for v in value)
    if len(args) == 2 and args[1] is Ellipsis:
        return tuple(_build(args[0], v) for v in value)
    return tuple(_build(a, v) for a, v in zip(args, value, strict=False))
