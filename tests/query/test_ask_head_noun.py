"""'Which X' and 'what kind of X' questions on the demo corpus: the name beside the asked noun
("the Russian town of Khasan"), or the noun with what specifies it, never a name the question gives."""

from __future__ import annotations

from dateline.query.ask import ask


def test_what_kind_reads_the_noun_and_its_modifiers_not_the_place_after_it(examples_store):
    a = ask(examples_store, "What kind of agreement did Putin and Kim sign in Pyongyang?")
    assert "treaty" in a.answer and "Pyongyang" not in a.answer  # "a ... treaty in Pyongyang"
    assert any("signed" in c.text for c in a.citations)


def test_which_town_reads_the_name_after_of(examples_store):
    a = ask(examples_store, "At which Russian town did Kim's train cross the border in 2019?")
    assert a.answer == "Khasan"
