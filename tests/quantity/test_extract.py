"""Quantities on the reference article and on short phrases written for these tests."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from dateline.nlp import parse_text
from dateline.quantity import extract_quantities
from dateline.quantity.lexicon import DATA, load_lexicon, pint_factor


def _q(text: str):
    return extract_quantities(parse_text(text, published=date(2023, 9, 12)))


def _one(text: str, kind: str):
    qs = [q for q in _q(text) if q.kind == kind]
    assert len(qs) == 1, (text, qs)
    return qs[0]


@pytest.fixture(scope="module")
def seed_q(seed_parsed):
    return extract_quantities(seed_parsed)


def _by_text(qs, text):
    found = [q for q in qs if q.text == text]
    assert found, f"{text!r} not in {[q.text for q in qs]}"
    return found[0]


def test_seed_top_speed(seed_q):
    q = _by_text(seed_q, "55 mph")
    assert (q.kind, q.number, q.unit, q.mod, q.measures) == ("speed", 55, "mph", "MAX", "top speed")
    assert q.si_unit == "m/s" and q.si_value == pytest.approx(24.587, abs=1e-3)


def test_seed_journey_distance(seed_q):
    q = _by_text(seed_q, "435 miles")
    assert (q.kind, q.number, q.measures, q.mod) == ("distance", 435, "distance", None)
    assert q.si_unit == "m" and q.si_value == pytest.approx(700_064.64, rel=1e-6)


def test_seed_about_20_hours(seed_q):
    q = _by_text(seed_q, "about 20 hours")
    assert (q.kind, q.number, q.mod, q.measures) == ("duration", 20, "APPROX", "journey")
    assert q.si_value == 72_000 and q.si_unit == "s"


def test_seed_around_900_miles(seed_q):
    q = _by_text(seed_q, "around 900 miles")
    assert q.kind == "distance" and q.mod == "APPROX"
    assert q.si_value / 1000 == pytest.approx(1448.4, abs=0.05)
    assert q.measures == "distance north of Vladivostok"


def test_seed_multiplier(seed_q):
    q = _by_text(seed_q, "about three times")
    assert (q.kind, q.number, q.mod, q.measures) == ("multiplier", 3, "APPROX", "distance")


def test_seed_no_years_or_dates(seed_q):
    texts = {q.text for q in seed_q}
    assert not texts & {"2019", "2016", "2007", "21st", "Tuesday"}
    assert all(q.kind != "count" or q.number != 2019 for q in seed_q)


@pytest.mark.parametrize(
    "text, number, code, mod",
    [
        ("The bridge cost $1.5 billion to build.", 1.5e9, "USD", None),
        ("Russia paid 300 million roubles for the site.", 3e8, "RUB", None),
        ("The club lost £20m last season.", 2e7, "GBP", None),
        ("The fund holds €5bn in bonds.", 5e9, "EUR", None),
        ("They raised more than $2.3 million.", 2.3e6, "USD", "MORE_THAN"),
    ],
)
def test_money(text, number, code, mod):
    q = _one(text, "money")
    assert (q.si_value, q.si_unit, q.mod) == (pytest.approx(number), code, mod)


def test_percent_and_fraction():
    q = _one("Turnout fell by almost 10 per cent.", "percent")
    assert (q.number, q.si_unit, q.mod) == (10, "%", "APPROX")
    f = _one("Two-thirds of voters stayed home.", "percent")
    assert f.si_value == pytest.approx(66.667, abs=1e-2) and f.measures == "voters"


def test_counts_of_people():
    qs = _q("Several people died and dozens were injured. Five people were left trapped. At least 40 people were hurt.")
    counts = {q.text: q for q in qs if q.kind == "count"}
    assert counts["dozens"].mod == "APPROX" and counts["dozens"].measures == "injured"
    assert counts["Five"].number == 5 and counts["Five"].measures == "people"
    assert counts["At least 40"].mod == "AT_LEAST" and counts["At least 40"].number == 40


@pytest.mark.parametrize(
    "text, kind, number, unit_si, si",
    [
        ("The lorry weighed 3 tonnes.", "mass", 3, "kg", 3000),
        ("The fire burnt 2.5 square kilometres of forest.", "area", 2.5, "m^2", 2.5e6),
        ("The tank held 10,000 litres of water.", "volume", 10000, "m^3", 10),
        ("It was 30C in the shade.", "temperature", 30, "K", 303.15),
        ("The convoy drove 1,500 km across the desert.", "distance", 1500, "m", 1.5e6),
        ("Cars were limited to 120 km/h on the road.", "speed", 120, "m/s", 33.333),
        ("The talks went on for three days.", "duration", 3, "s", 259200),
    ],
)
def test_units_normalize_to_si(text, kind, number, unit_si, si):
    q = _one(text, kind)
    assert q.number == number and q.si_unit == unit_si
    assert q.si_value == pytest.approx(si, rel=1e-3)


def test_number_words_and_scales():
    assert _one("Twenty-five soldiers crossed the river.", "count").number == 25
    assert _one("She bought a dozen eggs.", "count").number == 12
    assert _one("The city has 3.5 million residents.", "count").number == 3.5e6
    assert _one("The well was 40m deep.", "distance").si_value == 40  # metres, not millions
    assert _one("The club spent £20m.", "money").text == "£20m"
    q = _one("Hundreds of homes were flooded.", "count")
    assert q.mod == "APPROX" and q.measures == "homes"


def test_multipliers_and_frequencies():
    q = _one("The new dam is twice the size of the old one.", "multiplier")
    assert q.number == 2 and q.measures == "size"
    assert not [q for q in _q("He visited three times a week.") if q.kind == "multiplier"]


def test_skips_points_in_time_and_identifiers_and_reads_ages():
    qs = _q("A 42-year-old man arrived two years ago on Apollo 11 during the COVID-19 pandemic in 1998 at 6am.")
    assert [(q.kind, q.number, q.si_unit, q.counts, q.measures) for q in qs] == [("age", 42, "a", "age", "man")]


def test_si_factor_table_matches_pint():
    """data/si_factors.json is a cache of pint's conversions: it must agree with pint."""
    table = json.loads(Path(DATA / "si_factors.json").read_text())
    assert len(table) >= 40
    for key, (factor, offset) in table.items():
        unit, si = key.split(" -> ")
        f2, o2 = pint_factor(unit, si)
        assert factor == pytest.approx(f2, rel=1e-9) and offset == pytest.approx(o2, abs=1e-9), key
    # every unit of the lexicon is in the table (else loading would need pint)
    lex = load_lexicon()
    assert {f"{u.pint_unit} -> {u.si_unit}" for u in lex.units.values()} <= set(table)


