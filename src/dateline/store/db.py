"""The store: one database (SQLite file by default, any SQLAlchemy URL), one
transaction per document, named migrations recorded in the database.

Database errors become :class:`~dateline.errors.StoreError` codes here and only
here (:func:`store_errors`), so every command reports a full disk, a locked file
or a file that is not a database as one coded line.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from ..errors import (
    NewerSchema,
    NotADatabase,
    NotFound,
    ReferenceTooLong,
    StoreBusy,
    StoreError,
    StoreQueryFailed,
    StoreWriteFailed,
)
from ..types import Analysis, Article, ParsedDoc
from . import read, write
from .migrations import MIGRATIONS, SCHEMA_VERSION, statements, version
from .sqlite_file import check_sqlite_file, sqlite_path

log = logging.getLogger(__name__)

# The PostgreSQL advisory lock every Dateline writer holds for its transaction (any fixed number).
WRITE_LOCK = 0x0DA7E11E

# The migrations that compact stored records: a store upgraded by one is vacuumed after.
COMPACTING = "0014_compact_records"
LEANING = "0015_lean_store"
KEYING = "0016_integer_document_keys"
ROLES_ONCE = "0017_event_roles_stored_once"
TOKEN_BYTES = "0018_sentence_tokens_as_bytes"
DERIVED = "0019_derived_values_left_out"
TEXT_ONCE = "0020_document_text_once"
MENTION_KEYS = "0021_mention_keys_left_out"

# A document reference longer than this is no id, prefix, record id or file name.
MAX_REFERENCE_CHARS = 1000


def like_escape(text: str) -> str:
    """``text`` as a literal in a LIKE pattern with ESCAPE '\\'."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


# PostgreSQL URLs as users write them go through psycopg 3, the driver in the lock file.
_SCHEMES = {"postgresql://": "postgresql+psycopg://", "postgres://": "postgresql+psycopg://"}


def to_url(db: str) -> str:
    """A bare path means a SQLite file; anything with a scheme is an SQLAlchemy URL."""
    for plain, full in _SCHEMES.items():
        if db.startswith(plain):
            return full + db[len(plain) :]
    if "://" in db:
        return db
    return f"sqlite:///{os.path.abspath(db)}"


# Message fragments of the drivers' errors, mapped to the code a user can act on.
_ERROR_CODES: tuple[tuple[tuple[str, ...], type[StoreError]], ...] = (
    (("disk is full", "disk full", "readonly", "read-only", "no space left", "disk i/o error"), StoreWriteFailed),
    (("file too large", "database or disk is full"), StoreWriteFailed),
    (("database is locked", "database table is locked", "could not obtain lock", "deadlock"), StoreBusy),
    (("file is not a database", "malformed", "not a database", "file is encrypted"), NotADatabase),
    (("unable to open database", "could not connect", "connection refused"), StoreError),
)


def map_error(exc: BaseException, url: str) -> StoreError:
    """The coded error for a database failure (the one place they are mapped).

    Any SQLAlchemy or driver error, and the operating-system and overflow errors a
    driver raises (a full disk, an integer too large for SQLite), becomes a coded line.
    """
    if isinstance(exc, StoreError):
        return exc
    raw = getattr(exc, "orig", None) or exc
    msg = (str(raw).strip().splitlines() or [type(raw).__name__])[0][:300]
    low = msg.lower()
    if isinstance(raw, OSError) and getattr(raw, "errno", None) in (27, 28):  # EFBIG, ENOSPC
        return StoreWriteFailed(f"{url!r} ({msg})")
    for needles, cls in _ERROR_CODES:
        if any(n in low for n in needles):
            return cls(f"{url!r} ({msg})")
    return StoreQueryFailed(f"{url!r}: {msg}")


# Errors a driver raises besides SQLAlchemy's own (sqlite3 errors from a connect hook,
# OverflowError for an integer SQLite cannot hold, OSError for a full disk).
DRIVER_ERRORS = (SQLAlchemyError, sqlite3.Error, OverflowError, OSError)


@contextmanager
def store_errors(url: str) -> Iterator[None]:
    try:
        yield
    except DRIVER_ERRORS as exc:
        raise map_error(exc, url) from exc


def _sqlite_connect(dbapi_conn: Any, _record: Any) -> None:
    # Our own BEGIN (below) instead of the driver's: pysqlite commits DDL one statement
    # at a time, which would leave a half-migrated file after a crash.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")  # safe with WAL: a crash loses no committed transaction's integrity
    cur.execute("PRAGMA busy_timeout=10000")
    cur.close()


