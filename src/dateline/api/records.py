"""Records the HTTP API serves that the query layer does not (yet) return itself.

Each is a frozen dataclass turned into JSON by ``dateline.serialize.to_json`` like every
other record: the API never builds JSON by hand. Where a CLI command builds the same
envelope inside ``cli/`` today (``check``, ``ingest``), the fields here are the same, so
the lead can move one definition into ``query/`` for both.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..query.records import DocumentView
from ..types import Check, Event, Place, Quantity, RelativeLocation, SentenceTime, TimeValue


@dataclass(frozen=True, slots=True)
class Page:
    """Where a list response sits in the whole list (sent as headers, not in the body)."""

    total: int
    offset: int
    limit: int


@dataclass(frozen=True, slots=True)
class DocumentDetail:
    """One document with everything known about it: what `show`, `times`, `places`,
    `quantities`, `events`, `main-event` and `check` print for it, in one response."""

    document: DocumentView  # query.show(): text, sentences, mentions (with entity keys), entities
    times: tuple[TimeValue, ...]
    sentence_times: tuple[SentenceTime, ...]
    places: tuple[Place, ...]
    relative_locations: tuple[RelativeLocation, ...]
    quantities: tuple[Quantity, ...]
    events: tuple[Event, ...]
    main_event: dict  # export.giveme5w1h.main_event_json(): what `main-event --json` prints
    checks: tuple[Check, ...]  # verify.check_document(): the document's own checks


@dataclass(frozen=True, slots=True)
class DocumentChecks:
    doc_id: str
    source: str
    checks: tuple[Check, ...]


@dataclass(frozen=True, slots=True)
class CorpusChecks:
    """`dateline check --json`: every document's checks and the cross-document ones."""

    documents: tuple[DocumentChecks, ...]
    across_documents: tuple[Check, ...]


@dataclass(frozen=True, slots=True)
class OneDocumentChecks:
    """`dateline check DOC --json`: one document's checks, and the cross-document ones citing it."""

    doc_id: str
    source: str
    checks: tuple[Check, ...]
    across_documents: tuple[Check, ...]


@dataclass(frozen=True, slots=True)
class Point:
    coordinates: tuple[float, float]  # GeoJSON order: lon, lat
    type: str = "Point"


@dataclass(frozen=True, slots=True)
class Feature:
    geometry: Point
    properties: dict  # a timeline event (query.timeline) as `timeline --json` prints it
    type: str = "Feature"


@dataclass(frozen=True, slots=True)
class FeatureCollection:
    features: tuple[Feature, ...]
    type: str = "FeatureCollection"


@dataclass(frozen=True, slots=True)
class IngestFailure:
    source: str
    code: str
    error: str  # the same line `dateline ingest` prints for the input


@dataclass(frozen=True, slots=True)
class IngestResult:
    """What `POST /api/v1/documents` did: the fields of `dateline ingest --json`."""

    added: tuple[str, ...]
    reanalysed: tuple[str, ...]
    unchanged: tuple[str, ...]
    failed: tuple[IngestFailure, ...]
    warnings: tuple[str, ...]
    seconds: float
    docs_per_second: float
