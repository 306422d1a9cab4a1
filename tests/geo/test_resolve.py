"""Disambiguation with document context, demonyms, relative locations and distances."""

from __future__ import annotations

from datetime import date

import pytest

from dateline.geo import compass, extract_places, great_circle_km, initial_bearing_deg
from dateline.geo.distance import destination
from dateline.geo.gazetteer import get_gazetteer, normalize
from dateline.nlp import parse_text


def _places(text):
    return extract_places(parse_text(text, published=date(2024, 5, 1)))


def test_containment_picks_alexandria_louisiana():
    places, _ = _places("A fire destroyed a home in Alexandria, Louisiana, on Friday, the sheriff said.")
    alex = [p for p in places if p.text == "Alexandria"]
    assert alex and alex[0].country_code == "US" and alex[0].admin1 == "Louisiana"
    assert abs(alex[0].lat - 31.3) < 0.3


def test_alexandria_without_context_is_egypts():
    places, _ = _places("Protesters gathered in Alexandria and Cairo on Friday.")
    alex = [p for p in places if p.text == "Alexandria"]
    assert alex and alex[0].country_code == "EG"
    assert alex[0].candidates, "runner-up candidates are kept"


def test_demonyms_and_multiword_demonyms():
    places, _ = _places("North Korean and South Korean officials met American diplomats.")
    codes = {p.text: p.country_code for p in places}
    assert codes.get("North Korean") == "KP"
    assert codes.get("South Korean") == "KR"
    assert codes.get("American") == "US"


def test_relative_location_in_kilometres_with_parenthesis():
    _, rels = _places("The village lies about 50 km (31 miles) southwest of Kyiv, officials said.")
    (r,) = rels
    assert r.distance_m == pytest.approx(50000.0)
    assert r.bearing == "SW" and r.bearing_deg == pytest.approx(225.0)
    assert r.anchor == "Kyiv" and abs(r.anchor_lat - 50.45) < 0.2


def test_great_circle_pyongyang_vladivostok_about_425_miles():
    g = get_gazetteer()
    (pyo,) = [e for e in g.lookup("Pyongyang") if e.kind == "city"][:1]
    (vla,) = [e for e in g.lookup("Vladivostok") if e.kind == "city"][:1]
    km = great_circle_km(pyo.lat, pyo.lon, vla.lat, vla.lon)
    assert km == pytest.approx(684, rel=0.04)
    assert km / 1.609344 == pytest.approx(425, rel=0.04)
    assert compass(initial_bearing_deg(pyo.lat, pyo.lon, vla.lat, vla.lon)) == "NE"


def test_bearings_and_destination_roundtrip():
    assert compass(0) == "N" and compass(359) == "N" and compass(90) == "E" and compass(200) == "S"
    assert compass(202.5, points=16) == "SSW"
    lat, lon = destination(43.1, 131.9, 0.0, 900 * 1.609344)
    assert lon == pytest.approx(131.9, abs=1e-6) and lat == pytest.approx(43.1 + 1448.4 / 111.19, abs=0.05)
    assert initial_bearing_deg(0, 0, 10, 0) == pytest.approx(0.0)


def test_normalized_names_fold_case_diacritics_and_saint():
    assert normalize("St. Louis") == normalize("Saint Louis") == "saint louis"
    assert normalize("Québec") == "quebec"
    assert normalize("the Gaza Strip") == "gaza strip"
    st_louis = get_gazetteer().lookup("ST LOUIS")
    assert any(e.country_code == "US" and e.admin1_name == "Missouri" for e in st_louis)


def test_state_of_victoria_is_the_australian_state_even_in_american_context():
    places, _ = _places(
        "Officials in Texas said the bulk of the cases have been in the state of Victoria, "
        "which has 752 infected persons."
    )
    (vic,) = [p for p in places if p.text == "Victoria"]
    assert vic.country_code == "AU" and vic.feature == "region"


def test_washington_state_is_not_the_capital():
    places, _ = _places("The cow came from a Washington state farm, the agency in Washington said.")
    first, second = [p for p in places if p.text == "Washington"]
    assert first.name == "Washington" and first.lat > 45  # the state, in the north-west
    assert second.name == "District of Columbia"


def test_a_lone_untagged_word_naming_a_region_abroad_is_not_a_place():
    places, _ = _places("Sales of Berea fell.")  # Berea is also a district of Lesotho
    assert not [p for p in places if p.text == "Berea"]
    places, _ = _places("In Ohio, Berea voters approved the levy.")
    (berea,) = [p for p in places if p.text == "Berea"]
    assert berea.country_code == "US"


def test_repeated_names_are_scored_once_but_each_mention_keeps_its_own_list():
    from dateline.geo.recognize import find_toponyms
    from dateline.geo.resolve import resolve

    parsed = parse_text(
        "Flooding hit Springfield on Monday. Springfield, Illinois, closed schools. Springfield stayed dry.",
        published=date(2024, 5, 1),
    )
    trace: dict = {}
    places = resolve(parsed, find_toponyms(parsed), trace)
    spring = [k for k, p in enumerate(places) if p.text == "Springfield"]
    assert len(spring) == 3
    # one reading per name: the mention with its container decides for all three
    assert {places[k].admin1 for k in spring} == {"Illinois"}
    lists = [trace[k] for k in spring if k in trace]
    assert len({id(x) for x in lists}) == len(lists)
