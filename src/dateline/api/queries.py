"""The one adapter between the HTTP server and the read side.

Every endpoint and every page gets its data here, and every function here calls the
same query function as the matching CLI command (``dateline.query``, ``dateline.verify``,
``Store.load_analysis``), then filters or pages what it returns. When those signatures
change, only this module changes. Nothing here builds JSON: callers pass the records to
``dateline.serialize.to_json``.
"""

from __future__ import annotations

import calendar
import functools
import threading
import time
import typing
from collections import OrderedDict
from collections.abc import Callable
from datetime import date
from typing import TypeVar

from .. import query
from ..entities.crossdoc import slug
from ..entities.lookup import members
from ..errors import BadRequest, NotFound
from ..export.geojson import feature_collection
from ..export.giveme5w1h import main_event_json
from ..query.records import DocumentSummary, StoreStats
from ..store import Store
from ..types import Answer, EntityKey, EntityPage
from ..verify import check_corpus, check_corpus_for, check_document
from .records import (
    CorpusChecks,
    DocumentChecks,
    DocumentDetail,
    Feature,
    FeatureCollection,
    OneDocumentChecks,
    Page,
    Point,
)

T = TypeVar("T")

# The spaCy pipeline and the parse cache of ``ask`` are not made for several threads at
# once: questions (and HTTP ingest) take turns within one server process.
NLP_LOCK = threading.Lock()

# -- memo -----------------------------------------------------------------------------------
# The read side recomputes corpus-wide results (the entity index, the timeline, the
# document list) on every call; on a large store one call takes seconds to minutes. A
# server keeps the last results per store version: any ingest changes the version.
_MEMO: OrderedDict[tuple, object] = OrderedDict()
_MEMO_LOCK = threading.Lock()
_MEMO_SIZE = 256
_FLIGHTS: dict[tuple, threading.Lock] = {}


_VERSIONS: dict[str, tuple[float, tuple]] = {}
VERSION_TTL_S = 2.0  # how stale a cached result may be after an ingest (the query scans the documents)


def store_version(store: Store) -> tuple:
    """Changes whenever a document is added, re-analysed or deleted (read at most every 2 s)."""
    now = time.monotonic()
    hit = _VERSIONS.get(store.url)
    if hit and now - hit[0] < VERSION_TTL_S:
        return hit[1]
    r = store.query("SELECT COUNT(*) AS n, MAX(ingested_at) AS t, MAX(doc_id) AS d FROM documents")[0]
    version = (store.url, r["n"], r["t"], r["d"])
    _VERSIONS[store.url] = (now, version)
    return version


def memo(fn: Callable[..., T]) -> Callable[..., T]:
    """Cache ``fn(store, **kwargs)`` per store version (results are shared: never mutate them)."""

    @functools.wraps(fn)
    def cached(store: Store, *args, **kwargs) -> T:
        key = (fn.__qualname__, store_version(store), args, tuple(sorted(kwargs.items())))
        with _MEMO_LOCK:
            flight = _FLIGHTS.setdefault(key, threading.Lock())
        # one computation per key at a time: a request that timed out leaves its thread
        # running, and the next request for the same result waits for it, not beside it
        with flight:
            with _MEMO_LOCK:
                if key in _MEMO:
                    _MEMO.move_to_end(key)
                    return typing.cast(T, _MEMO[key])
            value = fn(store, *args, **kwargs)
            with _MEMO_LOCK:
                _MEMO[key] = value
                _FLIGHTS.pop(key, None)
                while len(_MEMO) > _MEMO_SIZE:
                    _MEMO.popitem(last=False)
        return value

    return cached


@memo
def _documents(store: Store) -> list[DocumentSummary]:
    return query.documents(store)


@memo
def _timeline(store: Store, **kwargs) -> dict:
    return query.timeline(store, **kwargs)


@memo
def _entity_page(store: Store, name_or_id: str) -> EntityPage:
    return query.entity_page(store, name_or_id)


def warm(store: Store) -> None:
    """What a server computes once at start, so that first visitors do not wait for it."""
    _stats(store)
    _documents(store)


@memo
def _stats(store: Store) -> StoreStats:
    return query.stats(store)


