"""Page furniture stays off the overall timeline (query/timeline.py `_page_furniture`), on a short
real report written for the test, ingested into a real SQLite store."""

from __future__ import annotations

import pytest

from dateline.query.timeline import timeline

REPORT = (
    "Date: 2021-03-04\nTitle: Bridge opens in Oslo\n\n"
    "Governor Anna Berg opened the new harbour bridge in Oslo on Wednesday. "
    "The bridge cost 20 million crowns. "
    "Related stories CITY NEWS Mayor Tom Lindqvist says the tunnel will wait SPORT SHOCK "
    "Did Mayor Tom Lindqvist just fire the starting gun on Anna Berg's 2024 presidential bid? "
    "Berg said the bridge would carry 9,000 cars a day.\n"
)


@pytest.fixture(scope="module")
def store(text_store):
    return text_store("furniture", {"bridge.txt": REPORT})


def test_a_linked_headline_after_its_capitals_kicker_is_off_the_overall_timeline(store):
    shown = {e["trigger"] for e in timeline(store)["events"]}
    assert "bid" not in shown  # "SPORT SHOCK Did ... bid?": a link to another story
    assert {"opened", "said"} <= shown  # the report's own sentences before and after it stay
