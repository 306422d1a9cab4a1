"""Copy a whole store to another database (SQLite <-> PostgreSQL), verified.

Rows are copied table by table as they are (document ids, entity ids, overrides and
timestamps stay), in one transaction on the destination, which must be empty.
Search indexes are the destination's own: a SQLite destination fills its FTS tables
from the copied sentences, PostgreSQL indexes the text itself. The copy is then
verified: the same row count per table and the same checksum over the records.
The checksum is independent of row order and of the database (each row's values,
normalised, are hashed; the sorted row hashes are hashed again), so it compares a
SQLite store with a PostgreSQL one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection

from ..errors import StoreError, UsageError
from .db import Store, store_errors

# Columns that point into one database's own search index, not part of a record.
_LOCAL_COLUMNS = {"fts_rowid"}
_CHUNK = 2000


@dataclass(frozen=True)
class TableSum:
    table: str
    rows: int
    checksum: str


@dataclass(frozen=True)
class CopyReport:
    source: tuple[TableSum, ...]
    copied: tuple[TableSum, ...]

    @property
    def checksum(self) -> str:
        return _combine(self.source)

    @property
    def ok(self) -> bool:
        return self.source == self.copied


def _virtual_tables(conn: Connection) -> dict[str, str]:
    """SQLite's virtual tables (full-text search) and their CREATE statements."""
    rows = conn.execute(text("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL%'"))
    return {r[0]: r[1] for r in rows}


def record_tables(store: Store) -> list[str]:
    """The tables that hold records, parents first (documents): not the migration log, not
    a search index or its shadow tables."""
    with store_errors(store.url), store.engine.connect() as conn:
        names = set(inspect(conn).get_table_names()) - {"schema_migrations"}
        if store.dialect == "sqlite":
            for vt in _virtual_tables(conn):
                names = {n for n in names if n != vt and not n.startswith(vt + "_")}
    return sorted(names, key=lambda n: (n != "documents", n))


def _columns(store: Store, table: str) -> dict[str, str]:
    """A table's plain columns and their types (computed and tsvector columns are the database's own)."""
    with store_errors(store.url), store.engine.connect() as conn:
        cols = inspect(conn).get_columns(table)
    return {
        c["name"]: str(c["type"]).upper()
        for c in cols
        if not c.get("computed") and "TSVECTOR" not in str(c["type"]).upper()
    }


def _value(v: Any) -> Any:
    return bytes(v) if isinstance(v, memoryview) else v


def _canonical(v: Any) -> bytes:
    """One value as bytes that are the same whichever database returned it."""
    v = _value(v)
    if v is None:
        return b"\x00N"
    if isinstance(v, bytes):
        return b"\x00B" + v
    if isinstance(v, bool):
        v = int(v)
    if isinstance(v, float):
        return b"\x00F" + repr(v).encode()
    if isinstance(v, int):
        return b"\x00I" + str(v).encode()
    return b"\x00S" + str(v).encode("utf-8", "surrogatepass")


def table_sum(store: Store, table: str, columns: list[str]) -> TableSum:
    digests: list[bytes] = []
    cols = ", ".join(columns)
    with store_errors(store.url), store.engine.connect() as conn:
        result = conn.execution_options(stream_results=True).execute(text(f"SELECT {cols} FROM {table}"))
        for part in result.partitions(_CHUNK):
            for row in part:
                digests.append(hashlib.sha256(b"".join(_canonical(v) for v in row)).digest())
    digests.sort()
    h = hashlib.sha256()
    for d in digests:
        h.update(d)
    return TableSum(table, len(digests), h.hexdigest())


def _combine(sums: tuple[TableSum, ...]) -> str:
    h = hashlib.sha256()
    for s in sums:
        h.update(f"{s.table}:{s.rows}:{s.checksum};".encode())
    return h.hexdigest()


def shared_columns(src: Store, dst: Store, tables: list[str]) -> dict[str, list[str]]:
    """Each table's columns present on both sides (a search rowid is one side's only)."""
    out = {}
    for t in tables:
        theirs = _columns(dst, t)
        out[t] = sorted(c for c in _columns(src, t) if c in theirs)
    return out


def _check_empty(dst: Store, tables: list[str]) -> None:
    for t in tables:
        n = dst.query(f"SELECT COUNT(*) AS n FROM {t}")[0]["n"]
        if n:
            raise UsageError(f"the destination {dst.url!r} already holds {n} rows in {t}: copy into a new, empty store")


def _copy_table(src: Store, conn: Connection, table: str, columns: list[str]) -> None:
    cols = ", ".join(columns)
    insert = text(f"INSERT INTO {table} ({cols}) VALUES ({', '.join(':' + c for c in columns)})")
    with store_errors(src.url), src.engine.connect() as sconn:
        result = sconn.execution_options(stream_results=True).execute(text(f"SELECT {cols} FROM {table}"))
        for part in result.partitions(_CHUNK):
            conn.execute(insert, [{c: _value(v) for c, v in zip(columns, row, strict=True)} for row in part])


def _fill_sqlite_search(conn: Connection) -> None:
    """The destination's own full-text index, rebuilt from the sentences just copied: since
    migration 0012 it is external-content (its triggers already filled it; a rebuild makes it
    exact whatever the copy order)."""
    for name, sql in _virtual_tables(conn).items():
        if "content=" in sql.replace(" ", "").lower():
            conn.execute(text(f"INSERT INTO {name} ({name}) VALUES ('rebuild')"))


def copy_store(src: Store, dst: Store, on_table: Callable[[str, int], None] | None = None) -> CopyReport:
    """Copy every record of ``src`` into the empty store ``dst`` and verify the copy."""
    tables = record_tables(src)
    missing = sorted(set(tables) - set(record_tables(dst)))
    if missing:
        raise StoreError(f"{dst.url!r} has no table {', '.join(missing)}: it was made by another Dateline version")
    _check_empty(dst, tables)
    columns = shared_columns(src, dst, tables)
    with dst.writing() as conn:
        for t in tables:
            _copy_table(src, conn, t, columns[t])
            if on_table:
                on_table(t, len(columns[t]))
        if dst.dialect == "sqlite":
            _fill_sqlite_search(conn)
    return verify(src, dst, tables, columns)


def verify(src: Store, dst: Store, tables: list[str], columns: dict[str, list[str]]) -> CopyReport:
    """Row counts and checksums of both stores over the same record columns."""
    record = {t: [c for c in columns[t] if c not in _LOCAL_COLUMNS] for t in tables}
    return CopyReport(
        tuple(table_sum(src, t, record[t]) for t in tables), tuple(table_sum(dst, t, record[t]) for t in tables)
    )


def store_checksum(store: Store) -> str:
    """The checksum over every record of one store, as :class:`CopyReport` computes it."""
    tables = record_tables(store)
    sums = []
    for t in tables:
        cols = sorted(c for c in _columns(store, t) if c not in _LOCAL_COLUMNS)
        sums.append(table_sum(store, t, cols))
    return _combine(tuple(sums))
