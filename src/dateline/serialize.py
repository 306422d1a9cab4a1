"""The one conversion between records and JSON.

The store's ``data`` columns, every ``--json`` output and the HTTP API all go
through :func:`to_json` (record -> JSON-able value) and :func:`from_json`
(JSON-able value -> record, nested records rebuilt from the type hints), so a
page, a command and a row show the same fields with the same names.
The store keeps a record's compact JSON packed (:func:`pack`: deflated against a
preset dictionary of its shape); :func:`loads` reads packed and plain JSON alike.
"""

from __future__ import annotations

import base64
import dataclasses
import functools
import json
import types
import typing
import zlib
from collections.abc import Callable
from datetime import date, datetime
from enum import Enum
from pathlib import Path
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


def compact_value(obj: Any) -> Any:
    """The JSON value :func:`dumps` with ``compact`` writes, before it is written."""
    return _lean(obj)


# Types written as they are; exact types (a subclass, an enum of str say, takes the general path).
_PLAIN = frozenset({str, int, float, bool, type(None)})


def _lean(obj: Any) -> Any:
    """:func:`to_json` without the fields :func:`from_json` restores when they are absent."""
    # by exact type first: a document's records are some 2,000 values each, and the general checks
    # below (isinstance, is_dataclass) cost more than the writing
    t: type = type(obj)
    if t in _PLAIN:
        return obj
    if t is list or t is tuple:
        return [v if type(v) in _PLAIN else _lean(v) for v in obj]
    plan = _record_fields(t)
    if plan is not None:
        out = {}
        for name, omittable, default in plan:
            v = getattr(obj, name)
            if not (omittable and _same(v, default)):
                out[name] = v if type(v) in _PLAIN else _lean(v)
        return out
    return _lean_other(obj)


def _lean_other(obj: Any) -> Any:
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
def _record_fields(cls: type) -> tuple[tuple[str, bool, Any], ...] | None:
    """:func:`_plan` of a record class (a dataclass that is no scalar, sequence or key), else None."""
    if not dataclasses.is_dataclass(cls) or issubclass(cls, (str, int, float, bool, list, tuple, EntityKey)):
        return None
    return _plan(cls)


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
    return typing.cast(T, _builder(typing.cast(Any, cls))(data))


def loads(cls: type[T], text: str | bytes | memoryview) -> T:
    """A record from its stored form: JSON text, or :func:`pack`'s bytes."""
    if isinstance(text, (bytes, memoryview)):
        text = unpack_json(bytes(text))
    return from_json(cls, json.loads(text))


# A packed record: this byte, the number of the preset dictionary, then raw deflate of the
# compact JSON. Records are a few hundred bytes each, too short for deflate alone to find
# their repeated keys; the dictionary (a record class's common shapes, built once by
# bench/store_dictionaries.py) supplies them, and a 300-byte event packs to about 90.
_PACKED = 0x01
_DICTIONARIES = Path(__file__).parent / "data" / "record_dictionaries.json"


@functools.cache
def _dictionaries() -> tuple[dict[int, bytes], dict[str, int]]:
    """Dictionaries by number, and the number a record class packs with (its newest)."""
    spec = json.loads(_DICTIONARIES.read_text(encoding="utf-8"))
    by_id = {d["id"]: _dictionary_bytes(d) for d in spec["dictionaries"]}
    by_class = {d["record"]: d["id"] for d in spec["dictionaries"]}
    return by_id, by_class


def _dictionary_bytes(entry: dict[str, Any]) -> bytes:
    """A dictionary's bytes: its text, or base64 for one of bytes that are no text (token columns)."""
    if entry.get("base64"):
        return base64.b64decode(entry["dictionary"])
    return str(entry["dictionary"]).encode("utf-8")


@functools.cache
def _primed(number: int) -> Any:
    """A compressor that has read dictionary ``number``: copying it is a third of the cost
    of giving each record a new one the dictionary."""
    zdict = _dictionaries()[0].get(number, b"")
    if not zdict:
        return zlib.compressobj(6, zlib.DEFLATED, -15, 8)
    return zlib.compressobj(6, zlib.DEFLATED, -15, 8, zlib.Z_DEFAULT_STRATEGY, zdict)


