"""Cross-document entities and timelines on small real reports written for the test."""

from __future__ import annotations

from dateline.query.entity import entity_index, entity_info
from dateline.query.timeline import timeline

from .conftest import doc_id_of


def _person(idx, store, file_name, key):
    return idx.of(doc_id_of(store, file_name), key)


def test_two_people_sharing_a_surname_stay_apart(small_store):
    idx = entity_index(small_store)
    kju = _person(idx, small_store, "a_summit.txt", "PERSON:Kim Jong Un")
    ksw = _person(idx, small_store, "c_golf.txt", "PERSON:Kim Si-woo")
    assert kju is not None and ksw is not None and kju.id != ksw.id
    # the same full name in two documents is one person
    assert kju is _person(idx, small_store, "b_summit.txt", "PERSON:Kim Jong Un")
    # a bare "Kim" joins the full name its document's context points to
    assert _person(idx, small_store, "f_partner.txt", "PERSON:Kim") is kju
    assert _person(idx, small_store, "g_golf.txt", "PERSON:Kim") is ksw


def test_aliases_include_titles_and_resolve(small_store):
    idx = entity_index(small_store)
    putin = idx.find("Russian President")[0]
    assert putin.name == "Vladimir Putin"
    assert "Putin" in putin.aliases and "Russian President" in putin.aliases
    assert idx.find("North Korean leader")[0].name == "Kim Jong Un"


def test_places_merge_by_gazetteer_entry(small_store):
    idx = entity_index(small_store)
    a = idx.of(doc_id_of(small_store, "a_summit.txt"), "GPE:Vladivostok")
    b = idx.of(doc_id_of(small_store, "b_summit.txt"), "GPE:Vladivostok")
    assert a is b and a.place is not None and abs(a.place["lat"] - 43.1) < 0.5


def test_entity_info(small_store):
    info = entity_info(small_store, "Putin")
    assert info["name"] == "Vladimir Putin" and info["type"] == "PERSON"
    assert info["first_seen"] == "2019-04-25" and info["last_seen"] == "2019-04-27"
    assert "Kim Jong Un" in [r["name"] for r in info["related"]]
    assert any(e["type"] == "MEET" for e in info["timeline"])


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
    meets_2023 = [e for e in events if e["type"] == "MEET" and e["earliest"].startswith("2023")]
    assert meets_2023 and all(e["status"] != "occurred" for e in meets_2023)
    met_2019 = [e for e in events if e["type"] == "MEET" and e["earliest"].startswith("2019")]
    assert met_2019 and met_2019[0]["status"] == "occurred"
