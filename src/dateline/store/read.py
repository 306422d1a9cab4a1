"""Rebuilding stored records: an article, its parse and every stage's output.

:func:`load_analysis` returns exactly the :class:`Analysis` the pipeline saved,
tokens and noun chunks included, so the read side never parses text again.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from .. import serialize
from ..errors import NotFound, StaleDocument
from ..types import (
    Analysis,
    Article,
    Entity,
    EntityKey,
    EntityLink,
    Event,
    MainEvent,
    Mention,
    ParsedDoc,
    Place,
    Quantity,
    RelativeLocation,
    Sentence,
    SentenceTime,
    TimeValue,
    Token,
)
from . import columns, tokens
from .doc_text import text_from, text_of
from .keys import BY_DOC
from .mention_keys import key_of

T = TypeVar("T")
Query = Callable[..., list[dict[str, Any]]]


def _document(query: Query, doc_id: str) -> dict[str, Any]:
    rows = query("SELECT * FROM documents WHERE doc_id = :d", d=doc_id)
    if not rows:
        raise NotFound(f"document {doc_id!r}")
    return rows[0]


def article(query: Query, doc_id: str) -> Article:
    row = _document(query, doc_id)
    return article_from_row(row | {"text": text_of(query, row)})


def article_from_row(r: dict[str, Any]) -> Article:
    """An article from its ``documents`` row, whose ``text`` is the whole text (:func:`text_of`)."""
    return Article(
        doc_id=r["doc_id"],
        text=r["text"],
        source=r["source"],
        published=date.fromisoformat(r["published"]) if r["published"] else None,
        title=r["title"],
        description=r["description"],
        body_start=r["body_start"],
        url=r["url"],
        source_domain=r["source_domain"],
        language=r["language"],
        record_id=r["record_id"],
        format=r["format"],
        warnings=tuple(json.loads(r["warnings"] or "[]")),
    )


def sentence_from_row(r: dict[str, Any]) -> Sentence:
    return Sentence(r["idx"], r["start_char"], r["end_char"], r["text"], r["token_start"], r["token_end"])


def sentence_parse(r: dict[str, Any]) -> tuple[Sentence, tuple[Token, ...], tuple[tuple[int, int], ...]]:
    """One stored sentence with its tokens and noun chunks (document-level indexes)."""
    s = sentence_from_row(r)
    if r["tokens"] is None:
        raise StaleDocument(f"document {r['doc_id']!r}")
    toks, chunks = tokens.decode(bytes(r["tokens"]), s)
    return s, toks, chunks


def _sentence_time(r: dict[str, Any]) -> SentenceTime:
    return SentenceTime(
        r["idx"], r["time_value"], r["time_earliest"], r["time_latest"], r["time_rule"], r["time_timex"]
    )


def _mention(r: dict[str, Any]) -> Mention:
    return Mention(
        r["start_char"],
        r["end_char"],
        r["text"],
        r["label"],
        r["sentence_idx"],
        r["token_start"],
        r["token_end"],
        EntityKey.parse(key_of(r)),
    )


def _link(r: dict[str, Any]) -> EntityLink:
    return EntityLink(
        r["start_char"], r["end_char"], r["text"], r["sentence_idx"], r["token_start"], r["token_end"], r["head"],
        r["kind"], EntityKey.parse(r["entity_key"]),
    )  # fmt: skip


def _entity(r: dict[str, Any]) -> Entity:
    return Entity(
        EntityKey.parse(r["entity_key"]), r["name"], r["label"], r["mentions"], tuple(json.loads(r["aliases"]))
    )


def parsed_doc(query: Query, row: dict[str, Any]) -> tuple[ParsedDoc, tuple[SentenceTime, ...]]:
    """The parse of a ``documents`` row, its article's text rebuilt from the same sentence rows."""
    d = row["doc_id"]
    sents = query("SELECT * FROM sentences WHERE doc_id = :d ORDER BY idx", d=d)
    art = article_from_row(row | {"text": text_from(row, sents)})
    sentences: list[Sentence] = []
    toks: list[Token] = []
    chunks: list[tuple[int, int]] = []
    for r in sents:
        s, t, c = sentence_parse(r)
        sentences.append(s)
        toks.extend(t)
        chunks.extend(c)
    mentions = tuple(_mention(r) for r in query(f"SELECT * FROM mentions WHERE {BY_DOC} ORDER BY idx", d=d))
    entities = tuple(
        _entity(r)
        for r in query(f"SELECT * FROM entities WHERE {BY_DOC} ORDER BY mentions DESC, name, entity_key", d=d)
    )
    stimes = tuple(_sentence_time(r) for r in sents if r["time_rule"] is not None)
    return ParsedDoc(art, tuple(toks), tuple(sentences), mentions, entities, tuple(chunks)), stimes


def _records(query: Query, cls: type[T], table: str, doc_id: str) -> tuple[T, ...]:
    rows = query(f"SELECT {columns.select(table)} FROM {table} WHERE {BY_DOC} ORDER BY idx", d=doc_id)
    return tuple(columns.record(cls, table, r) for r in rows)


