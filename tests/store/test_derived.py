"""Migration 0019, derived values left out: an event's trigger end and its roles' ends where they
are the start plus the text's length, a place's REAL columns' floats; each put back on read, and a
store in the 0018 layout is converted without loss, on SQLite and on PostgreSQL."""

from __future__ import annotations

import dataclasses
import json

from dateline import serialize
from dateline.store import columns, write
from dateline.store.db import DERIVED
from dateline.types import Event, Place

from .layouts import as_0018, migrated_again


def _lean(row) -> dict:
    return json.loads(serialize.unpack_json(row["data"]))


def test_ends_and_floats_leave_the_record_where_the_row_gives_them_back(seed_analysis):
    a = seed_analysis
    rows, roles = write.event_rows(a), write.event_role_rows(a)
    i, e = next((i, e) for i, e in enumerate(a.events) if e.roles)
    mine = [r for r in roles if r["event_idx"] == i]
    lean = _lean(rows[i])
    assert "trigger_end" not in lean and all("end" not in r for r in lean["roles"])
    assert columns.record(Event, "events", rows[i], mine) == e
    # an end that is not start + len(text) stays, and reads back as it was
    odd = dataclasses.replace(e, trigger_end=e.trigger_end + 1, roles=(
        dataclasses.replace(e.roles[0], end=e.roles[0].end + 2), *e.roles[1:]))  # fmt: skip
    kept = json.loads(serialize.unpack_json(columns.pack("events", odd, rows[i], mine)))
    assert kept["trigger_end"] == odd.trigger_end and kept["roles"][0]["end"] == odd.roles[0].end
    assert columns.record(Event, "events", rows[i] | {"data": columns.pack("events", odd, rows[i], mine)}, mine) == odd
    places = write.place_rows(a)
    k, p = next((k, p) for k, p in enumerate(a.places) if p.lat is not None)
    assert not {"lat", "lon", "confidence"} & set(_lean(places[k]))
    assert columns.record(Place, "places", places[k]) == p
    # a coordinate the record holds as an integer stays in it (a REAL column reads back a float)
    whole = dataclasses.replace(p, lat=int(p.lat))
    assert json.loads(serialize.unpack_json(columns.pack("places", whole, places[k] | {"lat": float(int(p.lat))})))[
        "lat"
    ] == int(p.lat)


def _data_bytes(store) -> int:
    return sum(len(bytes(r["data"])) for t in ("events", "places") for r in store.query(f"SELECT data FROM {t}"))


def test_migration_0019_converts_an_0018_store_without_loss(store_url, analyses):
    lean, whole, again = migrated_again(store_url, analyses, as_0018, DERIVED, _data_bytes)
    assert lean < 0.8 * whole
    assert again == lean
