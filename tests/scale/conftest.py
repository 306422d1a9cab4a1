"""A local Ray cluster for the session (two CPUs, loopback only), and store comparisons."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dateline.store import open_store
from dateline.store.copy import record_tables

EXAMPLES = Path(__file__).resolve().parents[1].parent / "examples" / "articles"
# Set by the write, not by the analysis: two ingests of the same input differ here only.
VOLATILE = {"ingested_at"}


@pytest.fixture(scope="session")
def ray_cluster():
    from dateline import raybatch

    with raybatch.cluster("local", workers=2) as ray:  # what ray.init(num_cpus=2) starts, on 127.0.0.1
        assert ray.cluster_resources().get("CPU") == 2
        yield ray


@pytest.fixture()
def inputs(tmp_path) -> Path:
    """The example articles, a file that repeats one of them, and a bad (empty) file."""
    folder = tmp_path / "in"
    shutil.copytree(EXAMPLES, folder)
    shutil.copy(EXAMPLES / "001_vostochny_first_launch.txt", folder / "zz_repeat.txt")
    (folder / "empty.txt").write_text("")
    return folder


def rows(db: str, tables: list[str] | None = None, skip: frozenset[str] | set[str] = frozenset()) -> dict:
    """Every record of every table (or of ``tables``), sorted, without the write timestamps
    (nor the columns in ``skip``)."""
    store = open_store(db, create=False)
    out = {}
    ids = {r["doc_key"]: r["doc_id"] for r in store.query("SELECT doc_key, doc_id FROM documents")}
    for t in tables or record_tables(store):
        # doc_key is the store's own number for a document (writers in parallel number them in any order)
        got = [
            {"doc_id": ids[r.pop("doc_key")], **r} if "doc_key" in r else r for r in store.query(f"SELECT * FROM {t}")
        ]
        out[t] = sorted(
            (tuple((k, repr(v)) for k, v in sorted(r.items()) if k not in VOLATILE | skip) for r in got), key=repr
        )
    store.close()
    return out


def _by_id(row: dict, ids: dict[int, str]) -> dict:
    return {"doc_id": ids[row.pop("doc_key")], **row} if "doc_key" in row else row


def inconsistent_entities(store) -> list[str]:
    """Cross-document entities whose counts are not the sum of their members' (lost updates)."""
    got = store.query(
        "SELECT c.entity_id FROM canonical_entities c LEFT JOIN (SELECT entity_id, SUM(mentions) AS m, "
        "COUNT(DISTINCT doc_id) AS d FROM entity_members GROUP BY entity_id) x ON x.entity_id = c.entity_id "
        "WHERE x.m IS NULL OR x.m != c.mentions OR x.d != c.documents"
    )
    return [r["entity_id"] for r in got]
