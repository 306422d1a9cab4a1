"""Dates by the event's own words (data/dating.yaml): a range spans its ends, a date placed by
an event dates nothing, "now" is the publication day, an event within a process borrows no
time, a headline's event is the lead's dated event of its type; and agents who act for someone
else (data/clauses.yaml)."""

from __future__ import annotations

from datetime import date

from dateline.nlp import parse_text
from dateline.pipeline import analyse_parsed

PUB = date(2016, 11, 10)


def _events(text: str, **kw):
    kw.setdefault("published", PUB)
    return analyse_parsed(parse_text(text, **kw)).events


def _event(text: str, lemma: str, **kw):
    found = [e for e in _events(text, **kw) if e.lemma == lemma]
    assert found, f"no {lemma!r} event"
    return found[0]


def test_a_range_dates_the_event_over_both_ends():
    e = _event("Jos Verstappen competed in Formula One from 1994 to 2003.", "compete")
    assert (e.time_value, e.time_earliest, e.time_latest) == ("1994/2003", "1994-01-01", "2003-12-31")
    assert e.time_rule.startswith("timex:range")


def test_a_range_times_the_sentence_too():
    text = "Between 1910 and 1945, the Cubs won seven pennants, but lost each time in the World Series."
    assert [_event(text, lem).time_value for lem in ("win", "lose")] == ["1910/1945", "1910/1945"]


def test_a_date_placed_by_an_event_dates_nothing():
    text = "Comey told politicians on the Sunday before the election that the bureau had found nothing."
    assert _event(text, "tell").time_value is None  # not the Sunday before publication
    lead = "Now Clinton has blamed the FBI. " + text
    assert _event(lead, "tell").time_value is None  # nor the report's lead day
    assert _event("Putin met Kim on Friday after talks in Moscow.", "meet").time_value == "2016-11-04"


def test_now_is_the_publication_day_which_dates_no_past_event():
    text = "Trump beat her dream of becoming president, and now Clinton has blamed the FBI for her defeat."
    assert _event(text, "beat").time_value is None
    assert _event(text, "blame").time_value == "2016-11-10"


def test_an_event_within_a_process_borrows_no_time():
    text = 'Comey wrote to Congress on Sunday. "During that process we reviewed all of the emails," Comey wrote.'
    assert _event(text, "review").time_value is None


def test_agents_who_act_for_someone_else_are_not_that_someone():
    for text, lemma, absent in (
        ("Hillary Clinton aide blames FBI chief for the loss.", "blame", "Clinton"),
        ("The London Mayor has warned that the toll may rise.", "warn", "London"),
    ):
        agents = [str(r.entity) for r in _event(text, lemma).roles if r.name == "agent" and r.entity]
        assert not [a for a in agents if absent in a], agents


def test_an_event_dated_only_by_the_lead_is_the_leads_dated_event_of_its_type():
    events = _events(
        "The death toll rose to six on Friday. The Taliban said the bombing late Thursday, which tore a crater "
        "in the road, was a revenge attack. The attacker rammed his car into the wall of the consulate.",
        title="Taliban attacks German consulate with truck bomb",
        published=date(2016, 11, 11),
    )
    ram = next(e for e in events if e.lemma == "ram")
    assert (ram.time_value, ram.time_rule) == ("2016-11-10", "report:event:bombing")  # not the lead's Friday
    said = next(e for e in events if e.lemma == "say")
    assert said.time_rule == "report:lead"  # statements keep the lead's day


def test_the_descriptions_present_tells_news_that_occurred():
    e = _event(
        "The maker said on Tuesday that costs had risen.",
        "change",
        title="Toblerone shape upsets fans",
        description="Toblerone changes the look of two bars sold in the UK.",
    )
    assert e.status == "occurred"


def test_a_websites_standing_text_is_a_state_not_news():
    e = _event("It was first sold in 1908. Toblerone's own website proudly tells how it was patented.", "tell")
    assert e.time_rule == "sentence:state"
    company = _event("It was first sold in 1908. The company tells customers to wait.", "tell")
    assert company.time_rule != "sentence:state"


def test_blaming_has_no_recipient():
    e = _event("Clinton aide blames presidential loss to Donald Trump on FBI chief.", "blame")
    assert not [r for r in e.roles if r.name == "recipient"]


def test_firing_attacks_only_with_a_target():
    assert _event("There, Kris Bryant scooped it up and fired across the diamond to Rizzo.", "fire").type == "OTHER"
    assert _event("Police fired on protesters in the square.", "fire").type == "ATTACK"
    assert _event("Troops fired tear gas at the crowd.", "fire").type == "ATTACK"
