"""Migration 0020, a document's text stored once: in its sentences, with what lies between them
kept beside; put back on read, and a store in the 0019 layout converted without loss, on SQLite
and on PostgreSQL."""

from __future__ import annotations

from dateline.store import doc_text, open_store, write
from dateline.store.db import TEXT_ONCE

from .layouts import as_0019, migrated_again


def test_the_sentences_and_their_gaps_rebuild_the_text(seed_analysis):
    a = seed_analysis
    spans = [(s.start, s.end, s.text) for s in a.parsed.sentences]
    rest = doc_text.gaps(a.article.text, spans)
    assert rest is not None and len(rest) < len(a.article.text) / 10
    assert doc_text.whole(rest, spans) == a.article.text
    row = write.document_row(a)
    assert row["text"] == "" and row["text_gaps"] == rest
    # sentences that are not slices of the text, or overlap, keep the text whole
    assert doc_text.gaps(a.article.text, [(spans[0][0], spans[0][1], spans[0][2] + "x"), *spans[1:]]) is None
    assert doc_text.gaps(a.article.text, [spans[0], (spans[0][0], spans[0][1], spans[0][2]), *spans[1:]]) is None
    assert doc_text.gaps(a.article.text[: spans[-1][1] - 1], spans) is None
    assert doc_text.gaps("", []) == "" and doc_text.whole("", []) == ""
    assert doc_text.gaps("  no sentence  ", []) == "  no sentence  "


def test_a_stored_article_reads_back_with_its_text(store_url, seed_analysis):
    store = open_store(store_url)
    store.save(seed_analysis)
    d = seed_analysis.article.doc_id
    assert store.query("SELECT text FROM documents WHERE doc_id = :d", d=d)[0]["text"] == ""
    assert store.article(d) == seed_analysis.article
    store.close()


def _text_bytes(store) -> int:
    rows = store.query("SELECT text FROM documents")
    return sum(len(r["text"].encode()) for r in rows)


def test_migration_0020_converts_an_0019_store_without_loss(store_url, analyses):
    once, whole, again = migrated_again(store_url, analyses, as_0019, TEXT_ONCE, _text_bytes)
    assert once == 0 < whole
    assert again == once
