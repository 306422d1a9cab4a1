"""A "first"/"last" question: the sentence that marks the asked event itself as the first
("the club first announced ... on March 3") dates it, before the earliest date of any mention."""

from __future__ import annotations

from dateline.query.ask import analyse_question, candidates
from dateline.query.ask.rank import rank

REPORT = """ date 2021-03-20
The harbour club announced a revised marina plan on March 10, a week after its first one.
On March 3, the harbour club first announced its plan for a new marina, members said.
On February 12, the harbour club announced its marina plan survey to members.
"""


def test_the_date_on_the_verb_marked_first_answers_a_first_question(text_store):
    store = text_store("order", {"marina.txt": REPORT})
    f = analyse_question("When did the harbour club first announce its marina plan?")
    assert f.order == "first"
    found = candidates(store, f)
    assert not isinstance(found, str), found
    best = rank(f, found)[0][2]["opt"]
    assert best.value == "2021-03-03" and best.ordered


SINKING = """ date 2021-05-12
A ferry sank in the harbour on Monday after hitting the pier.
It was the first ferry sinking in the harbour since 1987, the port authority said.
"""


def test_the_last_time_before_a_reference_point_is_the_date_since_which_it_is_the_first(text_store):
    store = text_store("since", {"sinking.txt": SINKING})
    f = analyse_question("Before this week, when had a ferry last sunk in the harbour?")
    assert (f.order, f.before) == ("last", True)
    found = candidates(store, f)
    assert not isinstance(found, str), found
    assert rank(f, found)[0][2]["opt"].value == "1987"
