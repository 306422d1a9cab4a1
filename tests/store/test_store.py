"""The store on real SQLite files: schema, transactions, round trips."""

from __future__ import annotations

import sqlite3

import pytest

from dateline.errors import NotFound
from dateline.store import open_store
from dateline.store.migrations import MIGRATIONS


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory, seed_analysis):
    path = str(tmp_path_factory.mktemp("store") / "seed.db")
    store = open_store(path)
    store.save(seed_analysis)
    return path, store


def test_migrations_recorded_and_idempotent(seed_store):
    path, store = seed_store
    names = [n for n, _ in store.migrations()]
    assert names == [n for n, _ in MIGRATIONS]
    assert open_store(path).migrate() == []  # re-opening applies nothing


def test_wal_foreign_keys_and_fts(seed_store):
    path, store = seed_store
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type IN ('table')")}
    assert {"documents", "sentences", "mentions", "entities", "sentences_fts", "schema_migrations"} <= tables
    hits = con.execute("SELECT idx FROM sentences_fts WHERE sentences_fts MATCH 'cosmodrome'").fetchall()
    assert len(hits) >= 4
    with store.engine.connect() as c:
        assert c.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_rows_have_iso_dates_and_offsets(seed_store):
    path, _ = seed_store
    con = sqlite3.connect(path)
    (doc_id, published) = con.execute("SELECT doc_id, published FROM documents").fetchone()
    assert published == "2023-09-12"
    text = open_store(str(path)).article(doc_id).text
    for start, end, mtext in con.execute("SELECT start_char, end_char, text FROM mentions"):
        assert text[start:end] == mtext


def test_save_twice_replaces_not_duplicates(seed_store, seed_analysis):
    path, store = seed_store
    con = sqlite3.connect(path)
    before = [
        con.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
        for t in ("documents", "sentences", "mentions", "sentences_fts")
    ]
    store.save(seed_analysis)
    after = [
        con.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
        for t in ("documents", "sentences", "mentions", "sentences_fts")
    ]
    assert before == after and before[0] == 1


def test_load_analysis_round_trip(seed_store, seed_analysis):
    _, store = seed_store
    doc_id = seed_analysis.article.doc_id
    back = store.load_analysis(doc_id)
    assert back.article == seed_analysis.article
    assert back.parsed.mentions == seed_analysis.parsed.mentions
    assert back.times == seed_analysis.times
    assert back.sentence_times == tuple(t for t in seed_analysis.sentence_times)
    assert any(t.timex is not None for t in back.sentence_times)
    assert back.places == seed_analysis.places
    assert back.quantities == seed_analysis.quantities
    assert back.events == seed_analysis.events
    assert back.main_event == seed_analysis.main_event


def test_resolve_doc_by_prefix_record_and_name(seed_store, seed_analysis):
    _, store = seed_store
    doc_id = seed_analysis.article.doc_id
    assert store.resolve_doc(doc_id[:6]) == doc_id
    assert store.resolve_doc("000_fde20e5758e8fe00") == doc_id
    assert store.resolve_doc("000_fde20e5758e8fe00.txt") == doc_id
    with pytest.raises(NotFound):
        store.resolve_doc("no-such-document")


def test_upgrade_from_an_older_schema_keeps_search(tmp_path, seed_analysis, monkeypatch):
    """A database made before the last migrations is upgraded in place, search intact."""
    from dateline.query import search
    from dateline.store import db as dbmod

    path = str(tmp_path / "old.db")
    monkeypatch.setattr(dbmod, "MIGRATIONS", MIGRATIONS[:5])
    open_store(path).close()
    _save_with_old_columns(path, seed_analysis)
    monkeypatch.setattr(dbmod, "MIGRATIONS", MIGRATIONS)
    store = open_store(path)
    assert [n for n, _ in store.migrations()] == [n for n, _ in MIGRATIONS]
    con = sqlite3.connect(path)
    assert con.execute("SELECT COUNT(*) FROM sentences_fts").fetchone()[0] == len(seed_analysis.parsed.sentences)
    assert "55 mph" in search(store, "top speed")[0].text
    store.save_many([seed_analysis])  # replacing deletes the old rows through the doc_id index
    assert con.execute("SELECT COUNT(*) FROM sentences_fts").fetchone()[0] == len(seed_analysis.parsed.sentences)
    store.delete(seed_analysis.article.doc_id)
    assert con.execute("SELECT COUNT(*) FROM sentences_fts").fetchone()[0] == 0


def _save_with_old_columns(path, analysis):
    """A document and its searchable sentences as a release before stored tokens wrote them."""
    from dateline.store import write

    con = sqlite3.connect(path)
    # doc_key numbered by 0016; the text whole, as before 0020
    doc = {c: v for c, v in write.document_row(analysis).items() if c not in ("doc_key", "text_gaps")}
    doc["text"] = analysis.article.text
    con.execute(f"INSERT INTO documents ({', '.join(doc)}) VALUES ({', '.join('?' * len(doc))})", list(doc.values()))
    for r in write.sentence_rows(analysis):
        con.execute(
            "INSERT INTO sentences (doc_id, idx, start_char, end_char, text) VALUES (?, ?, ?, ?, ?)",
            (r["doc_id"], r["idx"], r["start_char"], r["end_char"], r["text"]),
        )
        con.execute(
            "INSERT INTO sentences_fts (text, doc_id, idx) VALUES (?, ?, ?)", (r["text"], r["doc_id"], r["idx"])
        )
    con.commit()
    con.close()


def test_load_analysis_returns_the_parse_the_pipeline_made(db_url, seed_analysis):
    """Tokens, sentences, mentions, entities and noun chunks come back field by field."""
    store = open_store(db_url)
    store.save(seed_analysis)
    back = store.load_analysis(seed_analysis.article.doc_id)
    made, got = seed_analysis.parsed, back.parsed
    assert len(got.tokens) == len(made.tokens) > 500
    for a, b in zip(made.tokens, got.tokens, strict=True):
        assert a == b, (a, b)
    assert got.sentences == made.sentences
    assert got.mentions == made.mentions
    assert got.entities == made.entities
    assert got.noun_chunks == made.noun_chunks and got.noun_chunks
    assert got.article == made.article
    assert back.times == seed_analysis.times
    assert back.events == seed_analysis.events
    assert back.main_event == seed_analysis.main_event
    assert back.places == seed_analysis.places
    assert back.quantities == seed_analysis.quantities


def test_a_document_stored_without_its_parse_is_a_coded_error(tmp_path, seed_analysis, monkeypatch):
    from dateline.errors import StaleDocument
    from dateline.store import db as dbmod

    path = str(tmp_path / "old.db")
    monkeypatch.setattr(dbmod, "MIGRATIONS", MIGRATIONS[:6])
    open_store(path).close()
    _save_with_old_columns(path, seed_analysis)
    monkeypatch.setattr(dbmod, "MIGRATIONS", MIGRATIONS)
    store = open_store(path)
    with pytest.raises(StaleDocument, match=r"\[E304\].*--force"):
        store.load_analysis(seed_analysis.article.doc_id)
