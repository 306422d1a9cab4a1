"""Migration 0016, integer document keys: the tables with many rows per document refer to
their document by a small integer, ``documents.doc_key``, instead of repeating its text id.

A document's public id (``doc_id``, 16 hex digits) was the first column of every row of
every per-document table: some 17 bytes a row, a few hundred rows a document, and the keys
of a fresh ingest came in hash order, so each table's pages split half full. ``doc_key`` is
numbered in ingest order (the writer takes the next number under the store's write lock), so
rows are appended and the key takes a byte or two. ``documents`` keeps ``doc_id`` as its
primary key; the converted tables reference ``documents(doc_key)`` (unique) and are read by
a join or by :data:`BY_DOC`.

Converted here: every per-document table but ``sentences`` (its rowid is the search table's,
and the search rows carry its ``doc_id``) and ``entity_members`` (the entity table's own
queries); :data:`KEYED`.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

from .compact import Step

_KEY_FK = "doc_key INTEGER NOT NULL REFERENCES documents(doc_key) ON DELETE CASCADE"

# table -> (its columns after doc_key, with the primary key; its indexes), as 0015 left them
# otherwise ({real}, {blob}: the dialect's types). Every one is WITHOUT ROWID on SQLite; the
# indexes 0015 dropped stay dropped.
KEYED: dict[str, tuple[str, tuple[str, ...]]] = {
    "document_stages": (
        "ordinal INTEGER NOT NULL, stage TEXT NOT NULL, version INTEGER NOT NULL, PRIMARY KEY (doc_key, stage)",
        (),
    ),
    "entities": (
        """entity_key TEXT NOT NULL, name TEXT NOT NULL, label TEXT NOT NULL, mentions INTEGER NOT NULL,
        aliases TEXT NOT NULL, PRIMARY KEY (doc_key, entity_key)""",
        (),
    ),
    "mentions": (
        """idx INTEGER NOT NULL, sentence_idx INTEGER NOT NULL, start_char INTEGER NOT NULL,
        end_char INTEGER NOT NULL, token_start INTEGER NOT NULL, token_end INTEGER NOT NULL, text TEXT NOT NULL,
        label TEXT NOT NULL, entity_key TEXT NOT NULL, PRIMARY KEY (doc_key, idx)""",
        (),
    ),
    "entity_links": (
        """idx INTEGER NOT NULL, sentence_idx INTEGER NOT NULL, start_char INTEGER NOT NULL,
        end_char INTEGER NOT NULL, token_start INTEGER NOT NULL, token_end INTEGER NOT NULL, head INTEGER NOT NULL,
        text TEXT NOT NULL, kind TEXT NOT NULL, entity_key TEXT NOT NULL, PRIMARY KEY (doc_key, idx)""",
        (),
    ),
    "times": (
        """idx INTEGER NOT NULL, sentence_idx INTEGER NOT NULL, start_char INTEGER NOT NULL,
        end_char INTEGER NOT NULL, text TEXT NOT NULL, type TEXT NOT NULL, value TEXT NOT NULL, mod TEXT,
        earliest TEXT, latest TEXT, data {blob} NOT NULL, PRIMARY KEY (doc_key, idx)""",
        (),
    ),
    "places": (
        """idx INTEGER NOT NULL, sentence_idx INTEGER NOT NULL, start_char INTEGER NOT NULL,
        end_char INTEGER NOT NULL, text TEXT NOT NULL, name TEXT NOT NULL, feature TEXT NOT NULL,
        country_code TEXT, admin1 TEXT, lat {real}, lon {real}, geonameid INTEGER, confidence {real} NOT NULL,
        data {blob} NOT NULL, PRIMARY KEY (doc_key, idx)""",
        (),
    ),
    "relative_locations": (
        """idx INTEGER NOT NULL, sentence_idx INTEGER NOT NULL, text TEXT NOT NULL, data {blob} NOT NULL,
        PRIMARY KEY (doc_key, idx)""",
        (),
    ),
    "quantities": (
        """idx INTEGER NOT NULL, sentence_idx INTEGER NOT NULL, start_char INTEGER NOT NULL,
        end_char INTEGER NOT NULL, text TEXT NOT NULL, kind TEXT NOT NULL, number {real} NOT NULL, unit TEXT,
        si_value {real}, si_unit TEXT, mod TEXT, measures TEXT, data {blob} NOT NULL, PRIMARY KEY (doc_key, idx)""",
        (),
    ),
    "events": (
        """idx INTEGER NOT NULL, sentence_idx INTEGER NOT NULL, type TEXT NOT NULL, status TEXT NOT NULL,
        lemma TEXT NOT NULL, trigger TEXT NOT NULL, time_value TEXT, time_earliest TEXT, time_latest TEXT,
        data {blob} NOT NULL, latitude {real}, longitude {real}, PRIMARY KEY (doc_key, idx)""",
        (),
    ),
    "main_events": (
        """who TEXT, what TEXT, when_text TEXT, when_value TEXT, where_text TEXT, why TEXT, how TEXT,
        data {blob} NOT NULL, PRIMARY KEY (doc_key)""",
        (),
    ),
    "event_roles": (
        """event_idx INTEGER NOT NULL, idx INTEGER NOT NULL, role TEXT NOT NULL, text TEXT NOT NULL,
        entity_key TEXT, PRIMARY KEY (doc_key, event_idx, idx)""",
        (),
    ),
}

# PostgreSQL's 8-byte float (its REAL is 4 bytes) and byte string, as earlier migrations made them.
_TYPES = {
    "sqlite": {"real": "REAL", "blob": "BLOB"},
    "postgresql": {"real": "DOUBLE PRECISION", "blob": "BYTEA"},
}

# The rows of one document (bound as :d, its public id), for a WHERE clause of a keyed table.
BY_DOC = "doc_key = (SELECT doc_key FROM documents WHERE doc_id = :d)"
# The next document's key, taken under the store's write lock.
NEXT_KEY = "SELECT COALESCE(MAX(doc_key), 0) + 1 FROM documents"


def table_columns(table: str, dialect: str) -> str:
    """The columns of a keyed table after ``doc_key``, with its primary key, in the dialect's types."""
    return KEYED[table][0].format(**_TYPES[dialect])


