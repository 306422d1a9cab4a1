"""Orderings and moments across reports, on short reports written here, run through the
whole real pipeline: a response timed before the event it answers, and one moment of a race
put on two laps. Each rule is seen agreeing, disagreeing and staying quiet where it must."""

from __future__ import annotations

import pytest

from dateline.ingest.readers import read_text
from dateline.pipeline import analyse
from dateline.types import Analysis, Check
from dateline.verify import check_corpus


def _a(text: str, day: str = "2016-11-09") -> Analysis:
    return analyse(read_text(f" date {day} {text}", f"{abs(hash(text))}.txt"))


def _rule(checks, rule: str) -> list[Check]:
    return [c for c in checks if c.rule == rule]


CRASH = "A tram overturned in Croydon, south London, on Wednesday. "
EVENT = "The tram tipped over in Croydon at 6.13am. "


@pytest.mark.parametrize(
    "response, verdicts",
    [
        ("The fire brigade said they had been called at 6.04am to an overturned tram.", ["inconsistent"]),
        ("Emergency services were called at 6.10am.", ["inconsistent"]),
        # after the event, or within a minute of it (two clocks): nothing to say
        ("The fire brigade said they had been called at 6.19am to an overturned tram.", []),
        ("Emergency services were called at 6.12am.", []),
        # an active "called" is any phone call, and a call to another thing is another incident
        ("A passenger called her mother at 6.04am.", []),
        ("Police were called at 6.04am to a burglary in Purley.", []),
        # hours before: another incident that day
        ("Emergency services were called at 3.20am.", []),
    ],
)
def test_response_timed_before_the_event(response, verdicts):
    checks = check_corpus([_a(CRASH + EVENT), _a(CRASH + response)])
    found = _rule(checks, "time.response_before_event")
    assert [c.verdict for c in found] == verdicts
    if found:
        c = found[0]
        assert "minute(s) before" in c.computed and len({x.doc_id for x in c.citations}) == 2
        assert 0 < c.confidence <= 1 and "cannot precede" in c.explanation


def test_response_before_event_in_one_report():
    checks = check_corpus([_a(CRASH + EVENT + "Emergency services were called at 6.02am.")])
    (c,) = _rule(checks, "time.response_before_event")
    assert c.verdict == "inconsistent" and "11 minute(s)" in c.computed


RACE = "Lewis Hamilton won the Brazilian Grand Prix at Interlagos ahead of Nico Rosberg. "


@pytest.mark.parametrize(
    "first, second, verdict",
    [
        (
            "The race was halted after 20 of 71 laps.",
            "The race was red-flagged with 21 of 71 laps completed.",
            "inconsistent",
        ),
        (
            "The race was halted after 20 of 71 laps.",
            "The race was red-flagged with 20 of 71 laps completed.",
            "consistent",
        ),
        # 20 laps done: lap 21 is under way, and a report may give either
        ("The race was halted after 20 of 71 laps.", "Lap 21 The race is red flagged.", "consistent"),
        ("The race was halted after 20 of 71 laps.", "Lap 22 The race is red flagged.", "inconsistent"),
        ("Marcus Ericsson crashed on lap 13.", "Lap 14 Marcus Ericsson has a big smash.", "inconsistent"),
        ("Marcus Ericsson crashed on lap 13.", "On lap 13 Ericsson crashed into the barriers.", "consistent"),
    ],
)
def test_one_moment_of_a_race_on_two_laps(first, second, verdict):
    checks = check_corpus([_a(RACE + first, "2016-11-13"), _a(RACE + second, "2016-11-13")])
    (c,) = _rule(checks, "time.scale_moment_across")
    assert c.verdict == verdict and "vs" in c.computed


@pytest.mark.parametrize(
    "first, second",
    [
        # the second stoppage is not the first
        ("The race was halted after 20 of 71 laps.", "The race was stopped for a second time on lap 28."),
        # the only stoppage each report tells, eight laps apart: maybe the first and the second
        ("The race was halted after 20 of 71 laps.", "The race was red-flagged on lap 28."),
        # two drivers' crashes are two events
        ("Marcus Ericsson crashed on lap 13.", "Kimi Raikkonen crashed on lap 20."),
        # a pit stop stops no race, and the restart is not the crash that follows it
        ("Max Verstappen made a pit stop on lap 44.", "The race was halted after 20 of 71 laps."),
        ("Racing resumed at the end of lap 19 but Kimi Raikkonen crashed.", "Lap 20 Kimi Raikkonen has a crash."),
    ],
)
def test_other_moments_of_a_race_are_not_compared(first, second):
    checks = check_corpus([_a(RACE + first, "2016-11-13"), _a(RACE + second, "2016-11-13")])
    assert not [c for c in _rule(checks, "time.scale_moment_across") if c.verdict == "inconsistent"]


def test_reports_of_other_races_are_not_compared():
    a = _a(RACE + "The race was halted after 20 of 71 laps.", "2016-11-13")
    b = _a("Sebastian Vettel won the Mexican Grand Prix. The race was halted after 30 of 71 laps.", "2016-10-30")
    assert not _rule(check_corpus([a, b]), "time.scale_moment_across")