# -- entity ids in URLs ------------------------------------------------------------------
# The stored cross-document entities have stable ids made from their names ("vladimir-putin").
ENTITY_ID_PATTERN = r"^[^\W_]+(-[^\W_]+){0,31}$"


def entity_key_id(key: EntityKey | str | None) -> str | None:
    """The URL id for a per-document entity key (PERSON:Vladimir Putin -> vladimir-putin);
    the entity page finds the stored entity by id, name or alias."""
    k = key if isinstance(key, EntityKey) or key is None else EntityKey.parse(key)
    if k is None or not k.label or not k.name:
        return None
    return slug(k.name)


def entity_id(name: str, label: str | None = None) -> str:
    return slug(name)


def cross_entity_id(cross_id: str | None, name: str) -> str:
    """A stored entity's id, or one made from the name when it has none."""
    return cross_id or slug(name)


# -- paging and filters --------------------------------------------------------------------
def paged(items: list, offset: int, limit: int) -> tuple[list, Page]:
    return items[offset : offset + limit], Page(total=len(items), offset=offset, limit=limit)


def date_bound(value: str | None, upper: bool) -> str | None:
    """'2019' -> 2019-01-01 (from) or 2019-12-31 (to); '2023-09' likewise; as `timeline --from/--to`."""
    if not value:
        return None
    parts = value.strip().split("-")
    try:
        if len(parts) == 1:
            return f"{int(parts[0]):04d}-12-31" if upper else f"{int(parts[0]):04d}-01-01"
        if len(parts) == 2:
            y, m = int(parts[0]), int(parts[1])
            return f"{y:04d}-{m:02d}-{calendar.monthrange(y, m)[1]:02d}" if upper else f"{y:04d}-{m:02d}-01"
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise BadRequest(f"date {value!r}: use YYYY, YYYY-MM or YYYY-MM-DD") from None


def _published_in(published: str | None, date_from: str | None, date_to: str | None) -> bool:
    if not date_from and not date_to:
        return True
    if not published:
        return False
    return (not date_from or published >= date_from) and (not date_to or published <= date_to)


# -- documents -------------------------------------------------------------------------------
def documents(
    store: Store,
    *,
    date_from: str | None = None,
    date_to: str | None = None,
    source: str | None = None,
    text: str | None = None,
    offset: int = 0,
    limit: int = 100,
) -> tuple[list[DocumentSummary], Page]:
    """`dateline docs`, filtered by publication date, source and words in the text."""
    rows = _documents(store)
    lo, hi = date_bound(date_from, False), date_bound(date_to, True)
    rows = [r for r in rows if _published_in(r.published, lo, hi)]
    if source:
        s = source.lower()
        rows = [r for r in rows if s in (r.source or "").lower() or s in (r.title or "").lower()]
    if text:
        hits = {h.doc_id for h in query.search(store, text, limit=5000)}
        rows = [r for r in rows if r.doc_id in hits]
    return paged(rows, offset, limit)


def recent_documents(store: Store, n: int) -> list[DocumentSummary]:
    """The latest published documents first (the home page)."""
    rows = _documents(store)
    return sorted(rows, key=lambda r: r.published or "", reverse=True)[:n]


@memo
def document(store: Store, doc: str) -> DocumentDetail:
    """Everything about one document: what `show`, `times`, `places`, `quantities`,
    `events`, `main-event` and `check` (its own checks) give for it."""
    shown = query.show(store, doc)
    a = store.load_analysis(shown.doc_id)
    return DocumentDetail(
        document=shown,
        times=a.times,
        sentence_times=a.sentence_times,
        places=a.places,
        relative_locations=a.relative_locations,
        quantities=a.quantities,
        events=a.events,
        main_event=main_event_json(a.article.doc_id, a.main_event),
        checks=check_document(a),
    )


# -- entities ----------------------------------------------------------------------------------
def entities(
    store: Store,
    *,
    q: str | None = None,
    label: str | None = None,
    doc: str | None = None,
    offset: int = 0,
    limit: int = 100,
) -> tuple[list[dict], Page]:
    """`dateline entities`, searched by name or alias (case-insensitive words)."""
    rows = query.entities(store, label=label, doc=doc, query=q)
    return paged(rows, offset, limit)


