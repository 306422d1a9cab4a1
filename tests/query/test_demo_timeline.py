"""The demo corpus (examples/articles) reads without a wrong event: every event of its
timeline is listed here with its date and status, and an event not listed fails the test."""

from __future__ import annotations

from collections import Counter

import pytest

from dateline.query.timeline import timeline

# (date value, status, type, trigger of one report): the whole overall timeline, each
# event once (two statements of one day, "Putin said" and "the Kremlin said", twice). Not on
# it: "proposed building the spaceport in 2007" (2007 is the proposal's, the building's plan is
# undated) and "the launch had been scrubbed on Wednesday, and Putin, who flew ..., criticised
# the delay" (Wednesday is the scrub's: the text does not say when he flew or criticised it)
EXPECTED = Counter(
    [
        ("2007", "occurred", "PROPOSE", "proposed"),
        ("2016", "occurred", "OPEN", "came"),  # came into service in 2016
        ("2016-04", "occurred", "LAUNCH", "launched"),  # "its first rocket was launched in April 2016"
        ("2016-04-28", "occurred", "LAUNCH", "lifted off"),
        ("2019-02", "occurred", "MEET", "summit"),  # the February summit with Trump in Hanoi
        ("2019-04-24", "occurred", "MEET", "greeted"),
        ("2019-04-24", "occurred", "STATEMENT", "told"),
        ("2019-04-24", "occurred", "TRAVEL", "arrived"),
        ("2019-04-24", "occurred", "TRAVEL", "crossed"),
        ("2019-04-24", "occurred", "TRAVEL", "travelled"),
        ("2019-04-25", "occurred", "MEET", "met"),  # "a day before his first summit": the 25th
        ("2023-09", "occurred", "PROPOSE", "invited"),
        ("2023-09-12", "occurred", "STATEMENT", "announced"),
        # "Kim Jong Un is currently traveling through Russia's far east", in a report of the 12th
        ("2023-09-12", "ongoing", "TRAVEL", "traveling"),
        ("2023-09-13", "occurred", "AGREE", "accepted"),
        ("2023-09-13", "occurred", "MEET", "met"),
        ("2023-09-13", "occurred", "STATEMENT", "Asked"),
        ("2023-09-13", "occurred", "STATEMENT", "said"),
        ("2023-09-13", "occurred", "STATEMENT", "said"),
        ("2023-09-13", "occurred", "STATEMENT", "told"),
        ("2023-09-13", "occurred", "TRAVEL", "come"),
        ("2023-09-15", "occurred", "VISIT", "visited"),
        ("2023-09-16", "occurred", "TRAVEL", "travelled"),
        ("2023-09-16", "occurred", "VISIT", "toured"),
        ("2023-09-17", "occurred", "TRAVEL", "left"),
        ("2024-06-19", "occurred", "AGREE", "signed"),
        ("2024-06-19", "occurred", "MEET", "welcomed"),
        ("2024-06-19", "occurred", "TRAVEL", "arrived"),
        ("2024-06-19", "occurred", "TRAVEL", "flew on"),
    ]
)


def _key(e: dict) -> tuple[str, str, str, str] | None:
    """The EXPECTED entry an event matches (any of its reports' triggers), else its own key."""
    for s in e["sources"]:
        k = (e["value"], e["status"], e["type"], s["trigger"])
        if k in EXPECTED:
            return k
    return (e["value"], e["status"], e["type"], e["sources"][0]["trigger"])


def test_the_demo_timeline_is_exactly_the_expected_events(examples_store):
    got = Counter(_key(e) for e in timeline(examples_store)["events"])
    assert got - EXPECTED == Counter(), "events not expected on the demo timeline (or shown twice)"
    assert EXPECTED - got == Counter(), "expected events missing from the demo timeline"


def test_reports_written_before_an_event_are_reports_of_it_as_planned(examples_store):
    events = timeline(examples_store)["events"]
    (met_2019,) = [e for e in events if e["type"] == "MEET" and e["value"] == "2019-04-25"]
    early = [s for s in met_2019["sources"] if s["published"] < "2019-04-25"]
    assert early and all(s["status"] == "planned" for s in early)  # "a day before his first summit"
    assert met_2019["status"] == "occurred" and met_2019["documents"] == 3
    (met_2023,) = [e for e in events if e["type"] == "MEET" and e["value"] == "2023-09-13"]
    assert {s["status"] for s in met_2023["sources"] if s["published"] < "2023-09-13"} == {"planned"}


def test_purpose_clauses_are_not_events_of_their_own(examples_store):
    whats = [e["what"].lower() for e in timeline(examples_store, entity="Putin")["events"]]
    assert not any("reduce" in w for w in whats)  # "proposed ... to reduce Russia's reliance"
    assert not any(w.startswith("putin launched") for w in whats)  # the rocket was launched, not by Putin


