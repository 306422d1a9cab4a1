"""Reading CAT XML: the rebuilt text and its token offsets, MEANTIME mentions, heads and instances."""

from __future__ import annotations

import pytest

from dateline.errors import BadGoldData
from dateline.eval.cat import read_cat, read_cat_dir
from dateline.eval.meantime import gold_mentions, read_corpus
from dateline.ingest.normalize import normalize_text

from .cat_fixture import ACME_OPENS, cat_xml, write_corpus

WORDS = ["Wal", "-", "Mart", "sold", "new", "versions", "of", "Apple", "Inc.,", "software", "'s"]
MENTIONS = [  # m_id, head attribute, token ids (the title "Heads" is token 1, the words 2..12)
    ("1", "Wal - Mart", (2, 3, 4)),
    ("2", "version", (6, 7, 8, 9, 10)),
    ("3", "Apple Inc.", (9, 10)),
    ("4", "", (9, 10, 11, 12)),
    ("5", "nowhere", (6, 7, 8, 9)),
]


def _heads_xml() -> str:
    toks = ['<token t_id="1" sentence="0" number="0">Heads</token>']
    toks += [f'<token t_id="{i}" sentence="1" number="{i - 1}">{w}</token>' for i, w in enumerate(WORDS, start=2)]
    marks = [
        f'<ENTITY_MENTION m_id="{m}" head="{h}">'
        + "".join(f'<token_anchor t_id="{t}"/>' for t in ts)
        + "</ENTITY_MENTION>"
        for m, h, ts in MENTIONS
    ]
    marks.append('<ENTITY m_id="20" ent_type="ORG" instance_id="ORG_WALMART"/>')
    rel = '<REFERS_TO r_id="1"><source m_id="1"/><target m_id="20"/></REFERS_TO>'
    return (
        '<?xml version="1.0" ?><Document doc_id="7" doc_name="7_heads">'
        + "".join(toks)
        + f"<Markables>{''.join(marks)}</Markables><Relations>{rel}</Relations></Document>"
    )


def test_rebuilt_text_reads_like_prose_with_exact_token_offsets(tmp_path):
    p = tmp_path / "101.xml"
    p.write_text(cat_xml(ACME_OPENS), encoding="utf-8")
    doc = read_cat(p)
    assert doc.doc_id == "101" and doc.creation_time == "2010-03-03"
    assert doc.title == "Acme Corp opens factory in Springfield"
    assert doc.text == doc.title + "\n\n" + doc.body
    assert doc.body.startswith("March 3, 2010\n\nAcme Corp opened a new factory in Springfield on Monday.\n\n")
    assert doc.body.endswith('Jane Smith, the founder of Acme Corp, called the plant "a new start".')
    assert all(doc.text[t.start : t.end] == t.text for t in doc.tokens)
    assert [t.sentence for t in doc.tokens] == sorted(t.sentence for t in doc.tokens)
    assert normalize_text(doc.text) == doc.text  # what ingest stores, unchanged


def test_heads_from_the_attribute_and_by_position(tmp_path):
    p = tmp_path / "7.xml"
    p.write_text(_heads_xml(), encoding="utf-8")
    doc = read_cat(p)
    ms = {m.m_id: m for m in gold_mentions(doc)}

    def head(m_id):
        return doc.text[ms[m_id].head_start : ms[m_id].head_end], ms[m_id].head_rule

    assert head("1") == ("Wal - Mart", "attribute")  # punctuation tokens do not count
    assert head("2") == ("versions", "attribute")  # a plural of the head word
    assert head("3") == ("Apple Inc.", "attribute")  # punctuation a token carries is no part of the head
    assert head("4") == ("software", "last word before a preposition")  # the possessive is no head
    assert head("5") == ("versions", "last word before a preposition")  # a head not in the span
    assert ms["1"].instance == "ORG_WALMART" and ms["1"].ent_class == "ORG"
    assert ms["2"].instance == "7#2" and ms["2"].ent_class == ""  # linked to no instance: alone


def test_meantime_clusters_cross_documents(tmp_path):
    corpus = read_corpus(write_corpus(tmp_path / "c"))
    assert len(corpus.documents) == 2 and len(corpus.mentions) == 16
    docs = {d.doc_id: d for d in corpus.documents}
    assert all(docs[m.doc_id].text[m.start : m.end] == m.text for m in corpus.mentions)
    acme = [m for m in corpus.mentions if m.instance == "ORG_ACME"]
    assert {m.doc_id for m in acme} == {"101", "102"} and {m.ent_class for m in acme} == {"ORG"}
    company = next(m for m in acme if m.text == "The company")
    assert (company.head_rule, docs["101"].text[company.head_start : company.head_end]) == ("attribute", "company")
    assert read_corpus(tmp_path / "c", limit=1).documents[0].doc_id == "101"
    # every mention of the fixture has a syntactic type: each document is annotated to its end
    full = dict(corpus.fully_annotated)
    last = {d: max(m.start for m in corpus.mentions if m.doc_id == d) for d in docs}
    assert all(full[d] >= last[d] and full[d] <= len(docs[d].text) for d in docs)


def test_files_that_are_not_cat_are_refused(tmp_path):
    (tmp_path / "x.xml").write_text("<Document doc_id='1'></Document>", encoding="utf-8")
    with pytest.raises(BadGoldData, match="no <token>"):
        read_cat(tmp_path / "x.xml")
    (tmp_path / "y.xml").write_text("<Document", encoding="utf-8")
    with pytest.raises(BadGoldData, match="E109"):
        read_cat(tmp_path / "y.xml")
    (tmp_path / "empty").mkdir()
    for folder in (tmp_path / "empty", tmp_path / "missing"):
        with pytest.raises(BadGoldData, match="no CAT"):
            read_cat_dir(folder)
