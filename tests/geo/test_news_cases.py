"""Places on any news: the cases of issue 15, each on a short sentence written here.

A person's name is no place without a place cue; streets, parks and buildings stay in
the document's own area or are left unresolved; an event named after a place is not a
place; an unresolved name has no coordinates anywhere.
"""

from __future__ import annotations

from datetime import date

import pytest

from dateline.geo import extract_places, great_circle_km, place_for_span
from dateline.nlp import parse_text

LONDON = (51.507, -0.128)


def _geo(text: str):
    return extract_places(parse_text(text, published=date(2016, 11, 10)))


def _places(text: str):
    return _geo(text)[0]


def _located(places):
    return [p for p in places if p.lat is not None]


def test_a_candidate_named_clinton_is_not_a_town():
    places = _places(
        "Hillary Clinton told donors on Saturday that the letter stopped her momentum. "
        "Clinton said the race had been tied. Clinton's campaign declined to comment."
    )
    assert not [p for p in places if "Clinton" in p.text]


def test_a_town_named_clinton_with_a_place_cue_is_a_town():
    places = _places("A fire in Clinton, Iowa, destroyed two homes on Friday, the sheriff said.")
    (clinton,) = [p for p in places if p.text == "Clinton"]
    assert clinton.country_code == "US" and clinton.admin1 == "Iowa"


def test_trump_tower_is_not_placed_in_another_state():
    places = _places("Protesters gathered outside Trump Tower in New York on Wednesday night.")
    assert not [p for p in places if p.admin1 == "Maryland"]
    for p in places:
        if "Trump Tower" in p.text:
            assert p.lat is None or great_circle_km(p.lat, p.lon, 40.76, -73.97) < 60


def test_the_south_lawn_is_not_a_town_in_illinois():
    places = _places("The president spoke to reporters on the South Lawn of the White House in Washington.")
    assert not [p for p in places if p.admin1 == "Illinois"]
    (lawn,) = [p for p in places if p.text == "South Lawn"]
    assert lawn.lat is None or great_circle_km(lawn.lat, lawn.lon, 38.9, -77.04) < 60


def test_union_square_park_stays_in_new_york():
    places = _places("Hundreds marched from Union Square Park to Fifth Avenue in Manhattan, New York, on Sunday.")
    assert not [p for p in places if p.admin1 == "Maryland"]
    for p in _located(places):
        assert great_circle_km(p.lat, p.lon, 40.73, -73.99) < 400, p


def test_elgin_road_is_not_elgin_in_scotland():
    places = _places("The tram overturned near Elgin Road in Croydon, south London, early on Wednesday.")
    roads = [p for p in places if "Elgin" in p.text]
    assert roads, "the street is recognised"
    for p in roads:
        assert p.lat is None or great_circle_km(p.lat, p.lon, *LONDON) < 60
        if p.lat is None:
            assert p.feature == "unresolved" and p.context


def test_st_georges_hospital_is_not_in_antigua():
    places = _places("Seven of the injured were taken to St George's hospital in Tooting, London.")
    assert not [p for p in places if p.country_code == "AG"]


def test_an_event_named_after_a_country_is_not_a_place():
    places = _places("Max Verstappen finished third at the Brazilian Grand Prix in Sao Paulo on Sunday.")
    assert not [p for p in places if "Grand Prix" in p.text]
    (sp,) = [p for p in places if p.text == "Sao Paulo"]
    assert sp.country_code == "BR" and sp.lat is not None


def test_a_relative_location_is_a_place_without_coordinates():
    text = "The cosmodrome lies around 900 miles north of Vladivostok, officials said."
    places, rels = _geo(text)
    assert not [p for p in places if "miles" in p.text]
    (vla,) = [p for p in places if p.text == "Vladivostok"]
    assert vla.country_code == "RU" and vla.lat is not None
    start = text.index("around")
    where = place_for_span(places, rels, start, text.index(", officials"))
    assert where is not None and where.feature == "unresolved"
    assert where.lat is None and where.lon is None and where.context == "Vladivostok"


def test_place_for_span_gives_the_most_specific_resolved_place():
    text = "Kim arrived at the Vostochny Cosmodrome in Russia on Tuesday."
    places, rels = _geo(text)
    where = place_for_span(places, rels, text.index("at the"), text.index(" on Tuesday"))
    assert where is not None and where.name == "Vostochny Cosmodrome"
    assert place_for_span(places, rels, 0, text.index(" arrived")) is None  # "Kim" names no place


def test_a_fleet_named_after_an_ocean_is_not_in_mid_ocean():
    places = _places("Kim toured a frigate of the Pacific Fleet in Vladivostok on Saturday.")
    assert not [p for p in places if p.name == "Pacific Ocean"]


def test_the_pacific_ocean_itself_is_a_sea_with_a_point():
    places = _places("The ship sailed across the Pacific Ocean to Japan.")
    (pac,) = [p for p in places if p.text == "Pacific Ocean"]
    assert pac.feature == "natural" and pac.lat is not None
    assert -60 < pac.lat < 60 and (pac.lon > 120 or pac.lon < -80)


def test_one_reading_per_name_follows_the_mention_with_a_container():
    places = _places("A storm hit Paris, Texas, on Monday. Officials in Paris said two roads were closed.")
    paris = [p for p in places if p.text == "Paris"]
    assert len(paris) == 2 and all(p.country_code == "US" and p.admin1 == "Texas" for p in paris)


@pytest.mark.parametrize(
    "text",
    [
        "Crowds filled Bingham Road and Addiscombe Road in Croydon after the crash.",
        "Fans waited outside Progressive Field in Cleveland, Ohio, before the game.",
    ],
)
def test_unresolved_places_have_no_coordinates_and_keep_context(text):
    places = _places(text)
    for p in places:
        if p.feature == "unresolved":
            assert p.lat is None and p.lon is None
        else:
            assert p.lat is not None and p.lon is not None
