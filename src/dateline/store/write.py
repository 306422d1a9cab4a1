"""Rows of one analysed document, table by table, and the statements that write them.

Each table has one function from the analysis to its rows (plain dicts of column
values); :func:`insert_analysis` writes them all inside the caller's transaction.
Per-stage tables keep queryable columns plus the whole record (``data``, its compact
JSON packed by :func:`dateline.serialize.pack`), so the read side rebuilds the same record.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import UTC, datetime

from sqlalchemy import text
from sqlalchemy.engine import Connection

from .. import serialize
from ..entities import table as entity_table
from ..types import Analysis, Event, W5Answer
from . import columns, doc_text, keys, mention_keys, tokens

Row = dict[str, object]


def now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def insert_rows(conn: Connection, table: str, rows: list[Row], doc_key: int | None = None) -> None:
    """One executemany per table; columns come from the first row. The driver's own
    statement and tuples, not SQLAlchemy's bound text: a document is some 500 rows, and
    binding them by name cost as much as writing them. With ``doc_key``, the rows' ``doc_id``
    is written as that key (a table keyed by ``documents.doc_key``, migration 0016)."""
    if not rows:
        return
    cols = list(rows[0])
    if doc_key is None:
        values = [tuple(r[c] for c in cols) for r in rows]
    else:
        cols = [c for c in cols if c != "doc_id"]
        values = [(doc_key, *(r[c] for c in cols)) for r in rows]
        cols = ["doc_key", *cols]
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join([mark] * len(cols))})"
    conn.exec_driver_sql(sql, values)


def document_row(a: Analysis, doc_key: int = 0) -> Row:
    art, p = a.article, a.parsed
    rest = doc_text.gaps(art.text, [(s.start, s.end, s.text) for s in p.sentences])  # the text once (0020)
    return {
        "doc_id": art.doc_id,
        "doc_key": doc_key,
        "source": art.source,
        "format": art.format,
        "title": art.title,
        "description": art.description,
        "published": art.published.isoformat() if art.published else None,
        "url": art.url,
        "source_domain": art.source_domain,
        "language": art.language,
        "record_id": art.record_id,
        "body_start": art.body_start,
        "text": art.text if rest is None else "",
        "text_gaps": rest,
        "n_sentences": len(p.sentences),
        "n_tokens": len(p.tokens),
        "warnings": json.dumps(list(art.warnings)),
        "ingested_at": now(),
    }


def sentence_rows(a: Analysis) -> list[Row]:
    p, d = a.parsed, a.article.doc_id
    st = {s.sentence: s for s in a.sentence_times}
    rows: list[Row] = []
    for s in p.sentences:
        t = st.get(s.index)
        rows.append(
            {
                "doc_id": d,
                "idx": s.index,
                "start_char": s.start,
                "end_char": s.end,
                "text": s.text,
                "time_value": t.value if t else None,
                "time_earliest": t.earliest if t else None,
                "time_latest": t.latest if t else None,
                "time_rule": t.rule if t else None,
                "time_timex": t.timex if t else None,
                "token_start": s.token_start,
                "token_end": s.token_end,
                "tokens": tokens.encode(p.tokens, s, p.noun_chunks),
            }
        )
    return rows


def entity_rows(a: Analysis) -> list[Row]:
    d = a.article.doc_id
    return [
        {
            "doc_id": d,
            "entity_key": str(e.key),
            "name": e.name,
            "label": e.label,
            "mentions": e.mentions,
            "aliases": json.dumps(list(e.aliases), ensure_ascii=False),
        }
        for e in a.parsed.entities
    ]


def mention_rows(a: Analysis) -> list[Row]:
    d = a.article.doc_id
    return [
        {
            "doc_id": d,
            "idx": i,
            "sentence_idx": m.sentence,
            "start_char": m.start,
            "end_char": m.end,
            "token_start": m.token_start,
            "token_end": m.token_end,
            "text": m.text,
            "label": m.label,
            "entity_key": mention_keys.stored_key(m.label, m.text, str(m.entity)),  # 0021
        }
        for i, m in enumerate(a.parsed.mentions)
    ]


def entity_link_rows(a: Analysis) -> list[Row]:
    d = a.article.doc_id
    return [
        {
            "doc_id": d,
            "idx": i,
            "sentence_idx": x.sentence,
            "start_char": x.start,
            "end_char": x.end,
            "token_start": x.token_start,
            "token_end": x.token_end,
            "head": x.head,
            "text": x.text,
            "kind": x.kind,
            "entity_key": str(x.entity),
        }
        for i, x in enumerate(a.coref)
    ]


def time_rows(a: Analysis) -> list[Row]:
    return [
        _packed("times", t, _stage_row(a, i, t.sentence, start_char=t.start, end_char=t.end, text=t.text)
                | {"type": t.type, "value": t.value, "mod": t.mod, "earliest": t.earliest, "latest": t.latest})
        for i, t in enumerate(a.times)
    ]  # fmt: skip


def place_rows(a: Analysis) -> list[Row]:
    return [
        _packed("places", x, _stage_row(a, i, x.sentence, start_char=x.start, end_char=x.end, text=x.text)
                | {"name": x.name, "feature": x.feature, "country_code": x.country_code, "admin1": x.admin1}
                | {"lat": x.lat, "lon": x.lon, "geonameid": x.geonameid, "confidence": x.confidence})
        for i, x in enumerate(a.places)
    ]  # fmt: skip


def relative_rows(a: Analysis) -> list[Row]:
    return [
        _packed("relative_locations", r, _stage_row(a, i, r.sentence, text=r.text))
        for i, r in enumerate(a.relative_locations)
    ]


def quantity_rows(a: Analysis) -> list[Row]:
    return [
        _packed("quantities", q, _stage_row(a, i, q.sentence, start_char=q.start, end_char=q.end, text=q.text)
                | {"kind": q.kind, "number": q.number, "unit": q.unit, "si_value": q.si_value}
                | {"si_unit": q.si_unit, "mod": q.mod, "measures": q.measures})
        for i, q in enumerate(a.quantities)
    ]  # fmt: skip


def event_rows(a: Analysis) -> list[Row]:
    return [
        _packed("events", e, _stage_row(a, i, e.sentence, type=e.type, status=e.status, lemma=e.lemma)
                | {"trigger": e.trigger, "time_value": e.time_value, "time_earliest": e.time_earliest}
                | {"time_latest": e.time_latest} | _event_point(e), _role_rows(a, i, e))
        for i, e in enumerate(a.events)
    ]  # fmt: skip


def _event_point(e: Event) -> Row:
    """The event's place as map columns (its first place role), or NULLs."""
    place = e.role("place")
    return {"latitude": place.lat if place else None, "longitude": place.lon if place else None}


