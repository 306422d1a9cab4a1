"""Migration 0012: the search index follows the sentences through replace and delete, events
carry their place's point (and the backfill computes the same point as the writer), and
event roles have a primary key."""

from __future__ import annotations

import sqlite3

from sqlalchemy import text

from dateline import serialize
from dateline.store import open_store, sqlite_file
from dateline.store.migrations import DATASETTE

from .layouts import as_0015


def _fts_ok(path: str) -> bool:
    with sqlite3.connect(path) as con:
        con.execute("INSERT INTO sentences_fts (sentences_fts, rank) VALUES ('integrity-check', 1)")
    return True


def test_search_index_follows_replace_and_delete(db_url, seed_analysis):
    store = open_store(db_url)
    store.save(seed_analysis)
    hits = "SELECT COUNT(*) AS n FROM sentences_fts WHERE sentences_fts MATCH 'train'"
    first = store.query(hits)[0]["n"]
    store.save(seed_analysis)  # replaced: delete triggers, then insert triggers
    path = sqlite_file.sqlite_path(store.url)
    assert path and _fts_ok(path)
    assert store.query(hits)[0]["n"] == first >= 3
    store.delete(seed_analysis.article.doc_id)
    assert _fts_ok(path)
    assert store.query("SELECT COUNT(*) AS n FROM sentences_fts WHERE sentences_fts MATCH 'train'")[0]["n"] == 0


def test_event_points_backfill_equals_the_writer(store_url, seed_analysis):
    store = open_store(store_url)
    store.save(seed_analysis)
    as_0015(store)  # the layout 0012's backfill ran on: events keyed by doc_id
    written = store.query("SELECT doc_id, idx, latitude, longitude FROM events ORDER BY idx")
    located = [e for e in seed_analysis.events if e.role("place") and e.role("place").lat is not None]
    assert located and sum(r["latitude"] is not None for r in written) == len(located)
    backfill = [s for s in DATASETTE[store.dialect] if s.startswith("UPDATE events")]
    with store.writing() as conn:
        # the records as 0012 found them: JSON text (0014 packs them)
        if store.dialect == "postgresql":
            conn.execute(text("ALTER TABLE events ALTER COLUMN data TYPE TEXT USING ''"))
        for i, e in enumerate(seed_analysis.events):
            conn.execute(
                text("UPDATE events SET data = :j WHERE idx = :i"), {"j": serialize.dumps(e, compact=True), "i": i}
            )
        conn.execute(text("UPDATE events SET latitude = NULL, longitude = NULL"))
        for stmt in backfill:
            conn.execute(text(stmt))
    again = store.query("SELECT doc_id, idx, latitude, longitude FROM events ORDER BY idx")
    assert again == written


def test_event_roles_have_a_primary_key(store_url, seed_analysis):
    from sqlalchemy import inspect

    store = open_store(store_url)
    store.save(seed_analysis)
    with store.engine.connect() as conn:
        pk = inspect(conn).get_pk_constraint("event_roles")["constrained_columns"]
    assert pk == ["doc_key", "event_idx", "idx"]  # the document by its integer key since 0016
    rows = store.query("SELECT event_idx, idx, role FROM event_roles ORDER BY event_idx, idx")
    expected = [(i, k, r.name) for i, e in enumerate(seed_analysis.events) for k, r in enumerate(e.roles)]
    assert [(r["event_idx"], r["idx"], r["role"]) for r in rows] == expected