def deflate(record: str, raw: bytes) -> tuple[int, bytes]:
    """``raw`` deflated against the newest dictionary of ``record`` (a record class's name, or
    another shape the store packs): the dictionary's number and the deflate stream."""
    number = _dictionaries()[1].get(record, 0)
    squeeze = _primed(number).copy()
    return number, squeeze.compress(raw) + squeeze.flush()


def inflate(number: int, stream: bytes) -> bytes:
    """:func:`deflate`'s input again, from the dictionary's number and the stream."""
    zdict = _dictionaries()[0][number] if number else b""
    inflater = zlib.decompressobj(-15, zdict) if zdict else zlib.decompressobj(-15)
    return inflater.decompress(stream) + inflater.flush()


def pack(obj: Any) -> bytes:
    """A record as compact bytes for the store (read back by :func:`loads`)."""
    return pack_json(type(obj).__name__, dumps(obj, compact=True))


def pack_json(record: str, text: str) -> bytes:
    """The JSON text of a record of class ``record`` (its name), packed as it is."""
    number, stream = deflate(record, text.encode("utf-8"))
    return bytes((_PACKED, number)) + stream


def is_packed(value: str | bytes | memoryview) -> bool:
    return not isinstance(value, str) and bytes(value[:1]) == bytes((_PACKED,))


def unpack_json(blob: bytes) -> str:
    """The JSON text inside a stored record; JSON stored as bytes (PostgreSQL's columns
    converted by migration 0014) is returned as it is."""
    if blob[:1] != bytes((_PACKED,)):
        return blob.decode("utf-8")
    return inflate(blob[1], blob[2:]).decode("utf-8")


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


Builder = Callable[[Any], Any]


def _same_value(value: Any) -> Any:
    return value


@functools.cache
def _builder(tp: Any) -> Builder:
    """The function that rebuilds a value of type ``tp`` from JSON, made once per type: a
    store read turns hundreds of thousands of rows into records, and reading the type
    hints again for every value cost more than parsing the JSON."""
    if tp is EntityKey:
        return lambda v: None if v is None else EntityKey.parse(v)
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(tp) if a is not type(None)]
        return _builder(inner[0]) if len(inner) == 1 else _same_value
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        return functools.partial(_build_record, tp)
    if origin in (tuple, frozenset, set, dict):
        return _container_builder(origin, typing.get_args(tp))
    if tp is date:
        return lambda v: date.fromisoformat(v) if isinstance(v, str) else v
    if tp is float:
        return lambda v: float(v) if isinstance(v, int) else v
    return _same_value


@functools.cache
def _record_plan(cls: type) -> tuple[dict[str, Builder], tuple[str, ...]]:
    """A record class's field builders by name, and the fields that are None when absent.
    Made on first use, not when the builder is made, so a record may contain its own type."""
    hints = _hints(cls)
    fields = {f.name: _builder(hints[f.name]) for f in dataclasses.fields(cls) if f.init}
    return fields, tuple(k for k, d in _omittable(cls).items() if d is None)


def _build_record(cls: type, value: Any) -> Any:
    if value is None:
        return None
    fields, none_when_absent = _record_plan(cls)
    given = {k: fields[k](v) for k, v in value.items() if k in fields}
    for k in none_when_absent:
        given.setdefault(k, None)
    return cls(**given)


def _container_builder(origin: Any, args: tuple) -> Builder:
    if origin is dict:
        vb = _builder(args[1])
        return lambda v: None if v is None else {k: vb(x) for k, x in v.items()}
    if origin in (frozenset, set):
        eb = _builder(args[0])
        return lambda v: None if v is None else origin(eb(x) for x in v)
    if len(args) == 2 and args[1] is Ellipsis:
        eb = _builder(args[0])
        return lambda v: None if v is None else tuple(eb(x) for x in v)
    bs = tuple(_builder(a) for a in args)
    return lambda v: None if v is None else tuple(b(x) for b, x in zip(bs, v, strict=False))
