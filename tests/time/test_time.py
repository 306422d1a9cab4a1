"""The time stage on short sentences (fixed publication date) and on the reference article."""

from __future__ import annotations

from datetime import date

import pytest

from dateline.nlp import parse_text
from dateline.time import extract_times, resolve_sentence_times

PUB = date(2023, 9, 12)  # a Tuesday


def times(text: str, pub: date | None = PUB):
    return extract_times(parse_text(text, published=pub))


def one(text: str, phrase: str, pub: date | None = PUB):
    found = [t for t in times(text, pub) if t.text == phrase]
    assert found, f"{phrase!r} not found in {[t.text for t in times(text, pub)]}"
    return found[0]


# ---- absolute and partial dates --------------------------------------------------------


@pytest.mark.parametrize(
    "text, phrase, value, mod",
    [
        ("The plant opened in 2007.", "2007", "2007", None),
        ("The vote is on September 12.", "September 12", "2023-09-12", None),
        ("He signed it on 12 Sept. 2023 in Paris.", "12 Sept. 2023", "2023-09-12", None),
        ("Growth slowed in mid-2019.", "mid-2019", "2019", "MID"),
        ("Prices rose sharply in the 1990s.", "the 1990s", "199", None),
        ("The talks began in early September.", "early September", "2023-09", "START"),
        ("Profits fell in the third quarter.", "the third quarter", "2023-Q3", None),
        ("The bridge was built in the summer of 2019.", "the summer of 2019", "2019-SU", None),
        ("The deal was signed on Aug. 7, 1998.", "Aug. 7, 1998", "1998-08-07", None),
    ],
)
def test_absolute_and_partial_dates(text, phrase, value, mod):
    t = one(text, phrase)
    assert (t.type, t.value, t.mod) == ("DATE", value, mod)


def test_modal_may_is_not_a_month():
    assert not [t for t in times("Officials may discuss space technology.") if t.value.endswith("-05")]


def test_year_bounds():
    t = one("It came into service in 2016.", "2016")
    assert (t.earliest, t.latest) == ("2016-01-01", "2016-12-31")


# ---- relative dates ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, phrase, value, mod",
    [
        ("The minister resigned yesterday.", "yesterday", "2023-09-11", None),
        ("Exports fell last year.", "last year", "2022", None),
        ("The summit opens next week.", "next week", "2023-W38", None),
        ("The ship sank two days ago.", "two days ago", "2023-09-10", None),
        ("Prices rose earlier this month.", "earlier this month", "2023-09", "START"),
        ("Inflation is now falling.", "now", "PRESENT_REF", None),
        ("The leader is currently traveling.", "currently", "PRESENT_REF", None),
    ],
)
def test_relative_dates(text, phrase, value, mod):
    t = one(text, phrase)
    assert (t.type, t.value, t.mod) == ("DATE", value, mod)


def test_weekday_tense_decides_last_or_next():
    assert one("She arrived on Monday.", "Monday").value == "2023-09-11"
    assert one("She will arrive on Monday.", "Monday").value == "2023-09-18"
    # the publication day itself: "On Tuesday" in a Tuesday paper is that day
    assert one("On Tuesday, the president announced plans.", "Tuesday").value == "2023-09-12"


def test_extent_leaves_out_the_preposition():
    t = one("The cosmodrome came into service in 2016.", "2016")
    assert t.text == "2016" and t.rule.endswith("|in")


# ---- times, durations, sets ---------------------------------------------------------------------


def test_time_of_day_on_a_dated_article():
    t = one("The train left at around 6am.", "around 6am")
    assert (t.type, t.value, t.mod) == ("TIME", "2023-09-12T06:00", "APPROX")
    assert t.earliest == t.latest == "2023-09-12"


@pytest.mark.parametrize(
    "text, phrase, value, mod",
    [
        ("The journey took about 20 hours.", "about 20 hours", "PT20H", "APPROX"),
        ("The war lasted three years.", "three years", "P3Y", None),
        ("The trip could last days.", "days", "PXD", None),
        ("Output fell over the past two years.", "the past two years", "P2Y", None),
        ("They talked for 5 1/2 hours.", "5 1/2 hours", "PT5H30M", None),
    ],
)
def test_durations(text, phrase, value, mod):
    t = one(text, phrase)
    assert (t.type, t.value, t.mod) == ("DURATION", value, mod)
    assert t.earliest is None


