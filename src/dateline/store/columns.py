"""The fields of a stage's record that its table's columns already hold.

Since migration 0015 a record's packed ``data`` leaves out each field whose value its row's
column holds (the columns are written from the same record), and :func:`record` puts it
back from the row: an event's type, lemma, trigger and dates were stored twice. Only text
and integer columns: a REAL column reads back as a float where the record may hold an
integer. A field whose value differs from its column stays in ``data``, and a record
stored whole (before 0015) reads as it did. Since 0017 an event's roles likewise leave out what
their ``event_roles`` rows hold (:data:`ROLE_FIELDS`), put back from the rows a reader passes.
Since 0019 an end offset that is its start plus the length of its text (an event's trigger, a
role's) leaves out too (:data:`ENDS`; both are required fields, so a record always held them),
and a float the row's REAL column holds (:data:`FLOATS`), where the record's value is a float.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
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


# Since 0019: a place's coordinates and confidence (REAL columns: left out only where the record's
# value is a float, which the column reads back as).
FLOATS: dict[str, tuple[tuple[str, str], ...]] = {
    "places": (("lat", "lat"), ("lon", "lon"), ("confidence", "confidence")),
}
# Since 0019: (start field, end field, text field) of an event and of its roles, left out where
# end == start + len(text).
ENDS = ("trigger_start", "trigger_end", "trigger")
ROLE_END = ("start", "end", "text")

# Since migration 0017 an event's roles leave out of ``data`` what their ``event_roles`` row holds
# (role row column, Role field); the row is the role's place in its event (``event_roles.idx``).
ROLE_FIELDS: tuple[tuple[str, str], ...] = (("role", "name"), ("text", "text"), ("entity_key", "entity"))
# What a role's row holds, as the writer and the readers of events name it.
Roles = Sequence[Mapping[str, Any]]


def select(table: str, alias: str = "", keyed: bool = True) -> str:
    """The columns :func:`record` reads and the row's document and index, for a SELECT list
    (``alias``: a table alias and dot; ``keyed``: with ``doc_key``, which stores before 0016 lack;
    an event's roles are found by it)."""
    first = ("doc_key", "idx") if keyed else ("idx",)
    held = (*FIELDS.get(table, ()), *FLOATS.get(table, ()))
    names = dict.fromkeys((*first, *(c for c, _ in held), "data"))
    return ", ".join(alias + c for c in names)


def pack(table: str, obj: Any, row: Mapping[str, Any], roles: Roles = ()) -> bytes:
    """The record's packed JSON without the fields whose value ``row``'s columns (and, for an
    event, its ``roles`` rows) hold."""
    # the compact JSON value itself, not its text parsed again: the same dict, a third of the work
    return pack_json(table, type(obj).__name__, serialize.compact_value(obj), row, roles)


def pack_json(table: str, record: str, value: dict[str, Any], row: Mapping[str, Any], roles: Roles = ()) -> bytes:
    """:func:`pack` of a record's JSON value (``record``: its class's name)."""
    return serialize.pack_json(record, lean_json(table, value, row, roles))


def lean_json(table: str, value: dict[str, Any], row: Mapping[str, Any], roles: Roles = ()) -> str:
    """The compact JSON :func:`pack_json` deflates: the record without what its row holds."""
    held = {f for c, f in FIELDS.get(table, ()) if f in value and row.get(c) == value[f]}
    held |= {f for c, f in FLOATS.get(table, ()) if isinstance(value.get(f), float) and row.get(c) == value[f]}
    # the text an end is derived from, as a reader will have it (a stored record may lack it: its column holds it)
    if table == "events" and _derived_end(value, ENDS[0], ENDS[1], _held(value, FIELDS[table], row, ENDS[2])):
        held.add(ENDS[1])
    lean = {k: v for k, v in value.items() if k not in held}
    if table == "events" and roles and len(roles) == len(value.get("roles", ())):
        lean["roles"] = [_lean_role(v, r) for v, r in zip(value["roles"], roles, strict=True)]
    return json.dumps(lean, ensure_ascii=False, separators=(",", ":"))


def _held(value: Mapping[str, Any], fields: Sequence[tuple[str, str]], row: Mapping[str, Any], name: str) -> Any:
    """A field's value in the record, or (left out of it) in the row's column that holds it."""
    if name in value:
        return value[name]
    return next((row.get(c) for c, f in fields if f == name), None)


def _derived_end(value: Mapping[str, Any], start: str, end: str, text: Any) -> bool:
    s, e = value.get(start), value.get(end)
    return isinstance(s, int) and isinstance(e, int) and isinstance(text, str) and e == s + len(text)


def _lean_role(value: dict[str, Any], row: Mapping[str, Any]) -> dict[str, Any]:
    held = {f for c, f in ROLE_FIELDS if f in value and row.get(c) == value[f]}
    if _derived_end(value, ROLE_END[0], ROLE_END[1], _held(value, ROLE_FIELDS, row, ROLE_END[2])):
        held.add(ROLE_END[1])
    return {k: v for k, v in value.items() if k not in held}


def record(cls: type[T], table: str, row: Mapping[str, Any], roles: Roles = ()) -> T:
    """A record from its row: the packed ``data``, with the fields its columns (an event's: and
    its ``roles`` rows, in their order) hold put back."""
    raw = row["data"]
    value = json.loads(raw if isinstance(raw, str) else serialize.unpack_json(bytes(raw)))
    for c, f in (*FIELDS.get(table, ()), *FLOATS.get(table, ())):
        if f not in value and row.get(c) is not None:
            value[f] = row[c]
    _put_end(value, *ENDS)
    for v, r in zip(value.get("roles", ()) if roles else (), roles, strict=True):
        for c, f in ROLE_FIELDS:
            if f not in v and r.get(c) is not None:
                v[f] = r[c]
    for v in value.get("roles", ()) if table == "events" else ():
        _put_end(v, *ROLE_END)
    return serialize.from_json(cls, value)


def _put_end(value: dict[str, Any], start: str, end: str, text: str) -> None:
    """An end left out as its start plus its text's length, put back (the text already is)."""
    if end not in value and isinstance(value.get(start), int) and isinstance(value.get(text), str):
        value[end] = value[start] + len(value[text])
