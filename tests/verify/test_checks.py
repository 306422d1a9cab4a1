"""The four reference-article checks, and the same rules on texts written here with
places built from real coordinates (so each rule is also seen failing)."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from dateline.nlp import parse_text
from dateline.quantity import extract_quantities
from dateline.types import Analysis, Place
from dateline.verify import check_corpus, check_document
from dateline.verify.rules import timex_duration_range

# real coordinates (GeoNames / the curated facility entry)
COORDS = {
    "Pyongyang": (39.03385, 125.75432, "city"),
    "Vladivostok": (43.10562, 131.87353, "city"),
    "Vostochny Cosmodrome": (51.884, 128.334, "facility"),
    "Moscow": (55.75204, 37.61781, "city"),
}


@pytest.fixture(scope="module")
def seed_checks(seed_analysis):
    if not seed_analysis.places:
        pytest.skip("the geo stage resolved no places: geography checks need its coordinates")
    return check_document(seed_analysis)


def _one(checks, rule):
    found = [c for c in checks if c.rule == rule]
    assert len(found) == 1, [c.rule for c in checks]
    return found[0]


def test_seed_average_speed_under_top_speed(seed_checks):
    c = _one(seed_checks, "kinematics.average_vs_top_speed")
    assert c.verdict == "consistent"
    assert "21.75 mph" in c.computed and "55 mph" in c.computed
    assert [x.sentence_index for x in c.citations] == [21, 22]


def test_seed_three_times_the_distance_could_last_days(seed_checks):
    c = _one(seed_checks, "kinematics.multiplied_distance")
    assert c.verdict == "consistent"
    assert "1,305 mi" in c.computed and "about 60 hours" in c.computed
    assert "days" in c.claim
    assert any("could last days" in x.text for x in c.citations)


def test_seed_pyongyang_vladivostok_route(seed_checks):
    c = _one(seed_checks, "geography.route_distance")
    assert c.verdict == "consistent"
    assert "425 mi" in c.computed and "1.02x" in c.computed


def test_seed_900_miles_north_is_only_a_route_distance(seed_checks):
    c = _one(seed_checks, "geography.relative_location")
    assert c.verdict == "inconsistent"
    assert "Vostochny Cosmodrome" in c.claim
    assert "628 mi" in c.computed or "629 mi" in c.computed or "630 mi" in c.computed
    assert "can only be a route distance" in c.explanation and "not a straight-line one" in c.explanation
    assert "direction fits" in c.explanation  # north is right: the bearing is NNW
    assert [x.sentence_index for x in c.citations] == [4, 5]


def test_seed_checks_survive_the_store_round_trip(seed_analysis, db_url):
    """Checks of a stored document equal the checks of the fresh analysis."""
    from dateline.store import open_store

    store = open_store(db_url)
    store.save(seed_analysis)
    loaded = store.load_analysis(seed_analysis.article.doc_id)
    checks = check_document(loaded)
    assert len(checks) == 4
    assert [(c.rule, c.verdict) for c in checks] == [(c.rule, c.verdict) for c in check_document(seed_analysis)]


def _analysis(text: str) -> Analysis:
    """Real parse and quantities; places from COORDS wherever their names occur."""
    parsed = parse_text(text, published=date(2023, 9, 12))
    places = []
    for name, (lat, lon, feature) in COORDS.items():
        start = 0
        while (k := text.find(name, start)) >= 0:
            sent = next(s.index for s in parsed.sentences if s.start <= k < s.end)
            places.append(Place(k, k + len(name), name, sent, name, feature, "XX", None, lat, lon))
            start = k + len(name)
    places.sort(key=lambda p: p.start)
    return Analysis(parsed=parsed, places=tuple(places), quantities=extract_quantities(parsed))


def _rules(text: str) -> dict[str, str]:
    return {c.rule: c.verdict for c in check_document(_analysis(text))}


def test_average_faster_than_top_speed_is_inconsistent():
    r = _rules("The train has a top speed of 55 mph. The journey took 5 hours for a distance of 435 miles.")
    assert r["kinematics.average_vs_top_speed"] == "inconsistent"


def test_multiplied_distance_against_a_stated_duration():
    base = "The train has a top speed of 50 mph. The journey took 10 hours for a distance of 300 miles. "
    assert (
        _rules(base + "The trip home, about twice the distance, took 20 hours.")["kinematics.multiplied_distance"]
        == "consistent"
    )
    assert (
        _rules(base + "The trip home, about twice the distance, took 3 hours.")["kinematics.multiplied_distance"]
        == "inconsistent"
    )
    assert (
        _rules(base + "The trip home, about twice the distance, could last weeks.")["kinematics.multiplied_distance"]
        == "inconsistent"
    )


def test_route_shorter_than_straight_line_is_inconsistent():
    r = _rules("The journey from Pyongyang to Vladivostok covered 300 miles by rail.")
    assert r["geography.route_distance"] == "inconsistent"


def test_relative_location_that_fits():
    r = _rules(
        "The Vostochny Cosmodrome lies in the Amur region. The cosmodrome is about 630 miles north of Vladivostok."
    )
    assert r["geography.relative_location"] == "consistent"


def test_relative_location_wrong_direction():
    checks = check_document(
        _analysis(
            "The Vostochny Cosmodrome lies in the Amur region. The cosmodrome is about 630 miles south of Vladivostok."
        )
    )
    c = _one(checks, "geography.relative_location")
    assert c.verdict == "inconsistent" and "does not fit" in c.explanation


def test_timex_durations():
    lo, hi, label = timex_duration_range("PXD")
    assert label == "days" and lo == 36 * 3600 and hi == 336 * 3600
    lo, hi, _ = timex_duration_range("PT20H")
    assert lo < 20 * 3600 < hi
    assert timex_duration_range("2019") is None


def _dated(text: str, day: int) -> Analysis:
    a = _analysis(text)
    art = dataclasses.replace(a.parsed.article, published=date(2023, 9, day), doc_id=f"doc{day:02d}{len(text):06d}")
    return dataclasses.replace(a, parsed=dataclasses.replace(a.parsed, article=art))


def test_same_toll_reported_differently_across_documents():
    a = _dated("A bus crashed in Vladivostok on Monday. At least seven people were killed and dozens were injured.", 11)
    b = _dated("A bus overturned in Vladivostok. Three people were killed and more than 50 were injured.", 12)
    checks = {c.claim.split(":")[0]: c for c in check_corpus([a, b])}
    killed = checks["killed (count)"]
    # a toll changes while a story unfolds: shown, never called a contradiction
    assert killed.verdict == "unverifiable" and killed.rule == "numbers.across_documents"
    assert "different moments" in killed.explanation
    assert {c.doc_id for c in killed.citations} == {a.article.doc_id, b.article.doc_id}
    # "dozens" (24-99) and "more than 50" can both be true
    assert checks["injured (count)"].verdict == "consistent"


def test_numbers_of_different_events_are_not_compared():
    a = _dated("A bus crashed in Vladivostok. Seven people were killed.", 11)
    b = _dated("A train crashed in Moscow. Two people were killed.", 11)
    assert check_corpus([a, b]) == ()
