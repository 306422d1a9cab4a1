"""Older store layouts made from a current store, for the tests of the migrations that convert them."""

from __future__ import annotations

import json

from click.testing import CliRunner
from sqlalchemy import text

from dateline import serialize
from dateline.store import columns, keys, tokens
from dateline.store.db import DERIVED, KEYING, MENTION_KEYS, ROLES_ONCE, TEXT_ONCE, TOKEN_BYTES
from dateline.store.doc_text import text_of
from dateline.store.read import event_records, event_roles, sentence_parse
from dateline.types import Place

_DOC_FK = "doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE"


def _as_0018_json(table: str, record, row, roles=()) -> str:
    """A record's JSON as 0018 stored it: the ends and the place's floats in it."""
    full = serialize.compact_value(record)
    value = json.loads(columns.lean_json(table, full, row, roles))
    kept = ("trigger_end",) if table == "events" else ("lat", "lon", "confidence")
    value |= {k: full[k] for k in kept if k in full}
    for v, r in zip(value.get("roles", ()), full.get("roles", ()), strict=True):
        v["end"] = r["end"]
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def as_0020(store) -> None:
    """The store as 0020 left it: every mention's entity key in ``mentions.entity_key``, 0021 is not
    recorded."""
    with store.writing() as conn:
        conn.execute(text("UPDATE mentions SET entity_key = label || ':' || text WHERE entity_key = ''"))
        conn.execute(text("DELETE FROM schema_migrations WHERE name = :n"), {"n": MENTION_KEYS})


def as_0019(store) -> None:
    """The store as 0019 left it: each document's text whole in ``documents.text``, no ``text_gaps``,
    0020 is not recorded (nor what came after it)."""
    as_0020(store)
    texts = {r["doc_id"]: text_of(store.query, r) for r in store.query("SELECT doc_id, text, text_gaps FROM documents")}
    with store.writing() as conn:
        for d, whole in texts.items():
            conn.execute(text("UPDATE documents SET text = :t WHERE doc_id = :d"), {"t": whole, "d": d})
        conn.execute(text("ALTER TABLE documents DROP COLUMN text_gaps"))
        conn.execute(text("DELETE FROM schema_migrations WHERE name = :n"), {"n": TEXT_ONCE})


def as_0018(store) -> None:
    """The store as 0018 left it: events and places hold their derived ends and floats, 0019 is not recorded
    (nor what came after it)."""
    as_0019(store)
    rows = store.query(f"SELECT {columns.select('events')} FROM events")
    roles = event_roles(store.query, {(r["doc_key"], r["idx"]) for r in rows})
    places = store.query(f"SELECT {columns.select('places')} FROM places")
    with store.writing() as conn:
        for row, event in zip(rows, event_records(store.query, rows), strict=True):
            data = _as_0018_json("events", event, row, roles.get((row["doc_key"], row["idx"]), ()))
            conn.execute(
                text("UPDATE events SET data = :b WHERE doc_key = :k AND idx = :i"),
                {"b": serialize.pack_json("Event", data), "k": row["doc_key"], "i": row["idx"]},
            )
        for row in places:
            data = _as_0018_json("places", columns.record(Place, "places", row), row)
            conn.execute(
                text("UPDATE places SET data = :b WHERE doc_key = :k AND idx = :i"),
                {"b": serialize.pack_json("Place", data), "k": row["doc_key"], "i": row["idx"]},
            )
        conn.execute(text("DELETE FROM schema_migrations WHERE name = :n"), {"n": DERIVED})


def as_0017(store) -> None:
    """The store as 0017 left it: sentence tokens in encoding 3, 0018 is not recorded."""
    as_0018(store)
    rows = store.query("SELECT * FROM sentences")
    with store.writing() as conn:
        for r in rows:
            s, toks, chunks = sentence_parse(r)
            conn.execute(
                text("UPDATE sentences SET tokens = :b WHERE doc_id = :d AND idx = :i"),
                {"b": tokens.encode_columns(toks, s, chunks), "d": r["doc_id"], "i": r["idx"]},
            )
        conn.execute(text("DELETE FROM schema_migrations WHERE name = :n"), {"n": TOKEN_BYTES})


