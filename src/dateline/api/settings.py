"""What one server runs with: the store, whether ingest is on and its token, and the
limits from ``data/server.yaml`` (tuned numbers are data, read through one loader)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from .. import config

PATH = Path(__file__).parent / "data" / "server.yaml"


@dataclass(frozen=True)
class Limits:
    max_body_bytes: int
    max_query_chars: int
    max_text_chars: int
    max_page_size: int
    default_page_size: int
    max_geojson_documents: int
    default_geojson_documents: int
    request_timeout_seconds: float
    recent_documents: int


@functools.cache
def limits() -> Limits:
    return config.load(Limits, PATH)


config.register(PATH, limits)


@dataclass(frozen=True)
class Settings:
    """One server: read-only unless ``allow_ingest`` and a non-empty ``token``."""

    db: str
    allow_ingest: bool = False
    token: str | None = None  # DATELINE_TOKEN, compared in constant time
    limits: Limits | None = None  # None: the data file's

    @property
    def effective_limits(self) -> Limits:
        return self.limits or limits()
