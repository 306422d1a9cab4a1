"""Migration 0014 and the compact encodings: packed records and tokens read back exactly,
take a fraction of the JSON, and a store written in the older layout is converted
without loss, on SQLite and on PostgreSQL."""

from __future__ import annotations

import json
import zlib

from sqlalchemy import text

from dateline import serialize
from dateline.store import open_store, tokens, write
from dateline.store.compact import PACKED_TABLES
from dateline.store.db import COMPACTING
from dateline.types import Analysis, Token

from .layouts import as_0015


def _records(a: Analysis) -> list[object]:
    return [*a.times, *a.places, *a.relative_locations, *a.quantities, *a.events, a.main_event]


def test_packed_records_read_back_the_same_and_smaller(seed_analysis):
    records = _records(seed_analysis)
    assert len(records) > 50
    packed = [serialize.pack(r) for r in records]
    assert [serialize.loads(type(r), b) for r, b in zip(records, packed, strict=True)] == records
    # as the store packs them (since 0015 without what their columns hold; the dictionary is of that shape)
    events = [r["data"] for r in write.event_rows(seed_analysis)]
    as_json = [serialize.dumps(e, compact=True).encode() for e in seed_analysis.events]
    assert sum(map(len, events)) < 0.5 * sum(map(len, as_json))
    # JSON text, and JSON as bytes (PostgreSQL's converted column), still read
    e = seed_analysis.events[0]
    assert serialize.loads(type(e), as_json[0].decode()) == e == serialize.loads(type(e), as_json[0])


def _v1(toks: tuple[Token, ...], s, chunks) -> bytes:
    """The encoding-1 blob stores written before 0014 hold (json of the columns, zlib)."""
    t0 = s.token_start
    own = toks[s.token_start : s.token_end]
    cols = {
        "v": 1, "x": [t.text for t in own], "s": [t.start - s.start for t in own],
        "l": [None if t.lemma == t.text.lower() else t.lemma for t in own],
        "p": [t.pos for t in own], "t": [t.tag for t in own], "d": [t.dep for t in own],
        "h": [t.head - t0 for t in own], "n": [t.ent_type for t in own],
        "b": "".join(t.ent_iob or "O" for t in own),
        "f": [(1 if t.is_stop else 0) | (2 if t.like_num else 0) for t in own],
        "c": [[a - t0, b - t0] for a, b in chunks if s.token_start <= a < s.token_end],
    }  # fmt: skip
    return zlib.compress(json.dumps(cols, separators=(",", ":")).encode())


def test_tokens_read_back_the_same_in_both_encodings(seed_analysis):
    p = seed_analysis.parsed
    new = old = 0
    for s in p.sentences:
        own = p.tokens[s.token_start : s.token_end]
        chunks = tuple((a, b) for a, b in p.noun_chunks if s.token_start <= a < s.token_end)
        blob, legacy = tokens.encode(p.tokens, s, p.noun_chunks), _v1(p.tokens, s, p.noun_chunks)
        assert tokens.decode(blob, s) == (own, chunks) == tokens.decode(legacy, s)
        new, old = new + len(blob), old + len(legacy)
    assert new < 0.75 * old


def test_an_unlisted_label_is_stored_by_name(seed_analysis):
    import dataclasses

    p = seed_analysis.parsed
    s = p.sentences[0]
    toks = list(p.tokens)
    toks[s.token_start] = dataclasses.replace(toks[s.token_start], tag="NEWTAG", dep="newdep")
    blob = tokens.encode(tuple(toks), s, p.noun_chunks)
    back, _ = tokens.decode(blob, s)
    assert (back[0].tag, back[0].dep) == ("NEWTAG", "newdep")
    assert back[1:] == tuple(toks[s.token_start + 1 : s.token_end])


def _as_before_0014(store, a: Analysis) -> None:
    """Rewrite the stored document as a store before 0014 held it: records as JSON text,
    tokens in encoding 1, and 0014 not recorded (PostgreSQL: data columns as text again)."""
    records = {
        "times": a.times, "places": a.places, "relative_locations": a.relative_locations,
        "quantities": a.quantities, "events": a.events,
    }  # fmt: skip
    as_0015(store)
    with store.writing() as conn:
        if store.dialect == "postgresql":
            for table, _ in PACKED_TABLES:
                conn.execute(text(f"ALTER TABLE {table} ALTER COLUMN data TYPE TEXT USING ''"))
        for table, rows in records.items():
            for i, r in enumerate(rows):
                conn.execute(
                    text(f"UPDATE {table} SET data = :j WHERE idx = :i"),
                    {"j": serialize.dumps(r, compact=True), "i": i},
                )
        conn.execute(text("UPDATE main_events SET data = :j"), {"j": serialize.dumps(a.main_event, compact=True)})
        for s in a.parsed.sentences:
            conn.execute(
                text("UPDATE sentences SET tokens = :b WHERE idx = :i"),
                {"b": _v1(a.parsed.tokens, s, a.parsed.noun_chunks), "i": s.index},
            )
        conn.execute(text("DELETE FROM schema_migrations WHERE name = :n"), {"n": COMPACTING})


def test_migration_0014_converts_an_older_store_without_loss(store_url, seed_analysis):
    store = open_store(store_url)
    store.save(seed_analysis)
    _as_before_0014(store, seed_analysis)
    old = store.query("SELECT data FROM events ORDER BY idx")
    assert all(isinstance(r["data"], str) for r in old)
    store.close()

    store = open_store(store_url)  # applies 0014 again
    assert COMPACTING in [name for name, _ in store.migrations()]
    assert store.load_analysis(seed_analysis.article.doc_id) == seed_analysis
    packed = store.query("SELECT data FROM events ORDER BY idx")
    assert all(serialize.is_packed(r["data"]) for r in packed)
    assert sum(len(bytes(r["data"])) for r in packed) < 0.5 * sum(len(r["data"].encode()) for r in old)
    blobs = store.query("SELECT tokens FROM sentences")
    assert blobs and all(bytes(r["tokens"])[:1] == bytes((tokens.VERSION,)) for r in blobs)
    hits = store.query("SELECT COUNT(*) AS n FROM sentences WHERE text LIKE '%train%'")[0]["n"]
    assert hits >= 3


def test_keyed_tables_are_without_rowid_on_sqlite(db_url, seed_analysis):
    import sqlite3

    store = open_store(db_url)
    store.save(seed_analysis)
    con = sqlite3.connect(db_url)
    sql = dict(con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall())
    for table in ("events", "event_roles", "mentions", "entity_members", "canonical_aliases"):
        assert sql[table].rstrip().endswith("WITHOUT ROWID"), table
    assert "WITHOUT ROWID" not in sql["sentences"]  # the search table refers to its rowid
    autoindexes = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE name LIKE 'sqlite_autoindex_%'")]
    assert not [n for n in autoindexes if n.startswith(("sqlite_autoindex_events", "sqlite_autoindex_mentions"))]
