"""Migration 0017, event roles stored once: an event's roles leave out of its packed ``data``
what their ``event_roles`` rows hold (the role's name, text and entity key), put back on read
from those rows (:func:`store.read.event_records`).

Both were written from the same record, so the text of every role was stored twice. A field
leaves ``data`` only where its row holds the same value, and only for an event whose role rows
match its roles one for one, so a record read back is the one stored; a record stored whole
(before 0017) reads as it did.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection

from .. import serialize
from . import columns
from .compact import Step

_DOCS_PER_BATCH = 200


def strip_role_fields(conn: Connection, dialect: str) -> None:
    """Each stored event's packed JSON without what its role rows hold, a batch of documents at a time."""
    doc_keys = [r[0] for r in conn.execute(text("SELECT doc_key FROM documents ORDER BY doc_key"))]
    for n in range(0, len(doc_keys), _DOCS_PER_BATCH):
        listed = ", ".join(str(int(k)) for k in doc_keys[n : n + _DOCS_PER_BATCH])
        roles: dict[tuple[int, int], list[dict[str, Any]]] = {}
        for r in conn.execute(
            text(
                "SELECT doc_key, event_idx, role, text, entity_key FROM event_roles "
                f"WHERE doc_key IN ({listed}) ORDER BY doc_key, event_idx, idx"
            )
        ).mappings():
            roles.setdefault((r["doc_key"], r["event_idx"]), []).append(dict(r))
        rows = conn.execute(text(f"SELECT {columns.select('events')} FROM events WHERE doc_key IN ({listed})"))
        updates = []
        for row in map(dict, rows.mappings()):
            old = bytes(row["data"])
            value = json.loads(serialize.unpack_json(old))
            new = columns.pack_json("events", "Event", value, row, roles.get((row["doc_key"], row["idx"]), ()))
            if new != old:
                updates.append({"k": row["doc_key"], "i": row["idx"], "b": new})
        if updates:
            conn.execute(text("UPDATE events SET data = :b WHERE doc_key = :k AND idx = :i"), updates)


ROLES_ONCE: dict[str, list[Step]] = {"sqlite": [strip_role_fields], "postgresql": [strip_role_fields]}
