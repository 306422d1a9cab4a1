"""Every stored entity mention as JSON Lines, with its canonical cross-document entity.

One line per row of the ``mentions`` table, in document and offset order::

    {"doc_id": "9f57b68df1f0092e", "record_id": "001_vostochny", "start": 12, "end": 26,
     "text": "Vladimir Putin", "label": "PERSON", "entity_id": "PERSON:vladimir putin"}

``start``/``end`` are character offsets into the stored text (``documents.text``),
``record_id`` is the news-please ``dId`` or the file stem (the file stem of the
source when the record has none). ``entity_id`` is the canonical entity the mention
belongs to across documents, ``null`` for mentions that name no entity (dates,
numbers). It comes from :func:`canonical_ids`, the one place that reads the
cross-document grouping: today the index ``dateline.query.entity`` builds from the
store, whose ids are derived from names, labels, gazetteer ids and document ids
only, so they are the same in every run on the same input.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from .. import serialize


@dataclass(frozen=True, slots=True)
class MentionRow:
    doc_id: str
    record_id: str
    start: int
    end: int
    text: str
    label: str
    entity_id: str | None


def canonical_ids(store) -> dict[tuple[str, str], str]:
    """The adapter: (doc_id, per-document entity key) -> canonical cross-document entity id."""
    from ..query.entity import entity_index

    return dict(entity_index(store).by_member)


def mention_rows(store) -> Iterator[MentionRow]:
    ids = canonical_ids(store)
    docs = store.query("SELECT doc_id, record_id, source FROM documents ORDER BY doc_id")
    for d in docs:
        record = d["record_id"] or Path(d["source"]).stem
        rows = store.query(
            "SELECT start_char, end_char, text, label, entity_key FROM mentions WHERE doc_id = :d "
            "ORDER BY start_char, end_char, idx",
            d=d["doc_id"],
        )
        for r in rows:
            yield MentionRow(
                d["doc_id"],
                record,
                r["start_char"],
                r["end_char"],
                r["text"],
                r["label"],
                ids.get((d["doc_id"], r["entity_key"])),
            )


def write_mentions(store, out: TextIO) -> int:
    """Write every mention as one JSON line; returns how many."""
    n = 0
    for row in mention_rows(store):
        out.write(serialize.dumps(row) + "\n")
        n += 1
    return n
