"""Migration 0015, a lean store: indexes no query uses go, the entity members'
contributions are packed, stage records leave out what their columns hold, and sentence
tokens move to encoding 3.

Each index dropped here was checked against the statements the read side and an ingest run
(EXPLAIN QUERY PLAN of every statement `bench/readback.py` and a re-ingest execute): none
searches through it; it only ever served a ``COUNT(*)`` or an ORDER BY that a sort of the
same rows does as well. Lookups by document go through the primary keys (doc_id, ...).

``entity_members.data`` (what a document entity added to its canonical entity: aliases,
type votes) was JSON text, the largest part of the entity tables; it becomes
:func:`serialize.pack_json` bytes against the dictionary of its shape, rewritten from the
stored values (the same JSON, compact separators) a batch of documents at a time.

Each stage record leaves out of ``data`` the fields its row's columns hold (store/columns.py),
rewritten from the stored JSON and the row; a field is left out only where the column holds
the same value, so the record read back is the one stored.

Sentence tokens in encoding 2 are re-encoded in encoding 3 (the same columns, deflated
against a dictionary of their shape; store/tokens.py) where the new blob decodes to the
same tokens, by 0014's own step.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection

from .. import serialize
from ..entities.table import member_contribution, pack_contribution
from . import columns
from .compact import PACKED_TABLES, Step, doc_batches, encode_tokens, in_docs, rebuild_without_rowid

# index -> the only statements that used it (a covering scan, an ORDER BY)
UNUSED_INDEXES: tuple[tuple[str, str], ...] = (
    ("events_type", "SELECT type, COUNT(*) FROM events GROUP BY type"),
    ("events_time", "the events export's ORDER BY COALESCE(e.time_earliest, d.published)"),
    ("mentions_entity", "COUNT(*) FROM mentions"),
    ("entity_links_key", "COUNT(*) FROM entity_links; deletes by doc_id (the primary key serves)"),
    ("entities_name", "COUNT(*) FROM entities"),
    ("places_name", "COUNT(*) FROM places; the places export's ORDER BY"),
    ("times_earliest", "COUNT(*) FROM times"),
    ("quantities_kind", "COUNT(*) FROM quantities"),
)

_DOC_FK = "REFERENCES documents(doc_id) ON DELETE CASCADE"
_MEMBERS = f"""doc_id TEXT NOT NULL {_DOC_FK}, entity_key TEXT NOT NULL, entity_id TEXT NOT NULL,
        mentions INTEGER NOT NULL, links INTEGER NOT NULL, published TEXT, data BLOB NOT NULL,
        PRIMARY KEY (doc_id, entity_key)"""
_MEMBER_INDEXES = (
    "CREATE INDEX entity_members_entity ON entity_members(entity_id, published)",
    "CREATE INDEX entity_members_key ON entity_members(entity_key)",
)


def pack_contributions(conn: Connection, dialect: str) -> None:
    """Every member's contribution stored as JSON text becomes packed bytes."""
    for params in doc_batches(conn):
        rows = conn.execute(
            text(f"SELECT doc_id, entity_key, data FROM entity_members WHERE {in_docs(params)}"), params
        ).mappings()
        updates = [
            {"d": r["doc_id"], "k": r["entity_key"], "b": pack_contribution(member_contribution(r["data"]))}
            for r in rows
            if not serialize.is_packed(r["data"])  # PostgreSQL: bytea holding the JSON (USING clause below)
        ]
        if updates:
            conn.execute(text("UPDATE entity_members SET data = :b WHERE doc_id = :d AND entity_key = :k"), updates)


def strip_held_fields(conn: Connection, dialect: str) -> None:
    """Each stage record's packed JSON without the fields its columns hold."""
    for params in doc_batches(conn):
        for table, record in PACKED_TABLES:
            if table not in columns.FIELDS:
                continue
            rows = conn.execute(
                text(f"SELECT doc_id, {columns.select(table, keyed=False)} FROM {table} WHERE {in_docs(params)}"),
                params,
            ).mappings()
            updates = [u for u in (_stripped(table, record, dict(r)) for r in rows) if u is not None]
            if updates:
                conn.execute(text(f"UPDATE {table} SET data = :b WHERE doc_id = :d AND idx = :i"), updates)


def _stripped(table: str, record: str, row: Mapping[str, Any]) -> dict[str, Any] | None:
    value = json.loads(serialize.unpack_json(bytes(row["data"])))
    new = columns.pack_json(table, record, value, row)
    return {"d": row["doc_id"], "i": row["idx"], "b": new} if new != bytes(row["data"]) else None


LEAN_STORE: dict[str, list[Step]] = {
    "sqlite": [
        *(f"DROP INDEX IF EXISTS {name}" for name, _ in UNUSED_INDEXES),
        *rebuild_without_rowid("entity_members", _MEMBERS, _MEMBER_INDEXES),
        pack_contributions,
        strip_held_fields,
        encode_tokens,
    ],
    "postgresql": [
        *(f"DROP INDEX IF EXISTS {name}" for name, _ in UNUSED_INDEXES),
        "ALTER TABLE entity_members ALTER COLUMN data TYPE BYTEA USING convert_to(data, 'UTF8')",
        pack_contributions,
        strip_held_fields,
        encode_tokens,
    ],
}
