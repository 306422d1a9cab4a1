"""A capital stands for its country's government when it is the question's subject ("why might
Moscow be reluctant ...?" asks about what the report says of Russia), not where it is a place.
Our own short report, ingested by the real pipeline."""

from __future__ import annotations

import pytest

from dateline.geo.capitals import country_of_capital
from dateline.query.ask import analyse_question, ask

REPORT = """ date 2021-09-14
Russia may be reluctant to share its satellite technology with other countries because of international sanctions.
Officials in Moscow declined to comment on the talks.
"""


@pytest.fixture(scope="module")
def store(text_store):
    return text_store("metonymy", {"talks.txt": REPORT})


def test_capitals_name_their_countries():
    assert country_of_capital("Moscow") == "Russia"
    assert country_of_capital("pyongyang") == "North Korea"
    assert country_of_capital("Croydon") is None


def test_a_capital_as_subject_is_its_government(store):
    f = analyse_question("Why might Moscow be reluctant to share satellite technology?")
    assert [g.acting for g in f.names] == [True]
    a = ask(store, "Why might Moscow be reluctant to share satellite technology?")
    assert "sanctions" in a.answer, a
    assert any("Russia may be reluctant" in c.text for c in a.citations)


def test_a_capital_as_a_place_is_not_acting():
    f = analyse_question("How far is it by rail from Pyongyang to Vladivostok?")
    assert not any(g.acting for g in f.names)
