"""Questions whose answering sentence says it otherwise: a setting the sentence leaves out, the
verb a question's verb governs, a participle the small model tags as a past verb, a phrasal verb,
a passive's means, a manner hung on the object, and "the first X since <year>"."""

from __future__ import annotations

import pytest

from dateline.query.ask import analyse_question, ask


def test_a_setting_place_is_a_bonus_not_a_requirement():
    f = analyse_question("Why was the start of the race at Interlagos delayed?")
    assert [(g.text, g.soft) for g in f.names] == [("Interlagos", True)]
    # a facility the question is about stays required
    f = analyse_question("How many people work at the Vostochny Cosmodrome?")
    assert not any(g.soft for g in f.names)


def test_a_participle_tagged_as_a_past_verb_is_the_passive_verb():
    f = analyse_question("Why was the start of the race at Interlagos delayed?")
    assert (f.pred, f.passive) == ("delay", True)


def test_the_verb_the_question_verb_governs_is_read():
    assert analyse_question("Why did some drivers want the Brazilian Grand Prix abandoned?").comp_pred == "abandon"
    assert analyse_question("Why did the firm choose to change the shape of the bar?").comp_pred == "change"


def test_a_phrasal_verb_with_known_synonyms_is_one_verb():
    assert analyse_question("How did local volunteers find out about the boy?").pred == "find out"


@pytest.fixture(scope="module")
def paraphrase_store(text_store):
    return text_store(
        "para",
        {
            "race.txt": (
                " date 2016-11-13 The Brazilian race was held in Sao Paulo on Sunday. "
                "The start was delayed by ten minutes due to the heavy rain, and several drivers called for "
                "the race to be abandoned because of the poor visibility.\n"
            ),
            "rescue.txt": (
                " date 2016-11-20 A boy fell into a well in a village on Friday. Hundreds of locals "
                "volunteered to help, rushing to the scene after learning about the accident on WeChat. "
                "The candidate said the mayor was being protected by a rigged system. "
                "The White House gave briefings to the governor's transition team, headed by former "
                "mayor Anna Berg, on Thursday.\n"
            ),
            "visit.txt": (
                " date 2024-06-20 The president arrived in the capital on Wednesday, June 19, for talks with "
                "the prime minister. It was the president's first visit to the country since 2000.\n"
            ),
        },
    )


def _candidates(store, q: str) -> list[str]:
    from dateline.query.ask import candidates

    found = candidates(store, analyse_question(q))
    assert not isinstance(found, str), found
    return [e["opt"].text for e in found.values()]


def test_the_reason_of_the_governed_verb_is_a_candidate(paraphrase_store):
    texts = _candidates(paraphrase_store, "Why did some drivers want the race abandoned?")
    assert any("poor visibility" in t for t in texts)


def test_a_passive_means_and_a_manner_on_the_object_are_candidates(paraphrase_store):
    assert "by a rigged system" in _candidates(paraphrase_store, "How was the mayor being protected?")
    found = _candidates(paraphrase_store, "How did the locals find out about the boy?")
    assert any(t.startswith("on WeChat") for t in found)


def test_a_passive_participle_names_the_doer_an_active_question_asks_for(paraphrase_store):
    from dateline.query._common import load_facts
    from dateline.query.ask.match import _status

    assert ask(paraphrase_store, "Who is heading the governor's transition team?").answer == "Anna Berg"
    # "the team, headed by Anna Berg" states who heads it now, whatever tense its event has
    key = next(k for k, pd in _parses(paraphrase_store).items() if "headed" in pd.text)
    pd = _parses(paraphrase_store)[key]
    facts = load_facts(paraphrase_store, {key[0]: {key[1]}}, ("sentences", "events"))
    start = facts["sentences"][key]["start_char"]
    events = {e.trigger_start: e for e in facts["events"].get(key, [])}
    i = next(t.i for t in pd.tokens if t.text == "headed")
    assert pd.tokens[i].start + start in events  # the events stage has an event there
    assert _status(pd, i, events, start) == "ongoing"


def _parses(store):
    rows = store.query("SELECT doc_id, idx FROM sentences")
    return store.sentence_docs((r["doc_id"], r["idx"]) for r in rows)


def test_the_first_visit_since_a_year_is_dated_by_the_sentence_before(paraphrase_store):
    found = _candidates(paraphrase_store, "When did the president visit the country?")
    assert "2024-06-19" in found and "2000" in found
    a = ask(paraphrase_store, "When did the president visit the country?")
    assert "2000" not in a.answer


def test_do_support_read_as_the_main_verb_gives_the_verb_after_it():
    f = analyse_question("In which city did an anti-Trump demonstration turn violent?")
    assert (f.pred, f.pred_light) == ("turn", False)


def test_a_question_noun_misread_after_did_keeps_its_subject():
    assert analyse_question("What did Kim visit in Komsomolsk-on-Amur?").subject.text == "Kim"


@pytest.fixture(scope="module")
def places_store(text_store):
    return text_store(
        "places",
        {
            "tour.txt": (
                " date 2023-09-15 Mr Lee invited the governor to visit Berlin next year. "
                "Mr Lee toured a shipyard in Hamburg on Friday. "
                "The country wanted a launch site of its own instead of renting the Baikonur Cosmodrome. "
                "The new spaceport lies near the village of Uglegorsk in the Amur region.\n"
            ),
        },
    )


def test_the_object_of_invite_is_the_one_who_visits(places_store):
    a = ask(places_store, "What did Mr Lee visit in Hamburg?")
    assert "Berlin" not in a.answer  # he invited the governor: Berlin is no visit of his
    assert "shipyard" in a.answer


def test_where_is_reads_locating_verbs_not_nouns_of_the_same_word(places_store):
    a = ask(places_store, "Where is Uglegorsk?")
    assert "Amur" in a.answer and "Baikonur" not in a.answer


def test_novelty_is_the_share_of_an_answer_the_question_does_not_say():
    from dateline.query.ask.match import novelty

    f = analyse_question("Which tavern owner is said to have put a curse on the team?")
    assert novelty(f, "local tavern owner") < 0.5
    assert novelty(f, "William Sianis") == 1.0


def test_a_bare_pronoun_is_never_an_answer(places_store):
    from dateline.query.ask import candidates

    found = candidates(places_store, analyse_question("Who toured a shipyard in Hamburg?"))
    assert not isinstance(found, str)
    assert not {e["opt"].text.lower() for e in found.values()} & {"he", "she", "they", "it"}


def test_a_verb_misread_as_a_noun_after_did_is_the_verb_and_the_question_asks_its_object():
    f = analyse_question("What kind of warship did Kim tour in Vladivostok?")
    assert (f.pred, f.subject.text, f.wh_role) == ("tour", "Kim", "obj")


def test_the_thing_a_measure_is_asked_of_is_a_noun_the_sentence_must_have():
    assert "tram" in analyse_question("How fast was the tram going?").nouns
    assert "money" not in analyse_question("How much money was raised for the campaign?").nouns
    assert "people" not in analyse_question("How many people were killed?").nouns
