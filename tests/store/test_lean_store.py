"""Migration 0015, a lean store: entity members' contributions packed, sentence tokens in
encoding 3, stage records without the fields their columns hold, all read back exactly;
unused indexes gone; a store in 0014's layout converted without loss, on SQLite and on
PostgreSQL."""

from __future__ import annotations

import json
import zlib

from sqlalchemy import inspect, text

from dateline import serialize
from dateline.entities.table import member_contribution, pack_contribution
from dateline.query import entity
from dateline.store import columns, open_store, tokens
from dateline.store.db import LEANING
from dateline.store.lean import UNUSED_INDEXES

from .layouts import as_0015

# the indexes 0014 left, as it made them
_OLD_INDEXES = (
    "CREATE INDEX events_type ON events(type)",
    "CREATE INDEX events_time ON events(time_earliest)",
    "CREATE INDEX mentions_entity ON mentions(entity_key)",
    "CREATE INDEX entity_links_key ON entity_links(doc_id, entity_key)",
    "CREATE INDEX entities_name ON entities(name)",
    "CREATE INDEX places_name ON places(name)",
    "CREATE INDEX times_earliest ON times(earliest)",
    "CREATE INDEX quantities_kind ON quantities(kind)",
)


def _members(store) -> list[tuple[str, str, dict]]:
    rows = store.query("SELECT doc_id, entity_key, data FROM entity_members ORDER BY doc_id, entity_key")
    return [(r["doc_id"], r["entity_key"], member_contribution(r["data"])) for r in rows]


def _entity_tables(store) -> dict[str, list[dict]]:
    return {
        "entities": store.query("SELECT * FROM canonical_entities ORDER BY entity_id"),
        "aliases": store.query("SELECT * FROM canonical_aliases ORDER BY entity_id, kind, alias"),
        "labels": store.query("SELECT * FROM canonical_labels ORDER BY entity_id, label"),
    }


def _indexes(store) -> set[str]:
    with store.engine.connect() as conn:
        insp = inspect(conn)
        return {i["name"] for t in insp.get_table_names() for i in insp.get_indexes(t)}


def test_a_contribution_packs_small_and_reads_back(seed_analysis, tmp_path):
    store = open_store(str(tmp_path / "s.db"))
    store.save(seed_analysis)
    members = _members(store)
    assert len(members) > 5
    for _, _, data in members:
        packed = pack_contribution(data)
        assert serialize.is_packed(packed) and member_contribution(packed) == data
        as_json = json.dumps(data, ensure_ascii=False)
        assert member_contribution(as_json) == data  # the JSON text of stores before 0015
    packed_bytes = sum(len(pack_contribution(d)) for _, _, d in members)
    json_bytes = sum(len(json.dumps(d, ensure_ascii=False).encode()) for _, _, d in members)
    assert packed_bytes < 0.5 * json_bytes


def _v2(a, s) -> bytes:
    """A sentence's tokens in encoding 2, as 0014 wrote them (the columns, plain raw deflate)."""
    own = a.parsed.tokens[s.token_start : s.token_end]
    squeeze = zlib.compressobj(6, zlib.DEFLATED, -15, 8)
    return b"\x02" + squeeze.compress(tokens.columns_json(own, s, a.parsed.noun_chunks)) + squeeze.flush()


def test_tokens_encoding_3_reads_back_the_same_and_smaller(seed_analysis):
    p = seed_analysis.parsed
    new = old = 0
    for s in p.sentences:
        own = p.tokens[s.token_start : s.token_end]
        chunks = tuple((a, b) for a, b in p.noun_chunks if s.token_start <= a < s.token_end)
        blob, legacy = tokens.encode_columns(own, s, p.noun_chunks), _v2(seed_analysis, s)
        assert blob[0] == 3 and legacy[0] == 2
        assert tokens.decode(blob, s) == (own, chunks) == tokens.decode(legacy, s)
        new, old = new + len(blob), old + len(legacy)
    assert new < 0.85 * old


