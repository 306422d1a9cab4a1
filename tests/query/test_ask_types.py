"""The answer type a question's focus noun asks for: "at what time" a time of day (not the day),
"which hotel porter" a person; and retrieval that prefers the sentences stating something of
that type. Our own short report, ingested by the real pipeline."""

from __future__ import annotations

import pytest

from dateline.query.ask import analyse_question, ask, candidates
from dateline.query.ask.rank import rank
from dateline.query.ask.retrieve import _typed

REPORT = """ date 2022-06-01
A fire broke out at the Harbour Hotel in Bergen on Tuesday, the fire service said.
Firefighters were called to the hotel at around 11:40pm and the blaze was out by the morning.
The hotel's night manager, Nils Vik, raised the alarm after he smelt smoke in a corridor.
The fire destroyed 12 rooms on the top floor.
The owner said the hotel would need new fire doors before it reopens.
At a press conference in Oslo on Wednesday, the mayor thanked the firefighters.
Asked about the closed spa, the owner said: "This change wasn't done because of the fire."
"""


@pytest.fixture(scope="module")
def store(text_store):
    return text_store("types", {"fire.txt": REPORT})


def test_at_what_time_asks_for_a_time_of_day(store):
    f = analyse_question("At what time were firefighters called to the Harbour Hotel?")
    assert f.answer_type == "date" and f.kinds == ("clock",)
    found = candidates(store, f)
    assert not isinstance(found, str), found
    ranked = rank(f, found)
    best = ranked[0][2]["opt"]
    assert "11:40pm" in best.text and best.fit == 1.0
    # a day without a time of day is no answer to "at what time"
    assert all(e["opt"].fit == -1.0 for _, _, e in ranked if "Tuesday" in e["opt"].text)


def test_when_asks_for_no_time_of_day(store):
    f = analyse_question("When did the fire break out at the Harbour Hotel?")
    assert f.answer_type == "date" and f.kinds == ()


def test_retrieval_marks_the_sentences_stating_the_asked_type(store):
    clock = analyse_question("At what time were firefighters called to the Harbour Hotel?")
    count = analyse_question("How many rooms did the fire destroy?")
    docs = {d["doc_id"] for d in store.query("SELECT doc_id FROM documents")}
    wanted = {d: {0, 1, 2, 3} for d in docs}
    assert {i for _, i in _typed(store, clock, wanted)} == {1}
    assert {i for _, i in _typed(store, count, wanted)} == {3}


def test_which_with_a_persons_role_asks_for_a_person(store):
    f = analyse_question("Which hotel manager raised the alarm?")
    assert f.answer_type == "agent"
    a = ask(store, "Which hotel manager raised the alarm?")
    assert "Nils Vik" in (a.answer or (a.alternatives[0].answer if a.alternatives else "")), a


def test_a_reported_modal_asks_for_what_is_said_not_done(store):
    # "did" is the saying's; the asked verb has its own "would": a statement, in any tense
    f = analyse_question("What did the owner say the hotel would need before it reopens?")
    assert f.pred == "need" and f.tense == "any"
    assert analyse_question("What did the fire destroy?").tense == "past"
    a = ask(store, "What did the owner say the hotel would need before it reopens?")
    assert "fire doors" in (a.answer or (a.alternatives[0].answer if a.alternatives else "")), a


@pytest.mark.parametrize(
    ("question", "pred"),
    [
        ("Where did the mayor hold the press conference?", "conference"),
        ("Where did the mayor hold the press conference at which he thanked the firefighters?", "conference"),
        ("When did the owner make the decision?", "decision"),
        ("Who destroyed the rooms?", "destroy"),
    ],
)
def test_a_light_verb_asks_for_its_event_noun(question, pred):
    # "hold a conference": the event is the conference (the events stage's light verbs)
    assert analyse_question(question).pred == pred


def test_a_light_verbs_event_is_found_without_the_verb(store):
    a = ask(store, "Where did the mayor hold the press conference?")
    assert "oslo" in (a.answer or (a.alternatives[0].answer if a.alternatives else "")).lower(), a


def test_a_statement_that_denies_what_is_asked_answers_no(store):
    # the owner said something, but what the question asks he said, he denied
    a = ask(store, "Did the owner say the change was done because of the fire?")
    assert a.answer.startswith("No:") and "change" in a.answer, a


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("examine", "examination", True),  # a silent e before the suffix
        ("invite", "invitation", True),
        ("locate", "location", True),
        ("close", "closing", True),
        ("launch", "launches", True),
        ("state", "station", False),  # not every "-ion" word is the verb's noun
        ("rate", "ration", False),
    ],
)
def test_a_words_derived_forms_match_it(a, b, same):
    from dateline.query.ask.match import _lemma_match

    assert (_lemma_match(a, b) >= 0.9) is same