def event_role_rows(a: Analysis) -> list[Row]:
    return [row for i, e in enumerate(a.events) for row in _role_rows(a, i, e)]


def _role_rows(a: Analysis, i: int, e: Event) -> list[Row]:
    d = a.article.doc_id
    return [
        {"doc_id": d, "event_idx": i, "idx": k, "role": r.name, "text": r.text}
        | {"entity_key": str(r.entity) if r.entity else None}
        for k, r in enumerate(e.roles)
    ]


def main_event_rows(a: Analysis) -> list[Row]:
    m = a.main_event
    if m is None:
        return []

    def top(c: tuple[W5Answer, ...]) -> W5Answer | None:
        return c[0] if c else None

    when = top(m.when)
    return [
        {
            "doc_id": a.article.doc_id,
            "who": getattr(top(m.who), "text", None),
            "what": getattr(top(m.what), "text", None),
            "when_text": when.text if when else None,
            "when_value": when.value if when else None,
            "where_text": getattr(top(m.where), "text", None),
            "why": getattr(top(m.why), "text", None),
            "how": getattr(top(m.how), "text", None),
            "data": serialize.pack(m),
        }
    ]


def _stage_row(a: Analysis, i: int, sentence: int, **columns: object) -> Row:
    return {"doc_id": a.article.doc_id, "idx": i, "sentence_idx": sentence, **columns}


def _packed(table: str, record: object, row: Row, roles: list[Row] | None = None) -> Row:
    """The row with the record packed as its ``data``, without what the columns (and an event's
    role rows) hold."""
    return row | {"data": columns.pack(table, record, row, roles or ())}


def stage_rows(a: Analysis) -> list[Row]:
    d = a.article.doc_id
    return [{"doc_id": d, "ordinal": i, "stage": name, "version": v} for i, (name, v) in enumerate(a.stages)]


# Written in this order (parents first); deleted in the reverse order.
TABLES: tuple[tuple[str, Callable[[Analysis], Iterable[Row]]], ...] = (
    ("document_stages", stage_rows),
    ("sentences", sentence_rows),
    ("entities", entity_rows),
    ("mentions", mention_rows),
    ("entity_links", entity_link_rows),
    ("times", time_rows),
    ("places", place_rows),
    ("relative_locations", relative_rows),
    ("quantities", quantity_rows),
    ("events", event_rows),
    ("event_roles", event_role_rows),
    ("main_events", main_event_rows),
)


def insert_analysis(
    conn: Connection, dialect: str, a: Analysis, linked: dict[str, str] | None = None, doc_key: int | None = None
) -> None:
    """Insert the document's rows (``doc_key``: the key it had, when it is stored again; a new one otherwise)."""
    if doc_key is None:
        doc_key = conn.execute(text(keys.NEXT_KEY)).scalar_one()
    insert_rows(conn, "documents", [document_row(a, doc_key)])
    for table, rows in TABLES:
        # sentences: triggers keep the SQLite search table
        insert_rows(conn, table, list(rows(a)), doc_key if table in keys.KEYED else None)
    entity_table.link_document(conn, a, linked)  # the cross-document entities, in the same transaction


def replace_document(conn: Connection, dialect: str, a: Analysis) -> None:
    """Delete what is stored for the document and insert it again; its entities keep their links
    and the document its key."""
    doc_key = _stored(conn, a.article.doc_id)
    linked = delete_document(conn, dialect, a.article.doc_id) if doc_key is not None else {}
    insert_analysis(conn, dialect, a, linked, doc_key)


def _stored(conn: Connection, doc_id: str) -> int | None:
    """The stored document's key, or None. Every other table's rows reference it (foreign keys), so a
    new document has nothing to delete: one query instead of a DELETE per table."""
    return conn.execute(text("SELECT doc_key FROM documents WHERE doc_id = :d"), {"d": doc_id}).scalar()


def delete_document(conn: Connection, dialect: str, doc_id: str) -> dict[str, str]:
    """Delete a document's rows; returns what its entities were linked to (entity_key -> entity_id)."""
    linked = entity_table.unlink_document(conn, doc_id)  # counts and aliases first, while its rows exist
    for table, _ in reversed(TABLES):  # explicit, so it also holds where cascades are off
        where = keys.BY_DOC if table in keys.KEYED else "doc_id = :d"
        conn.execute(text(f"DELETE FROM {table} WHERE {where}"), {"d": doc_id})
    conn.execute(text("DELETE FROM documents WHERE doc_id = :d"), {"d": doc_id})
    return linked
