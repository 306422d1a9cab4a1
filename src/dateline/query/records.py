"""Records the read side returns: the CLI renders them as tables, ``--json`` and the
HTTP API as :func:`dateline.serialize.to_json` of the same record."""

from __future__ import annotations

from dataclasses import dataclass

from ..types import Entity, Mention, Sentence, SentenceTime, TimeValue


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    doc_id: str
    source: str
    format: str
    title: str | None
    published: str | None
    record_id: str | None
    n_sentences: int
    n_tokens: int
    n_mentions: int


@dataclass(frozen=True, slots=True)
class SentenceView:
    index: int
    start: int
    end: int
    text: str
    time: SentenceTime | None = None


@dataclass(frozen=True, slots=True)
class DocumentView:
    """One document: its text, sentences (with their resolved time), mentions and entities."""

    doc_id: str
    source: str
    format: str
    title: str | None
    published: str | None
    url: str | None
    record_id: str | None
    warnings: tuple[str, ...]
    text: str
    sentences: tuple[SentenceView, ...]
    mentions: tuple[Mention, ...]
    entities: tuple[Entity, ...]


@dataclass(frozen=True, slots=True)
class SearchHit:
    doc_id: str
    sentence_index: int
    text: str
    published: str | None
    title: str | None
    source: str
    score: float
    snippet: str


@dataclass(frozen=True, slots=True)
class StoreStats:
    documents: int
    sentences: int
    tokens: int
    mentions: int
    entities: int
    times: int
    places: int
    quantities: int
    events: int
    undated_documents: int
    published_from: str | None
    published_to: str | None
    mentions_by_type: dict[str, int]
    events_by_type: dict[str, int]
    migrations: tuple[str, ...]
    database: str
    database_bytes: int | None = None


@dataclass(frozen=True, slots=True)
class DocumentTimes:
    """A document's time expressions (TIMEX3) and each sentence's resolved time."""

    doc_id: str
    published: str | None
    times: tuple[TimeValue, ...]
    sentence_times: tuple[SentenceTime, ...]
    sentences: tuple[Sentence, ...] = ()
