"""Ages and comparisons by a measure: whose age a number states ("Anna Berg, 34,", "the
58-year-old captain", "Aged 19, Lena ..."), "which is older, A or B?", "who was the youngest
of ...?", and questions whose words the small model misreads ("how long did it last?", "what
share of ..."). Our own short reports, ingested by the real pipeline."""

from __future__ import annotations

import pytest

from dateline.query.ask import analyse_question, ask, candidates
from dateline.query.ask.rank import rank

REPORT = """ date 2022-05-10
Three climbers were rescued from the north face of the mountain on Monday.
Rescuers named them as Anna Berg, 34, from Bergen, Tom Lind, 58, from Oslo and Erik Dahl, 41, from Tromso.
The 58-year-old captain of the lifeboat, Jonas Holm, said the weather had been the worst in years.
Aged 19, Lena Strand was the youngest volunteer on the rescue team.
The rescue operation lasted six hours.
About 12% of the town's residents volunteered for the search.
The weight of the rescue sled was reduced from 90 kg to 60 kg after the first winter.
"""


@pytest.fixture(scope="module")
def store(text_store):
    return text_store("measures", {"rescue.txt": REPORT})


def _best(store, question: str) -> tuple[str, float]:
    f = analyse_question(question)
    found = candidates(store, f)
    assert not isinstance(found, str), found
    p, _, e = rank(f, found)[0]
    return e["opt"].text, p


@pytest.mark.parametrize(
    ("question", "age"),
    [
        ("How old is Tom Lind?", "58"),
        ("How old is Erik Dahl?", "41"),
        ("How old is Anna Berg?", "34"),
        ("How old was Lena Strand?", "19"),
    ],
)
def test_an_age_is_the_asked_persons_not_the_next_names(store, question, age):
    text, _ = _best(store, question)
    assert age in text


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("Who is older, Anna Berg or Erik Dahl?", "Erik Dahl"),
        ("Which climber was younger, Tom Lind or Anna Berg?", "Anna Berg"),
    ],
)
def test_a_comparison_by_age_asks_each_options_age(store, question, answer):
    f = analyse_question(question)
    assert f.kind == "comparison" and f.measure == "How old is {}?"
    a = ask(store, question)
    assert a.answer == answer, a
    assert a.answer_type == "comparison" and len(a.citations) >= 1
    assert answer in a.reason


def test_a_superlative_compares_the_people_the_sentences_name(store):
    question = "Who was the youngest of the three climbers that rescuers named?"
    f = analyse_question(question)
    assert f.kind == "comparison" and f.larger is False
    a = ask(store, question)
    # the youngest and the runner-up; answered only as surely as the three are the ones asked about
    reason = a.reason if a.answer else a.reason.split(", but")[0]
    assert reason == "Anna Berg: 34; Erik Dahl: 41", a
    assert a.answer in ("", "Anna Berg")


def test_a_superlative_compares_the_set_the_naming_sentence_lists(store):
    # the sentence that names the rescued lists all three: the oldest of them, or no answer
    a = ask(store, "Who was the oldest of the three climbers rescued from the mountain?")
    reason = a.reason if a.answer else a.reason.split(", but")[0]
    assert reason.startswith("Tom Lind: 58; Erik Dahl: 41"), a
    assert a.answer in ("", "Tom Lind")
    # the captain's age (58 too) and the volunteer's are not of the set
    assert "Jonas Holm" not in a.reason and "Lena Strand" not in a.reason


def test_a_final_last_after_did_is_the_verb():
    f = analyse_question("How long did the rescue operation last?")
    assert f.order is None and f.pred == "last" and f.kinds == ("duration",)
    f = analyse_question("When did the climbers meet last?")  # it has its own verb
    assert f.order == "last"


def test_a_share_asks_for_a_percentage(store):
    f = analyse_question("What share of the town's residents volunteered for the search?")
    assert f.answer_type == "quantity" and f.kinds == ("percent",)
    text, _ = _best(store, "What share of the town's residents volunteered for the search?")
    assert "12%" in text


def test_careful_answers_only_above_the_precise_threshold(store):
    from dateline.query.ask.config import weights

    w = weights()
    assert w.careful_threshold >= w.threshold
    for question in ("How old is Tom Lind?", "How old was Lena Strand?", "How long did the rescue operation last?"):
        plain, careful = ask(store, question), ask(store, question, careful=True)
        if plain.answer and plain.confidence >= w.careful_threshold:
            assert careful.answer == plain.answer
        else:
            assert careful.answer == "" and "too uncertain" in careful.reason, careful


def test_a_stranded_preposition_asks_for_its_object(store):
    f = analyse_question("What was the weight of the rescue sled reduced to?")
    assert (f.answer_type, f.wh_role, f.kinds) == ("quantity", "pobj:to", ("mass",))
    text, _ = _best(store, "What was the weight of the rescue sled reduced to?")
    assert text == "60 kg"


def test_a_toll_or_a_share_asks_for_a_quantity():
    f = analyse_question("What was the death toll from the avalanche?")
    assert (f.answer_type, f.kinds) == ("quantity", ("count",))
