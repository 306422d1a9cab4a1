"""Dates by the event's own words (data/dating.yaml): a range spans its ends, a date placed by
an event dates nothing, "now" is the publication day, an event within a process borrows no
time, a headline's event is the lead's dated event of its type; and agents who act for someone
else (data/clauses.yaml)."""

from __future__ import annotations

from datetime import date

from .helpers import event_of as _event
from .helpers import events_of as _events


def test_a_range_dates_the_event_over_both_ends():
    e = _event("Jos Verstappen competed in Formula One from 1994 to 2003.", "compete")
    assert (e.time_value, e.time_earliest, e.time_latest) == ("1994/2003", "1994-01-01", "2003-12-31")
    assert e.time_rule.startswith("timex:range")


def test_a_range_times_the_sentence_too():
    text = "Between 1910 and 1945, the Cubs won seven pennants, but lost each time in the World Series."
    assert [_event(text, lem).time_value for lem in ("win", "lose")] == ["1910/1945", "1910/1945"]


def test_a_date_placed_by_an_event_dates_nothing():
    text = "Comey told politicians on the Sunday before the election that the bureau had found nothing."
    assert _event(text, "tell").time_value is None  # not the Sunday before publication
    lead = "Now Clinton has blamed the FBI. " + text
    assert _event(lead, "tell").time_value is None  # nor the report's lead day
    assert _event("Putin met Kim on Friday after talks in Moscow.", "meet").time_value == "2016-11-04"


def test_now_is_the_publication_day_which_dates_no_past_event():
    text = "Trump beat her dream of becoming president, and now Clinton has blamed the FBI for her defeat."
    assert _event(text, "beat").time_value is None
    assert _event(text, "blame").time_value == "2016-11-10"


def test_an_event_within_a_process_borrows_no_time():
    text = 'Comey wrote to Congress on Sunday. "During that process we reviewed all of the emails," Comey wrote.'
    assert _event(text, "review").time_value is None


def test_agents_who_act_for_someone_else_are_not_that_someone():
    for text, lemma, absent in (
        ("Hillary Clinton aide blames FBI chief for the loss.", "blame", "Clinton"),
        ("The London Mayor has warned that the toll may rise.", "warn", "London"),
    ):
        agents = [str(r.entity) for r in _event(text, lemma).roles if r.name == "agent" and r.entity]
        assert not [a for a in agents if absent in a], agents


def test_an_event_dated_only_by_the_lead_is_the_leads_dated_event_of_its_type():
    events = _events(
        "The death toll rose to six on Friday. The Taliban said the bombing late Thursday, which tore a crater "
        "in the road, was a revenge attack. The attacker rammed his car into the wall of the consulate.",
        title="Taliban attacks German consulate with truck bomb",
        published=date(2016, 11, 11),
    )
    ram = next(e for e in events if e.lemma == "ram")
    assert (ram.time_value, ram.time_rule) == ("2016-11-10", "report:event:bombing")  # not the lead's Friday
    said = next(e for e in events if e.lemma == "say")
    assert said.time_rule == "report:lead"  # statements keep the lead's day


def test_the_descriptions_present_tells_news_that_occurred():
    e = _event(
        "The maker said on Tuesday that costs had risen.",
        "change",
        title="Toblerone shape upsets fans",
        description="Toblerone changes the look of two bars sold in the UK.",
    )
    assert e.status == "occurred"


def test_a_websites_standing_text_is_a_state_not_news():
    e = _event("It was first sold in 1908. Toblerone's own website proudly tells how it was patented.", "tell")
    assert e.time_rule == "sentence:state"
    company = _event("It was first sold in 1908. The company tells customers to wait.", "tell")
    assert company.time_rule != "sentence:state"


def test_blaming_has_no_recipient():
    e = _event("Clinton aide blames presidential loss to Donald Trump on FBI chief.", "blame")
    assert not [r for r in e.roles if r.name == "recipient"]


def test_firing_attacks_only_with_a_target():
    assert _event("There, Kris Bryant scooped it up and fired across the diamond to Rizzo.", "fire").type == "OTHER"
    assert _event("Police fired on protesters in the square.", "fire").type == "ATTACK"
    assert _event("Troops fired tear gas at the crowd.", "fire").type == "ATTACK"


def _roles(e, name: str) -> list:
    return [r for r in e.roles if r.name == name]


