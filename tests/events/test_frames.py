"""Event frames, status and coreference on short texts parsed by the real model."""

from __future__ import annotations

from datetime import date

import pytest

from dateline.events import extract_events
from dateline.nlp import parse_text
from dateline.pipeline import analyse_parsed

PUB = date(2023, 9, 12)


def _events(parsed):
    """Events as the pipeline makes them: after the time, geo and quantity stages."""
    return analyse_parsed(parsed).events


def _only(events, lemma):
    found = [e for e in events if e.lemma == lemma]
    assert found, f"no {lemma!r} event in {[e.lemma for e in events]}"
    return found[0]


@pytest.mark.parametrize(
    "text,lemma,status",
    [
        ("Vladimir Putin is scheduled to meet Kim Jong Un in Vladivostok.", "meet", "planned"),
        ("Vladimir Putin will visit China next month.", "visit", "planned"),
        ("Sanctions may be discussed at the summit.", "discuss", "possible"),
        ("The minister did not attend the ceremony.", "attend", "negated"),
        ("Rebels attacked the convoy near the border.", "attack", "occurred"),
        ("Kim Jong Un is travelling to Russia by train.", "travel", "ongoing"),
        ("This is not a situation where they have had long talks or played golf together.", "play", "negated"),
        (
            "Lady Gaga isn't taking the result lying down - and she protested the victory on Wednesday.",
            "protest",
            "occurred",
        ),
        (
            "Putin proposed the spaceport in 2007, and its first rocket was launched in April 2016.",
            "launch",
            "occurred",
        ),
        ("The tram's driver did say that the brakes failed.", "say", "occurred"),
    ],
)
def test_status(text, lemma, status):
    ev = _only(_events(parse_text(text, published=PUB)), lemma)
    assert ev.status == status


def test_types_from_ontology():
    evs = _events(parse_text("Police arrested the driver after the tram crashed.", published=PUB))
    assert _only(evs, "arrest").type == "ARREST"
    assert _only(evs, "crash").type == "ACCIDENT"


def test_reported_by_speaker():
    p = parse_text("Barack Obama said that the two countries signed a trade agreement.", published=PUB)
    ev = _only(_events(p), "sign")
    assert str(ev.reported_by) == "PERSON:Barack Obama"


def test_roles_agent_patient_place_time_reason():
    p = parse_text("Angela Merkel met Emmanuel Macron in Paris on Monday because of the crisis.", published=PUB)
    ev = _only(_events(p), "meet")
    assert str(ev.role("agent").entity) == "PERSON:Angela Merkel"
    assert str(ev.role("patient").entity) == "PERSON:Emmanuel Macron"
    assert ev.role("place").text == "Paris"
    assert ev.time_value == "2023-09-11"  # the Monday before publication
    assert "crisis" in ev.role("reason").text


def test_purpose_in_exchange_for():
    p = parse_text("Kim Jong Un is seeking food aid in exchange for supplying Russia with munitions.", published=PUB)
    ev = _only(_events(p), "seek")
    assert ev.role("purpose").text.startswith("in exchange for supplying Russia")


def test_headline_verb_read_as_noun():
    p = parse_text("Body of the report.", title="Lady Gaga stages protest at Trump Tower", published=PUB)
    ev = _only(_events(p), "stage")
    assert str(ev.role("agent").entity) == "PERSON:Lady Gaga"
    assert ev.role("patient").text == "protest"


@pytest.mark.parametrize("text", [" ", "42.", "Hello world"])
def test_no_events_no_main_event_answers(text):
    from dateline.events import main_event

    p = parse_text(text)
    evs = extract_events(p, (), (), ())
    me = main_event(p, evs, (), (), ())
    assert evs == () and me.who == () and me.what == () and me.doc_id == p.article.doc_id


def test_full_name_and_possessive_in_who():

    p = parse_text(
        "Felipe Massa waved to the crowd in Sao Paulo on Sunday. He retired after the race.",
        title="Brazil's Massa crashes but gets warm farewell at home GP",
        published=date(2016, 11, 14),
    )
    me = analyse_parsed(p).main_event
    assert me.who[0].text == "Felipe Massa"
    assert me.what[0].text.startswith("crashes")
    assert me.when[0].value == "2016-11-13"


def test_where_clause_on_a_date_gives_no_place():
    """Bug: "a factory ... on Friday, where jets are built" made "Friday" the place of "built"."""
    from dateline.ingest import read_path
    from dateline.pipeline import analyse

    from ..conftest import EXAMPLES

    first = next(iter(read_path(EXAMPLES / "005_after_the_summit.jsonl")))
    places = [r.text for e in analyse(first).events for r in e.roles if r.name == "place"]
    assert "Friday" not in places and "Komsomolsk-on-Amur" in places


def test_lift_off_is_a_launch():
    """Bug: "lifted off" was typed SANCTION (as in lifting sanctions). Its particle is in the trigger."""
    from dateline.ingest import read_path
    from dateline.pipeline import analyse

    from ..conftest import EXAMPLES

    (art,) = read_path(EXAMPLES / "001_vostochny_first_launch.txt")
    (lifted,) = [e for e in analyse(art).events if e.trigger == "lifted off"]
    assert lifted.type == "LAUNCH" and lifted.status == "occurred" and lifted.time_value == "2016-04-28"


def test_dating_by_the_events_own_words():
    text = (
        "Kim Jong Un arrived in Vladivostok on Wednesday, a day before his first summit with Vladimir Putin.\n\n"
        "The visit came two days after his talks with the minister.\n\n"
        "Officials praised the talks."
    )
    events = _events(parse_text(text, published=date(2019, 4, 24)))
    arrived, summit = _only(events, "arrive"), _only(events, "summit")
    assert arrived.time_value == "2019-04-24" and arrived.time_rule.startswith("timex:")
    assert summit.time_value == "2019-04-25" and summit.time_rule.startswith("offset:")
    # a past event the text does not date is part of the report's news: its lead's day, and says so
    praised = _only(events, "praise")
    assert praised.time_value == "2019-04-24" and praised.time_rule == "report:lead"
    # with no dated lead it stays undated: never silently the publication day
    plain = _events(parse_text("Officials praised the talks in Vladivostok.", published=date(2019, 4, 24)))
    assert _only(plain, "praise").time_value is None


def test_a_person_falling_is_an_accident_and_lost_his_life_a_death():
    events = _events(parse_text("The boy fell down a well on Sunday. A man lost his life in the crash.", published=PUB))
    assert _only(events, "fall").type == "ACCIDENT"
    assert _only(events, "lose").type == "DEATH"


def test_a_verbs_particle_is_in_its_trigger():
    events = {
        e.lemma: e
        for e in extract_events(
            parse_text("Jobs showed off the phone. He took the phone out.", published=date(2010, 6, 7))
        )
    }
    shown, taken = events["show"], events["take"]
    assert (shown.trigger, shown.trigger_end - shown.trigger_start) == ("showed off", len("showed off"))
    assert (taken.trigger, taken.trigger_end - taken.trigger_start) == ("took out", len("took"))  # the particle apart
