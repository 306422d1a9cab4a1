"""Migration 0019, derived values left out: an event's trigger end and each role's end where they
are the start plus the text's length, and a place's coordinates and confidence where its REAL
columns hold them (store/columns.py, :data:`columns.ENDS`, :data:`columns.FLOATS`), rewritten in
each stored record from its JSON and its row (and an event's role rows), and packed against the
newest dictionary of its class (``Event`` 10 and ``Place`` 11 in ``data/record_dictionaries.json``,
built from the lean records of the TimeLine-corpus store). A value leaves only where the row
gives it back, so the record read back is the one stored.
"""

from __future__ import annotations

import json

from sqlalchemy import text
from sqlalchemy.engine import Connection

from .. import serialize
from . import columns
from .compact import Step
from .roles import strip_role_fields

_DOCS_PER_BATCH = 200


def repack_places(conn: Connection, dialect: str) -> None:
    """Each stored place's record without what its row holds, a batch of documents at a time."""
    doc_keys = [r[0] for r in conn.execute(text("SELECT doc_key FROM documents ORDER BY doc_key"))]
    for n in range(0, len(doc_keys), _DOCS_PER_BATCH):
        listed = ", ".join(str(int(k)) for k in doc_keys[n : n + _DOCS_PER_BATCH])
        rows = conn.execute(text(f"SELECT {columns.select('places')} FROM places WHERE doc_key IN ({listed})"))
        updates = []
        for row in map(dict, rows.mappings()):
            old = bytes(row["data"])
            new = columns.pack_json("places", "Place", json.loads(serialize.unpack_json(old)), row)
            if new != old:
                updates.append({"k": row["doc_key"], "i": row["idx"], "b": new})
        if updates:
            conn.execute(text("UPDATE places SET data = :b WHERE doc_key = :k AND idx = :i"), updates)


# strip_role_fields packs each event again by columns.pack_json, which now leaves the ends out
DERIVED: dict[str, list[Step]] = {
    "sqlite": [strip_role_fields, repack_places],
    "postgresql": [strip_role_fields, repack_places],
}