@pytest.mark.parametrize(
    "text, phrase, value",
    [
        ("The festival is held every year.", "every year", "P1Y"),
        ("The magazine appears weekly.", "weekly", "P1W"),
        ("The council meets on Tuesdays.", "Tuesdays", "XXXX-WXX-2"),
    ],
)
def test_sets(text, phrase, value):
    t = one(text, phrase)
    assert (t.type, t.value) == ("SET", value)


# ---- ranges and anchors ---------------------------------------------------------------------------


def test_since_anchors_on_publication():
    t = one("This is their first meeting since 2019.", "2019")
    assert t.value == "2019" and t.anchor == "2019/2023-09-12"


def test_between_range():
    ts = times("The site was built between 2007 and 2016.")
    vals = {t.text: t for t in ts}
    assert vals["2007"].anchor == vals["2016"].anchor == "2007/2016"


# ---- anchoring: publication date, never today ------------------------------------------------------


def test_anchor_is_publication_date_not_today():
    t = one("The minister resigned yesterday.", "yesterday", pub=date(1998, 1, 8))
    assert t.value == "1998-01-07"
    t = one("Exports fell last year.", "last year", pub=date(1998, 1, 8))
    assert t.value == "1997"


def test_unknown_publication_date_leaves_values_underspecified():
    assert one("She arrived on Monday.", "Monday", pub=None).value == "XXXX-WXX-1"
    assert one("The minister resigned yesterday.", "yesterday", pub=None).value == "XXXX-XX-XX"
    assert one("Inflation is now falling.", "now", pub=None).value == "PRESENT_REF"


# ---- sentence times ---------------------------------------------------------------------------------


def test_sentence_times_rules():
    p = parse_text(
        "The treaty was signed in 2007. It was ratified quickly.\n\nThe agency runs the port. "
        "Officials will meet soon.",
        published=PUB,
    )
    st = {s.sentence: s for s in resolve_sentence_times(p, extract_times(p))}
    assert (st[0].rule, st[0].value) == ("governing", "2007")
    assert (st[1].rule, st[1].value) == ("context", "2007")
    assert (st[2].rule, st[2].value) == ("publication", "2023-09-12")
    assert st[3].rule == "none" and st[3].value is None


def test_since_does_not_date_the_sentence():
    p = parse_text("This will be their first meeting since 2019.", published=PUB)
    (st,) = resolve_sentence_times(p, extract_times(p))
    assert st.rule == "none" and st.value is None


# ---- the reference article ---------------------------------------------------------------------------


def test_reference_article(seed_parsed):
    ts = extract_times(seed_parsed)
    by_text: dict[str, list] = {}
    for t in ts:
        by_text.setdefault(t.text, []).append(t)
    assert by_text["Tuesday"][0].value == "2023-09-12"
    for y in ("2007", "2016", "2019"):
        assert all(t.type == "DATE" and t.value == y for t in by_text[y])
    t = by_text["about 20 hours"][0]
    assert (t.type, t.value, t.mod) == ("DURATION", "PT20H", "APPROX")
    assert by_text["days"][0].type == "DURATION"
    cur = by_text["currently"][0]
    assert cur.value == "PRESENT_REF" and cur.earliest == cur.latest == "2023-09-12"
    # no month read from the modal "may"
    assert not any(t.value.endswith("-05") for t in ts)


def test_reference_article_sentence_times(seed_parsed):
    ts = extract_times(seed_parsed)
    st = resolve_sentence_times(seed_parsed, ts)
    on_tuesday = next(s for s in seed_parsed.sentences if s.text.startswith("On Tuesday, Putin announced plans"))
    got = next(x for x in st if x.sentence == on_tuesday.index)
    assert (got.value, got.rule) == ("2023-09-12", "governing")
    assert ts[got.timex].text == "Tuesday"
    proposed = next(s for s in seed_parsed.sentences if "proposed by Putin in 2007" in s.text)
    assert next(x for x in st if x.sentence == proposed.index).value == "2007"


# ---- one test per bug found on the TimeBank/AQUAINT development data ---------------------------------


def test_day_month_year_with_abbreviation_dot():
    assert one("He signed it on 12 Sept. 2023 in Paris.", "12 Sept. 2023").value == "2023-09-12"


def test_weekday_with_date_is_one_expression():
    t = one("The vote is set for Monday, Oct. 26, officials said.", "Monday, Oct. 26", pub=date(1998, 10, 25))
    assert t.value == "1998-10-26"


def test_over_is_a_preposition_before_the_past():
    t = one("Output fell over the past two years.", "the past two years")
    assert t.mod is None


