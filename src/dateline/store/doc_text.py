"""Migration 0020, a document's text stored once: in its sentences.

``documents.text`` held the article whole while every sentence row holds its own text (the
search table's content, what the read side cites), so each article was stored twice. Where the
sentences, in order, are slices of the text that do not overlap, the characters between them
(``documents.text_gaps``: the gaps concatenated, each one as long as the distance from a
sentence's end to the next one's start, then whatever follows the last) are all that is kept
besides them: ``documents.text`` is '' and :func:`whole` puts the text back. A text its
sentences do not rebuild exactly keeps its column, with ``text_gaps`` NULL.

Read a document's text by :func:`text_of` (or ``Store.article``), never ``documents.text``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection

from .compact import Step

Span = tuple[int, int, str]  # a sentence's start and end offsets in the document, and its text
# A document's sentences, for a WHERE on doc_id bound as :d.
SPANS = "SELECT start_char, end_char, text FROM sentences WHERE doc_id = :d ORDER BY idx"
_DOCS_PER_BATCH = 200


def gaps(doc_text: str, spans: Sequence[Span]) -> str | None:
    """The text between (and around) the sentences, or None where they do not rebuild it."""
    out, at = [], 0
    for start, end, s in spans:
        if start < at or end > len(doc_text) or doc_text[start:end] != s:
            return None
        out.append(doc_text[at:start])
        at = end
    out.append(doc_text[at:])
    rest = "".join(out)
    return rest if whole(rest, spans) == doc_text else None


def whole(rest: str, spans: Sequence[Span]) -> str:
    """The document text from its sentences and what :func:`gaps` left between them."""
    out, at, used = [], 0, 0
    for start, end, s in spans:
        n = start - at
        out.append(rest[used : used + n])
        out.append(s)
        used, at = used + n, end
    out.append(rest[used:])
    return "".join(out)


def text_of(query: Callable[..., list[dict[str, Any]]], row: dict[str, Any]) -> str:
    """A ``documents`` row's whole text (its ``doc_id``, ``text`` and ``text_gaps``)."""
    if row["text_gaps"] is None:
        return row["text"]
    return text_from(row, query(SPANS, d=row["doc_id"]))


def text_from(row: dict[str, Any], sentences: Sequence[dict[str, Any]]) -> str:
    """A ``documents`` row's whole text, from its sentence rows in order (for a reader that has them)."""
    if row["text_gaps"] is None:
        return row["text"]
    return whole(row["text_gaps"], [(r["start_char"], r["end_char"], r["text"]) for r in sentences])


def drop_texts(conn: Connection, dialect: str) -> None:
    """Each stored text its sentences rebuild becomes '' with the gaps kept, a batch at a time."""
    ids = [r[0] for r in conn.execute(text("SELECT doc_id FROM documents WHERE text_gaps IS NULL ORDER BY doc_id"))]
    for n in range(0, len(ids), _DOCS_PER_BATCH):
        params = {f"d{k}": d for k, d in enumerate(ids[n : n + _DOCS_PER_BATCH])}
        listed = ", ".join(":" + k for k in params)
        docs = conn.execute(text(f"SELECT doc_id, text FROM documents WHERE doc_id IN ({listed})"), params)
        spans: dict[str, list[Span]] = {}
        sql = f"SELECT doc_id, start_char, end_char, text FROM sentences WHERE doc_id IN ({listed})"
        sql += " ORDER BY doc_id, idx"
        for d, start, end, s in conn.execute(text(sql), params):
            spans.setdefault(d, []).append((start, end, s))
        updates = []
        for d, doc_text in docs.fetchall():
            rest = gaps(doc_text, spans.get(d, []))
            if rest is not None:
                updates.append({"d": d, "g": rest})
        if updates:
            conn.execute(text("UPDATE documents SET text = '', text_gaps = :g WHERE doc_id = :d"), updates)


TEXT_ONCE: dict[str, list[Step]] = {
    dialect: ["ALTER TABLE documents ADD COLUMN text_gaps TEXT", drop_texts] for dialect in ("sqlite", "postgresql")
}
