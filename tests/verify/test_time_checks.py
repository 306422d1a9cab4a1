"""Time checks on short documents written here, ingested into real SQLite stores
(real parse, time, places and events stages), then loaded back as the CLI does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from dateline.batch import ingest
from dateline.cli.main import cli
from dateline.store import open_store
from dateline.verify import check_corpus, check_document

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "articles"

MEET_2019 = (
    " date 2019-04-25 Russian President Vladimir Putin and North Korean leader Kim Jong Un met in "
    "Vladivostok on Thursday. The talks lasted several hours.\n"
)
MEET_2021 = (
    " date 2021-06-03 Vladimir Putin and Kim Jong Un met in Moscow on Wednesday for talks on trade. "
    "The two leaders signed an agreement.\n"
)
PLANNED_2021 = (
    " date 2021-06-03 Vladimir Putin and Kim Jong Un are expected to meet in Moscow next month, officials said.\n"
)
FIRST_SINCE = (
    " date 2023-09-12 Kim Jong Un is travelling to Russia to meet Vladimir Putin. "
    "This will be their first meeting since 2019.\n"
)
FIRST_NARROWED = (
    " date 2023-09-12 Kim Jong Un will meet Vladimir Putin on Wednesday, their first meeting in Pyongyang since 2019.\n"
)
FIRST_IN_YEARS = (
    " date 2023-09-12 Kim Jong Un will meet Vladimir Putin on Wednesday, their first meeting in four years.\n"
)
LAUNCH_2016 = (
    " date 2016-04-28 A Soyuz rocket lifted off from the Vostochny Cosmodrome on Thursday, "
    "the first launch from the new spaceport.\n"
)
LAUNCH_2015 = " date 2020-01-05 The first launch from the Vostochny Cosmodrome took place in 2015.\n"
LAUNCH_APRIL = " date 2020-01-06 The first launch from the Vostochny Cosmodrome took place in April 2016.\n"
TRIP_10 = (
    " date 2023-03-10 The minister departed for Japan on March 1 and returned on March 4. "
    "The 10-day trip was criticised by the opposition.\n"
)
TRIP_3 = (
    " date 2023-03-10 The minister departed for Japan on March 1 and returned on March 4. "
    "The three-day trip was praised by the government.\n"
)
BUILD_12 = (
    " date 2023-09-12 The Vostochny Cosmodrome was proposed in 2007 and came into service in 2016. "
    "It took 12 years to build.\n"
)
VISIT_2000 = (
    " date 2000-07-20 Russian President Vladimir Putin visited Pyongyang on Wednesday for talks with Kim Jong Il.\n"
)
VISIT_2010 = " date 2010-05-06 Vladimir Putin arrived in Pyongyang on Thursday for a visit to North Korea.\n"
VISIT_CLAIM = (
    " date 2024-06-19 Putin arrived in Pyongyang on Wednesday. It was Putin's first visit to North Korea since 2000.\n"
)
BUILD_9 = (
    " date 2023-09-11 The Vostochny Cosmodrome was proposed in 2007 and came into service in 2016. "
    "It took about nine years to build.\n"
)


def _store(tmp_path_factory, name: str, docs: dict[str, str]):
    folder = tmp_path_factory.mktemp(name)
    for fname, text in docs.items():
        (folder / fname).write_text(text, encoding="utf-8")
    db = str(folder / "t.db")
    store = open_store(db)
    report = ingest(store, [str(folder)])
    assert report.ok and len(report.added) == len(docs)
    return store, db


@pytest.fixture(scope="module")
def contradicting(tmp_path_factory):
    return _store(
        tmp_path_factory,
        "contra",
        {
            "m2019.txt": MEET_2019,
            "m2021.txt": MEET_2021,
            "first_since.txt": FIRST_SINCE,
            "first_in.txt": FIRST_IN_YEARS,
            "l2016.txt": LAUNCH_2016,
            "l2015.txt": LAUNCH_2015,
            "narrowed.txt": FIRST_NARROWED,
            "trip10.txt": TRIP_10,
            "build12.txt": BUILD_12,
            "v2010.txt": VISIT_2010,
            "v2024.txt": VISIT_CLAIM,
        },
    )


@pytest.fixture(scope="module")
def fitting(tmp_path_factory):
    return _store(
        tmp_path_factory,
        "fit",
        {
            "m2019.txt": MEET_2019,
            "planned2021.txt": PLANNED_2021,
            "first_since.txt": FIRST_SINCE,
            "first_in.txt": FIRST_IN_YEARS,
            "l2016.txt": LAUNCH_2016,
            "lapril.txt": LAUNCH_APRIL,
            "trip3.txt": TRIP_3,
            "build9.txt": BUILD_9,
            "v2000.txt": VISIT_2000,
            "v2024.txt": VISIT_CLAIM,
        },
    )


def _corpus(store):
    return [c for c in check_corpus([store.load_analysis(d) for d in store.doc_ids()]) if c.kind == "time"]


def _doc(store, fname):
    return [c for c in check_document(store.load_analysis(store.resolve_doc(fname))) if c.kind == "time"]


def _first_since(checks, store, fname):
    doc_id = store.resolve_doc(fname)
    found = [c for c in checks if c.rule == "time.first_since" and c.citations[0].doc_id == doc_id]
    assert len(found) == 1, [(c.rule, c.claim) for c in checks]
    return found[0]


def test_first_meeting_since_2019_contradicted_by_a_stored_2021_meeting(contradicting):
    store, _ = contradicting
    c = _first_since(_corpus(store), store, "first_since.txt")
    assert c.verdict == "inconsistent" and c.kind == "time"
    assert "first meeting since 2019" in c.claim and "Kim Jong Un" in c.claim and "Vladimir Putin" in c.claim
    assert "2021-06-02" in c.computed and "2021-06-02" in c.explanation
    # cites the claim and the 2021 report's sentence, each in its own document
    assert [x.doc_id for x in c.citations] == [store.resolve_doc("first_since.txt"), store.resolve_doc("m2021.txt")]
    assert "first meeting since 2019" in c.citations[0].text and "met in Moscow" in c.citations[1].text


def test_first_meeting_since_2019_fits_when_the_last_stored_meeting_is_in_2019(fitting):
    store, _ = fitting
    c = _first_since(_corpus(store), store, "first_since.txt")
    # the planned 2021 meeting ("are expected to meet") is not a past meeting
    assert c.verdict == "consistent"
    assert "2019-04-25" in c.computed
    assert c.citations[1].doc_id == store.resolve_doc("m2019.txt") and "Vladivostok" in c.citations[1].text


def test_a_narrowed_first_claim_is_not_checked(contradicting):
    """ "first meeting in Pyongyang since 2019" says nothing about the 2021 meeting in Moscow."""
    store, _ = contradicting
    doc_id = store.resolve_doc("narrowed.txt")
    assert not [c for c in _corpus(store) if any(x.doc_id == doc_id for x in c.citations)]


def test_first_meeting_in_four_years(contradicting, fitting):
    bad = _first_since(_corpus(contradicting[0]), contradicting[0], "first_in.txt")
    assert bad.verdict == "inconsistent" and "four years" in bad.claim and "2021-06-02" in bad.computed
    good = _first_since(_corpus(fitting[0]), fitting[0], "first_in.txt")
    assert good.verdict == "consistent" and "2019-04-25" in good.computed


def test_first_visit_to_a_country_since_2000(contradicting, fitting):
    """A stored arrival in Pyongyang is a visit to North Korea (the city lies in the claimed country)."""
    bad = _first_since(_corpus(contradicting[0]), contradicting[0], "v2024.txt")
    assert bad.verdict == "inconsistent" and "first visit since 2000" in bad.claim and "North Korea" in bad.claim
    assert "2010-05-06" in bad.computed and "Pyongyang" in bad.citations[1].text
    good = _first_since(_corpus(fitting[0]), fitting[0], "v2024.txt")
    assert good.verdict == "consistent" and "2000-07-19" in good.computed


def test_first_launch_dated_differently_across_documents(contradicting, fitting):
    store, _ = contradicting
    (c,) = [c for c in _corpus(store) if c.rule == "time.event_date_across"]
    assert c.verdict == "inconsistent"
    assert "Vostochny Cosmodrome" in c.claim and "2016-04-28" in c.claim and "2015" in c.claim
    assert {x.doc_id for x in c.citations} == {store.resolve_doc("l2016.txt"), store.resolve_doc("l2015.txt")}
    store, _ = fitting
    (c,) = [c for c in _corpus(store) if c.rule == "time.event_date_across"]
    assert c.verdict == "consistent" and "2016-04-28" in c.computed


def test_trip_duration_against_departure_and_return(contradicting, fitting):
    (c,) = _doc(contradicting[0], "trip10.txt")
    assert c.rule == "time.duration_vs_dates" and c.verdict == "inconsistent"
    assert "10-day trip" in c.claim and "3 to 4 days" in c.computed
    assert [x.sentence_index for x in c.citations] == [0, 1]
    (c,) = _doc(fitting[0], "trip3.txt")
    assert c.verdict == "consistent" and "3 to 4 days" in c.computed


def test_build_duration_against_proposal_and_service_dates(contradicting, fitting):
    (c,) = _doc(contradicting[0], "build12.txt")
    assert c.rule == "time.duration_vs_dates" and c.verdict == "inconsistent"
    assert "12 years" in c.claim and "about 9" in c.computed and "8 to 10 years" in c.computed
    (c,) = _doc(fitting[0], "build9.txt")
    assert c.verdict == "consistent"


def test_check_cli_prints_time_contradictions(contradicting):
    _, db = contradicting
    r = CliRunner().invoke(cli, ["check", "--db", db, "--json"])
    assert r.exit_code == 0, r.output
    across = {(c["rule"], c["verdict"]) for c in json.loads(r.output)["across_documents"]}
    assert ("time.first_since", "inconsistent") in across and ("time.event_date_across", "inconsistent") in across
    r = CliRunner().invoke(cli, ["check", "--db", db])
    assert r.exit_code == 0 and "time.first_since" in r.output and "INCONSISTENT" in r.output


def test_no_false_alarms_on_the_example_articles(tmp_path_factory):
    if not EXAMPLES.exists():
        pytest.skip("examples/articles missing")
    store = open_store(str(tmp_path_factory.mktemp("ex") / "ex.db"))
    assert ingest(store, [str(EXAMPLES)]).ok
    analyses = [store.load_analysis(d) for d in store.doc_ids()]
    checks = [c for a in analyses for c in check_document(a) if c.kind == "time"]
    checks += [c for c in check_corpus(analyses) if c.kind == "time"]
    assert not [c for c in checks if c.verdict == "inconsistent"], [c.explanation for c in checks]
    # both 2023 reports say "first meeting since 2019"; the stored 2019 summit confirms them
    assert len([c for c in checks if c.rule == "time.first_since" and c.verdict == "consistent"]) >= 2


def test_without_events_sentences_stand_in(contradicting, fitting):
    """Stores written before the events stage: sentences, times and mentions only."""
    import dataclasses

    for (store, _), verdict in ((contradicting, "inconsistent"), (fitting, "consistent")):
        analyses = [dataclasses.replace(store.load_analysis(d), events=()) for d in store.doc_ids()]
        c = _first_since(check_corpus(analyses), store, "first_since.txt")
        assert c.verdict == verdict
        assert ("2021-06-02" if verdict == "inconsistent" else "2019-04-25") in c.computed