def test_year_before_a_noun_is_still_a_year():
    t = one("The 1996 law was repealed.", "1996")
    assert t.value == "1996"


def test_year_count_is_not_a_year():
    assert not [t for t in times("The company hired 2000 workers.") if t.value == "2000"]


def test_year_is_not_a_number_of_seconds():
    t = one("Sales rose from the 1988 second quarter.", "the 1988 second quarter")
    assert t.value == "1988-Q2"


def test_that_year_refers_to_the_last_date():
    ts = times("The factory opened in 1998. Later that year it closed.")
    assert [t.value for t in ts if t.text == "Later that year"] == ["1998"]


def test_year_ago_in_a_quarterly_report():
    t = one("Third-quarter profit rose 5% from a year ago.", "a year ago", pub=date(1989, 10, 26))
    assert t.value == "1988-Q3"


def test_bare_month_nearest_the_publication_date():
    # said in November 1989 with no tense to go on, "January" is the coming one
    assert one("Shipments resume in January, analysts expect.", "January", pub=date(1989, 11, 2)).value == "1990-01"


def test_time_with_a_date_after_it():
    t = one("The offer expires at 5 p.m. EST Nov. 9.", "5 p.m. EST Nov. 9", pub=date(1989, 11, 2))
    assert (t.type, t.value) == ("TIME", "1989-11-09T17:00")


def test_named_hour_with_on_and_a_weekday():
    # "at midnight on Wednesday" is the Wednesday's midnight, not the publication day's
    t = one("The game ended at almost midnight on Wednesday.", "almost midnight on Wednesday", pub=date(2016, 11, 3))
    assert (t.type, t.value) == ("TIME", "2016-11-02T24:00")
    assert one("Polls close at noon, Nov. 9.", "noon, Nov. 9", pub=date(2016, 11, 3)).value == "2016-11-09T12:00"


def test_newspaper_name_is_not_a_set():
    assert not [t for t in times("The Daily Mail reported the story.") if t.type == "SET"]


def test_possessive_stays_out_of_a_duration():
    assert one("The team ended their 108-year drought.", "108-year").value == "P108Y"


def test_previously_breaks_the_narrative_context():
    p = parse_text("The port was proposed in 2007. Previously, the agency relied on another site.", published=PUB)
    st = {s.sentence: s for s in resolve_sentence_times(p, extract_times(p))}
    assert st[0].value == "2007"
    assert st[1].rule == "none" and st[1].value is None


def test_following_year_counts_from_the_last_date():
    ts = times("The plant opened in 1995. The following year it doubled output.")
    assert [t.value for t in ts if t.text == "The following year"] == ["1996"]


def test_next_morning_is_the_day_after_the_last_date():
    ts = times("The ship docked on Aug. 7, 1998. The next morning it sailed.")
    assert [t.value for t in ts if t.text == "The next morning"] == ["1998-08-08"]


def test_titles_are_not_times():
    assert not times('He said on CBS\'s "60 Minutes" that the talks failed.', pub=date(1999, 3, 12))
    assert not [t for t in times('Baker said on ABC\'s "This Week" that the request stood.') if t.text == "This Week"]


def test_election_day():
    assert one("Voters go to the polls on Election Day.", "Election Day", pub=date(1998, 10, 26)).value == "1998-11-03"


def test_the_year_ended_is_a_span():
    assert one("Net income for the year ended June 30 rose.", "the year").type == "DURATION"
    assert one("For the year, volume was flat.", "the year").value == "2023"


def test_spoken_years_in_transcripts():
    assert one("It began in January nineteen ninety-seven.", "January nineteen ninety-seven").value == "1997-01"
    assert (
        one("Talks failed in the winter of nineteen ninety-four.", "the winter of nineteen ninety-four").value
        == "1994-WI"
    )


def test_bare_24_hour_clock_needs_at_or_a_zone():
    assert not times("He quoted John 3:16 in his speech.")
    assert one("The train left at 14:30.", "14:30").value == "2023-09-12T14:30"
    assert one("Polls close 20:00 GMT.", "20:00 GMT").value == "2023-09-12T20:00"


def test_the_stage_data_files_load_through_their_typed_loaders():
    from dateline import config
    from dateline.time.lexicon import CONTEXT_PATH, LEXICON_PATH, context_rules, lexicon

    registered = config.registered()
    assert registered[LEXICON_PATH.resolve()] is lexicon and registered[CONTEXT_PATH.resolve()] is context_rules
    assert lexicon().months["sept"] == 9 and "election" in context_rules().time_nouns
