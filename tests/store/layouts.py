"""Older store layouts made from a current store, for the tests of the migrations that convert them."""

from __future__ import annotations

from click.testing import CliRunner
from sqlalchemy import text

from dateline import serialize
from dateline.store import columns, keys, tokens
from dateline.store.db import KEYING, ROLES_ONCE, TOKEN_BYTES
from dateline.store.read import event_records, sentence_parse

_DOC_FK = "doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE"


def as_0017(store) -> None:
    """The store as 0017 left it: sentence tokens in encoding 3, 0018 is not recorded."""
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
