"""Light verbs: the event noun they carry is the event, with the verb's subject, time and status."""

from __future__ import annotations

from .helpers import events_of


def _by_trigger(text: str) -> dict:
    return {e.trigger: e for e in events_of(text)}


def test_the_noun_a_light_verb_carries_is_the_event_with_the_verbs_subject_and_date():
    evs = _by_trigger("Steve Jobs gave his annual keynote at Moscone Center on Monday.")
    assert "gave" not in evs
    keynote = evs["keynote"]
    assert keynote.type == "STATEMENT" and keynote.status == "occurred"
    assert keynote.time_value == "2016-11-07" and keynote.time_rule.startswith("timex:")
    assert any(r.name == "agent" and r.text == "Steve Jobs" for r in keynote.roles)
    assert not any(r.name == "patient" for r in keynote.roles)  # its own phrase is no role of it


def test_a_light_verb_gives_its_month_status_and_type_from_object_types():
    appearance = _by_trigger("He briefly made an appearance in March to unveil the iPad 2.")["appearance"]
    assert appearance.time_value == "2016-03"
    assert _by_trigger("He did not make an appearance on Monday.")["appearance"].status == "negated"
    talks = _by_trigger("The two leaders held talks for several hours on Friday.")
    assert "held" not in talks and talks["talks"].type == "MEET" and talks["talks"].time_value == "2016-11-04"


def test_an_untyped_noun_of_an_untyped_verb_is_an_event_of_its_own():
    evs = _by_trigger("Jobs has taken medical leave for the third time.")
    assert "taken" not in evs and evs["leave"].type == "OTHER"
    assert any(r.name == "agent" and r.text == "Jobs" for r in evs["leave"].roles)
    evs = _by_trigger("Nobody knows what prompted his decision this time.")
    assert "decision" in evs and "prompted" in evs  # not a light verb: two events


def test_no_light_verb_with_an_indirect_object_or_a_noun_its_verb_does_not_carry():
    evs = _by_trigger("Putin gave him a tour of the spaceport.")
    assert "gave" in evs and not evs["tour"].time_value
    evs = _by_trigger("He took the title on Tuesday.")
    assert "took" in evs and evs["took"].time_value == "2016-11-08"
