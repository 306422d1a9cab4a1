"""Cross-document entities and timelines on small real reports written for the test."""

from __future__ import annotations

from dateline.query.entity import canonical_id, entity_page, find_entities
from dateline.query.timeline import timeline

from .conftest import doc_id_of


def _person(store, file_name, key):
    return canonical_id(store, doc_id_of(store, file_name), key)


def test_two_people_sharing_a_surname_stay_apart(small_store):
    kju = _person(small_store, "a_summit.txt", "PERSON:Kim Jong Un")
    ksw = _person(small_store, "c_golf.txt", "PERSON:Kim Si-woo")
    assert kju is not None and ksw is not None and kju != ksw
    # the same full name in two documents is one person
    assert kju == _person(small_store, "b_summit.txt", "PERSON:Kim Jong Un")
    # a bare "Kim" joins the full name its document's context points to
    assert _person(small_store, "f_partner.txt", "PERSON:Kim") == kju
    assert _person(small_store, "g_golf.txt", "PERSON:Kim") == ksw


def test_titles_find_the_person(small_store):
    putin = find_entities(small_store, "Russian President")[0]
    assert putin.name == "Vladimir Putin"
    assert "Putin" in putin.aliases
    assert find_entities(small_store, "north korean LEADER")[0].name == "Kim Jong Un"  # any case


def test_places_merge_by_gazetteer_entry(small_store):
    a = _person(small_store, "a_summit.txt", "GPE:Vladivostok")
    b = _person(small_store, "b_summit.txt", "GPE:Vladivostok")
    (e,) = find_entities(small_store, "Vladivostok", limit=1)
    assert a == b == e.entity_id and e.place is not None and abs(e.place.lat - 43.1) < 0.5


def test_entity_page(small_store):
    page = entity_page(small_store, "Putin")
    e = page.entity
    assert e.name == "Vladimir Putin" and e.label == "PERSON"
    assert e.first_seen == "2019-04-25" and e.last_seen == "2019-04-27" and e.documents == 3
    assert "Kim Jong Un" in [r.name for r in page.related]
    assert "Russian President" in [t.text for t in page.titles]
    assert any(ev["type"] == "MEET" for ev in page.timeline["events"])


def test_timeline_orders_by_event_time_not_publication(small_store):
    events = timeline(small_store, entity="Dragan Djilas")["events"]
    # reported in 2024 about 2010, and in 2023 about 2012: event time decides
    assert [e["earliest"][:4] for e in events] == ["2010", "2012"]
    pubs = [e["sources"][0]["published"] for e in events]
    assert pubs == ["2024-03-01", "2023-05-01"]


def test_same_event_from_two_documents_appears_once(small_store):
    meets = [
        e for e in timeline(small_store, date_from="2019-04-01", date_to="2019-04-30")["events"] if e["type"] == "MEET"
    ]
    assert len(meets) == 1
    m = meets[0]
    assert m["earliest"] == m["latest"] == "2019-04-25"
    assert m["documents"] == 2 and m["status"] == "occurred"
    assert {p["name"] for p in m["participants"]} >= {"Kim Jong Un", "Vladimir Putin"}


def test_planned_events_are_not_shown_as_past(ref_store):
    events = timeline(ref_store)["events"]
    years = [e["earliest"][:4] for e in events]
    assert years == sorted(years)
    for y in ("2007", "2016", "2019", "2023"):
        assert y in years
    # the 2023 meeting is still ahead in this report: planned, and undated (the text gives it no
    # date of its own, and the publication date is not the meeting's)
    assert not [e for e in events if e["type"] == "MEET" and e["earliest"].startswith("2023")]
    (doc,) = [r["doc_id"] for r in ref_store.query("SELECT doc_id FROM documents")]
    meets = [e for e in ref_store.load_analysis(doc).events if e.trigger == "meet"]  # "to meet", not "met"
    assert meets and all(e.status == "planned" and e.time_earliest is None for e in meets)
    met_2019 = [e for e in events if e["type"] == "MEET" and e["earliest"].startswith("2019")]
    assert met_2019 and met_2019[0]["status"] == "occurred"
