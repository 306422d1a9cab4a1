"""The general rules on short reports written here, run through the whole real pipeline
(parse, time, places, quantities, events): each rule is seen agreeing and disagreeing,
and each never-flag case (a plan, a subset, another moment, another event) stays quiet."""

from __future__ import annotations

import pytest

from dateline.ingest.readers import read_text
from dateline.pipeline import analyse
from dateline.types import Analysis, Check
from dateline.verify import check_corpus, check_document


def _a(text: str, day: str = "2016-11-09") -> Analysis:
    return analyse(read_text(f" date {day} {text}", f"{abs(hash(text))}.txt"))


def _rule(checks, rule: str) -> list[Check]:
    return [c for c in checks if c.rule == rule]


def _one(checks, rule: str) -> Check:
    found = _rule(checks, rule)
    assert len(found) == 1, [(c.rule, c.verdict, c.claim) for c in checks]
    return found[0]


# -- calendar -------------------------------------------------------------------------------------


def test_weekday_written_with_a_date():
    ok = _one(
        check_document(_a("The race was held at Interlagos, Sao Paulo, Sunday, Nov. 13, 2016.")),
        "calendar.weekday_vs_date",
    )
    assert ok.verdict == "consistent" and "2016-11-13 is a Sunday" in ok.computed
    bad = _one(
        check_document(_a("The race was held at Interlagos, Sao Paulo, Saturday, Nov. 13, 2016.")),
        "calendar.weekday_vs_date",
    )
    assert bad.verdict == "inconsistent" and "not a Saturday" in bad.explanation
    assert bad.confidence >= 0.9  # the year is written: nothing is inferred


def test_text_dated_after_publication():
    text = (
        "Shoppers mocked the smaller bar. #gap pic.twitter.com/abc -- Jo Bloggs (@jobloggs) November 8, 2016 "
        "The company said prices would stay the same."
    )
    c = _one(check_document(_a(text, "2016-02-08")), "calendar.dated_after_publication")
    assert c.verdict == "inconsistent" and "274 days after" in c.computed
    assert c.citations[0].text.startswith("#gap") or "November 8, 2016" in c.citations[0].text


def test_date_lines_on_or_before_publication_agree():
    text = (
        "Shoppers mocked the smaller bar. #gap pic.twitter.com/abc -- Jo Bloggs (@jobloggs) November 7, 2016 "
        "The company said prices would stay the same."
    )
    c = _one(check_document(_a(text, "2016-11-08")), "calendar.dated_after_publication")
    assert c.verdict == "consistent" and "1 days before" in c.computed


def test_the_pages_own_date_line_checks_nothing():
    text = "Apple opens a store in Paris.\n\nJune 6, 2005\n\nThe store opened on Saturday."
    assert not _rule(check_document(_a(text, "2005-06-06")), "calendar.dated_after_publication")


def test_planned_dates_after_publication_are_not_flagged():
    text = "The two leaders will meet in Paris on December 5, 2016. The summit was planned for months."
    assert not _rule(check_document(_a(text)), "calendar.dated_after_publication")


# -- arithmetic -----------------------------------------------------------------------------------


def test_bracketed_conversions():
    ok = _one(
        check_document(_a("The well was about 40 metres deep (131 feet) and very narrow.")), "arithmetic.conversion"
    )
    assert ok.verdict == "consistent" and "131 feet" in ok.computed
    bad = _one(
        check_document(_a("The well was about 40 metres deep (200 feet) and very narrow.")), "arithmetic.conversion"
    )
    assert bad.verdict == "inconsistent" and "one of the two figures is wrong" in bad.explanation


def test_trapped_less_rescued_is_what_remains():
    ok = _one(
        check_document(
            _a("Five people were initially trapped in the tram but three have been rescued. Two people remain trapped.")
        ),
        "arithmetic.difference",
    )
    assert ok.verdict == "consistent" and "5 - 3 = 2" in ok.computed
    odd = _one(
        check_document(
            _a(
                "Five people were initially trapped in the tram but three have been rescued. "
                "Four people remain trapped."
            )
        ),
        "arithmetic.difference",
    )
    assert odd.verdict == "unverifiable"  # another moment, perhaps: never a contradiction


def test_percentage_of_a_change():
    ok = _one(
        check_document(_a("The 400g bar was reduced to 360g, a 10 per cent cut in weight.")),
        "arithmetic.percentage_change",
    )
    assert ok.verdict == "consistent" and "-10.0%" in ok.computed
    bad = _one(
        check_document(_a("The 400g bar was reduced to 360g, a 25 per cent cut in weight.")),
        "arithmetic.percentage_change",
    )
    assert bad.verdict == "inconsistent"


def test_span_of_years():
    c = _one(
        check_document(_a("The price hit a 39-year high, the highest level since 1977.")), "arithmetic.years_since"
    )
    assert c.verdict == "consistent" and "2016 - 1977 = 39" in c.computed


def test_age_against_birth_date():
    born = "Max Verstappen was born on September 30, 1997 in Belgium. "
    ok = _one(check_document(_a(born + "Max Verstappen, 19, finished third.", "2016-11-14")), "arithmetic.age_vs_birth")
    assert ok.verdict == "consistent"
    debut = _one(
        check_document(_a(born + "He made his debut as a 17-year-old in 2015.", "2016-11-14")),
        "arithmetic.age_vs_birth",
    )
    assert debut.verdict == "consistent" and "17 to 18" in debut.computed  # counted in 2015, not at publication
    bad = _one(
        check_document(_a(born + "Max Verstappen, 23, finished third.", "2016-11-14")), "arithmetic.age_vs_birth"
    )
    assert bad.verdict == "inconsistent" and "19" in bad.computed


