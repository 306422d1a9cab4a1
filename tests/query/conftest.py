"""Stores for the query tests, each built once with the real ingest (real model, real stages)."""

from __future__ import annotations

import pytest

# Small real reports written for these tests: two Kims who must stay apart, the
# same meeting reported by two papers, and events reported long after they happened.
SMALL_DOCS = {
    "a_summit.txt": " date 2019-04-26 North Korean leader Kim Jong Un and Russian President Vladimir Putin met in "
    "Vladivostok on Thursday. Kim said the talks were useful.\n",
    "b_summit.txt": " date 2019-04-25 Vladimir Putin met Kim Jong Un in Vladivostok on Thursday, the Kremlin said.\n",
    "c_golf.txt": " date 2021-05-02 South Korean golfer Kim Si-woo won the tournament in Seoul on Sunday. "
    "Kim Si-woo said he was delighted. Kim thanked his caddie.\n",
    "d_bridge.txt": " date 2023-05-01 The Sava Bridge in Belgrade was opened by mayor Dragan Djilas in 2012.\n",
    "e_visit.txt": " date 2024-03-01 Mayor Dragan Djilas visited Novi Sad in 2010.\n",
    "f_partner.txt": " date 2019-04-27 Putin said Kim was a reliable partner.\n",
    "g_golf.txt": " date 2021-05-09 Kim finished second in Seoul on Sunday.\n",
}


@pytest.fixture(scope="session")
def ref_store(seed_path, tmp_path_factory):
    from dateline.batch import ingest
    from dateline.store import open_store

    db = tmp_path_factory.mktemp("ref") / "ref.db"
    store = open_store(str(db))
    report = ingest(store, [str(seed_path)])
    assert report.ok and len(report.added) == 1
    return store


@pytest.fixture(scope="session")
def small_store(tmp_path_factory):
    from dateline.batch import ingest
    from dateline.store import open_store

    folder = tmp_path_factory.mktemp("docs")
    for name, text in SMALL_DOCS.items():
        (folder / name).write_text(text, encoding="utf-8")
    store = open_store(str(folder / "small.db"))
    report = ingest(store, [str(folder)])
    assert report.ok and len(report.added) == len(SMALL_DOCS)
    return store


def doc_id_of(store, file_name: str) -> str:
    return store.resolve_doc(file_name)


@pytest.fixture(scope="session")
def examples_db(tmp_path_factory) -> str:
    """The bundled demo corpus (examples/articles), ingested once: reports of the same meetings
    and trips written on different days."""
    from dateline.batch import ingest
    from dateline.store import open_store

    from ..conftest import EXAMPLES

    db = str(tmp_path_factory.mktemp("examples") / "examples.db")
    store = open_store(db)
    assert ingest(store, [str(EXAMPLES)]).ok
    store.close()
    return db


@pytest.fixture(scope="session")
def examples_store(examples_db):
    from dateline.store import open_store

    return open_store(examples_db)
