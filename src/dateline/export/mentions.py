"""Every stored entity mention as JSON Lines, with its canonical cross-document entity.

One line per name mention (the ``mentions`` table) and per pronoun, description or
title the entities stage linked to one entity (``entity_links``), in document and
offset order::

    {"doc_id": "9f57b68df1f0092e", "record_id": "001_vostochny", "start": 12, "end": 26,
     "text": "Vladimir Putin", "label": "PERSON", "entity_id": "vladimir-putin", "kind": "name"}

``start``/``end`` are character offsets into the stored text (``documents.text``),
``record_id`` is the news-please ``dId`` or the file stem (the file stem of the
source when the record has none). ``entity_id`` is the stored canonical entity the
mention belongs to across documents (``entity_members``, kept at ingest by
``entities/table.py``), ``null`` for mentions that name no entity (dates, numbers).
Ids are made from names in ingest order, so the same input gives the same ids. A
plural reference ("the two leaders", linked to two entities) is one line whose
``entity_id`` is the group's: its members' ids joined by "+" ("apple+apple-corps"),
the same group in every document. A name that only modifies a longer phrase about the same entity
("iPod" in "the iPod range", whose head is "range") is left out too: the phrase is
the mention (the name stays in the ``mentions`` table).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from .. import serialize
from ..store.keys import BY_DOC
from ..store.mention_keys import select_key
from ..types import EntityKey


@dataclass(frozen=True, slots=True)
class MentionRow:
    doc_id: str
    record_id: str
    start: int
    end: int
    text: str
    label: str
    entity_id: str | None
    kind: str = "name"  # name | title | description | pronoun


def canonical_ids(store) -> dict[tuple[str, str], str]:
    """(doc_id, per-document entity key) -> canonical cross-document entity id, as stored."""
    return {(r["doc_id"], r["entity_key"]): r["entity_id"] for r in store.query(_MEMBERS)}


_MEMBERS = "SELECT doc_id, entity_key, entity_id FROM entity_members"


def mention_rows(store) -> Iterator[MentionRow]:
    docs = store.query("SELECT doc_id, record_id, source FROM documents ORDER BY doc_id")
    for d in docs:
        record = d["record_id"] or Path(d["source"]).stem
        ids = {r["entity_key"]: r["entity_id"] for r in store.query(_MEMBERS + " WHERE doc_id = :d", d=d["doc_id"])}
        links, groups = _links(store, d["doc_id"])
        names = [r for r in _names(store, d["doc_id"]) if not _modifier_in_phrase(r, links)]
        rows = [_name_row(d["doc_id"], record, r, ids) for r in names]
        rows += [_link_row(d["doc_id"], record, r, ids) for r in links]
        rows += [_group_row(d["doc_id"], record, g, ids) for g in groups]
        yield from sorted(rows, key=lambda x: (x.start, x.end, x.kind))


def _names(store, doc_id: str) -> list[dict]:
    return store.query(
        f"SELECT start_char, end_char, token_start, token_end, text, label, {select_key()} AS entity_key FROM mentions "
        f"WHERE {BY_DOC} ORDER BY idx",
        d=doc_id,
    )


def _modifier_in_phrase(name: dict, links: list[dict]) -> bool:
    """ "iPod" in "the iPod range": the name only modifies a longer phrase about the same entity
    whose head is another word; the phrase is the mention."""
    a, b = name["token_start"], name["token_end"]
    return any(
        x["kind"] == "name"
        and x["entity_key"] == name["entity_key"]
        and x["token_start"] <= a
        and b <= x["token_end"]
        and (x["token_start"], x["token_end"]) != (a, b)
        and not a <= x["head"] < b
        for x in links
    )


def _links(store, doc_id: str) -> tuple[list[dict], list[list[dict]]]:
    """Links whose span refers to one entity, and the links of each plural span together."""
    rows = store.query(
        "SELECT start_char, end_char, token_start, token_end, head, text, kind, entity_key FROM entity_links "
        f"WHERE {BY_DOC} ORDER BY idx",
        d=doc_id,
    )
    spans: dict[tuple[int, int], list[dict]] = {}
    for r in rows:
        spans.setdefault((r["start_char"], r["end_char"]), []).append(r)
    single = [r for r in rows if len(spans[(r["start_char"], r["end_char"])]) == 1]
    return single, [g for g in spans.values() if len(g) > 1]


def _name_row(doc_id: str, record: str, r: dict, ids: dict[str, str]) -> MentionRow:
    return MentionRow(
        doc_id, record, r["start_char"], r["end_char"], r["text"], r["label"], ids.get(r["entity_key"]), "name"
    )


def _link_row(doc_id: str, record: str, r: dict, ids: dict[str, str]) -> MentionRow:
    label = EntityKey.parse(r["entity_key"]).label
    return MentionRow(
        doc_id, record, r["start_char"], r["end_char"], r["text"], label, ids.get(r["entity_key"]), r["kind"]
    )


def _group_row(doc_id: str, record: str, group: list[dict], ids: dict[str, str]) -> MentionRow:
    """ "the two companies": the group of the entities it names, one id for the same group in
    every document (the members' ids joined by "+"), None when a member has no canonical id."""
    members = [ids.get(r["entity_key"]) for r in group]
    labels = {EntityKey.parse(r["entity_key"]).label for r in group}
    gid = "+".join(sorted({m for m in members if m})) if all(members) else None  # one id: that entity
    r = group[0]
    label = labels.pop() if len(labels) == 1 else ""
    return MentionRow(doc_id, record, r["start_char"], r["end_char"], r["text"], label, gid, r["kind"])


def write_mentions(store, out: TextIO) -> int:
    """Write every mention as one JSON line; returns how many."""
    n = 0
    for row in mention_rows(store):
        out.write(serialize.dumps(row) + "\n")
        n += 1
    return n
