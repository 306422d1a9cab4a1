"""The real model on the reference article: spans, offsets and the entity ruler.

Which mentions are one entity is the entities stage's decision (tests/entities)."""

from __future__ import annotations


def test_seed_entities(seed_parsed):
    names = {e.name for e in seed_parsed.entities}
    for expected in [
        "Kim Jong Un",
        "Vladimir Putin",
        "Vostochny Cosmodrome",
        "Vladivostok",
        "Pyongyang",
        "Russia",
        "North Korea",
        "Amur Oblast",
        "Baikonur Cosmodrome",
        "Kazakhstan",
    ]:
        assert expected in names, expected
    dates = {m.text for m in seed_parsed.mentions if m.label == "DATE"}
    assert {"2007", "2016", "2019", "Tuesday"} <= dates


def test_mentions_are_raw_model_spans_keyed_by_text_or_ruler_id(seed_parsed):
    putin = [m for m in seed_parsed.mentions if m.text == "Putin"]
    assert putin and all(str(m.entity) == "PERSON:Putin" for m in putin)  # joined later, by the entities stage
    amur = [m for m in seed_parsed.mentions if m.entity.name == "Amur Oblast"]
    assert amur and any(m.text != "Amur Oblast" for m in amur)  # the ruler's id is the canonical name


def test_offsets_point_into_text(seed_parsed):
    text = seed_parsed.text
    for m in seed_parsed.mentions:
        assert text[m.start : m.end] == m.text
    for s in seed_parsed.sentences:
        assert text[s.start : s.end] == s.text
    for t in seed_parsed.tokens[:200]:
        assert text[t.start : t.end] == t.text


def test_ruler_does_not_take_amur_inside_other_names():
    from dateline.nlp import parse_text

    p = parse_text("Kim Jong Un visited a factory in Komsomolsk-on-Amur on Friday.")
    assert "LOC:Amur Oblast" not in {str(m.entity) for m in p.mentions}


def test_token_records_read_from_the_doc_array_equal_its_token_attributes():
    """Tokens are read through one ``Doc.to_array``: each field equals the Token's own attribute,
    heads and offsets shifted as for a later segment."""
    from dateline.nlp import load_pipeline
    from dateline.nlp.parse import _tokens

    doc = load_pipeline()("Mr. O'Neil paid $3.5 million in Paris on Tuesday. The mayor, not he, said so.")
    got = list(_tokens(doc, 10, 100, [7] * len(doc)))
    assert len(got) == len(doc)
    for r, t in zip(got, doc, strict=True):
        assert (r.i, r.text, r.start, r.end) == (10 + t.i, t.text, 100 + t.idx, 100 + t.idx + len(t.text))
        assert (r.lemma, r.pos, r.tag, r.dep) == (t.lemma_, t.pos_, t.tag_, t.dep_)
        assert (r.head, r.sentence, r.ent_type, r.ent_iob) == (10 + t.head.i, 7, t.ent_type_, t.ent_iob_ or "O")
        assert (r.is_stop, r.like_num) == (t.is_stop, t.like_num)
    assert {r.ent_iob for r in got} == {"B", "I", "O"} and any(r.head < r.i for r in got)


def test_tree_token_starts_bisect_an_offset_to_its_token():
    import bisect

    from dateline.nlp import parse_text
    from dateline.nlp.syntax import Tree

    p = parse_text("Two trams collided in Croydon. Seven people were hurt.")
    tree = Tree(p)
    starts = tree.starts()
    assert starts == [t.start for t in p.tokens]
    assert tree.starts() is starts  # built once per tree
    off = p.text.index("Croydon") + 3
    assert p.tokens[bisect.bisect_right(starts, off) - 1].text == "Croydon"