def event_records(query: Query, rows: list[dict[str, Any]]) -> list[Event]:
    """Events from their rows (``columns.select("events")``), each with its roles' rows."""
    roles = event_roles(query, {(r["doc_key"], r["idx"]) for r in rows})
    return [columns.record(Event, "events", r, roles.get((r["doc_key"], r["idx"]), ())) for r in rows]


def event_roles(query: Query, wanted: set[tuple[int, int]]) -> dict[tuple[int, int], list[dict[str, Any]]]:
    """(doc_key, event index) -> the event's role rows in order. Keys and indexes are integers,
    written inline, a few hundred documents a statement."""
    by_doc: dict[int, set[int]] = {}
    for k, i in wanted:
        by_doc.setdefault(k, set()).add(i)
    docs = sorted(by_doc)
    out: dict[tuple[int, int], list[dict[str, Any]]] = {}
    for n in range(0, len(docs), 200):
        where = " OR ".join(
            f"(doc_key = {int(k)} AND event_idx IN ({', '.join(str(int(i)) for i in sorted(by_doc[k]))}))"
            for k in docs[n : n + 200]
        )
        sql = "SELECT doc_key, event_idx, role, text, entity_key FROM event_roles WHERE "
        for r in query(sql + where + " ORDER BY doc_key, event_idx, idx"):
            out.setdefault((r["doc_key"], r["event_idx"]), []).append(r)
    return out


_EVENTS = f"SELECT {columns.select('events')} FROM events WHERE {BY_DOC} ORDER BY idx"


def load_analysis(query: Query, doc_id: str) -> Analysis:
    parsed, stimes = parsed_doc(query, _document(query, doc_id))
    main = query(f"SELECT data FROM main_events WHERE {BY_DOC}", d=doc_id)
    return Analysis(
        parsed=parsed,
        times=_records(query, TimeValue, "times", doc_id),
        sentence_times=stimes,
        places=_records(query, Place, "places", doc_id),
        relative_locations=_records(query, RelativeLocation, "relative_locations", doc_id),
        quantities=_records(query, Quantity, "quantities", doc_id),
        events=tuple(event_records(query, query(_EVENTS, d=doc_id))),
        main_event=serialize.loads(MainEvent, main[0]["data"]) if main else None,
        coref=tuple(_link(r) for r in query(f"SELECT * FROM entity_links WHERE {BY_DOC} ORDER BY idx", d=doc_id)),
        stages=stage_versions(query, doc_id),
    )


def stage_versions(query: Query, doc_id: str) -> tuple[tuple[str, int], ...]:
    """The stages that made the stored analysis, in pipeline order, with their versions."""
    rows = query(f"SELECT stage, version FROM document_stages WHERE {BY_DOC} ORDER BY ordinal", d=doc_id)
    return tuple((r["stage"], r["version"]) for r in rows)


def sentence_docs(query: Query, keys: list[tuple[str, int]]) -> dict[tuple[str, int], ParsedDoc]:
    """Stored sentences as one-sentence parses, offsets and token indexes from 0.

    For the read side, which looks at sentences one by one: the parse is the one the
    pipeline made in the document's context, not a new parse of the sentence alone.
    """
    out: dict[tuple[str, int], ParsedDoc] = {}
    by_doc: dict[str, set[int]] = {}
    for d, i in keys:
        by_doc.setdefault(d, set()).add(i)
    docs = list(by_doc.items())
    for start in range(0, len(docs), 50):  # one statement for many documents: a round trip each costs on a server
        params: dict[str, Any] = {}
        parts = []
        for k, (d, idxs) in enumerate(docs[start : start + 50]):
            params[f"d{k}"] = d
            parts.append(f"(doc_id = :d{k} AND idx IN ({', '.join(str(int(i)) for i in sorted(idxs))}))")
        for r in query(f"SELECT * FROM sentences WHERE {' OR '.join(parts)}", **params):
            out[(r["doc_id"], r["idx"])] = _one_sentence(r)
    return out


def _one_sentence(r: dict[str, Any]) -> ParsedDoc:
    s, toks, chunks = sentence_parse(r)
    t0, c0, n = s.token_start, s.start, len(s.text)
    kept = [t for t in toks if t.start - c0 < n]  # trailing blank-line tokens belong to no sentence text
    last = len(kept)

    def rebase(t: Token) -> Token:
        head = t.head - t0
        return Token(
            t.i - t0, t.text, t.start - c0, t.end - c0, t.lemma, t.pos, t.tag, t.dep,
            head if 0 <= head < last else t.i - t0, 0, t.ent_type, t.ent_iob, t.is_stop, t.like_num,
        )  # fmt: skip

    art = Article(doc_id=f"{r['doc_id']}#{r['idx']}", text=s.text, source="<store>")
    sent = Sentence(0, 0, n, s.text, 0, last)
    local_chunks = tuple((a - t0, b - t0) for a, b in chunks if b - t0 <= last)
    return ParsedDoc(art, tuple(rebase(t) for t in kept), (sent,), (), (), local_chunks)
