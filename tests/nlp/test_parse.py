"""The real model on the reference article: the names a news reader expects."""

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


def test_surname_is_the_same_person(seed_parsed):
    putin = [m for m in seed_parsed.mentions if m.text == "Putin"]
    assert putin and all(str(m.entity) == "PERSON:Vladimir Putin" for m in putin)
    (ent,) = [e for e in seed_parsed.entities if str(e.key) == "PERSON:Vladimir Putin"]
    assert "Putin" in ent.aliases and ent.mentions >= 10


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


def test_two_people_sharing_a_first_name_stay_apart():
    from dateline.nlp import parse_text

    p = parse_text("Kim Jong Un laid flowers at Kim Il Sung Square. Kim Yo Jong watched. Kim spoke later.")
    keys = {m.entity for m in p.mentions if m.text == "Kim"}
    assert keys and "PERSON:Kim Jong Un" not in keys  # ambiguous: not silently merged
