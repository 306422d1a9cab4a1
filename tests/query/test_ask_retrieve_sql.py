"""The retrieval statements of ``ask`` on a real store: what each returns, checked against
the plain per-sentence reading of the same store."""

from __future__ import annotations

import pytest

from dateline.query.ask.frame import NameGroup
from dateline.query.ask.retrieve import Resolved, _docs_naming, _grouped_texts, _match_counts, _ranked_texts
from dateline.query.basic import in_text

from .conftest import doc_id_of


def test_documents_naming_a_name_by_its_words(small_store):
    docs = set(small_store.doc_ids())
    named = _docs_naming(small_store, Resolved(NameGroup("Djilas", "PERSON"), forms=("Djilas",)), docs, {})
    assert named == {doc_id_of(small_store, "d_bridge.txt"), doc_id_of(small_store, "e_visit.txt")}
    # only among the documents asked about
    only = {doc_id_of(small_store, "e_visit.txt"), doc_id_of(small_store, "a_summit.txt")}
    assert _docs_naming(small_store, Resolved(NameGroup("Djilas", "PERSON"), forms=("Djilas",)), only, {}) == {
        doc_id_of(small_store, "e_visit.txt")
    }


def test_match_counts_are_the_counts_of_each_term(small_store):
    terms = ['"Kim"', '"Putin"', '"Belgrade"', '"nowhere"']
    one_by_one = [
        small_store.query("SELECT COUNT(*) AS n FROM sentences_fts WHERE sentences_fts MATCH :q", q=in_text(t))[0]["n"]
        for t in terms
    ]
    assert _match_counts(small_store, terms) == one_by_one
    assert one_by_one[0] >= 5 and one_by_one[3] == 0


def test_ranked_texts_best_first_each_text_once_with_its_places(small_store):
    got = _ranked_texts(small_store, '"Kim" OR "Putin"', 10, 2)
    assert got and len({e["text"] for e in got}) == len(got)
    assert [e["score"] for e in got] == sorted(e["score"] for e in got)  # BM25 rank: lower is better
    for e in got:
        for place in e["ids"].split(" "):
            d, _, i = place.rpartition(":")
            row = small_store.query("SELECT text FROM sentences WHERE doc_id = :d AND idx = :i", d=d, i=int(i))
            assert row[0]["text"] == e["text"]


@pytest.fixture(scope="module")
def small_pg(small_store, pg_server):
    """The same small store, copied into a real PostgreSQL database (tsvector + GIN search)."""
    import uuid

    from dateline.store import open_store
    from dateline.store.copy import copy_store

    from ..conftest import _pg

    pg = open_store(_pg.create_database(pg_server, "t_" + uuid.uuid4().hex[:12]))
    copy_store(small_store, pg)
    return pg


def test_documents_naming_on_postgresql_as_on_sqlite(small_store, small_pg):
    docs = set(small_store.doc_ids())
    for name in ("Djilas", "Kim Jong Un", "Vladivostok"):
        r = Resolved(NameGroup(name, "PERSON"), forms=(name,))
        on_sqlite = _docs_naming(small_store, r, docs, {})
        assert on_sqlite and _docs_naming(small_pg, r, docs, {}) == on_sqlite


def test_match_counts_on_postgresql_as_on_sqlite(small_store, small_pg):
    terms = ['"Kim"', '"Putin"', '"Belgrade"', '"nowhere"', '"Kim" "Si-woo"']
    counts = _match_counts(small_store, terms)
    assert counts[0] >= 5 and counts[3] == 0
    assert _match_counts(small_pg, terms) == counts


def test_ranked_and_grouped_texts_on_postgresql_hold_the_same_sentences(small_store, small_pg):
    # ts_rank_cd and BM25 order them differently; the sentences found, and their places, are the same
    def places(rows):
        return {(e["text"], p) for e in rows for p in e["ids"].split(" ")}

    ranked = _ranked_texts(small_store, '"Kim" OR "Putin"', 50, 3)
    assert ranked and places(_ranked_texts(small_pg, '"Kim" OR "Putin"', 50, 3)) == places(ranked)
    q = '("Vladimir" "Putin") AND ("met" OR "talks")'
    grouped = _grouped_texts(small_store, q, 50)
    assert grouped and places(_grouped_texts(small_pg, q, 50)) == places(grouped)
    pg = _grouped_texts(small_pg, q, 50)
    assert [e["score"] for e in pg] == sorted(e["score"] for e in pg)  # best first: lower is better on both


def test_capped_match_counts_are_exact_up_to_the_cap(small_store, small_pg):
    terms = ['"Kim"', '"Putin"', '"Belgrade"', '"nowhere"']
    exact = _match_counts(small_pg, terms)
    assert exact[0] >= 5
    assert _match_counts(small_pg, terms, at_most=2) == [min(n, 3) for n in exact]
