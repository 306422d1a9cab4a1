"""``resolve_against``: time expressions resolved against another date than the publication
date, on sentences written for these tests; and the granularity the stage reports."""

from __future__ import annotations

from datetime import date

import pytest

from dateline.nlp import parse_text
from dateline.time import extract_times, granularity, resolve_against

PUB = date(2023, 9, 12)


def expr(text: str, phrase: str, pub: date | None = PUB):
    ts = extract_times(parse_text(text, published=pub))
    found = [t for t in ts if t.text == phrase]
    assert found, f"{phrase!r} not in {[t.text for t in ts]}"
    return found[0]


def test_a_day_before_another_event():
    # the summit is dated from the arrival: "a day before his first summit" puts the
    # summit one day after the arrival's Wednesday
    text = "Kim arrived in Vladivostok on Wednesday, a day before his first summit with Putin."
    wednesday = expr(text, "Wednesday", pub=date(2019, 4, 24))
    assert wednesday.value == "2019-04-24"
    summit = resolve_against(expr(text, "a day", pub=date(2019, 4, 24)), wednesday.value, +1)
    assert (summit.type, summit.value, summit.granularity) == ("DATE", "2019-04-25", "day")
    assert summit.rule.startswith("against:offset:") and summit.anchor == "2019-04-24"
    assert summit.earliest == summit.latest == "2019-04-25"


def test_an_event_some_days_before_the_anchor():
    tv = expr("The committee met three days before the vote.", "three days")
    got = resolve_against(tv, date(2019, 5, 1), -1)
    assert got.value == "2019-04-28" and got.text == "three days" and (got.start, got.end) == (tv.start, tv.end)


@pytest.mark.parametrize(
    "text, phrase, anchor, value, how",
    [
        ("Two days later, the delegates met again.", "Two days later", "2019-04-25", "2019-04-27", "anaphor"),
        ("Last week, the talks failed.", "Last week", date(2019, 4, 25), "2019-W16", "relative"),
        ("The minister resigned yesterday.", "yesterday", date(2019, 4, 25), "2019-04-24", "relative"),
        ("The following month, exports fell.", "The following month", "2019-05-10", "2019-06", "anaphor"),
        ("That day, the convoy left the city.", "That day", date(2019, 4, 25), "2019-04-25", "anaphor"),
        ("The next morning, the train left.", "The next morning", date(2019, 4, 25), "2019-04-26", "anaphor"),
        ("The plant opened in 2007.", "2007", date(2019, 4, 25), "2007", "absolute"),
        ("The deal was signed on April 25, 2019.", "April 25, 2019", date(2023, 1, 2), "2019-04-25", "absolute"),
    ],
)
def test_relative_expressions_against_an_anchor(text, phrase, anchor, value, how):
    got = resolve_against(expr(text, phrase), anchor)
    assert got.value == value
    assert got.rule.startswith(f"against:{how}:")
    assert got.granularity == granularity(value)


def test_the_text_gives_the_granularity_and_the_anchor_caps_it():
    later = expr("Two days later, the delegates met again.", "Two days later")
    # anchored on a month, "two days later" is somewhere in that month, not a made-up day
    got = resolve_against(later, "2019-04")
    assert (got.value, got.granularity, got.earliest, got.latest) == ("2019-04", "month", "2019-04-01", "2019-04-30")
    following = expr("The following month, exports fell.", "The following month")
    assert resolve_against(following, "2019").value == "2019"
    # a clock time keeps its time of day on a day anchor
    at_five = resolve_against(expr("The ship left at 5 p.m.", "5 p.m."), date(2019, 4, 25))
    assert (at_five.type, at_five.value, at_five.granularity) == ("TIME", "2019-04-25T17:00", "time")


def test_direction_picks_the_weekday():
    tv = expr("The envoys met on Tuesday.", "Tuesday")
    assert resolve_against(tv, date(2019, 4, 25), -1).value == "2019-04-23"
    assert resolve_against(tv, date(2019, 4, 25), +1).value == "2019-04-30"


def test_a_duration_without_direction_or_a_bad_anchor_is_unresolved():
    tv = expr("The talks lasted a day.", "a day")
    for anchor, direction in ((date(2019, 1, 1), 0), ("not a date", 1), ("PRESENT_REF", -1)):
        got = resolve_against(tv, anchor, direction)
        assert got.rule.startswith("against:unresolved:") and got.earliest is None and got.latest is None


def test_an_unknown_span_bounds_one_side():
    got = resolve_against(expr("The ship waited for days.", "days"), "2019-05-01", +1)
    assert got.rule.startswith("against:offset-open:")
    assert (got.earliest, got.latest) == ("2019-05-01", None)


def test_anchors_at_the_edge_of_the_calendar_do_not_raise():
    tv = expr("The summit opens next week.", "next week")
    assert resolve_against(tv, date(9999, 12, 31)).value == "XXXX-WXX"
    assert resolve_against(expr("The talks lasted a day.", "a day"), date(1, 1, 1), -1).earliest is None


def test_sets_and_the_publication_default_are_unchanged():
    every = expr("The festival is held every year.", "every year")
    assert resolve_against(every, date(2019, 1, 1)) == every
    # the stage itself still resolves against the publication date
    assert expr("The minister resigned yesterday.", "yesterday").value == "2023-09-11"


@pytest.mark.parametrize(
    "value, grain",
    [
        ("2023-09-12", "day"),
        ("2023-09-12T06:00", "time"),
        ("2023-W38", "week"),
        ("XXXX-WXX-2", "day"),
        ("2023-09", "month"),
        ("2023-Q3", "quarter"),
        ("2019-SU", "season"),
        ("2019", "year"),
        ("199", "decade"),
        ("202X", "decade"),
        ("19", "century"),
        ("PRESENT_REF", None),
        ("P3Y", None),
    ],
)
def test_granularity(value, grain):
    assert granularity(value) == grain


def test_the_stage_reports_granularity():
    ts = {
        t.text: t for t in extract_times(parse_text("In 2019 and on Tuesday, for three years, weekly.", published=PUB))
    }
    assert ts["2019"].granularity == "year" and ts["Tuesday"].granularity == "day"
    assert ts["three years"].granularity is None and ts["weekly"].granularity is None


def test_some_units_later_count_from_the_last_date_told_not_from_today():
    from dateline.nlp import parse_text
    from dateline.time import extract_times

    text = "In 1984 Apple launched the Macintosh. One year later he founded NeXT. A week later, he left."
    found = {t.text: t.value for t in extract_times(parse_text(text, published=date(2011, 10, 6)))}
    assert found["One year later"] == "1985"
    assert found["A week later"] == "1984"  # within what the text gives: a year
    # with no date before it, "later" still counts from the publication date
    alone = extract_times(parse_text("Two days later, he left.", published=date(2011, 10, 6)))
    assert [t.value for t in alone] == ["2011-10-08"]
