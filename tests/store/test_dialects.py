"""The store's contract on both databases it supports: an embedded SQLite file and a
real PostgreSQL server started by the tests (tests/conftest.py ``pg_server``)."""

from __future__ import annotations

import pytest

from dateline.errors import NotFound
from dateline.query import search
from dateline.store import open_store
from dateline.store.migrations import MIGRATIONS

COUNTED = ("documents", "sentences", "mentions", "entities", "times", "places", "quantities", "events")


def _counts(store) -> dict[str, int]:
    return {t: store.query(f"SELECT COUNT(*) AS n FROM {t}")[0]["n"] for t in COUNTED}


def test_migrations_apply_once(store_url):
    store = open_store(store_url)
    assert [n for n, _ in store.migrations()] == [n for n, _ in MIGRATIONS]
    assert open_store(store_url).migrate() == []


def test_save_twice_replaces_and_delete_removes_everything(store_url, seed_analysis):
    store = open_store(store_url)
    store.save(seed_analysis)
    first = _counts(store)
    assert first["documents"] == 1 and first["sentences"] == len(seed_analysis.parsed.sentences)
    store.save(seed_analysis)
    assert _counts(store) == first
    store.delete(seed_analysis.article.doc_id)
    assert set(_counts(store).values()) == {0}
    assert search(store, "top speed") == []


def test_round_trip_is_exact(store_url, seed_analysis):
    store = open_store(store_url)
    store.save(seed_analysis)
    back = store.load_analysis(seed_analysis.article.doc_id)
    assert back.parsed == seed_analysis.parsed
    assert (back.times, back.places, back.quantities, back.events, back.main_event) == (
        seed_analysis.times,
        seed_analysis.places,
        seed_analysis.quantities,
        seed_analysis.events,
        seed_analysis.main_event,
    )


def test_documents_are_found_by_id_prefix_record_and_file_name(store_url, seed_analysis):
    store = open_store(store_url)
    store.save(seed_analysis)
    doc_id = seed_analysis.article.doc_id
    assert store.resolve_doc(doc_id[:6]) == doc_id
    assert store.resolve_doc("000_fde20e5758e8fe00") == doc_id
    with pytest.raises(NotFound):
        store.resolve_doc("no-such-document")


QUERIES = ["top speed", "Vostochny Cosmodrome", "train journey", "weapons deals", "cosmodrome"]


def test_search_finds_the_same_sentences_on_both(tmp_path, pg_url, seed_analysis):
    lite, pg = open_store(str(tmp_path / "s.db")), open_store(pg_url)
    for s in (lite, pg):
        s.save(seed_analysis)
    for q in QUERIES:
        a = {(h.doc_id, h.sentence_index) for h in search(lite, q)}
        b = {(h.doc_id, h.sentence_index) for h in search(pg, q)}
        assert a and a == b, q
    assert search(pg, "top speed")[0].sentence_index == search(lite, "top speed")[0].sentence_index