def as_0016(store) -> None:
    """The store as 0016 left it: each event's packed record holds its roles whole, 0017 is not recorded
    (nor what came after it)."""
    as_0017(store)
    rows = store.query(f"SELECT {columns.select('events')} FROM events")
    with store.writing() as conn:
        for row, event in zip(rows, event_records(store.query, rows), strict=True):
            conn.execute(
                text("UPDATE events SET data = :b WHERE doc_key = :k AND idx = :i"),
                {"b": columns.pack("events", event, row), "k": row["doc_key"], "i": row["idx"]},
            )
        conn.execute(text("DELETE FROM schema_migrations WHERE name = :n"), {"n": ROLES_ONCE})


def as_0015(store) -> None:
    """The store as 0015 left it: every table keyed by ``documents.doc_key`` refers to its document
    by ``doc_id`` again, ``documents`` has no ``doc_key``, 0016 and 0017 are not recorded."""
    as_0016(store)
    with store.writing() as conn:
        for table in keys.KEYED:
            columns = keys.table_columns(table, store.dialect).replace("PRIMARY KEY (doc_key", "PRIMARY KEY (doc_id")
            names = ", ".join("t." + n for n in keys.column_names(columns))
            suffix = " WITHOUT ROWID" if store.dialect == "sqlite" else ""
            for stmt in (
                f"CREATE TABLE {table}_old ({_DOC_FK}, {columns}){suffix}",
                f"INSERT INTO {table}_old SELECT d.doc_id, {names} FROM {table} t "
                "JOIN documents d ON d.doc_key = t.doc_key",
                f"DROP TABLE {table}",
                f"ALTER TABLE {table}_old RENAME TO {table}",
            ):
                conn.execute(text(stmt))
        conn.execute(text("DROP INDEX documents_doc_key"))
        conn.execute(text("ALTER TABLE documents DROP COLUMN doc_key"))
        conn.execute(text("DELETE FROM schema_migrations WHERE name = :n"), {"n": KEYING})


_COMMANDS = (
    ["docs", "--json"],
    ["entities", "--json"],
    ["timeline", "--all", "--json"],
    ["events", "--json"],
    ["places", "--json"],
    ["quantities", "--json"],
    ["main-event", "--json"],
    ["search", "Putin", "--json"],
    ["search", "summit", "--any", "--json"],
    ["ask", "Where did Kim Jong Un meet Putin?", "--json"],
    *(["export", "--format", "jsonl", "--table", t] for t in ("documents", "sentences", "events", "places")),
    ["export", "--format", "jsonl", "--table", "mentions"],
    ["export", "--format", "geojson"],
    ["export", "--format", "geojson", "--table", "events"],
    ["export", "--format", "semeval-timeline", "--entity", "Putin"],
    ["timeline", "--entity", "Putin", "--json"],
    ["export", "--format", "mentions"],
)


def read_back(url: str) -> dict[str, str]:
    """Everything a store shows: the listings, searches, asks and exports of _COMMANDS, and each
    document's analysis through the read API (for the migrations' before and after)."""
    from dateline.cli.main import cli
    from dateline.store import open_store

    out = {}
    for args in _COMMANDS:
        res = CliRunner().invoke(cli, [*args, "--db", url], catch_exceptions=False)
        assert res.exit_code == 0, (args, res.output[-300:])
        out[" ".join(args)] = res.output
    store = open_store(url, create=False)
    for doc_id in store.doc_ids():
        out[doc_id] = serialize.dumps(store.load_analysis(doc_id))
    store.close()
    return out


def migrated_again(url: str, analyses, to_old, migration: str, measure):
    """A migration's round trip: ``analyses`` saved by the current code, the store put back in the
    layout before ``migration`` by ``to_old``, then opened again (which applies it again). Checks
    that it ran, that every analysis loads as saved and that the store shows what it showed; returns
    ``measure(store)`` of the new layout, of the old one, and after the migration, for the caller's
    assertions."""
    from dateline.store import open_store

    store = open_store(url)
    store.save_many(analyses)
    new = measure(store)
    store.close()
    before = read_back(url)
    store = open_store(url)
    to_old(store)
    old = measure(store)
    store.close()

    store = open_store(url)  # applies the migration again
    assert migration in [name for name, _ in store.migrations()]
    again = measure(store)
    for a in analyses:
        assert store.load_analysis(a.article.doc_id) == a
    store.close()
    assert read_back(url) == before
    return new, old, again
