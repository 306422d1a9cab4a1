"""Long and pathological documents: parsed in segments with exact offsets, over-long runs
cut before the tokenizer, the size limit enforced, and 100,000-character runs through the
whole pipeline into a store. Their cost is measured by `bench/hostile.py` (per-character
time as a ratio to normal news in the same run), never by a timed test."""

from __future__ import annotations

import pytest

from dateline.errors import DocumentTooLarge
from dateline.ingest import make_article
from dateline.ingest.limits import limits
from dateline.nlp import load_pipeline, parse, parse_many, segment
from dateline.pipeline import analyse
from dateline.store import open_store
from dateline.types import Article

RUN = 100_000


def test_segments_are_exact_slices_cut_at_breaks():
    text = ("A sentence here. " * 40 + "\n\n") * 60
    parts = segment.cut(text, 2000)
    assert "".join(parts) == text and all(len(p) <= 2000 for p in parts)
    assert all(p.endswith("\n\n") for p in parts[:-1])
    assert segment.cut("x" * 5000, 2000) == ["x" * 2000, "x" * 2000, "x" * 1000]


def test_long_runs_are_cut_into_tokens_and_the_text_kept():
    nlp = load_pipeline()
    limit = segment.settings().max_token_chars
    for text in ("Officials said word" + "'" * 5000 + " and left.", "1" * 3000, "a " + "!?" * 2000 + " b"):
        doc = segment.make_doc(nlp, text)
        assert doc.text == text
        assert max(len(t) for t in doc) <= limit


def test_a_long_document_parses_in_segments_with_exact_offsets(seed_article, seed_parsed):
    body = "\n\n".join([seed_article.text] * 8)
    art = make_article(body, source="long")
    assert len(segment.cut(art.text)) > 1
    (p,) = list(parse_many([art]))
    assert all(art.text[s.start : s.end] == s.text for s in p.sentences)
    assert all(art.text[t.start : t.end] == t.text for t in p.tokens)
    assert all(art.text[m.start : m.end] == m.text for m in p.mentions)
    # each copy is parsed as the single article is
    assert len(p.sentences) == 8 * len(seed_parsed.sentences)


def test_segment_records_equal_those_of_the_segments_joined_into_one_doc(seed_article):
    # Each segment's Doc becomes records as it is parsed (memory stays at one batch of
    # segments); the records must be those of the segments joined into one Doc.
    from spacy.tokens import Doc

    from dateline.nlp import from_doc

    art = make_article("\n\n".join([seed_article.text] * 4), source="long")
    parts = segment.cut(art.text)
    assert len(parts) > 1
    nlp = load_pipeline()
    joined = Doc.from_docs(list(nlp.pipe(segment.make_doc(nlp, t) for t in parts)), ensure_whitespace=False)
    (p,) = list(parse_many([art]))
    want = from_doc(art, joined)
    assert p.tokens == want.tokens
    assert p.sentences == want.sentences
    assert p.mentions == want.mentions
    assert p.entities == want.entities
    assert p.noun_chunks == want.noun_chunks


def test_a_normal_article_is_one_segment_and_unchanged(seed_article, seed_parsed):
    assert segment.cut(seed_article.text) == [seed_article.text]
    assert parse(seed_article) == seed_parsed


def test_a_document_over_the_limit_is_refused_before_spacy():
    cap = limits().max_document_chars
    art = Article(doc_id="x", text="word " * (cap // 5 + 1), source="big")
    with pytest.raises(DocumentTooLarge) as exc:
        list(parse_many([art]))
    assert exc.value.code == "E602" and "big" in exc.value.detail


RUNS = {
    "digits": "Officials said " + "7" * RUN + ".",
    "punctuation": "Officials said " + "!?.,;:-" * (RUN // 7),
    "apostrophes": "Officials said word" + "'" * RUN,
    "whitespace": "Officials said" + " \u2003\u00a0 \n" * (RUN // 5) + "it rained.",
    "one word": "war " * (RUN // 4),
}


@pytest.mark.parametrize("name", sorted(RUNS))
def test_100000_character_runs_are_analysed_and_stored_once(name, tmp_path):
    store = open_store(str(tmp_path / "r.db"))
    art = make_article(RUNS[name], source=name)
    analysis = analyse(art)
    store.save(analysis)
    assert analysis.parsed.text == art.text
    assert store.doc_ids() == [art.doc_id] and store.article(art.doc_id).text == art.text
