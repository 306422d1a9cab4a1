"""Migrations 0016, integer document keys (the per-document tables refer to their document by
``documents.doc_key``), and 0017, event roles stored once (in ``event_roles``, not again in the
event's packed record): a store in the layout before each is converted without loss (everything
read back, listings, searches, asks, exports and the read API, is the same), on SQLite and on
PostgreSQL."""

from __future__ import annotations

import json

from sqlalchemy import inspect

from dateline import serialize
from dateline.store import columns, keys, open_store
from dateline.store.db import KEYING, ROLES_ONCE
from dateline.types import Event

from .layouts import as_0015, as_0016, migrated_again


def _columns(store, table: str) -> list[str]:
    with store.engine.connect() as conn:
        return [c["name"] for c in inspect(conn).get_columns(table)]


def test_every_keyed_table_refers_to_its_document_by_doc_key(store_url, analyses):
    store = open_store(store_url)
    store.save_many(analyses)
    numbers = store.query("SELECT doc_key FROM documents ORDER BY doc_key")
    assert [r["doc_key"] for r in numbers] == [1, 2, 3]
    for table in keys.KEYED:
        cols = _columns(store, table)
        assert cols[0] == "doc_key" and "doc_id" not in cols, table
    assert "doc_id" in _columns(store, "sentences") and "doc_id" in _columns(store, "entity_members")
    # a document stored again keeps its key; a deleted one takes its rows with it
    doc = analyses[1].article.doc_id
    store.save(analyses[1])
    assert store.query("SELECT doc_key FROM documents WHERE doc_id = :d", d=doc) == [{"doc_key": 2}]
    assert store.load_analysis(doc) == analyses[1]
    store.delete(doc)
    for table in keys.KEYED:
        assert store.query(f"SELECT COUNT(*) AS n FROM {table} WHERE doc_key = 2")[0]["n"] == 0, table
    store.close()


def _layout(store) -> tuple[bool, bool, int, dict[str, list[str]]]:
    """documents keyed by doc_key, events by doc_id, how many role rows, each keyed table's doc_ columns."""
    return (
        "doc_key" in _columns(store, "documents"),
        "doc_id" in _columns(store, "events"),
        store.query("SELECT COUNT(*) AS n FROM event_roles")[0]["n"],
        {t: [c for c in _columns(store, t) if c.startswith("doc_")] for t in keys.KEYED},
    )


def test_migration_0016_converts_an_0015_store_without_loss(store_url, analyses):
    _, (keyed, by_id, role_rows, _), (_, _, _, after) = migrated_again(store_url, analyses, as_0015, KEYING, _layout)
    assert not keyed and by_id
    assert role_rows > 50
    for table in keys.KEYED:
        assert after[table] == ["doc_key"], table


def test_an_events_roles_are_stored_once(seed_analysis):
    from dateline.store import write

    rows, roles = write.event_rows(seed_analysis), write.event_role_rows(seed_analysis)
    i, e = next(
        (i, e) for i, e in enumerate(seed_analysis.events) if len(e.roles) >= 2 and any(r.entity for r in e.roles)
    )
    mine = [r for r in roles if r["event_idx"] == i]
    lean = json.loads(serialize.unpack_json(rows[i]["data"]))
    assert len(lean["roles"]) == len(e.roles) and not {"name", "text", "entity"} & set().union(*lean["roles"])
    assert columns.record(Event, "events", rows[i], mine) == e
    # a role whose row says otherwise keeps its own text; an event whose rows do not match keeps its roles
    other = [mine[0] | {"text": "not " + mine[0]["text"]}, *mine[1:]]
    kept = json.loads(serialize.unpack_json(columns.pack("events", e, rows[i], other)))
    assert kept["roles"][0]["text"] == e.roles[0].text and "text" not in kept["roles"][1]
    whole = json.loads(serialize.unpack_json(columns.pack("events", e, rows[i], mine[:-1])))
    assert [r["text"] for r in whole["roles"]] == [r.text for r in e.roles]


def _role_bytes(store) -> int:
    return sum(len(bytes(r["data"])) for r in store.query("SELECT data FROM events"))


def test_migration_0017_converts_an_0016_store_without_loss(store_url, analyses):
    lean, whole, again = migrated_again(store_url, analyses, as_0016, ROLES_ONCE, _role_bytes)
    assert lean < 0.8 * whole
    assert again == lean
