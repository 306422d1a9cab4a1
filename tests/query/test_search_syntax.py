"""``search`` query syntax: one parse, the same hits on SQLite (FTS5) and PostgreSQL (tsvector)."""

from __future__ import annotations

import pytest

from dateline.errors import BadSearchQuery
from dateline.query import search
from dateline.query.fts import parse, to_fts5, to_tsquery
from tests.conftest import EXAMPLES

QUERIES = [
    ("top speed", False),
    ("Putin OR Kim", False),
    ("summit NOT Vladivostok", False),
    ('"top speed"', False),
    ("cosmodrom*", False),
    ("train AND (slow OR armored)", False),
    ("Vladivostok Pyongyang", True),
    ("Kim NOT (Putin OR Vladivostok)", False),
    ("rocket launch", False),
]


def test_syntax_is_rendered_for_fts5():
    assert to_fts5(parse("top speed")) == '("top" AND "speed")'
    assert to_fts5(parse("Putin OR Kim")) == '("Putin" OR "Kim")'
    assert to_fts5(parse("summit NOT Vladivostok")) == '(("summit") NOT "Vladivostok")'
    assert to_fts5(parse('"top speed" cosmo*')) == '("top speed" AND "cosmo"*)'
    assert to_fts5(parse("a b", any_word=True)) == '("a" OR "b")'
    assert to_fts5(parse("a or b")) == '("a" AND "or" AND "b")'  # operators are capitals only
    assert to_fts5(parse("-speed")) == '"speed"'  # a leading '-' is no operator, as before


def test_postgresql_rendering_binds_every_word():
    params: dict[str, str] = {}
    sql = to_tsquery(parse('"top speed" OR cosmo* NOT Kim'), params)
    assert ":q0" in sql and "websearch_to_tsquery" in sql and "!!" in sql
    assert sorted(params.values()) == ['"top speed"', "Kim", "cosmo:*"]
    assert "speed" not in sql  # words never enter the SQL text


@pytest.mark.parametrize(
    "bad",
    [
        *('"top speed', "Putin OR", "OR Putin", "NOT Putin", "(Putin", "Putin)", "()", '""', "Kim AND", "a OR OR b"),
        "(" * 1000 + "Putin" + ")" * 1000,  # nesting is bounded: an error line, not a RecursionError
        "Kim " + "NOT " * 1000 + "Putin",
    ],
)
def test_bad_syntax_is_one_coded_error(bad):
    with pytest.raises(BadSearchQuery) as err:
        parse(bad)
    assert err.value.code == "E706" and "[E706]" in err.value.message


@pytest.fixture(scope="module")
def both_stores(tmp_path_factory, request):
    """The example articles ingested once into SQLite and copied record for record to PostgreSQL."""
    from dateline.batch import ingest
    from dateline.store import open_store

    lite = open_store(str(tmp_path_factory.mktemp("fts") / "lite.db"))
    assert ingest(lite, [str(EXAMPLES)]).ok
    pg = open_store(request.getfixturevalue("pg_url_module"))
    pg.save_many(lite.load_analysis(d) for d in lite.doc_ids())
    return lite, pg


@pytest.fixture(scope="module")
def pg_url_module(pg_server):
    import uuid

    import sqlalchemy as sa

    name = "fts_" + uuid.uuid4().hex[:12]
    admin = sa.create_engine(pg_server.format(db="postgres").replace("postgresql://", "postgresql+psycopg://"))
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
        c.execute(sa.text(f"CREATE DATABASE {name}"))
    admin.dispose()
    return pg_server.format(db=name)


@pytest.mark.parametrize(("q", "any_word"), QUERIES)
def test_same_hits_on_sqlite_and_postgresql(both_stores, q, any_word):
    lite, pg = both_stores
    hits = {(h.doc_id, h.sentence_index) for h in search(lite, q, limit=500, any_word=any_word)}
    assert hits, f"{q!r} finds nothing in the examples: not a useful comparison"
    assert {(h.doc_id, h.sentence_index) for h in search(pg, q, limit=500, any_word=any_word)} == hits


def test_operators_change_the_hits(both_stores):
    for store in both_stores:
        kim = {(h.doc_id, h.sentence_index) for h in search(store, "Kim", limit=500)}
        putin = {(h.doc_id, h.sentence_index) for h in search(store, "Putin", limit=500)}
        either = {(h.doc_id, h.sentence_index) for h in search(store, "Kim OR Putin", limit=500)}
        not_putin = {(h.doc_id, h.sentence_index) for h in search(store, "Kim NOT Putin", limit=500)}
        assert either == kim | putin and not_putin == kim - putin and kim & putin
        page = search(store, "Kim OR Putin", limit=3, offset=2)
        assert [(h.doc_id, h.sentence_index) for h in page] == [
            (h.doc_id, h.sentence_index) for h in search(store, "Kim OR Putin", limit=5)
        ][2:5]


def test_snippet_marks_the_match_on_both(both_stores):
    for store in both_stores:
        (hit,) = search(store, '"top speed"', limit=1)
        assert "[top]" in hit.snippet.lower() or "[top speed]" in hit.snippet.lower()
