"""Read-side query functions: each returns records that the CLI prints as a table or
as JSON, and that the HTTP API serves (one function, two renderings)."""

from __future__ import annotations

import os
import re

from ..store import Store
from . import fts
from .records import DocumentSummary, DocumentTimes, DocumentView, SearchHit, SentenceView, StoreStats

_WORD = re.compile(r"[\w][\w'’-]*", re.UNICODE)


def documents(store: Store) -> list[DocumentSummary]:
    return [DocumentSummary(**r) for r in store.documents()]


def fts_query(text: str) -> str:
    """User words -> an FTS5 query: every word must appear (quoted, so no syntax leaks)."""
    words = _WORD.findall(text)
    return " ".join('"' + w.replace('"', "") + '"' for w in words)


def in_text(query: str) -> str:
    """Restrict an FTS5 query to the sentence text (the table also indexes doc ids)."""
    return "{text} : (" + query + ")"


def search(store: Store, text: str, limit: int = 20, any_word: bool = False, offset: int = 0) -> list[SearchHit]:
    """Sentences matching the query, best first: BM25 over FTS5 on SQLite, ts_rank_cd over
    the GIN-indexed tsvector on PostgreSQL. Both read one parsed query (:mod:`.fts`), so
    words, OR/AND/NOT, phrases and prefixes mean the same on each; bad syntax is E706."""
    if not fts.has_words(text):
        return []
    tree = fts.parse(text, any_word=any_word)
    if store.dialect == "sqlite":
        sql = (
            "SELECT f.doc_id, CAST(f.idx AS INTEGER) AS sentence_index, f.text, d.published, d.title, d.source, "
            "bm25(sentences_fts, 1.0, 0.0, 0.0) AS score, snippet(sentences_fts, 0, '[', ']', '…', 24) AS snippet "
            "FROM sentences_fts f JOIN documents d ON d.doc_id = f.doc_id "
            "WHERE sentences_fts MATCH :q ORDER BY score, f.doc_id, f.idx LIMIT :n OFFSET :o"
        )
        rows = store.query(sql, q=in_text(fts.to_fts5(tree)), n=limit, o=offset)
        return [SearchHit(**r) for r in rows]
    params: dict[str, str] = {}
    tsq = fts.to_tsquery(tree, params)
    sql = (
        "SELECT h.doc_id, h.sentence_index, h.text, h.published, h.title, h.source, h.score, "
        "ts_headline('english', h.text, h.q, 'StartSel=[, StopSel=], MaxFragments=1, MaxWords=24, MinWords=8') "
        "AS snippet FROM ("
        "SELECT s.doc_id, s.idx AS sentence_index, s.text, d.published, d.title, d.source, q.q, "
        "-ts_rank_cd(s.tsv, q.q) AS score "
        f"FROM sentences s JOIN documents d ON d.doc_id = s.doc_id CROSS JOIN (SELECT {tsq} AS q) q "
        "WHERE s.tsv @@ q.q ORDER BY score, s.doc_id, s.idx LIMIT :n OFFSET :o) h "
        "ORDER BY h.score, h.doc_id, h.sentence_index"
    )
    return [SearchHit(**r) for r in store.query(sql, n=limit, o=offset, **params)]


def stats(store: Store) -> StoreStats:
    one = lambda sql: store.query(sql)[0]["n"]  # noqa: E731
    out = {
        "documents": one("SELECT COUNT(*) AS n FROM documents"),
        "sentences": one("SELECT COUNT(*) AS n FROM sentences"),
        "tokens": one("SELECT COALESCE(SUM(n_tokens), 0) AS n FROM documents"),
        "mentions": one("SELECT COUNT(*) AS n FROM mentions"),
        "entities": one("SELECT COUNT(*) AS n FROM entities"),
        "times": one("SELECT COUNT(*) AS n FROM times"),
        "places": one("SELECT COUNT(*) AS n FROM places"),
        "quantities": one("SELECT COUNT(*) AS n FROM quantities"),
        "events": one("SELECT COUNT(*) AS n FROM events"),
        "undated_documents": one("SELECT COUNT(*) AS n FROM documents WHERE published IS NULL"),
    }
    rng = store.query("SELECT MIN(published) AS first, MAX(published) AS last FROM documents")[0]
    out["published_from"], out["published_to"] = rng["first"], rng["last"]
    out["mentions_by_type"] = {
        r["label"]: r["n"]
        for r in store.query("SELECT label, COUNT(*) AS n FROM mentions GROUP BY label ORDER BY n DESC, label")
    }
    out["events_by_type"] = {
        r["type"]: r["n"]
        for r in store.query("SELECT type, COUNT(*) AS n FROM events GROUP BY type ORDER BY n DESC, type")
    }
    out["migrations"] = tuple(name for name, _ in store.migrations())
    out["database"] = store.url
    if store.url.startswith("sqlite:///"):
        path = store.url[len("sqlite:///") :]
        out["database_bytes"] = os.path.getsize(path) if os.path.exists(path) else 0
    return StoreStats(**out)


def show(store: Store, doc: str) -> DocumentView:
    """One document with its sentences and entity mentions (offsets into ``text``)."""
    doc_id = store.resolve_doc(doc)
    a = store.load_analysis(doc_id)
    art = a.article
    times = {t.sentence: t for t in a.sentence_times}
    return DocumentView(
        doc_id=doc_id,
        source=art.source,
        format=art.format,
        title=art.title,
        published=art.published.isoformat() if art.published else None,
        url=art.url,
        record_id=art.record_id,
        warnings=art.warnings,
        text=art.text,
        sentences=tuple(SentenceView(s.index, s.start, s.end, s.text, times.get(s.index)) for s in a.parsed.sentences),
        mentions=a.parsed.mentions,
        entities=a.parsed.entities,
    )


def times(store: Store, doc: str) -> DocumentTimes:
    doc_id = store.resolve_doc(doc)
    a = store.load_analysis(doc_id)
    pub = a.article.published.isoformat() if a.article.published else None
    return DocumentTimes(doc_id, pub, a.times, a.sentence_times, a.parsed.sentences)
