"""Older store layouts made from a current store, for the tests of the migrations that convert them."""

from __future__ import annotations

from sqlalchemy import text

from dateline.store import columns, keys
from dateline.store.db import KEYING, ROLES_ONCE
from dateline.store.read import event_records

_DOC_FK = "doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE"


def as_0016(store) -> None:
    """The store as 0016 left it: each event's packed record holds its roles whole, 0017 is not recorded."""
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
