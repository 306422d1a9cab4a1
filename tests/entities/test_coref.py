"""Within-document coreference on short texts written for these tests, through the real model
and the real pipeline (the events stage reads the links the entities stage assigns)."""

from __future__ import annotations

from datetime import date

from dateline.nlp import parse_text
from dateline.pipeline import analyse_parsed

PUB = date(2023, 9, 12)


def _links(text: str):
    a = analyse_parsed(parse_text(text, published=PUB))
    by_text: dict[str, set[str]] = {}
    for link in a.coref:
        by_text.setdefault(link.text, set()).add(str(link.entity))
    return a, by_text


def test_pronouns_titles_and_the_two_leaders():
    a, by_text = _links(
        "North Korean leader Kim Jong Un arrived in Russia on Tuesday to meet Russian President Vladimir Putin. "
        "The Russian president greeted him at the cosmodrome. "
        "The two leaders then held talks, and they signed no agreement. "
        "Kim said his train would return on Friday."
    )
    kim, putin = "PERSON:Kim Jong Un", "PERSON:Vladimir Putin"
    assert by_text["The Russian president"] == {putin}
    assert by_text["him"] == {kim}  # not the subject of its own clause
    assert by_text["The two leaders"] == {kim, putin}
    assert by_text["they"] == {kim, putin}
    assert by_text["his"] == {kim}
    assert by_text["North Korean leader"] == {kim} and by_text["Russian President"] == {putin}  # titles
    # the events stage reads those links for its participants
    greet = next(e for e in a.events if e.lemma == "greet")
    assert str(greet.role("agent").entity) == putin
    assert str(greet.role("patient").entity) == kim
    talks = next(e for e in a.events if e.lemma == "talk")  # "held talks": the light verb's noun (events/light.py)
    assert {str(r.entity) for r in talks.roles if r.name == "agent"} == {kim, putin}


def test_company_and_product_descriptions():
    _, by_text = _links(
        "Orchard Systems unveiled its Nimbus phone on Monday. "
        "The company said the device would ship in May. Its shares rose."
    )
    org = {"ORG:Orchard Systems"}
    assert by_text["The company"] == org
    assert by_text["Its"] == org
    assert by_text["the device"] == {"PRODUCT:Nimbus"}


def test_apposition_and_relative_pronoun():
    _, by_text = _links(
        "Kestrel Analytics, a market research firm, published the figures. "
        "Maria Lopez, who leads the firm, said sales fell."
    )
    assert by_text["a market research firm"] == {"ORG:Kestrel Analytics"}
    assert by_text["who"] == {"PERSON:Maria Lopez"}


def test_i_and_we_inside_a_quotation_are_its_speaker():
    _, by_text = _links(
        "Orchard Systems hired Dana Whitfield in 2019. "
        '"We are thrilled and I am proud," Dana Whitfield said on Tuesday.'
    )
    assert by_text["I"] == {"PERSON:Dana Whitfield"}
    assert by_text["We"] == {"ORG:Orchard Systems"}


def test_expletive_it_refers_to_nothing():
    _, by_text = _links("Orchard Systems cut prices. It is expected that rivals will follow.")
    assert "It" not in by_text


def test_the_two_companies_are_the_two_organisations_named_most():
    _, by_text = _links(
        "Orchard Systems sued Kestrel Analytics in March. Orchard Systems said Kestrel Analytics copied its logo. "
        "Dana Whitfield, a lawyer, said the two companies would meet in court."
    )
    assert by_text["the two companies"] == {"ORG:Orchard Systems", "ORG:Kestrel Analytics"}


def test_we_is_the_organisation_the_speaker_is_named_with():
    _, by_text = _links(
        "Orchard Systems settled its dispute with Kestrel Analytics on Monday. Orchard Systems will pay a fee. "
        '"These are exciting times for us," said Dana Whitfield, manager of Kestrel Analytics.'
    )
    assert by_text["us"] == {"ORG:Kestrel Analytics"}  # not the organisation named most


def test_a_description_in_apposition_before_a_name_is_one_phrase_with_it():
    _, by_text = _links(
        "Orchard Systems named a new chief on Monday. The former finance director, Dana Whitfield, will start in May."
    )
    assert by_text["The former finance director, Dana Whitfield"] == {"PERSON:Dana Whitfield"}
    assert by_text["The former finance director"] == {"PERSON:Dana Whitfield"}


def test_a_hyphenated_title_is_one_word():
    _, by_text = _links(
        "Orchard Systems co-founder Dana Whitfield dies aged 56. "
        "The co-founder and former chief executive of Orchard Systems Dana Whitfield died yesterday."
    )
    whitfield = {"PERSON:Dana Whitfield"}
    assert by_text["Orchard Systems co-founder"] == whitfield
    assert by_text["Orchard Systems co-founder Dana Whitfield"] == whitfield  # the name with its whole title
    assert by_text["The co-founder"] == whitfield
    assert "founder" not in by_text and "founder Dana Whitfield" not in by_text


def test_a_description_takes_up_the_noun_an_apposition_gave_a_name():
    _, by_text = _links(
        "The figures came from Kestrel Analytics, a market research firm. Orchard Systems disputed them on Monday. "
        "The firm said sales fell."
    )
    assert by_text["The firm"] == {"ORG:Kestrel Analytics"}  # not the latest organisation named