def entity(store: Store, entity_id_: str) -> EntityPage:
    """`dateline entity NAME` for the stored entity the URL id names."""
    return _entity_page(store, entity_id_)


# -- timeline, search, ask, stats ------------------------------------------------------------
def timeline(
    store: Store,
    *,
    entity: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    status: str | None = None,
    type_: str | None = None,
    include_all: bool = False,
    offset: int = 0,
    limit: int = 100,
) -> tuple[dict, Page]:
    """`dateline timeline`, with events filtered by status and type, one page of them."""
    out = _timeline(
        store,
        entity=entity,
        date_from=date_bound(date_from, False),
        date_to=date_bound(date_to, True),
        include_all=include_all,
    )
    events = out["events"]
    if status:
        events = [e for e in events if e["status"] == status.lower()]
    if type_:
        events = [e for e in events if e["type"] == type_.upper()]
    events, page = paged(events, offset, limit)
    return {**out, "events": events}, page


def search(store: Store, q: str, *, any_word: bool = False, offset: int = 0, limit: int = 20) -> tuple[list, Page]:
    """`dateline search`: sentences matching the words, best first."""
    rows = query.search(store, q, limit=offset + limit, any_word=any_word)
    return rows[offset:], Page(total=len(rows), offset=offset, limit=limit)


def ask(store: Store, question: str, careful: bool = False) -> Answer:
    """`dateline ask [--careful]`: the answer with its citations."""
    with NLP_LOCK:
        return query.ask(store, question, careful=careful)


def stats(store: Store) -> StoreStats:
    return _stats(store)


# -- checks --------------------------------------------------------------------------------------
def checks(store: Store, doc: str | None = None) -> CorpusChecks | OneDocumentChecks:
    """`dateline check [DOC]`: per-document checks, and the cross-document ones."""
    if doc is not None:
        doc_id = store.resolve_doc(doc)
        a = store.load_analysis(doc_id)
        others = [store.load_analysis(d) for d in store.doc_ids() if d != doc_id]
        across = check_corpus_for(doc_id, [a, *others])
        return OneDocumentChecks(doc_id, a.article.source, check_document(a), across)
    analyses = [store.load_analysis(d) for d in store.doc_ids()]
    per_doc = tuple(DocumentChecks(a.article.doc_id, a.article.source, check_document(a)) for a in analyses)
    return CorpusChecks(per_doc, check_corpus(analyses) if len(analyses) > 1 else ())


# -- maps ------------------------------------------------------------------------------------------
def _entity_docs(store: Store, name: str) -> set[str]:
    found = query.find_entities(store, name)
    if not found:
        raise NotFound(f"entity {name!r}")
    return {doc for doc, _ in members(store, found[0].entity_id)}


def places_geojson(
    store: Store,
    *,
    date_from: str | None = None,
    date_to: str | None = None,
    entity: str | None = None,
    offset: int = 0,
    limit: int = 200,
) -> tuple[dict, Page]:
    """`dateline export --format geojson` for the documents published in the range (and
    naming the entity), one page of documents at a time; an unresolved place keeps its
    null geometry, as in the export (the map lists it apart)."""
    lo, hi = date_bound(date_from, False), date_bound(date_to, True)
    ids = [r.doc_id for r in _documents(store) if _published_in(r.published, lo, hi)]
    if entity:
        mine = _entity_docs(store, entity)
        ids = [d for d in ids if d in mine]
    ids, page = paged(ids, offset, limit)
    return feature_collection(store.load_analysis(d) for d in ids), page


def events_geojson(
    store: Store, *, date_from: str | None = None, date_to: str | None = None, entity: str | None = None
) -> FeatureCollection:
    """The timeline's events that have a located place, as GeoJSON points."""
    out, _ = timeline(store, entity=entity, date_from=date_from, date_to=date_to, limit=10**9)
    feats = []
    for e in out["events"]:
        place = e.get("place") or {}
        if place.get("lat") is not None and place.get("lon") is not None:
            feats.append(Feature(Point((place["lon"], place["lat"])), e))
    return FeatureCollection(tuple(feats))