def column_names(columns: str) -> list[str]:
    plain = columns[: columns.index("PRIMARY KEY (")]
    return [c.split()[0] for c in plain.split(",") if c.strip()]


def number_documents(conn: Connection, dialect: str) -> None:
    """Each stored document gets its key, in the order the store lists documents."""
    ids = [r[0] for r in conn.execute(text("SELECT doc_id FROM documents ORDER BY ingested_at, doc_id"))]
    if ids:
        conn.execute(
            text("UPDATE documents SET doc_key = :k WHERE doc_id = :d"),
            [{"k": k, "d": d} for k, d in enumerate(ids, 1)],
        )


def rekey(table: str, dialect: str) -> list[str]:
    """The table again with ``doc_key`` for ``doc_id``, rows in key order, indexes kept."""
    columns, indexes = table_columns(table, dialect), KEYED[table][1]
    names = column_names(columns)
    key = columns[columns.index("PRIMARY KEY (") + len("PRIMARY KEY (") : columns.rindex(")")].split(", ")
    order = ", ".join("d.doc_key" if c == "doc_key" else "t." + c for c in key)
    suffix = " WITHOUT ROWID" if dialect == "sqlite" else ""
    return [
        f"CREATE TABLE {table}_new ({_KEY_FK}, {columns}){suffix}",
        f"INSERT INTO {table}_new (doc_key, {', '.join(names)}) "
        f"SELECT d.doc_key, {', '.join('t.' + n for n in names)} FROM {table} t "
        f"JOIN documents d ON d.doc_id = t.doc_id ORDER BY {order}",
        f"DROP TABLE {table}",
        f"ALTER TABLE {table}_new RENAME TO {table}",
        *indexes,
    ]


def _steps(dialect: str) -> list[Step]:
    return [
        "ALTER TABLE documents ADD COLUMN doc_key INTEGER NOT NULL DEFAULT 0",
        number_documents,
        "CREATE UNIQUE INDEX documents_doc_key ON documents(doc_key)",
        *(stmt for table in KEYED for stmt in rekey(table, dialect)),
    ]


DOC_KEYS: dict[str, list[Step]] = {"sqlite": _steps("sqlite"), "postgresql": _steps("postgresql")}
