"""Persistence: SQLite by default (WAL, FTS5), any SQLAlchemy URL."""

from .db import Store, open_store, to_url

__all__ = ["Store", "open_store", "to_url"]
