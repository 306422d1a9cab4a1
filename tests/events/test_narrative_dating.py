"""Dates an undated event takes from the events around it (events/narrative.py)."""

from __future__ import annotations

from .helpers import events_of

LAUNCH = (
    "In a Wednesday media event, Apple released new laptops. Analysts expect strong sales. "
    "Apple CEO Steve Jobs unveiled the new products at the Cupertino event, saying the company had "
    "been inspired by the iPad."
)


def _by(text: str, **kw) -> dict:
    return {(e.sentence, e.trigger): e for e in events_of(text, **kw)}


def test_a_definite_event_noun_is_its_earlier_dated_mention_and_dates_the_verb_it_frames():
    evs = {k[1]: e for k, e in _by(LAUNCH).items() if k[0] == 2}
    assert (evs["event"].time_value, evs["event"].time_rule) == ("2016-11-09", "antecedent:event")
    assert (evs["unveiled"].time_value, evs["unveiled"].time_rule) == ("2016-11-09", "event:event")
    # the participle adjunct happens with the event it hangs on
    assert (evs["saying"].time_value, evs["saying"].time_rule) == ("2016-11-09", "adjunct:unveiled")


def test_an_indefinite_or_qualified_event_noun_or_a_far_one_is_another_event():
    for text in (
        "In a Wednesday media event, Apple released new laptops. Jobs spoke at another event.",
        "In a Wednesday media event, Apple released new laptops. Jobs spoke at the second event.",
        "In a Wednesday media event, Apple released new laptops. The laptops are thin. They are light. "
        "Rivals are worried. Jobs spoke at the event.",
    ):
        last = max(e.sentence for e in events_of(text))
        noun = next(e for e in events_of(text) if e.sentence == last and e.trigger == "event")
        assert noun.time_value is None, text


def test_a_statement_right_after_its_speakers_dated_statement_goes_on_with_it():
    text = (
        "Steve Jobs announced on Monday that Lion will ship in the summer. He said that the store will open "
        "within 90 days. Cook said the sales were strong."
    )
    evs = _by(text)
    said = evs[(1, "said")]
    assert (said.time_value, said.time_rule) == ("2016-11-07", "statement:announced")
    assert evs[(2, "said")].time_value is None  # another speaker


def test_a_statement_after_a_negated_or_undated_one_stays_undated():
    evs = _by("Clinton did not accuse Comey of partisanship on Saturday. But she did say that the news backfired.")
    assert evs[(1, "say")].time_value is None


def test_an_event_noun_of_a_named_possessor_is_the_dated_event_of_its_type_and_a_death_anywhere_after():
    filler = " ".join(f"He worked on project number {n} for many years." for n in range(5))
    evs = _by(f"Steve Jobs died on Wednesday at his home. {filler} Bill Gates responded to Jobs' death.")
    death = next(e for (s, t), e in evs.items() if t == "death")
    assert (death.time_value, death.time_rule) == ("2016-11-09", "antecedent:died")
    # other types only within antecedent_sentences: further on, an attack is another one
    near = _by("Hamas attacked the town on Wednesday. Amnesty condemned Hamas's attack.")
    assert next(e for (s, t), e in near.items() if t == "attack").time_rule == "antecedent:attacked"
    far = _by(f"Hamas attacked the town on Wednesday. {filler} Amnesty condemned Hamas's attack.")
    assert next(e for (s, t), e in far.items() if t == "attack").time_value is None
