"""Document-level reasoning of resolution, each case on a short text written here:
names close to each other support each other, a dateline names a town, abbreviated
kinds are read written out, and a state's point lies inside the state."""

from __future__ import annotations

from datetime import date

from dateline.geo import extract_places, great_circle_km
from dateline.geo.gazetteer import get_gazetteer
from dateline.geo.recognize import Toponym, containment
from dateline.geo.resolve import resolve
from dateline.nlp import parse_text


def _places(text: str):
    return extract_places(parse_text(text, published=date(2016, 11, 10)))[0]


def _one(places, text: str):
    found = [p for p in places if p.text == text]
    assert found, f"{text!r} not among {[p.text for p in places]}"
    return found[0]


def test_a_county_and_its_seat_are_read_together():
    # Paris and Henry County are each in several states; only in Tennessee are they adjacent
    places = _places(
        "The Henry County commission met in Paris on Monday; commissioners said Paris needs a fire station."
    )
    paris, county = _one(places, "Paris"), _one(places, "Henry County")
    assert paris.admin1 == county.admin1 == "Tennessee"
    assert great_circle_km(paris.lat, paris.lon, county.lat, county.lon) < 35


def test_a_town_is_read_near_the_county_the_text_names():
    places = _places("Athens police and Henderson County deputies searched the lake on Sunday.")
    assert _one(places, "Athens").admin1 == "Texas"


def test_a_dateline_names_a_town_not_a_country():
    places = _places("LEBANON (AP) — A forensic pathologist testified on Friday in the Warren County courthouse.")
    lebanon = _one(places, "LEBANON")
    assert lebanon.feature == "city" and lebanon.country_code == "US"


def test_a_country_name_in_running_text_stays_a_country():
    places = _places("Refugees crossed from Syria into Lebanon on Friday, the United Nations said.")
    assert _one(places, "Lebanon").country_code == "LB"


def _resolve_span(text: str, name: str):
    parsed = parse_text(text, published=date(2016, 11, 10))
    start = text.index(name)
    t = Toponym(start, start + len(name), name, 0, name, "gold")
    containment(t, text)
    (place,) = resolve(parsed, [t])
    return place


def test_an_abbreviated_county_is_read_written_out():
    place = _resolve_span("Deputies in Loudon Co. found the stolen car near Lenoir City on Tuesday.", "Loudon Co.")
    assert place.lat is not None and place.admin1 == "Tennessee"
    assert place.name == "Loudon County"


def test_a_township_is_read_as_its_town():
    place = _resolve_span("The Jackson Township trustees met in Stark County, Ohio.", "Jackson Township")
    assert place.lat is not None and place.name == "Jackson"


def test_new_york_state_is_not_placed_on_new_york_city():
    state = [e for e in get_gazetteer().lookup("New York") if e.kind == "admin1"]
    assert state and great_circle_km(state[0].lat, state[0].lon, 40.713, -74.006) > 100