def _sqlite_begin(conn: Connection) -> None:
    # Writers take the write lock up front, so two writers queue instead of deadlocking.
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("writer") else "BEGIN")


class Store:
    """A Dateline database. ``create=False`` (read commands) refuses a file that holds no
    Dateline store instead of creating tables in it; a file that is not Dateline's is
    refused untouched either way."""

    def __init__(self, url: str, *, create: bool = True):
        self.url = to_url(url)
        path = sqlite_path(self.url)
        if path is not None:
            check_sqlite_file(path, self.url, create=create)
        try:
            self.engine: Engine = create_engine(self.url)
        except Exception as exc:  # bad URL, missing driver
            raise StoreError(f"{url!r} ({exc})") from exc
        self.dialect = self.engine.dialect.name
        if self.dialect == "sqlite":
            event.listen(self.engine, "connect", _sqlite_connect)
            event.listen(self.engine, "begin", _sqlite_begin)
        try:
            self.migrate()
        except StoreError:
            raise
        except Exception as exc:
            raise map_error(exc, self.url) from exc

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """One write transaction, committed at the end or rolled back whole.

        Writers take the store's write lock first (SQLite: BEGIN IMMEDIATE; PostgreSQL: a
        transaction advisory lock), so concurrent ingests queue: linking a document's
        entities reads and updates the shared entity table, which two writers at once
        would race on (a new entity id taken twice, counts lost)."""
        with store_errors(self.url), self.engine.connect() as conn:
            conn.execution_options(writer=True)
            with conn.begin():
                if self.dialect == "postgresql":
                    conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": WRITE_LOCK})
                yield conn

    # -- schema ---------------------------------------------------------------
    def migrate(self) -> list[str]:
        """Apply the migrations not yet recorded, all in one transaction.

        A store that records a migration this version does not know was made by a
        newer Dateline: it is refused (E307), never half-upgraded.
        """
        if not self._pending():
            return []
        applied_now = []
        with self.writing() as conn:
            conn.execute(
                text("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
            )
            done = self._check_version({r[0] for r in conn.execute(text("SELECT name FROM schema_migrations"))})
            for name, migration in MIGRATIONS:
                if name in done:
                    continue
                for stmt in statements(migration, self.dialect):
                    if callable(stmt):
                        stmt(conn, self.dialect)
                    else:
                        conn.execute(text(stmt))
                conn.execute(
                    text("INSERT INTO schema_migrations (name, applied_at) VALUES (:n, :t)"),
                    {"n": name, "t": write.now()},
                )
                applied_now.append(name)
        upgraded = set(applied_now) & {
            COMPACTING, LEANING, KEYING, ROLES_ONCE, TOKEN_BYTES, DERIVED, TEXT_ONCE, MENTION_KEYS,
        }  # fmt: skip
        if self.dialect == "sqlite" and upgraded and _NAMES[0] not in applied_now:
            self._vacuum()
        return applied_now

    def _vacuum(self) -> None:
        """Give back the pages an upgrade freed (an existing store compacted by 0014 to 0021 would
        otherwise keep its old size). Outside any transaction, as SQLite requires. The
        upgrade is committed by then: a VACUUM that fails (it needs the store's size again
        in free disk) leaves a correct, larger file, so it is only logged."""
        try:
            raw = self.engine.raw_connection()
            try:
                raw.driver_connection.execute("VACUUM")  # type: ignore[union-attr]
            finally:
                raw.close()
        except DRIVER_ERRORS as exc:
            log.warning("%s: upgraded, but VACUUM failed (%s): the file keeps its old size", self.url, exc)

    def _pending(self) -> bool:
        """Whether any migration is to be applied, read without taking the write lock
        (so read commands work on a read-only file)."""
        with store_errors(self.url), self.engine.connect() as conn:
            if "schema_migrations" not in inspect(conn).get_table_names():
                return True
            done = {r[0] for r in conn.execute(text("SELECT name FROM schema_migrations"))}
        return bool(set(_NAMES) - self._check_version(done))

    def _check_version(self, done: set[str]) -> set[str]:
        unknown = sorted(done - set(_NAMES))
        if unknown:
            theirs = max(version(n) for n in unknown)
            raise NewerSchema(
                f"{self.url!r} has schema version {theirs} (migration {unknown[-1]}); this Dateline reads"
                f" version {SCHEMA_VERSION} and older"
            )
        return done

    def migrations(self) -> list[tuple[str, str]]:
        rows = self.query("SELECT name, applied_at FROM schema_migrations ORDER BY name")
        return [(r["name"], r["applied_at"]) for r in rows]

    def close(self) -> None:
        self.engine.dispose()

    # -- writing --------------------------------------------------------------
    def has(self, doc_id: str) -> bool:
        return bool(self.query("SELECT 1 AS one FROM documents WHERE doc_id = :d", d=doc_id))

    def existing(self, doc_ids: Iterable[str]) -> set[str]:
        ids = list(doc_ids)
        found: set[str] = set()
        for i in range(0, len(ids), 500):
            params = {f"d{k}": d for k, d in enumerate(ids[i : i + 500])}
            sql = f"SELECT doc_id FROM documents WHERE doc_id IN ({', '.join(':' + k for k in params)})"
            found.update(r["doc_id"] for r in self.query(sql, **params))
        return found

    def save(self, analysis: Analysis) -> None:
        """Replace everything stored for the document, in one transaction."""
        self.save_many([analysis])

    def save_many(self, analyses: Iterable[Analysis]) -> None:
        """Replace several documents in one transaction: for bulk loads, where one
        commit per document would dominate (ingest commits one by one, to resume)."""
        with self.writing() as conn:
            for a in analyses:
                write.replace_document(conn, self.dialect, a)

    def delete(self, doc_id: str) -> None:
        with self.writing() as conn:
            write.delete_document(conn, self.dialect, doc_id)

    # -- reading --------------------------------------------------------------
    def query(self, sql: str, **params: Any) -> list[dict[str, Any]]:
        with store_errors(self.url), self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(text(sql), params)]

    def doc_ids(self) -> list[str]:
        return [r["doc_id"] for r in self.query("SELECT doc_id FROM documents ORDER BY published, source")]

    def documents(self) -> list[dict[str, Any]]:
        return self.query(
            "SELECT doc_id, source, format, title, published, record_id, n_sentences, n_tokens, "
            "(SELECT COUNT(*) FROM mentions m WHERE m.doc_key = documents.doc_key) AS n_mentions "
            "FROM documents ORDER BY published, source"
        )

    def resolve_doc(self, ref: str) -> str:
        """A document by full id, id prefix, record id, or source path / file name.

        The reference is matched literally: ``%`` and ``_`` in it are characters, not wildcards.
        """
        ref = str(ref).strip()
        if len(ref) > MAX_REFERENCE_CHARS:
            raise ReferenceTooLong(f"{len(ref):,} (at most {MAX_REFERENCE_CHARS:,})")
        rows = self.query("SELECT doc_id FROM documents WHERE doc_id = :r OR record_id = :r OR source = :r", r=ref)
        if not rows and ref:
            rows = self.query("SELECT doc_id FROM documents WHERE doc_id LIKE :p ESCAPE '\\'", p=like_escape(ref) + "%")
        if not rows and ref:
            base = like_escape(os.path.basename(ref))
            # a file name or the start of one ("000_fde2"), as a user would type it
            rows = self.query(
                "SELECT doc_id FROM documents WHERE record_id LIKE :r ESCAPE '\\' OR source LIKE :p ESCAPE '\\'",
                r=base + "%",
                p="%" + base + "%",
            )
        ids = sorted({r["doc_id"] for r in rows})
        if len(ids) != 1:
            if not ids:
                raise NotFound(f"document {ref!r}")
            raise NotFound(f"a single document for {ref!r} ({len(ids)} match; give more of the id)")
        return ids[0]

    def article(self, doc_id: str) -> Article:
        return read.article(self.query, doc_id)

    def sentence_docs(self, keys: Iterable[tuple[str, int]]) -> dict[tuple[str, int], ParsedDoc]:
        """Stored sentences as one-sentence parses (offsets from the sentence start)."""
        return read.sentence_docs(self.query, list(keys))

    def load_analysis(self, doc_id: str) -> Analysis:
        """Everything stored for a document, rebuilt exactly as the pipeline made it."""
        return read.load_analysis(self.query, doc_id)


_NAMES = tuple(name for name, _ in MIGRATIONS)


def open_store(db: str, *, create: bool = True) -> Store:
    return Store(db, create=create)
