"""The store's tables as flat rows for analysts' tools: CSV, JSON Lines, Parquet, GeoJSON.

Each table is a list of typed columns and a function from the store to rows (dicts of
those columns, in a stable order). Lists (an event's actors and sources, an entity's
aliases) stay lists in JSON Lines and Parquet and are joined with ``"; "`` in CSV. Events
are one row each: the date they happened (TIMEX3 value, its earliest and latest day and
granularity), status, type, trigger, actors, place with latitude/longitude, and the
sentence that reports it as their source.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO, TextIO

from .. import serialize
from ..store.doc_text import text_of
from .mentions import mention_rows

Row = dict[str, Any]

# Roles that name who took part (the event's actors), in the order they are listed.
ACTOR_ROLES = ("agent", "patient", "recipient")


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    kind: str  # str | int | float | list


@dataclass(frozen=True, slots=True)
class TableSpec:
    name: str
    columns: tuple[Column, ...]
    rows: Callable[[Any], Iterator[Row]]
    count_sql: str


def _cols(spec: str) -> tuple[Column, ...]:
    """``"doc_id idx:int lat:float aliases:list"`` -> columns (str when no kind is given)."""
    return tuple(Column(*(part.split(":") if ":" in part else (part, "str"))) for part in spec.split())


def _select(sql: str) -> Callable[[Any], Iterator[Row]]:
    def rows(store) -> Iterator[Row]:
        yield from store.query(sql)

    return rows


_DOCUMENTS = (
    "SELECT doc_id, published, title, description, source, url, source_domain, language, record_id, format, "
    "n_sentences, n_tokens, ingested_at, text, text_gaps FROM documents ORDER BY published, source, doc_id"
)
_SENTENCES = (
    "SELECT s.doc_id, s.idx, s.start_char, s.end_char, d.published, s.time_value, s.time_earliest, s.time_latest, "
    "s.text FROM sentences s JOIN documents d ON d.doc_id = s.doc_id ORDER BY d.published, s.doc_id, s.idx"
)
_PLACES = (
    "SELECT d.doc_id, p.idx, p.sentence_idx, d.published, p.text, p.name, p.feature, p.country_code, p.admin1, "
    "p.lat, p.lon, p.geonameid, p.confidence FROM places p JOIN documents d ON d.doc_key = p.doc_key "
    "ORDER BY d.published, d.doc_id, p.idx"
)


def _documents(store) -> Iterator[Row]:
    for r in store.query(_DOCUMENTS):
        yield {k: v for k, v in r.items() if k != "text_gaps"} | {"text": text_of(store.query, r)}


def _mentions(store) -> Iterator[Row]:
    for m in mention_rows(store):
        yield serialize.to_json(m)


def _entities(store) -> Iterator[Row]:
    aliases: dict[str, list[str]] = defaultdict(list)
    for r in store.query("SELECT entity_id, alias FROM canonical_aliases ORDER BY entity_id, count DESC, alias"):
        if r["alias"] not in aliases[r["entity_id"]]:
            aliases[r["entity_id"]].append(r["alias"])
    rows = store.query(
        "SELECT entity_id, name, label, mentions, documents, first_seen, last_seen FROM canonical_entities "
        "ORDER BY mentions DESC, entity_id"
    )
    for r in rows:
        yield r | {"aliases": [a for a in aliases.get(r["entity_id"], []) if a != r["name"]]}


_EVENTS = (
    "SELECT d.doc_id, e.idx, e.sentence_idx, d.published, e.time_value, e.time_earliest, e.time_latest, e.status, "
    "e.type, e.trigger, e.latitude AS lat, e.longitude AS lon, d.title, d.source, d.url, s.text AS sentence "
    "FROM events e "
    "JOIN documents d ON d.doc_key = e.doc_key "
    "LEFT JOIN sentences s ON s.doc_id = d.doc_id AND s.idx = e.sentence_idx "
    "ORDER BY COALESCE(e.time_earliest, d.published), d.doc_id, e.idx"
)


_ROLES = (
    "SELECT d.doc_id, r.event_idx, r.role, r.text FROM event_roles r JOIN documents d ON d.doc_key = r.doc_key "
    "ORDER BY d.doc_id, r.event_idx, r.idx"
)


def _events(store) -> Iterator[Row]:
    from ..time import granularity  # here: the CLI imports this module to list the tables

    roles: dict[tuple[str, int], list[Row]] = defaultdict(list)
    for r in store.query(_ROLES):
        roles[(r["doc_id"], r["event_idx"])].append(r)
    for e in store.query(_EVENTS):
        mine = roles.get((e["doc_id"], e["idx"]), [])
        place = next((r["text"] for r in mine if r["role"] == "place"), None)
        yield {
            "event_id": f"{e['doc_id']}#{e['idx']}",
            "date": e["time_value"],
            "date_earliest": e["time_earliest"],
            "date_latest": e["time_latest"],
            "granularity": granularity(e["time_value"]),
            "status": e["status"],
            "type": e["type"],
            "trigger": e["trigger"],
            "actors": [r["text"] for role in ACTOR_ROLES for r in mine if r["role"] == role],
            "place": place,
            "lat": e["lat"],
            "lon": e["lon"],
            "published": e["published"],
            "sources": [f"{e['doc_id']}#{e['sentence_idx']}"],
            "title": e["title"] or e["source"],
            "url": e["url"],
            "sentence": e["sentence"],
        }


TABLES: dict[str, TableSpec] = {
    t.name: t
    for t in (
        TableSpec(
            "documents",
            _cols(
                "doc_id published title description source url source_domain language record_id format"
                " n_sentences:int n_tokens:int ingested_at text"
            ),
            _documents,
            "SELECT COUNT(*) AS n FROM documents",
        ),
        TableSpec(
            "sentences",
            _cols("doc_id idx:int start_char:int end_char:int published time_value time_earliest time_latest text"),
            _select(_SENTENCES),
            "SELECT COUNT(*) AS n FROM sentences",
        ),
        TableSpec(
            "mentions",
            _cols("doc_id record_id start:int end:int text label entity_id kind"),
            _mentions,
            "SELECT (SELECT COUNT(*) FROM mentions) + (SELECT COUNT(*) FROM entity_links) AS n",
        ),
        TableSpec(
            "entities",
            _cols("entity_id name label mentions:int documents:int first_seen last_seen aliases:list"),
            _entities,
            "SELECT COUNT(*) AS n FROM canonical_entities",
        ),
        TableSpec(
            "events",
            _cols(
                "event_id date date_earliest date_latest granularity status type trigger actors:list place"
                " lat:float lon:float published sources:list title url sentence"
            ),
            _events,
            "SELECT COUNT(*) AS n FROM events",
        ),
        TableSpec(
            "places",
            _cols(
                "doc_id idx:int sentence_idx:int published text name feature country_code admin1 lat:float lon:float"
                " geonameid:int confidence:float"
            ),
            _select(_PLACES),
            "SELECT COUNT(*) AS n FROM places",
        ),
    )
}


def count(store, table: str) -> int:
    """About how many rows the table gives (the mentions export gives a plural reference one group line)."""
    return int(store.query(TABLES[table].count_sql)[0]["n"])


def table_rows(store, table: str) -> Iterator[Row]:
    """The table's rows with exactly its columns, in order."""
    names = [c.name for c in TABLES[table].columns]
    for r in TABLES[table].rows(store):
        yield {n: r.get(n) for n in names}


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return "" if value is None else value


