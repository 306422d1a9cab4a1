"""The fields of a stage's record that its table's columns already hold.

Since migration 0015 a record's packed ``data`` leaves out each field whose value its row's
column holds (the columns are written from the same record), and :func:`record` puts it
back from the row: an event's type, lemma, trigger and dates were stored twice. Only text
and integer columns: a REAL column reads back as a float where the record may hold an
integer. A field whose value differs from its column stays in ``data``, and a record
stored whole (before 0015) reads as it did.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, TypeVar

from .. import serialize

T = TypeVar("T")

_SPAN = (("sentence_idx", "sentence"), ("start_char", "start"), ("end_char", "end"), ("text", "text"))
# table -> (column, record field)
FIELDS: dict[str, tuple[tuple[str, str], ...]] = {
    "events": (
        ("idx", "index"), ("sentence_idx", "sentence"), ("type", "type"), ("status", "status"),
        ("lemma", "lemma"), ("trigger", "trigger"), ("time_value", "time_value"),
        ("time_earliest", "time_earliest"), ("time_latest", "time_latest"),
    ),
    "times": (*_SPAN, ("type", "type"), ("value", "value"), ("mod", "mod"), ("earliest", "earliest"),
              ("latest", "latest")),
    "places": (*_SPAN, ("name", "name"), ("feature", "feature"), ("country_code", "country_code"),
               ("admin1", "admin1"), ("geonameid", "geonameid")),
    "quantities": (*_SPAN, ("kind", "kind"), ("unit", "unit"), ("si_unit", "si_unit"), ("mod", "mod"),
                   ("measures", "measures")),
    "relative_locations": (("sentence_idx", "sentence"), ("text", "text")),
}  # fmt: skip


def select(table: str, alias: str = "") -> str:
    """The columns :func:`record` reads and the row's index, for a SELECT list (``alias``: a
    table alias and dot)."""
    names = dict.fromkeys(("idx", *(c for c, _ in FIELDS.get(table, ())), "data"))
    return ", ".join(alias + c for c in names)


def pack(table: str, obj: Any, row: Mapping[str, Any]) -> bytes:
    """The record's packed JSON without the fields whose value ``row``'s columns hold."""
    # the compact JSON value itself, not its text parsed again: the same dict, a third of the work
    return pack_json(table, type(obj).__name__, serialize.compact_value(obj), row)


def pack_json(table: str, record: str, value: dict[str, Any], row: Mapping[str, Any]) -> bytes:
    """:func:`pack` of a record's JSON value (``record``: its class's name)."""
    held = {f for c, f in FIELDS.get(table, ()) if f in value and row.get(c) == value[f]}
    lean = {k: v for k, v in value.items() if k not in held}
    return serialize.pack_json(record, json.dumps(lean, ensure_ascii=False, separators=(",", ":")))


def record(cls: type[T], table: str, row: Mapping[str, Any]) -> T:
    """A record from its row: the packed ``data``, with the fields its columns hold put back."""
    raw = row["data"]
    value = json.loads(raw if isinstance(raw, str) else serialize.unpack_json(bytes(raw)))
    for c, f in FIELDS.get(table, ()):
        if f not in value and row.get(c) is not None:
            value[f] = row[c]
    return serialize.from_json(cls, value)