def test_a_percentage_speaks_of_its_own_sentences_change():
    text = (
        "The number of sales dropped from 493 in 2008 to 309 this year, a 37 percent decline. "
        "The average sale price fell from $122,492 in 2008 to $110,416 so far in 2009, an almost 10 percent decrease."
    )
    assert not [c for c in check_document(_a(text)) if c.verdict == "inconsistent"]


# -- geography -----------------------------------------------------------------------------------


def test_a_round_distance_stands_for_its_rounding():
    # 24 miles in a straight line; "30 miles" is 25-35 miles as written
    c = _one(
        check_document(_a("The crucible is Portadown, 30 miles southwest of Belfast, where the march ends.")),
        "geography.relative_location",
    )
    assert c.verdict == "consistent" and "24 mi" in c.computed


def test_the_size_of_a_boat_is_no_distance_between_places():
    text = "Elian was one of 13 Cubans trying to cross from Cuba to Florida on a 17-foot aluminum powerboat."
    assert not [c for c in check_document(_a(text)) if c.rule.startswith("geography")]


# -- across reports -------------------------------------------------------------------------------

CRASH = "A tram overturned in Croydon, south London, on Wednesday. "


@pytest.mark.parametrize(
    "first, second, verdict",
    [
        ("The tram tipped over in Croydon at 6.13am.", "The accident happened in Croydon at 6.10am.", "inconsistent"),
        ("The tram tipped over in Croydon at 6.13am.", "The accident happened in Croydon at 6.13am.", "consistent"),
        # a whole hour apart: two time zones, which a report need not name
        ("The tram tipped over in Croydon at 6.13am.", "The accident happened in Croydon at 7.13am.", "consistent"),
    ],
)
def test_clock_time_of_one_moment_across_reports(first, second, verdict):
    checks = check_corpus([_a(CRASH + first), _a(CRASH + second)])
    assert _one(checks, "time.clock_time_across").verdict == verdict


def test_hedged_clock_times_are_not_exact():
    checks = check_corpus(
        [_a(CRASH + "The tram tipped over at about 6.13am."), _a(CRASH + "The accident happened at 6.10am.")]
    )
    assert not _rule(checks, "time.clock_time_across")


def test_parts_subsets_and_moments_across_reports():
    a = _a(CRASH + "Six men and one woman died in the crash. Eight of those hurt were treated for serious injuries.")
    b = _a(CRASH + "Seven people were killed and dozens were injured. Five people were initially trapped.")
    c = _a(CRASH + "At least seven people were killed. Two people remain trapped.")
    checks = check_corpus([a, b, c])
    killed = [x for x in _rule(checks, "numbers.across_documents") if x.claim.startswith("killed")]
    assert [x.verdict for x in killed] == ["consistent"] and "= 7" in killed[0].claim
    # "eight of those hurt" is a subset, "five initially" and "two remain" other moments: no verdict
    assert not [x for x in checks if x.verdict == "inconsistent"]


def test_ages_of_one_person_across_reports():
    a = _a(CRASH + "Croydon resident Hannah Collier, 23, heard the crash.")
    same = _a(CRASH + "Resident Hannah Collier, 23, said she heard a bang.")
    other = _a(CRASH + "Resident Hannah Collier, 31, said she heard a bang.")
    assert _one(check_corpus([a, same]), "numbers.age_across_documents").verdict == "consistent"
    bad = _one(check_corpus([a, other]), "numbers.age_across_documents")
    assert bad.verdict == "inconsistent" and "cannot be both" in bad.explanation


def test_one_name_in_unrelated_reports_is_two_people():
    a = _a("Farrin was arrested in Penacook for attacking Howard Brown, 27, in the restroom of the Legion post.")
    b = _a("A car driven by Howard Brown, 45, of Las Vegas was going west on Vegas Drive, police said.")
    assert not _rule(check_corpus([a, b]), "numbers.age_across_documents")


def test_a_country_is_no_point_to_measure_from():
    text = "Cyprus, with its nearest coastal point only less than 100 kilometers west of Syria, is close to Lebanon."
    assert not _rule(check_document(_a(text)), "geography.relative_location")


def test_a_percentage_with_its_own_end_figure():
    text = (
        "The system provided $64.3 million in care in 2006, and by 2007 it increased to $93.6 million. "
        "In 2008 it rose by another 13 percent, to $105.9 million."
    )
    assert not [c for c in check_document(_a(text)) if c.verdict == "inconsistent"]


def test_ages_move_with_the_years_between_reports():
    a = _a("Vladimir Putin, 66, met Kim Jong Un in Vladivostok.", "2019-04-25")
    b = _a("Vladimir Putin, 70, met Kim Jong Un at the Vostochny Cosmodrome.", "2023-09-13")
    assert _one(check_corpus([a, b]), "numbers.age_across_documents").verdict == "consistent"


def test_every_verdict_has_a_confidence_and_is_given_once():
    a = _a(CRASH + "Six men and one woman died in the crash. The tram tipped over at 6.13am.")
    b = _a(CRASH + "Seven people were killed. The accident happened at 6.10am.")
    checks = list(check_document(a)) + list(check_corpus([a, b]))
    assert checks and all(0 < c.confidence <= 1 for c in checks)
    keys = [(c.rule, c.verdict, c.claim, c.computed) for c in checks]
    assert len(keys) == len(set(keys))