def test_failing_or_refusing_to_do_something_negates_it():
    e = _event("The veteran driver Tom Baker failed to finish his last race at Monza on Sunday.", "finish")
    assert e.status == "negated"
    assert not [x for x in _events("Baker failed to finish the race.") if x.lemma == "fail"]  # no event of its own
    assert _event("The company refused to comment on the report.", "comment").status == "negated"
    assert _event("Baker tried to finish the race.", "finish").status != "negated"


def test_a_teams_driver_is_not_the_team():
    e = _event("McLaren's young driver Tom Baker won the race at Monza on Sunday.", "win")
    agents = {str(r.entity) for r in _roles(e, "agent") if r.entity}
    assert "PERSON:Tom Baker" in agents and not [a for a in agents if "McLaren" in a]


def test_a_date_after_a_verbs_object_dates_the_verb_not_the_object_noun():
    events = _events("Activists protested the senator's victory on Friday.")
    protest = next(e for e in events if e.lemma == "protest")
    victory = next(e for e in events if e.lemma == "victory")
    assert protest.time_value == "2016-11-04" and victory.time_value is None
    # an occurrence verb's object happens then too ("conducted a raid on Monday"; "held talks" is
    # the meeting itself, one event, the noun a light verb carries: events/light.py)
    assert _event("Troops conducted a raid in the valley on Monday.", "raid").time_value == "2016-11-07"
    held = [e for e in _events("Troops held talks with the rebels on Monday.") if e.lemma in ("hold", "talk")]
    assert [(e.trigger, e.type, e.time_value) for e in held] == [("talks", "MEET", "2016-11-07")]


def test_a_date_and_place_after_an_event_nouns_own_phrase_belong_to_the_nearer_event():
    events = _events(
        "The rebels said the bombing was revenge. It was an attack for the airstrikes in the province of "
        "Helmand earlier this month."
    )
    attack = next(e for e in events if e.lemma == "attack")
    assert attack.time_value is None and not _roles(attack, "place")


def test_a_place_on_another_name_or_inside_a_name_is_not_where_the_event_happens():
    e = _event("Her lead after the debate with Senator Jones in Denver has narrowed to four points.", "narrow")
    assert not _roles(e, "place")
    e = _event("His uncle, who raced in Formula One from 1990 to 1995, said he was proud.", "race")
    assert not _roles(e, "place") and e.time_value == "1990/1995"
    assert _roles(_event("Jones raced in Denver on Sunday.", "race"), "place")
    # a place on the event's object, on a date, or on a noun an occurrence verb holds is the event's
    assert _roles(_event("Kim Jong Un visited an aircraft factory in Komsomolsk-on-Amur on Friday.", "visit"), "place")
    protests = _event("Activists have held daily protests in US cities since Wednesday.", "protest")
    assert _roles(protests, "place")


def test_a_later_conjuncts_date_does_not_date_the_verb_before_it():
    events = _events("Smith built a strong team and secured a further title in 2007.")
    assert next(e for e in events if e.lemma == "build").time_value is None
    assert next(e for e in events if e.lemma == "secure").time_value == "2007"
    both = _events("In 2009 he built a stadium and won the cup.")
    assert [e.time_value for e in both if e.lemma in ("build", "win")] == ["2009", "2009"]


def test_an_earlier_clauses_date_does_not_time_a_later_clause_with_its_own_subject():
    text = "The vote had been postponed on Monday after a fire alarm sounded, and the mayor condemned the delay."
    assert _event(text, "postpone").time_value == "2016-11-07"
    assert _event(text, "condemn").time_value is None  # the text does not say when she condemned it
    fronted = _events("On Monday the council met and the mayor resigned.")
    assert [e.time_value for e in fronted if e.lemma in ("meet", "resign")] == ["2016-11-07", "2016-11-07"]


def test_a_past_date_after_a_proposals_gerund_dates_the_proposal_not_the_plan():
    built = _event("The mayor proposed building a new bridge in 2012.", "build")
    assert built.status == "planned" and built.time_value is None  # 2012 is when she proposed it
    ahead = _event("The mayor proposed building a new bridge in 2025.", "build")
    assert ahead.time_value == "2025"  # a date still ahead is the plan's


def test_after_a_sentence_of_the_storys_background_a_past_event_is_not_the_reports_news():
    lead = "Maria Jones crashed out of the Italian Grand Prix on Sunday. "
    back = _events(
        lead + "Jones joined the Ferrari team in 2010. At a race that she won, Jones lost the title to Anna Smith.",
        published=date(2021, 9, 13),
    )
    assert next(e for e in back if e.lemma == "lose").time_value is None  # not the Sunday of the crash
    news = _events(
        lead + "Jones was in fourth place. Jones lost the lead to Anna Smith on the last lap.",
        published=date(2021, 9, 13),
    )
    assert next(e for e in news if e.lemma == "lose").time_value == "2021-09-12"


