"""A gerund of a preposition has its governor's subject; a reduced relative tells of its noun;
verbs whose type needs an object ("stormed the building", not "added veteran talent")."""

from __future__ import annotations

from .helpers import events_of


def _roles(e, name: str) -> set:
    return {str(r.entity) for r in e.roles if r.name == name and r.entity}


def _by(text: str) -> dict:
    return {e.trigger: e for e in events_of(text)}


def test_a_gerund_of_a_preposition_has_the_subject_of_the_verb_it_hangs_on():
    evs = _by("Apple CEO Steve Jobs unveiled the device by walking onto the stage and taking the iPhone out.")
    assert "PERSON:Steve Jobs" in _roles(evs["walking"], "agent")
    assert "PERSON:Steve Jobs" in _roles(evs["taking out"], "agent")  # its conjunct too (with its particle)


def test_a_reduced_relative_tells_of_the_noun_it_follows():
    born = _by("Steve Jobs, born in San Francisco on February 24, 1955, built the most valuable company.")["born"]
    patient = next(r for r in born.roles if r.name == "patient")
    assert (str(patient.entity), patient.text) == ("PERSON:Steve Jobs", "Steve Jobs")
    assert born.time_value == "1955-02-24"


def test_storm_attacks_only_with_an_object_and_add_says_something_only_without_a_noun_object():
    assert _by("Police stormed the building on Monday.")["stormed"].type == "ATTACK"
    assert _by("The building was stormed on Monday.")["stormed"].type == "ATTACK"
    assert _by("Max Verstappen stuns his dad by storming home into third place.")["storming"].type == "OTHER"
    assert _by("After adding veteran talent during the winter, Chicago finished strongly.")["adding"].type == "OTHER"
    assert _by("He added that the team was ready.")["added"].type == "STATEMENT"
    assert _by('"We will win," he added.')["added"].type == "STATEMENT"


def test_an_object_before_a_controlled_verb_does_it():
    evs = _by("Apple Computer added audio recording to its computers, prompting Apple Corps to file suit again.")
    assert _roles(evs["file"], "agent") == {"ORG:Apple Corps"}  # not the subject of "prompting"
    assert "ORG:Apple Corps" not in _roles(_by("Apple Corps decided to file suit.")["file"], "patient")


def test_an_event_noun_is_of_a_copulas_subject_and_of_the_possessor_of_its_period():
    on_leave = _by("Steve Jobs said that Steve Jobs would be on medical leave.")["leave"]
    assert "PERSON:Steve Jobs" in _roles(on_leave, "agent")
    period = _by("This was Steve Jobs' third period of medical leave.")["leave"]
    assert "PERSON:Steve Jobs" in _roles(period, "agent")
    # the possessor of any other noun is not who the event is of
    assert not _roles(_by("This was Steve Jobs' report of the attack.")["attack"], "agent")
