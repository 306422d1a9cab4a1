"""A real store opened with Datasette, in process (no server, no network): `_search` on
sentences, the map columns of events and places, and the tables described by the metadata."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT, SEED

METADATA = ROOT / "datasette" / "metadata.yaml"


@pytest.fixture(scope="module")
def datasette_store(tmp_path_factory) -> Path:
    from dateline.batch import ingest
    from dateline.store import open_store

    db = tmp_path_factory.mktemp("datasette") / "dateline.db"  # the name the metadata describes
    store = open_store(str(db))
    assert ingest(store, [str(SEED)]).ok
    store.close()
    return db


def _get(db: Path, path: str):
    from datasette.app import Datasette

    ds = Datasette([str(db)], metadata=yaml.safe_load(METADATA.read_text()))

    async def fetch():
        return await ds.client.get(path)

    return asyncio.run(fetch())


def test_search_on_sentences(datasette_store):
    r = _get(datasette_store, "/dateline/sentences.json?_search=speed&_shape=array")
    assert r.status_code == 200
    rows = r.json()
    assert rows and all("speed" in row["text"].lower() for row in rows)
    assert any("55 mph" in row["text"] for row in rows)
    # raw mode: FTS syntax reaches FTS5 (a phrase, OR)
    phrase = _get(datasette_store, '/dateline/sentences.json?_search="top+speed"+OR+Vostochny&_shape=array').json()
    assert len(phrase) > len([r for r in rows if "top speed" in r["text"]]) >= 1


def test_search_is_detected_without_the_metadata(datasette_store):
    """Datasette finds the FTS table by itself (content="sentences"), as for sqlite-utils' tables."""
    from datasette.app import Datasette

    ds = Datasette([str(datasette_store)])

    async def fetch():
        db = ds.get_database("dateline")
        return await db.fts_table("sentences"), await ds.client.get(
            "/dateline/sentences.json?_search=train&_shape=array"
        )

    table, r = asyncio.run(fetch())
    assert table == "sentences_fts" and r.status_code == 200 and r.json()


def test_map_columns_and_keys(datasette_store):
    events = _get(datasette_store, "/dateline/events.json?_shape=array&latitude__notblank=1&_size=max").json()
    assert events and all(-90 <= e["latitude"] <= 90 and -180 <= e["longitude"] <= 180 for e in events)
    places = _get(datasette_store, "/dateline/places.json?_shape=array&name=Vladivostok").json()
    assert places and abs(places[0]["lat"] - 43.1) < 0.2
    roles = _get(datasette_store, "/dateline/event_roles.json?_size=1").json()
    assert roles["primary_keys"] == ["doc_key", "event_idx", "idx"]


def test_metadata_describes_every_table(datasette_store):
    import sqlite3

    tables = yaml.safe_load(METADATA.read_text())["databases"]["dateline"]["tables"]
    with sqlite3.connect(datasette_store) as conn:
        names = {
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not r[0].startswith("sentences_fts_")
        }
    missing = names - set(tables)
    assert not missing, f"tables without a description in {METADATA.name}: {sorted(missing)}"
    r = _get(datasette_store, "/dateline/sentences")
    assert r.status_code == 200 and "Full-text search" in r.text