def write_csv(spec: TableSpec, rows: Iterable[Row], out: TextIO) -> int:
    w = csv.writer(out, lineterminator="\n")
    w.writerow([c.name for c in spec.columns])
    n = 0
    for r in rows:
        w.writerow([_cell(r[c.name]) for c in spec.columns])
        n += 1
    return n


def write_jsonl(rows: Iterable[Row], out: TextIO) -> int:
    n = 0
    for r in rows:
        out.write(serialize.dumps(r) + "\n")
        n += 1
    return n


def write_parquet(spec: TableSpec, rows: Iterable[Row], out: BinaryIO | str, batch: int = 10_000) -> int:
    """Parquet through pyarrow, with the table's column types (so an empty table is typed too),
    written in row groups of ``batch`` rows."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    kinds = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "list": pa.list_(pa.string())}
    schema = pa.schema([pa.field(c.name, kinds[c.kind]) for c in spec.columns])
    n, chunk = 0, []
    with pq.ParquetWriter(out, schema) as writer:
        for r in rows:
            chunk.append(r)
            if len(chunk) >= batch:
                writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
                n, chunk = n + len(chunk), []
        if chunk or n == 0:
            writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
            n += len(chunk)
    return n


def events_geojson(rows: Iterable[Row]) -> dict:
    """Located events as GeoJSON points with their dates in the properties (``date``,
    ``date_earliest``, ``date_latest``: ISO days, so a map filters them by time)."""
    feats = [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [r["lon"], r["lat"]]}, "properties": r}
        for r in rows
        if r.get("lat") is not None and r.get("lon") is not None
    ]
    return {"type": "FeatureCollection", "features": feats}
