"""What quantities count, their ranges, shares, subsets, parts and moments, on phrases
written for these tests (real parse)."""

from __future__ import annotations

from datetime import date

import pytest

from dateline.nlp import parse_text
from dateline.quantity import extract_quantities


def _q(text: str):
    return extract_quantities(parse_text(text, published=date(2016, 11, 9)))


def _by(text: str):
    return {q.text: q for q in _q(text)}


@pytest.mark.parametrize(
    "text, figure, counts",
    [
        ("At least seven people were killed in the crash.", "At least seven", "killed"),
        ("The bombing left 32 civilians dead.", "32", "killed"),
        ("Four dead bodies and 120 wounded were brought in.", "120", "injured"),
        ("Five people were left trapped inside the vehicle.", "Five", "trapped"),
        ("More than 50 people were taken to hospital.", "More than 50", "hospitalised"),
        ("Eight fire engines were sent to the scene.", "Eight", "engine"),
        ("The laptop contained more than 600,000 emails.", "more than 600,000", "email"),
        ("The death toll rose to at least six on Friday.", "at least six", "killed"),
        # the day right after the number (the parser hangs the number on it), and a wounded count after
        ("The death toll rose to at least six Friday, with more than 100 others wounded.", "at least six", "killed"),
    ],
)
def test_what_a_count_counts(text, figure, counts):
    assert _by(text)[figure].counts == counts


def test_a_range():
    q = _by("The meeting was supposed to last 10 to 15 minutes.")["10 to 15 minutes"]
    assert (q.kind, q.number, q.high, q.si_value, q.si_high) == ("duration", 10, 15, 600, 900)


def test_scores_are_not_ranges():
    assert not [q for q in _q("The Cubs won 8-7 after trailing 3-1 in the series.") if q.high is not None]


def test_a_share_of_a_stated_whole():
    q = _by("The race was halted after 20 of 71 scheduled laps.")["20 of 71"]
    assert (q.kind, q.number, q.base, q.counts) == ("count", 20, 71, "lap")


@pytest.mark.parametrize(
    "text, figure",
    [
        ("Eight of those hurt were treated for serious injuries.", "Eight"),
        ("Twenty people were injured, of which four are seriously injured.", "four"),
        ("More than 100 were wounded, including at least 10 children.", "at least 10"),
    ],
)
def test_subsets(text, figure):
    assert _by(text)[figure].relation == "subset"


def test_parts_of_a_whole():
    qs = _by("Police released the names of six men and one woman killed in the crash.")
    assert (qs["six"].relation, qs["six"].parts_total, qs["six"].counts) == ("part", 7, "killed")
    assert (qs["one"].relation, qs["one"].parts_total) == ("part", 7)
    (q,) = [q for q in _q("Two women passengers and the driver died after the tram caught fire.") if q.kind == "count"]
    assert (q.relation, q.parts_total, q.counts) == ("part", 3, "killed")


@pytest.mark.parametrize(
    "text, figure, moment",
    [
        ("Five people were initially trapped after the accident.", "Five", "initial"),
        ("Two people remain trapped.", "Two", "current"),
        ("At least two people have died so far.", "At least two", "so_far"),
        ("The death toll rose to at least six on Friday.", "at least six", "updated"),
        ("Seven people were killed.", "Seven", None),
    ],
)
def test_moments(text, figure, moment):
    assert _by(text)[figure].moment == moment


@pytest.mark.parametrize(
    "text, figure, years, whose",
    [
        ("The 42-year-old male driver was arrested.", "42-year-old", 42, "male driver"),
        ("Croydon resident Hannah Collier, 23, heard a bang.", "23", 23, "Hannah Collier"),
        ("Dane Chinnery, aged 19, was among the dead.", "aged 19", 19, "Dane Chinnery"),
        ("A six-month-old baby was unhurt.", "six-month-old", 0.5, "baby"),
    ],
)
def test_ages(text, figure, years, whose):
    q = _by(text)[figure]
    assert q.kind == "age" and q.counts == "age" and q.measures == whose
    assert q.si_value == pytest.approx(years, abs=0.01) and q.si_unit == "a"
