"""Yes/no questions: the sentence that states the question's event, and "no" when that sentence
denies it where it states it (negated, "failed to", "without", "nobody") or states its opposite
("unharmed" for "hurt"). Our own short reports, ingested by the real pipeline."""

from __future__ import annotations

import pytest

from dateline.query.ask import analyse_question, candidates
from dateline.query.ask.rank import rank

REPORT = """ date 2021-03-04
A fire broke out on a ferry at the harbour on Wednesday. All passengers were unharmed, the coastguard said.
The mayor did not attend the opening of the new terminal on Thursday.
The ferry company confirmed the sale of two older vessels.
The local rowing team failed to finish the regatta after a collision.
Talks between the unions and the company ended without an agreement.
The harbour club won the sailing cup on Saturday for the first time in its history.
Rescuers searched the hold but found nobody there.
"""


@pytest.fixture(scope="module")
def store(text_store):
    return text_store("yesno", {"harbour.txt": REPORT})


def _best(store, question: str) -> str:
    f = analyse_question(question)
    found = candidates(store, f)
    assert not isinstance(found, str), found
    return rank(f, found)[0][2]["opt"].text


@pytest.mark.parametrize(
    ("question", "polarity", "evidence"),
    [
        ("Were any passengers hurt in the ferry fire?", "No", "unharmed"),
        ("Did the mayor attend the opening of the new terminal?", "No", "did not attend"),
        ("Did the ferry company confirm the sale of the vessels?", "Yes", "confirmed the sale"),
        ("Did the rowing team finish the regatta?", "No", "failed to finish"),
        ("Did the talks between the unions and the company end with an agreement?", "No", "without an agreement"),
        ("Had the harbour club won the sailing cup before 2021?", "No", "first time"),
        ("Did the rescuers find anyone in the hold?", "No", "found nobody"),
    ],
)
def test_the_stating_sentence_answers_with_its_polarity(store, question, polarity, evidence):
    answer = _best(store, question)
    assert answer.startswith(f"{polarity}:"), answer
    assert evidence in answer


def test_a_question_after_a_leading_phrase_or_naming_a_last_thing_is_yes_no():
    f = analyse_question("According to the coastguard, were the passengers unharmed?")
    assert (f.kind, f.answer_type) == ("yes_no", "yesno")
    f = analyse_question("Did the team finish its last race?")
    assert (f.kind, f.order) == ("yes_no", None)


def test_a_reported_clause_gives_the_question_its_verb():
    f = analyse_question("What did the minister say the town would need before the winter?")
    assert (f.pred, f.wh_role) == ("need", "obj")
    f = analyse_question("What did the spokesman say caused the delay?")
    assert (f.pred, f.wh_role) == ("cause", "subj")
    assert analyse_question("What did the minister say?").pred == "say"