@pytest.mark.parametrize(
    "text, phrase, seconds",
    [
        ("He served two and a half years in prison.", "two and a half years", 2.5 * 31557600),
        ("The show ran one-and-a-half hours.", "one-and-a-half hours", 5400),
        ("A two-and-a-half-hour hearing followed.", "two-and-a-half-hour", 9000),
        ("It took 3 and a half days.", "3 and a half days", 3.5 * 86400),
    ],
)
def test_and_a_half_joins_the_count(text, phrase, seconds):
    # the same span the time stage reads as a duration, with the same length
    q = _one(text, "duration")
    assert q.text == phrase and q.si_value == pytest.approx(seconds)


def test_and_a_half_before_percent_and_without_a_unit():
    q = _one("Sales rose two and a half percent.", "percent")
    assert (q.text, q.number) == ("two and a half percent", 2.5)
    # no unit after the fraction: nothing is joined to "two"
    assert [q.text for q in _q("Two and a half-dozen eggs were sold.") if q.kind == "duration"] == []


def test_two_numbers_joined_by_or_are_a_range():
    q = _one("Rescuers used the detectors four or five times.", "multiplier")
    assert (q.text, q.number, q.high) == ("four or five times", 4.0, 5.0)
    q = _one("Two or three people were hurt.", "count")
    assert (q.number, q.high) == (2.0, 3.0)
