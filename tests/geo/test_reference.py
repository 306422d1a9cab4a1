"""Places on the reference article (Kim Jong Un's 2023 trip to the Vostochny Cosmodrome)."""

from __future__ import annotations

import pytest

from dateline.geo import extract_places


@pytest.fixture(scope="module")
def geo(seed_parsed):
    return extract_places(seed_parsed)


def _by_name(places, name):
    hits = [p for p in places if p.name == name]
    assert hits, f"{name} not found among {sorted({p.name for p in places})}"
    return hits[0]


def test_vostochny_cosmodrome_in_amur_oblast(geo):
    p = _by_name(geo[0], "Vostochny Cosmodrome")
    assert p.feature == "facility"
    assert p.country_code == "RU"
    assert p.admin1 == "Amur Oblast"
    assert abs(p.lat - 51.88) < 0.05 and abs(p.lon - 128.33) < 0.05


def test_baikonur_is_in_kazakhstan(geo):
    p = _by_name(geo[0], "Baikonur Cosmodrome")
    assert p.country_code == "KZ"
    assert abs(p.lat - 45.96) < 0.1 and abs(p.lon - 63.3) < 0.1


def test_vladivostok_and_pyongyang(geo):
    v = _by_name(geo[0], "Vladivostok")
    assert v.country_code == "RU" and v.feature == "city"
    assert abs(v.lat - 43.12) < 0.1 and abs(v.lon - 131.9) < 0.1
    p = _by_name(geo[0], "Pyongyang")
    assert p.country_code == "KP"
    assert abs(p.lat - 39.03) < 0.1 and abs(p.lon - 125.75) < 0.1


def test_demonym_russian_resolves_to_russia(geo):
    russian = [p for p in geo[0] if p.text == "Russian"]
    assert russian and all(p.country_code == "RU" and p.feature == "country" for p in russian)
    nk = [p for p in geo[0] if p.text == "North Korean"]
    assert nk and nk[0].country_code == "KP"


def test_regions_amur_and_russian_far_east(geo):
    amur = [p for p in geo[0] if "Amur" in p.text]
    assert amur and amur[0].name == "Amur Oblast" and amur[0].country_code == "RU"
    far_east = [p for p in geo[0] if p.name == "Russian Far East"]
    assert far_east and far_east[0].feature == "region"


def test_relative_location_900_miles_north_of_vladivostok(geo):
    (rel,) = [r for r in geo[1] if r.anchor == "Vladivostok"]
    assert rel.distance_m == pytest.approx(900 * 1609.344, rel=1e-6)
    assert rel.bearing == "N" and rel.bearing_deg == 0.0
    assert rel.mod == "APPROX"
    assert abs(rel.anchor_lat - 43.1) < 0.1 and abs(rel.anchor_lon - 131.9) < 0.1


def test_places_carry_confidence_and_offsets(seed_parsed, geo):
    for p in geo[0]:
        assert seed_parsed.text[p.start : p.end] == p.text
        assert 0.0 <= p.confidence <= 1.0


def test_uk_county_in_british_news_and_us_city_in_american_news():
    """UK counties were missing from the gazetteer: "Suffolk" in a British report went to Virginia."""
    from datetime import date

    from dateline.geo import extract_places
    from dateline.nlp import parse_text

    uk = parse_text(
        "Bird flu was found on a farm in Suffolk, England, the Department for Environment said in London.",
        published=date(2020, 12, 1),
    )
    us = parse_text(
        "The city council of Suffolk, Virginia, met on Monday near Norfolk and Virginia Beach.",
        published=date(2020, 12, 1),
    )
    (p_uk,) = [p for p in extract_places(uk)[0] if p.text == "Suffolk"]
    (p_us,) = [p for p in extract_places(us)[0] if p.text == "Suffolk"]
    assert p_uk.country_code == "GB" and abs(p_uk.lat - 52.2) < 1
    assert p_us.country_code == "US" and abs(p_us.lat - 36.7) < 1


def test_a_square_named_after_a_person_is_not_a_town_named_like_him():
    """Bug: "Kim Il Sung Square" resolved to Kim, a town in India (prefix of a longer name)."""
    from datetime import date

    from dateline.geo import extract_places
    from dateline.nlp import parse_text

    p = parse_text("Putin was welcomed at a ceremony in Kim Il Sung Square in Pyongyang.", published=date(2024, 6, 19))
    (sq,) = [x for x in extract_places(p)[0] if x.text == "Kim Il Sung Square"]
    assert sq.country_code == "KP" and sq.name != "Kim"
