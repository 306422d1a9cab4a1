"""How a clause changes its event (data/clauses.yaml): conditions and questions assert nothing,
a relative's possessor is not the agent, a quotation's words are not dated by the report."""

from __future__ import annotations

from datetime import date

import pytest

from dateline.nlp import parse_text
from dateline.pipeline import analyse_parsed

PUB = date(2016, 11, 10)


def _event(text: str, lemma: str):
    events = analyse_parsed(parse_text(text, published=PUB)).events
    found = [e for e in events if e.lemma == lemma]
    assert found, f"no {lemma!r} event in {[e.lemma for e in events]}"
    return found[0]


@pytest.mark.parametrize(
    "text,lemma",
    [
        ("If Rosberg finishes third in Abu Dhabi, he wins the title.", "win"),
        ("Unless the talks resume, the company will close the plant.", "resume"),
        ("Did Clinton fire the starting gun on the campaign?", "fire"),
    ],
)
def test_conditions_and_questions_are_possible(text, lemma):
    assert _event(text, lemma).status == "possible"


def test_the_possessor_of_a_relative_is_not_the_agent():
    events = analyse_parsed(parse_text("Obama met his uncle. His uncle said on Tuesday.", published=PUB)).events
    say = [e for e in events if e.lemma == "say"][0]
    assert [r.text for r in say.roles if r.name == "agent"] == ["His uncle"]
    assert not [r for r in say.roles if r.entity is not None and "Obama" in str(r.entity)]
    attack = _event("Clinton's defenders attacked the FBI director on Sunday.", "attack")
    assert not [r for r in attack.roles if r.name == "agent" and r.entity is not None]


def test_welcoming_a_move_is_a_statement_not_a_meeting():
    assert _event("The European Union welcomed the move on Wednesday.", "welcome").type == "STATEMENT"


def test_a_plain_past_event_is_occurred():
    # the rules above leave an ordinary report alone
    assert _event("Rebels attacked the convoy near the border on Monday.", "attack").status == "occurred"
