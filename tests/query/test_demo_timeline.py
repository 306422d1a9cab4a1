"""The demo corpus (examples/articles) reads without a wrong event: every event of its
timeline is listed here with its date and status, and an event not listed fails the test."""

from __future__ import annotations

from collections import Counter

import pytest

from dateline.query.timeline import timeline

from ..conftest import EXAMPLES

# (date value, status, type, trigger of one report): the whole overall timeline, each
# event once (two statements of one day, "Putin said" and "the Kremlin said", twice)
EXPECTED = Counter(
    [
        ("2007", "planned", "OPEN", "building"),  # proposed in 2007: a plan then
        ("2007", "occurred", "PROPOSE", "proposed"),
        ("2016", "occurred", "OPEN", "came"),  # came into service in 2016
        ("2016-04", "occurred", "LAUNCH", "launched"),  # "its first rocket was launched in April 2016"
        ("2016-04-27", "occurred", "STATEMENT", "criticised"),
        ("2016-04-27", "occurred", "TRAVEL", "flew"),
        ("2016-04-28", "occurred", "LAUNCH", "lifted"),
        ("2019-02", "occurred", "MEET", "summit"),  # the February summit with Trump in Hanoi
        ("2019-04-24", "occurred", "MEET", "greeted"),
        ("2019-04-24", "occurred", "STATEMENT", "told"),
        ("2019-04-24", "occurred", "TRAVEL", "arrived"),
        ("2019-04-24", "occurred", "TRAVEL", "crossed"),
        ("2019-04-24", "occurred", "TRAVEL", "travelled"),
        ("2019-04-25", "occurred", "MEET", "met"),  # "a day before his first summit": the 25th
        ("2019-04-25", "occurred", "STATEMENT", "said"),
        ("2023-09", "occurred", "PROPOSE", "invited"),
        ("2023-09-12", "occurred", "STATEMENT", "announced"),
        ("2023-09-13", "occurred", "AGREE", "accepted"),
        ("2023-09-13", "occurred", "MEET", "met"),
        ("2023-09-13", "occurred", "STATEMENT", "Asked"),
        ("2023-09-13", "occurred", "STATEMENT", "said"),
        ("2023-09-13", "occurred", "STATEMENT", "said"),
        ("2023-09-13", "occurred", "STATEMENT", "told"),
        ("2023-09-13", "occurred", "TRAVEL", "come"),
        ("2023-09-15", "occurred", "VISIT", "visited"),
        ("2023-09-16", "occurred", "TRAVEL", "travelled"),
        ("2023-09-16", "occurred", "VISIT", "toured"),
        ("2023-09-17", "occurred", "TRAVEL", "left"),
        ("2024-06-19", "occurred", "AGREE", "signed"),
        ("2024-06-19", "occurred", "MEET", "welcomed"),
        ("2024-06-19", "occurred", "TRAVEL", "arrived"),
        ("2024-06-19", "occurred", "TRAVEL", "flew"),
    ]
)


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory):
    from dateline.batch import ingest
    from dateline.store import open_store

    store = open_store(str(tmp_path_factory.mktemp("demo") / "demo.db"))
    assert ingest(store, [str(EXAMPLES)]).ok
    return store


def _key(e: dict) -> tuple[str, str, str, str] | None:
    """The EXPECTED entry an event matches (any of its reports' triggers), else its own key."""
    for s in e["sources"]:
        k = (e["value"], e["status"], e["type"], s["trigger"])
        if k in EXPECTED:
            return k
    return (e["value"], e["status"], e["type"], e["sources"][0]["trigger"])


def test_the_demo_timeline_is_exactly_the_expected_events(demo_store):
    got = Counter(_key(e) for e in timeline(demo_store)["events"])
    assert got - EXPECTED == Counter(), "events not expected on the demo timeline (or shown twice)"
    assert EXPECTED - got == Counter(), "expected events missing from the demo timeline"


def test_reports_written_before_an_event_are_reports_of_it_as_planned(demo_store):
    events = timeline(demo_store)["events"]
    (met_2019,) = [e for e in events if e["type"] == "MEET" and e["value"] == "2019-04-25"]
    early = [s for s in met_2019["sources"] if s["published"] < "2019-04-25"]
    assert early and all(s["status"] == "planned" for s in early)  # "a day before his first summit"
    assert met_2019["status"] == "occurred" and met_2019["documents"] == 3
    (met_2023,) = [e for e in events if e["type"] == "MEET" and e["value"] == "2023-09-13"]
    assert {s["status"] for s in met_2023["sources"] if s["published"] < "2023-09-13"} == {"planned"}


def test_purpose_clauses_are_not_events_of_their_own(demo_store):
    whats = [e["what"].lower() for e in timeline(demo_store, entity="Putin")["events"]]
    assert not any("reduce" in w for w in whats)  # "proposed ... to reduce Russia's reliance"
    assert not any(w.startswith("putin launched") for w in whats)  # the rocket was launched, not by Putin