def test_records_leave_out_what_their_columns_hold(seed_analysis):
    from dateline.store import write

    for table, rows, records in (
        ("events", write.event_rows(seed_analysis), seed_analysis.events),
        ("places", write.place_rows(seed_analysis), seed_analysis.places),
        ("times", write.time_rows(seed_analysis), seed_analysis.times),
        ("quantities", write.quantity_rows(seed_analysis), seed_analysis.quantities),
    ):
        assert rows
        for row, rec in zip(rows, records, strict=True):
            lean = json.loads(serialize.unpack_json(row["data"]))
            assert not {"sentence", "text", "type", "trigger", "name", "kind"} & set(lean)
            mine = _roles(seed_analysis, row["idx"]) if table == "events" else ()  # since 0017
            assert columns.record(type(rec), table, row, mine) == rec
            whole = serialize.pack(rec)  # a record stored whole (0014) reads the same
            assert len(row["data"]) < len(whole)
            assert columns.record(type(rec), table, row | {"data": whole}, mine) == rec
    # a field whose column says otherwise stays in the record
    e = seed_analysis.events[0]
    row = write.event_rows(seed_analysis)[0] | {"lemma": "not-" + e.lemma}
    kept = columns.pack("events", e, row)
    assert json.loads(serialize.unpack_json(kept))["lemma"] == e.lemma
    assert columns.record(type(e), "events", row | {"data": kept}) == e


def _roles(a, event_idx: int) -> list[dict]:
    from dateline.store import write

    return [r for r in write.event_role_rows(a) if r["event_idx"] == event_idx]


def _as_0014(store, a) -> None:
    """The store as 0014 left it: contributions as JSON text, tokens in encoding 2, the unused
    indexes in place, 0015 not recorded (PostgreSQL: the data column as text again)."""
    members = _members(store)
    as_0015(store)
    with store.writing() as conn:
        for s in a.parsed.sentences:
            conn.execute(text("UPDATE sentences SET tokens = :b WHERE idx = :i"), {"b": _v2(a, s), "i": s.index})
        for table, records in (("events", a.events), ("places", a.places), ("times", a.times)):
            for i, r in enumerate(records):  # whole, as 0014 packed them
                conn.execute(text(f"UPDATE {table} SET data = :b WHERE idx = :i"), {"b": serialize.pack(r), "i": i})
        if store.dialect == "postgresql":
            conn.execute(text("ALTER TABLE entity_members ALTER COLUMN data TYPE TEXT USING ''"))
        for doc_id, key, data in members:
            conn.execute(
                text("UPDATE entity_members SET data = :j WHERE doc_id = :d AND entity_key = :k"),
                {"j": json.dumps(data, ensure_ascii=False), "d": doc_id, "k": key},
            )
        for stmt in _OLD_INDEXES:
            conn.execute(text(stmt))
        conn.execute(text("DELETE FROM schema_migrations WHERE name = :n"), {"n": LEANING})


def test_migration_0015_converts_an_0014_store_without_loss(store_url, seed_analysis):
    store = open_store(store_url)
    store.save(seed_analysis)
    doc = seed_analysis.article.doc_id
    _as_0014(store, seed_analysis)
    assert {name for name, _ in UNUSED_INDEXES} <= _indexes(store)
    whole = store.query("SELECT data FROM events ORDER BY idx")
    old = store.query("SELECT data FROM entity_members")
    assert old and all(isinstance(r["data"], str) for r in old)
    before = (_members(store), _entity_tables(store), entity.entities(store))
    store.close()

    store = open_store(store_url)  # applies 0015 again
    assert LEANING in [name for name, _ in store.migrations()]
    assert (_members(store), _entity_tables(store), entity.entities(store)) == before
    assert store.load_analysis(doc) == seed_analysis
    new = store.query("SELECT data FROM entity_members")
    assert all(serialize.is_packed(r["data"]) for r in new)
    assert sum(len(bytes(r["data"])) for r in new) < 0.5 * sum(len(r["data"].encode()) for r in old)
    assert not {name for name, _ in UNUSED_INDEXES} & _indexes(store)
    lean = store.query("SELECT data FROM events ORDER BY idx")
    assert sum(len(bytes(r["data"])) for r in lean) < 0.9 * sum(len(bytes(r["data"])) for r in whole)
    assert all("trigger" not in json.loads(serialize.unpack_json(bytes(r["data"]))) for r in lean)
    blobs = store.query("SELECT tokens FROM sentences")
    # 0015 re-encodes by the step that writes the newest encoding
    assert blobs and all(bytes(r["tokens"])[:1] == bytes((tokens.VERSION,)) for r in blobs)
    hits = store.query("SELECT COUNT(*) AS n FROM sentences WHERE text LIKE '%train%'")[0]["n"]
    assert hits >= 3
    # re-ingest takes the packed contributions out of their entities and puts them back
    store.save(seed_analysis)
    assert (_members(store), _entity_tables(store)) == before[:2]
    store.delete(doc)
    assert _entity_tables(store) == {"entities": [], "aliases": [], "labels": []}