def test_the_sentence_befores_date_is_not_carried_over():
    e = _event("The club won the cup in 2015. He formed a potent partnership with Jones.", "form")
    assert e.time_value is None


def test_hosting_and_helping_without_a_party_or_aid_are_untyped():
    assert _event("Maria is hosting her birthday party at the hotel.", "host").type == "OTHER"
    assert _event("The mayor hosted the Japanese envoy on Friday.", "host").type == "MEET"
    assert _event("The mayor greeted the visiting leader with a handshake.", "greet").type == "MEET"
    assert _event("The mayor greeted the result with relief.", "greet").type == "OTHER"
    assert _event("Jones helped the team to the title last year.", "help").type == "OTHER"


def test_a_headline_statement_is_the_one_its_speaker_makes_on_the_day_the_report_names():
    events = _events(
        "Maria Lopez has blamed her defeat on the party chairman. "
        "On a conference call with donors on Saturday, Lopez said the chairman had stopped her momentum.",
        title="Maria Lopez blames party chairman for defeat",
        published=date(2021, 3, 8),  # a Monday
    )
    blames = [e for e in events if e.lemma == "blame"]
    assert len(blames) == 2
    assert {(e.time_value, e.time_rule) for e in blames} == {("2021-03-06", "statement:said")}
    # someone else's dated statement does not date hers
    other = _events(
        "Maria Lopez has blamed her defeat on the party chairman. On Saturday, the chairman said he would stay.",
        title="Maria Lopez blames party chairman for defeat",
        published=date(2021, 3, 8),
    )
    assert {e.time_rule for e in other if e.lemma == "blame"} == {"sentence:publication"}


def test_the_contest_a_game_belongs_to_is_no_participant():
    e = _event(
        "A fan tangled with the outfielder in the sixth game of the 2003 National League Championship Series.", "game"
    )
    assert not _roles(e, "patient") and e.time_value == "2003"
    defeat = _event("The defeat of the Giants shocked fans.", "defeat")
    assert [str(r.entity) for r in _roles(defeat, "patient")] == ["ORG:Giants"]


def test_a_perfect_progressive_goes_on_from_its_since_date_which_dates_it():
    fight = _event("He has been fighting pancreatic cancer since 2004.", "fight")
    assert (fight.time_value, fight.status, fight.type) == ("2004", "ongoing", "OTHER")  # no violence
    # an anchor everywhere else: "their first meeting since 2019", "has lived there since 2004"
    assert _event("It was their first meeting since 2019.", "meeting").time_value is None
    assert _event("He has lived in Paris since 2004.", "live").time_value != "2004"


def test_a_date_line_dates_the_news_of_a_report_whose_lead_has_no_date():
    text = (
        "June 07, 2011\n\nAt the keynote in San Francisco, Steve Jobs introduced new software. "
        "Jobs also announced a new service.\n\nHe had founded the company in 1976."
    )
    events = _events(text, title="Apple announces a new service", published=date(2011, 6, 7))
    introduced = next(e for e in events if e.lemma == "introduce")
    assert (introduced.time_value, introduced.time_rule) == ("2011-06-07", "report:dateline")
    assert next(e for e in events if e.lemma == "found").time_value == "1976"  # its own date first
    # with no date line, the same lead stays undated (never the publication day by default)
    bare = _events(text.split("\n\n", 1)[1], title="Apple announces a new service", published=date(2011, 6, 7))
    assert next(e for e in bare if e.lemma == "introduce").time_value is None


def test_a_when_clause_moved_away_by_first_takes_its_main_clause_with_it():
    events = _events(
        "August 09, 2010\n\nWhen Steve Jobs first introduced the phone, he praised its antenna design.",
        title="Apple responds to antenna complaints",
        published=date(2010, 8, 9),
    )
    assert [e.time_value for e in events if e.lemma in ("introduce", "praise")] == [None, None]


def test_an_event_that_occurred_ends_by_its_reports_day():
    events = _events(
        "Apple Corps has filed a lawsuit against Apple Computer this week. The two companies will meet this week.",
        published=date(2006, 3, 28),
    )
    filed = next(e for e in events if e.lemma == "file")
    assert (filed.time_value, filed.time_earliest, filed.time_latest) == ("2006-W13", "2006-03-27", "2006-03-28")
    meet = next(e for e in events if e.lemma == "meet")  # a plan keeps the whole week
    assert (meet.time_value, meet.time_latest) == ("2006-W13", "2006-04-02")
