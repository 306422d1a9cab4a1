"""Questions across reports, read from the stored timeline of the demo corpus: the last and
first meeting, where it was, how many times, each occasion cited."""

from __future__ import annotations

from dateline.query.ask import analyse_question, ask


def test_the_last_meeting_is_the_latest_occasion_not_the_best_worded_sentence(examples_store):
    a = ask(examples_store, "When did Mr Kim and Mr Putin last meet?")
    assert a.value == "2024-06-19"  # the Pyongyang treaty; the cosmodrome summit (2023-09-13) is earlier
    assert any("Pyongyang" in c.text for c in a.citations)


def test_the_first_meeting_is_the_earliest(examples_store):
    a = ask(examples_store, "When did Kim and Putin first meet?")
    assert a.value == "2019-04-25"


def test_where_they_met_most_recently_is_where_a_party_arrived_that_day(examples_store):
    a = ask(examples_store, "Where did Putin and Kim meet most recently?")
    assert a.answer == "Pyongyang"


def test_how_many_times_counts_occasions_and_cites_each(examples_store):
    a = ask(examples_store, "How many times have Kim Jong Un and Vladimir Putin met?")
    assert a.answer == "3 times"
    assert len({c.doc_id for c in a.citations[:3]}) == 3  # one report of each occasion first
    assert any("met for the first time" in c.text for c in a.citations)  # the report that dates it itself


def test_how_many_times_at_a_place_counts_trips_there(examples_store):
    a = ask(examples_store, "How many times has Kim Jong Un been to Vladivostok, according to the reports?")
    assert a.answer == "2 times"
    assert all("Vladivostok" in c.text for c in a.citations[:2])  # one report of each trip first
    assert len({c.doc_id for c in a.citations[:2]}) == 2


def test_the_verb_last_orders_nothing_and_titles_are_no_names():
    f = analyse_question("How long did Donald Trump's meeting with Paul Ryan at the Capitol last?")
    assert f.order is None and f.answer_type == "quantity"
    f = analyse_question("When did Mr Kim and Mr Putin last meet?")
    assert f.order == "last" and [g.text for g in f.names] == ["Kim", "Putin"]
    f = analyse_question("How many times have Kim Jong Un and Vladimir Putin met?")
    assert f.pred == "meet" and f.counted == "time"


def test_what_was_the_place_asks_for_a_place():
    f = analyse_question("What was the last place Kim visited on his 2023 trip to Russia?")
    assert f.answer_type == "place" and f.head_noun == "place" and f.order == "last"
