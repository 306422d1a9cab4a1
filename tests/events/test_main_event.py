"""The reference article's main event and its frames, through the real pipeline."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def me(seed_analysis):
    assert seed_analysis.main_event is not None
    return seed_analysis.main_event


def _events(analysis, lemma):
    return [e for e in analysis.events if e.lemma == lemma]


def test_who_is_kim(me):
    assert "Kim Jong Un" in me.who[0].text


def test_what_is_travelling_to_meet_putin(me):
    text = me.what[0].text.lower()
    assert "travel" in text and "meet" in text and "putin" in text


def test_when_is_publication_tuesday(me):
    assert me.when[0].value == "2023-09-12"


def test_where_is_far_east_or_cosmodrome(me):
    top = me.where[0].text.lower()
    assert "far east" in top or "vostochny" in top
    assert any("vostochny" in a.text.lower() for a in me.where)


def test_why_is_weapons_deals(me):
    assert "weapons" in me.why[0].text.lower()


def test_how_is_the_train(me):
    assert "specially equipped train" in me.how[0].text


def test_candidates_best_first(me):
    for q in ("who", "what", "when", "where", "why", "how"):
        scores = [a.score for a in getattr(me, q)]
        assert scores == sorted(scores, reverse=True), q
        assert all(0 < s <= 1 for s in scores)


def test_scheduled_meeting_is_planned(seed_analysis):
    text = seed_analysis.parsed.text
    (ev,) = [
        e for e in _events(seed_analysis, "meet") if "scheduled" in seed_analysis.parsed.sentences[e.sentence].text
    ]
    assert ev.status == "planned"
    assert str(ev.role("agent").entity) == "PERSON:Vladimir Putin"  # "he" resolved
    assert str(ev.role("patient").entity) == "PERSON:Kim Jong Un"
    place = ev.role("place")
    assert place is not None and "Vostochny Cosmodrome" in place.text
    assert text[ev.trigger_start : ev.trigger_end] == "meet"


def test_first_sentence_meeting_is_planned_not_occurred(seed_analysis):
    ev = _events(seed_analysis, "meet")[0]
    assert ev.sentence == 0 and ev.status == "planned"
    travel = _events(seed_analysis, "travel")[0]
    assert travel.status == "ongoing" and travel.type == "TRAVEL"
    assert "specially equipped train" in travel.role("instrument").text


def test_2019_vladivostok_meeting_occurred(seed_analysis):
    (ev,) = [e for e in _events(seed_analysis, "meet") if e.trigger == "met"]
    assert ev.status == "occurred"
    assert ev.time_value == "2019"
    assert ev.role("place").text == "Vladivostok"
    assert {str(r.entity) for r in ev.roles if r.name == "agent"} == {"PERSON:Vladimir Putin", "PERSON:Kim Jong Un"}
    # "their first meeting since 2019": the anchor year is not the planned meeting's date
    first = [e for e in seed_analysis.events if e.lemma == "meeting" and e.sentence == ev.sentence][0]
    assert first.status == "planned" and first.time_value != "2019"


def test_will_be_their_first_meeting_is_planned(seed_analysis):
    ev = [
        e
        for e in seed_analysis.events
        if e.lemma == "meeting"
        and "This will be their first meeting" in seed_analysis.parsed.sentences[e.sentence].text
    ][0]
    assert ev.status == "planned"
    assert {str(r.entity) for r in ev.roles if r.name == "agent"} == {"PERSON:Vladimir Putin", "PERSON:Kim Jong Un"}


def test_may_be_discussed_is_possible(seed_analysis):
    (ev,) = _events(seed_analysis, "discuss")
    assert ev.status == "possible"


def test_proposed_in_2007(seed_analysis):
    (ev,) = _events(seed_analysis, "propose")
    assert ev.type == "PROPOSE" and ev.status == "occurred" and ev.time_value == "2007"
    assert str(ev.role("agent").entity) == "PERSON:Vladimir Putin"
    assert "reduce Russia’s dependence" in ev.role("purpose").text


def test_came_into_service_is_open_2016(seed_analysis):
    (ev,) = [e for e in seed_analysis.events if e.trigger == "came"]
    assert ev.type == "OPEN" and ev.time_value == "2016"
    assert str(ev.role("agent").entity) == "FAC:Vostochny Cosmodrome"  # "It" -> the cosmodrome


def test_times_and_places_come_from_their_stages(seed_analysis):
    (ev,) = _events(seed_analysis, "announce")
    assert ev.time_value == "2023-09-12"
    assert ev.time_rule and not ev.time_rule.endswith("guess")  # the time stage's TimeValue, not our fallback
    (met,) = [e for e in _events(seed_analysis, "meet") if e.trigger == "met"]
    place = met.role("place")
    assert place.lat == pytest.approx(43.1, abs=0.5) and place.lon == pytest.approx(131.9, abs=0.5)  # Vladivostok


def test_planned_meeting_takes_no_date_from_the_announcement(seed_analysis):
    (ev,) = [
        e for e in _events(seed_analysis, "meet") if "scheduled" in seed_analysis.parsed.sentences[e.sentence].text
    ]
    assert ev.time_value is None  # announced on Tuesday; the meeting's own date is not stated there


def test_what_leaves_out_both_actors_of_a_headline():
    """Bug: "Putin and Kim sign defence pact" gave what = "and Kim sign defence pact ..."."""
    from dateline.ingest import read_path
    from dateline.pipeline import analyse

    from ..conftest import EXAMPLES

    (art,) = read_path(EXAMPLES / "006_putin_visits_pyongyang.html")
    what = analyse(art).main_event.what[0].text
    assert what == "sign defence pact in Pyongyang"