def test_an_appositions_noun_is_taken_up_nearby_only_and_a_names_last_word_still_is():
    _, by_text = _links(
        "Orchard Systems, the company that makes the zPad, raised prices. Kestrel Ambulance Service sent crews. "
        "Witnesses said the emergency services arrived quickly. "
        "Rain fell all day. Roads closed. Trains stopped. Schools shut. Shops stayed dark. Buses ran late. "
        "Kestrel Analytics said the company would report on Friday."
    )
    assert by_text["the emergency services"] == {"ORG:Kestrel Ambulance Service"}
    assert by_text.get("the company") != {"ORG:Orchard Systems"}  # that apposition is far back


def test_the_plural_of_a_device_noun_is_the_units_of_the_product():
    _, by_text = _links(
        "Orchard Systems released the Nimbus phone in May. Buyers complained about its battery. "
        "Rather than recall the phones, Orchard offered refunds, and it said the new versions would ship soon."
    )
    assert by_text["the phones"] == {"PRODUCT:Nimbus"}
    assert "the new versions" not in by_text  # versions are several things, not units of one


def test_a_description_of_another_kind_of_thing_is_not_the_product():
    _, by_text = _links(
        "Orchard Systems doubled its profits on demand for its zPod digital music players. "
        "Its revenue grew because the laptops made by Orchard also sold well. "
        "Buyers said the laptop was light, and the players were cheap."
    )
    assert "the laptops" not in by_text  # laptops are no music player
    assert "the laptop" not in by_text
    assert by_text["the players"] == {"PRODUCT:zPod"}  # the units of the player named before


def test_a_product_name_before_its_kind_noun_is_one_phrase_but_not_before_its_range():
    _, by_text = _links(
        "Orchard Systems released a program that limits the volume of its zPod portable music players. "
        "The zPod replaces the older zPod Mini in the zPod family, and a new zPod update follows."
    )
    assert by_text["its zPod portable music players"] == {"PRODUCT:zPod"}  # the players are the product
    assert "the zPod family" not in by_text and "a new zPod update" not in by_text  # its range, not it


def test_a_possessive_before_the_subject_refers_ahead_to_it():
    _, by_text = _links(
        "Orchard Systems makes phones. "
        "During a media event held at its Cupertino headquarters, Kestrel Analytics released new software. "
        "Maria Lopez met Dana Reyes. In his keynote address on Wednesday, Tom Baker announced a tablet."
    )
    assert by_text["its"] == {"ORG:Kestrel Analytics"}  # not the company of the sentence before
    assert by_text["his"] == {"PERSON:Tom Baker"}


def test_a_they_that_announces_may_be_the_company_and_the_ceo_is_the_person_titled_so():
    _, by_text = _links(
        "Orchard Systems released three phones in May. In addition to the phones, they have announced a tablet. "
        "Orchard CEO Dana Reyes stepped down in June. Tom Baker stood in for her while the CEO underwent surgery."
    )
    assert by_text["they"] == {"ORG:Orchard Systems"}  # a company announces as people do
    assert by_text["the CEO"] == {"PERSON:Dana Reyes"}


def test_an_as_phrase_describes_the_object_and_a_copula_noun_the_subject():
    _, by_text = _links(
        "Orchard Systems hired Dana Reyes in 2001. The board later named Reyes as chairman. "
        "Reyes is also the largest single shareholder of Orchard. Kim Lee will be succeeding Reyes as president."
    )
    assert by_text["chairman"] == {"PERSON:Dana Reyes"}
    assert by_text["the largest single shareholder"] == {"PERSON:Dana Reyes"}
    assert by_text.get("president") != {"PERSON:Dana Reyes"}  # who succeeds is president, not the one succeeded


def test_a_thing_noun_in_a_title_refers_back_to_its_organisation():
    _, by_text = _links("Orchard Systems held its annual meeting on Monday, where company CEO Dana Reyes spoke.")
    assert by_text["company"] == {"ORG:Orchard Systems"}


def test_a_copulas_noun_is_what_its_subject_is():
    _, by_text = _links(
        "Orchard Systems released the Nimbus phone in May. Nimbus is claimed to be a revolutionary mobile phone. "
        "Dana Reyes is the chief executive. It is a problem, Reyes said."
    )
    assert by_text["a revolutionary mobile phone"] == {"PRODUCT:Nimbus"}
    assert by_text["the chief executive"] == {"PERSON:Dana Reyes"}
    assert "a problem" not in by_text  # no word for a company


def test_a_copula_after_a_pronoun_is_not_built_on_it():
    _, by_text = _links("Dana Reyes met Kim Laird. He said she was an amazing mother.")
    assert "an amazing mother" not in by_text


def test_their_after_people_no_name_names_is_not_the_company():
    a, _ = _links(
        "Orchard Systems released the Nimbus phone. The phone lets users control it with their voice. "
        "Orchard Systems said their sales rose. Some buyers could not finish their orders."
    )
    theirs = {link.start: str(link.entity) for link in a.coref if link.text == "their"}
    # "their sales" is the company's; the voice is the users', the orders the buyers' (groups no name names)
    assert list(theirs.values()) == ["PERSON:the users", "ORG:Orchard Systems", "PERSON:the buyers"]


def test_their_inside_a_plural_nouns_own_phrase_is_still_the_company():
    _, by_text = _links("Orchard Systems released several re-designs of their popular Nimbus range on Monday.")
    assert by_text["their"] == {"ORG:Orchard Systems"}


def test_which_after_a_product_noun_named_by_a_product_is_the_product():
    _, by_text = _links("The judge said he owns a zPod portable music player, which is made by Orchard Systems.")
    assert by_text["which"] == {"PRODUCT:zPod"}
