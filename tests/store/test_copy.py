"""`dateline copy` moves a store SQLite -> PostgreSQL -> SQLite with every record intact:
the same rows, the same checksum, and search works on the copy."""

from __future__ import annotations

import json
import sqlite3

import pytest
from click.testing import CliRunner
from sqlalchemy import text

from dateline import query
from dateline.cli.main import cli
from dateline.errors import UsageError
from dateline.store import open_store
from dateline.store.copy import copy_store, record_tables, store_checksum


def _all_rows(db: str) -> dict[str, list[str]]:
    store = open_store(db, create=False)
    out = {t: sorted(repr(sorted(r.items())) for r in store.query(f"SELECT * FROM {t}")) for t in record_tables(store)}
    store.close()
    return out


def test_copy_round_trip_through_postgresql(tmp_path, pg_url, seed_analysis):
    a, b = str(tmp_path / "a.db"), str(tmp_path / "b.db")
    src = open_store(a)
    src.save(seed_analysis)
    with src.writing() as conn:  # an analyst's override travels with the store
        conn.execute(text("INSERT INTO entity_overrides VALUES ('retype', 'x-entity', 'ORG', '2026-01-01')"))

    r = CliRunner().invoke(cli, ["copy", a, pg_url, "--json"])
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert out["verified"] and out["tables"]["documents"] == 1 and out["tables"]["sentences"] > 10
    back = copy_store(open_store(pg_url, create=False), open_store(b))
    assert back.ok and back.checksum == out["checksum"]

    assert store_checksum(open_store(b)) == store_checksum(src)
    assert _all_rows(b) == _all_rows(a)  # timestamps and entity ids included
    words = "Vostochny Cosmodrome"
    assert [h.text for h in query.search(open_store(b), words)] == [h.text for h in query.search(src, words)]
    assert query.search(open_store(b), words)

    with pytest.raises(UsageError, match="already holds"):
        copy_store(src, open_store(b))
    con = sqlite3.connect(b)
    con.execute("UPDATE places SET lat = lat + 1e-9 WHERE idx = 0")
    con.commit()
    assert store_checksum(open_store(b)) != store_checksum(src)  # one changed value shows
