"""Which reports the timeline joins into one event (query/timeline.py `cluster`), on a short real
report written for the test, ingested into a real SQLite store."""

from __future__ import annotations

import pytest

from dateline.query.timeline import timeline

REPORT = (
    " date 2021-03-04 Governor Anna Berg met Mayor Tom Lindqvist in Oslo on Wednesday. "
    "Governor Anna Berg later met Senator Paul Okafor in Oslo on Wednesday. "
    "Governor Anna Berg and Mayor Tom Lindqvist met for an hour on Wednesday, aides said.\n"
)


@pytest.fixture(scope="module")
def store(text_store):
    return text_store("joins", {"meetings.txt": REPORT})


def _names(event: dict) -> set[str]:
    return {p["name"] for p in event["participants"]}


def test_one_agent_meeting_two_other_people_is_two_meetings(store):
    meets = [e for e in timeline(store)["events"] if e["type"] == "MEET"]
    okafor = [e for e in meets if "Paul Okafor" in _names(e)]
    lindqvist = [e for e in meets if "Tom Lindqvist" in _names(e)]
    assert len(okafor) == 1 and len(lindqvist) == 1 and okafor[0] is not lindqvist[0]
    assert "Tom Lindqvist" not in _names(okafor[0])
    # the same meeting told twice stays one event
    assert lindqvist[0]["reports"] == 2
