"""Types read with what a verb acts on and who moves (data/ontology.yaml object_types,
data/clauses.yaml mover_nouns, part_nouns, completion_governors), subjects a parse splits,
statements of a speaker dated deeper in the report, and reports updated a day after their
publication day (data/dating.yaml incident_types). Own sentences, the real model."""

from __future__ import annotations

from datetime import date

import pytest

from .helpers import event_of as _event
from .helpers import events_of as _events


@pytest.mark.parametrize(
    "text,lemma,typ",
    [
        ("An inquiry has been launched by the police after the crash.", "launch", "ARREST"),
        ("The police launched an inquiry into the crash.", "launch", "ARREST"),
        ("The agency launched a new rocket on Friday.", "launch", "LAUNCH"),
        ("Police released the names of the three victims on Tuesday.", "release", "STATEMENT"),
        ("She accepted some blame for the defeat, donors said.", "accept", "STATEMENT"),
        ("She accepted the invitation on Monday.", "accept", "AGREE"),
        ("Today, I said my prayers on the plane for the team.", "say", "OTHER"),
        ("The two leaders held talks for several hours on Wednesday.", "talk", "MEET"),  # a light verb: the noun
    ],
)
def test_what_a_verb_acts_on_types_it_in_the_active_and_the_passive(text, lemma, typ):
    assert _event(text, lemma).type == typ


@pytest.mark.parametrize(
    "text,lemma,typ",
    [
        ("His title looks destined to be crossing the garage floor to his rival.", "cross", "OTHER"),
        ("The campaign came to an end on Sunday.", "come", "OTHER"),
        ("Her spokeswoman came to the back of the plane to talk to reporters.", "come", "OTHER"),
        ("The train crossed the border at the town in the morning.", "cross", "TRAVEL"),
        ("The delegation flew to Beijing on Monday.", "fly", "TRAVEL"),
        ("Kim came to the cosmodrome.", "come", "TRAVEL"),
    ],
)
def test_only_a_mover_travels_and_only_to_a_place(text, lemma, typ):
    assert _event(text, lemma).type == typ


def test_what_a_completion_verb_governs_is_not_dated_by_it():
    assert _event("The agency declares it is finally done investigating the emails.", "investigate").time_value is None
    said = _event("The agency said on Monday it was investigating the emails.", "investigate")
    assert said.time_value == "2016-11-07"


def test_a_subject_the_parse_splits_off_a_prepositional_phrase_is_not_the_agent():
    e = _event("A TOP aide to failed presidential contender Hillary Clinton has blamed the defeat on the FBI.", "blame")
    agents = [r for r in e.roles if r.name == "agent"]
    assert [r.text for r in agents] == ["A TOP aide to failed presidential contender"] and not agents[0].entity
    # two subjects that are no phrase continued stay: the bracketed credit does not take the agent
    met = _event("(The Washington Post) Donald Trump and Barack Obama met for the first time Thursday.", "meet")
    assert {str(r.entity) for r in met.roles if r.name == "agent" and r.entity} >= {"PERSON:Donald Trump"}


def test_a_headline_statement_is_dated_by_its_speakers_statement_deeper_in_the_report():
    filler = " ".join(f"Voters in district {n} went to the polls in large numbers." for n in range(1, 9))
    events = _events(
        "Maria Lopez has blamed her defeat on the party chairman. " + filler + " "
        "On a conference call with donors on Saturday, Lopez said the chairman had stopped her momentum.",
        title="Maria Lopez blames party chairman for defeat",
        published=date(2021, 3, 8),  # a Monday
    )
    call = [e for e in events if e.lemma == "say"][-1]
    assert call.sentence >= 6  # beyond the lead
    blames = [e for e in events if e.lemma == "blame"]
    assert {(e.time_value, e.time_rule) for e in blames} == {("2021-03-06", "statement:said")}


def test_a_report_updated_the_next_day_dates_its_last_night_after_the_incident():
    text = (
        "A bus overturned on a bridge in the city at 7am today. "
        "The fire chief said last night that crews would stay at the scene. "
        "The mayor sent her condolences last night, saying the city was in shock."
    )
    events = _events(text, published=date(2016, 3, 2))
    said = [e for e in events if e.lemma == "say"]
    assert {(e.time_value, e.time_rule) for e in said} == {
        ("2016-03-02TNI", "updated:timex:relday"),
        ("2016-03-02TNI", "updated:sentence:governing"),
    }
    # with no incident of the publication day, last night is the night before it
    plain = _event("The fire chief said last night that crews would stay.", "say", published=date(2016, 3, 2))
    assert (plain.time_value, plain.time_rule) == ("2016-03-01TNI", "timex:relday")


def test_a_place_compound_on_an_attack_placed_elsewhere_is_who_attacks():
    e = _event("The group called it revenge for US airstrikes in the province of Kunduz this month.", "airstrike")
    assert [(r.name, str(r.entity)) for r in e.roles if r.entity] == [
        ("agent", "GPE:United States"),
        ("place", "GPE:Kunduz"),
    ]
    # a place phrase the parse hangs on the noun before it is still the airstrikes'
    text = 'The group called it a "revenge attack" for US airstrikes in the volatile province of Kunduz last week.'
    revenge = _event(text, "airstrike")
    assert [(r.name, str(r.entity)) for r in revenge.roles if r.entity] == [("agent", "GPE:United States")]
    # with no place of its own the compound stays its place
    paris = _event("The Paris attacks shocked the world.", "attack")
    assert [(r.name, str(r.entity)) for r in paris.roles if r.entity] == [("place", "GPE:Paris")]
