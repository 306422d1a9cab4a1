"""Durations with number words, fractions and hyphenated units, on sentences written for these
tests and read by the real model: values in TIMEX3 (fractions go down one unit, as TimeML
writes them: P2Y6M, PT1H30M, P1DT12H) with the exact character extents."""

from __future__ import annotations

from datetime import date

import pytest

from dateline.nlp import parse_text
from dateline.time import extract_times

PUB = date(2023, 9, 12)


def _durations(text: str):
    return [t for t in extract_times(parse_text(text, published=PUB)) if t.type == "DURATION"]


@pytest.mark.parametrize(
    "text, phrase, value",
    [
        ("The nine-day review of the files ended.", "The nine-day", "P9D"),
        ("After a twenty-minute delay the train left.", "a twenty-minute", "PT20M"),
        ("A three-week trial opened.", "A three-week", "P3W"),
        ("A twenty-one-day quarantine was imposed.", "A twenty-one-day", "P21D"),
        ("She was away for a fortnight.", "a fortnight", "P2W"),
        ("They waited half an hour.", "half an hour", "PT30M"),
        ("The meeting went on for an hour and a half.", "an hour and a half", "PT1H30M"),
        ("The strike lasted a day and a half.", "a day and a half", "P1DT12H"),
        ("The project took a year and a half.", "a year and a half", "P1Y6M"),
        ("He served two and a half years in prison.", "two and a half years", "P2Y6M"),
        ("The show ran one-and-a-half hours.", "one-and-a-half hours", "PT1H30M"),
        ("A two-and-a-half-hour hearing followed.", "A two-and-a-half-hour", "PT2H30M"),
        ("The plan spans four-and-a-half years.", "four-and-a-half years", "P4Y6M"),
        ("He talked for an hour and a quarter.", "an hour and a quarter", "PT1H15M"),
        ("The applause lasted a minute and a half.", "a minute and a half", "PT1M30S"),
        ("The feud dragged on for a decade and a half.", "a decade and a half", "P15Y"),
        ("The works took a week and a half.", "a week and a half", "P10DT12H"),
        ("It rained for three and three quarters hours.", "three and three quarters hours", "PT3H45M"),
    ],
)
def test_duration_value_and_extent(text, phrase, value):
    found = _durations(text)
    assert [(t.text, t.value) for t in found] == [(phrase, value)]
    t = found[0]
    assert (t.start, t.end) == (text.index(phrase), text.index(phrase) + len(phrase))


def test_a_fraction_alone_is_not_added():
    # "and a half" belongs to the count only when it joins a count and a unit
    assert [(t.text, t.value) for t in _durations("He waited two hours and a half-dozen people left.")] == [
        ("two hours", "PT2H")
    ]


def test_a_year_and_a_half_ago_is_a_month():
    (t,) = [t for t in extract_times(parse_text("The plant closed a year and a half ago.", published=PUB))]
    assert (t.text, t.type, t.value) == ("a year and a half ago", "DATE", "2022-03")


def test_hours_later_is_a_duration_not_the_publication_day():
    # "later" counts from the event before, which the publication date is not
    (t,) = extract_times(parse_text("The police arrived an hour and a half later.", published=PUB))
    assert (t.text, t.type, t.value) == ("an hour and a half", "DURATION", "PT1H30M")
    (t,) = extract_times(parse_text("The rescue began two hours ago.", published=PUB))
    assert (t.type, t.value) == ("DATE", "2023-09-12")


REPORT = (
    " date 2021-03-04 Governor Anna Berg met Mayor Tom Lindqvist in Oslo on Wednesday. "
    "The talks lasted an hour and a half, aides said. "
    "Senator Paul Okafor spent two and a half years in prison after the trial.\n"
)


@pytest.fixture(scope="module")
def store(text_store):
    return text_store("durations", {"report.txt": REPORT})


def test_ask_how_long_reads_the_whole_duration(store):
    from dateline.query.ask import ask

    a = ask(store, "How long did the talks last?")
    assert (a.type, a.value) == ("duration", "PT1H30M")
    b = ask(store, "How long did Paul Okafor spend in prison?")
    # the quantity stage reads the same span, so the answer is its reading (2.5 years in seconds)
    assert (b.type, b.answer) == ("duration", "two and a half years") and "(2.5 years)" in (b.value or "")
