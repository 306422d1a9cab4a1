"""Dateline: dated news reports in, a verified, time-aware record of events out.

>>> import dateline
>>> store = dateline.open_store("dateline.db")
>>> report = dateline.ingest(store, ["examples/articles"])
>>> dateline.ask(store, "Where are Kim and Putin meeting?").answer
"""

from .batch import IngestReport, ingest
from .errors import DatelineError, InputError, NotFound, StoreError
from .ingest import read_path, read_paths
from .pipeline import analyse, analyse_many
from .query import ask, timeline
from .store import Store, open_store
from .types import (
    Analysis,
    Answer,
    Article,
    Check,
    Citation,
    Entity,
    Event,
    MainEvent,
    Mention,
    ParsedDoc,
    Place,
    Quantity,
    RelativeLocation,
    Role,
    Sentence,
    SentenceTime,
    TimeValue,
    W5Answer,
)
from .verify import check_corpus, check_document

__all__ = [
    "Analysis",
    "Answer",
    "Article",
    "Check",
    "Citation",
    "DatelineError",
    "Entity",
    "Event",
    "IngestReport",
    "InputError",
    "MainEvent",
    "Mention",
    "NotFound",
    "ParsedDoc",
    "Place",
    "Quantity",
    "RelativeLocation",
    "Role",
    "Sentence",
    "SentenceTime",
    "Store",
    "StoreError",
    "TimeValue",
    "W5Answer",
    "analyse",
    "analyse_many",
    "ask",
    "check_corpus",
    "check_document",
    "ingest",
    "open_store",
    "read_path",
    "read_paths",
    "timeline",
]
