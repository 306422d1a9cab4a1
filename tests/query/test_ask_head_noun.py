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


def test_a_description_coordinated_with_another_still_names_the_person(tmp_path):
    from dateline.batch import ingest
    from dateline.store import open_store

    (tmp_path / "race.txt").write_text(
        " date 2016-11-14 The drivers were praised after the race. Delighted was Toto Wolff, "
        "the team principal and Mercedes' co-owner, who called it a masterclass.\n",
        encoding="utf-8",
    )
    store = open_store(str(tmp_path / "race.db"))
    assert ingest(store, [str(tmp_path / "race.txt")]).ok
    a = ask(store, "Who is Mercedes' co-owner?")
    assert a.answer == "Toto Wolff"