def test_timeline_json_fields_point_at_the_stored_text(examples_store):
    events = timeline(examples_store, entity="Kim Jong Un")["events"]
    assert events
    for e in events:
        assert {"earliest", "latest", "value", "granularity", "dated_by", "status", "type", "place"} <= set(e)
        assert all({"id", "name", "role"} <= set(p) for p in e["participants"])
        for s in e["sources"]:
            text = examples_store.article(s["doc_id"]).text
            assert text[s["trigger_start"] : s["trigger_end"]] == s["trigger"]
            assert s["record_id"] and s["sentence"] and isinstance(s["sentence_index"], int)
    (met,) = [e for e in events if e["type"] == "MEET" and e["value"] == "2023-09-13"]
    assert met["granularity"] == "day" and met["dated_by"].startswith("timex:")
    assert "kim-jong-un" in [p["id"] for p in met["participants"]]
    invited = next(e for e in events if e["type"] == "PROPOSE")
    assert invited["dates_reported"] == ["2023-09", "2023-09-13"]  # the reports disagree: shown


def test_timeline_filters_and_salience(examples_store):
    everything = timeline(examples_store, entity="Putin")["events"]
    types = {e["type"] for e in everything}
    assert "OTHER" in types  # an entity's timeline keeps untyped events
    assert "OTHER" not in {e["type"] for e in timeline(examples_store)["events"]}
    meets = timeline(examples_store, entity="Putin", type_="meet")["events"]
    assert meets and {e["type"] for e in meets} == {"MEET"}
    big = timeline(examples_store, entity="Putin", min_reports=3)["events"]
    assert big and all(e["reports"] >= 3 for e in big) and len(big) < len(everything)
    ranked = timeline(examples_store, entity="Putin", rank="salience")["events"]
    assert [e["salience"] for e in ranked] == sorted((e["salience"] for e in ranked), reverse=True)
    assert ranked[0]["type"] == "MEET"
    assert timeline(examples_store, entity="Putin", status="negated")["events"] == []


def test_a_place_has_a_timeline(examples_store):
    events = timeline(examples_store, entity="Vladivostok")["events"]
    assert {"TRAVEL", "MEET"} <= {e["type"] for e in events}


@pytest.mark.parametrize("fmt", ["timeline-csv", "timeline-jsonl", "timelinejs", "ics"])
def test_timeline_exports(examples_db, fmt, tmp_path):
    import csv
    import json

    from click.testing import CliRunner

    from dateline.cli.main import cli

    out = tmp_path / "tl.out"
    r = CliRunner().invoke(
        cli, ["export", "--format", fmt, "--entity", "Kim Jong Un", "--db", examples_db, "--out", str(out)]
    )
    assert r.exit_code == 0, r.output
    text = out.read_bytes().decode("utf-8")  # as written: iCalendar lines end in CRLF
    if fmt == "timeline-csv":
        rows = list(csv.DictReader(text.splitlines()))
        met = [x for x in rows if x["type"] == "MEET" and x["date"] == "2023-09-13"]
        assert met and met[0]["place"] == "Vostochny Cosmodrome" and float(met[0]["lat"]) > 50
        assert "Kim Jong Un" in met[0]["actors"] and "#" in met[0]["sources"]
    elif fmt == "timeline-jsonl":
        rows = [json.loads(line) for line in text.splitlines()]
        assert all({"date", "granularity", "status", "type", "actors", "place", "sources"} <= set(x) for x in rows)
        assert any(x["granularity"] == "month" and x["date"] == "2019-02" for x in rows)
    elif fmt == "timelinejs":
        doc = json.loads(text)
        assert doc["title"]["text"]["headline"] == "Timeline of Kim Jong Un"
        feb = [s for s in doc["events"] if s["start_date"] == {"year": 2019, "month": 2}]
        assert feb and "day" not in feb[0]["start_date"]
    else:
        lines = text.split("\r\n")
        assert lines[0] == "BEGIN:VCALENDAR" and "END:VCALENDAR" in lines
        assert all(len(x.encode()) <= 75 for x in lines)
        assert "DTSTART;VALUE=DATE:20230913" in lines and "DTEND;VALUE=DATE:20230914" in lines
        assert text.count("BEGIN:VEVENT") == text.count("END:VEVENT") > 3


def test_runs_of_captions_stay_off_the_overall_timeline():
    from dateline.query.timeline import _run_on, rules

    assert _run_on(" ".join(["word"] * (rules().max_sentence_words + 1)))
    assert not _run_on("Kim Jong Un arrived in Vladivostok on Wednesday.")
