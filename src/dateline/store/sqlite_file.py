"""A look at a SQLite file before the store opens it, read-only and without side effects.

Opening a file the normal way switches it to WAL and creates our tables: done to
random bytes, a truncated copy or another program's database, that would damage or
silently change it. This check refuses those first, leaving the file as it was.
"""

from __future__ import annotations

import os
import sqlite3
from urllib.parse import quote

from sqlalchemy.engine import make_url

from ..errors import ForeignDatabase, NotADatabase, StoreError

HEADER = b"SQLite format 3\x00"


def sqlite_path(url: str) -> str | None:
    """The file behind a SQLite URL, or None (another database, or in memory)."""
    try:
        u = make_url(url)
    except Exception:
        return None
    if u.get_backend_name() != "sqlite" or not u.database or u.database == ":memory:":
        return None
    return u.database


def check_sqlite_file(path: str, url: str, *, create: bool) -> None:
    """Refuse what is not a Dateline store (E306, E308), or, without ``create``, a
    file that holds no store yet (E301)."""
    size = _size(path, url)
    if size == 0:
        if not create:
            raise StoreError(f"{url!r}: no Dateline database here (ingest something first)")
        return
    try:
        with open(path, "rb") as fh:
            head = fh.read(len(HEADER))
    except OSError as exc:  # a folder, a file this user may not read
        raise StoreError(f"{url!r} ({exc.strerror or exc})") from None
    if head != HEADER:
        raise NotADatabase(repr(url))
    tables = _tables(path, url)
    if tables is None:
        return  # not readable this way (a WAL file in a read-only folder): the store will say
    if tables and "schema_migrations" not in tables:
        raise ForeignDatabase(f"{url!r} (tables {', '.join(sorted(tables)[:5])})")
    if not tables and not create:
        raise StoreError(f"{url!r}: an empty database, no Dateline store (ingest something first)")


def _size(path: str, url: str) -> int:
    try:
        return os.stat(path).st_size
    except FileNotFoundError:
        return 0
    except OSError as exc:
        raise StoreError(f"{url!r} ({exc.strerror or exc})") from None


def _tables(path: str, url: str) -> set[str] | None:
    uri = f"file:{quote(os.path.abspath(path))}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True)
    except sqlite3.Error:
        return None
    try:
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')").fetchall()
    except sqlite3.DatabaseError as exc:
        msg = str(exc).lower()
        if "not a database" in msg or "malformed" in msg or "encrypted" in msg:
            raise NotADatabase(f"{url!r} ({exc})") from None
        return None
    finally:
        conn.close()
    return {r[0] for r in rows}
