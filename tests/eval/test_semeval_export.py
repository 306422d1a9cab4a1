"""The SemEval-2015 timeline writer on a timeline built by hand: orders, granularity, order 0, repeated mentions."""

from __future__ import annotations

from dateline import config
from dateline.eval import cat, meantime
from dateline.eval.timeline import parse_timeline
from dateline.eval.timeline_run import cat_locator
from dateline.export.semeval_timeline import (
    EntityTimeline,
    TimelineEntry,
    TimelineMention,
    granular_date,
    semeval_lines,
    word_of,
)

from .cat_fixture import ACME_OPENS, cat_xml


def _m(record: str, sentence: int, trigger: str, start: int = 0) -> TimelineMention:
    return TimelineMention(f"doc{record}", record, sentence, start, start + len(trigger), trigger)


def _entry(earliest, latest, *mentions) -> TimelineEntry:
    when = granular_date(earliest, latest) if earliest else None
    return TimelineEntry(when, earliest, latest, "OTHER", tuple(mentions))


def test_granularity_is_the_finest_unit_holding_the_span():
    assert granular_date("2010-06-07", "2010-06-07") == "2010-06-07"
    assert granular_date("2010-06-01", "2010-06-30") == "2010-06"
    assert granular_date("2010-06-07", "2010-06-13") == "2010-06"  # a week inside one month
    assert granular_date("2010-01-01", "2010-12-31") == "2010"
    assert granular_date("2010-12-28", "2011-01-03") == "2010"  # across years: its first year


def test_lines_one_order_per_date_undated_at_zero():
    tl = EntityTimeline(
        "Acme",
        "ORG:acme",
        "Acme",
        frozenset(),
        (
            _entry("2010-06-07", "2010-06-07", _m("7", 2, "opened"), _m("8", 3, "opening")),
            _entry("2006-01-01", "2006-12-31", _m("7", 5, "founded")),
            _entry("2006-01-01", "2006-01-01", _m("7", 6, "hired")),
            _entry("2010-06-07", "2010-06-07", _m("7", 4, "said")),
            _entry(None, None, _m("7", 9, "plans"), _m("7", 2, "opened")),  # "opened" is dated above
            _entry("2006-01-01", "2006-01-31", _m("7", 7, "Set up")),
        ),
    )
    lines = semeval_lines(tl, lambda m: f"{m.record_id}-{m.sentence}-{word_of(m.trigger)}")
    assert lines == [
        "Acme",
        "0\tXXXX-XX-XX\t7-9-plans",
        "1\t2006\t7-5-founded",
        "2\t2006-01\t7-7-set_up",
        "3\t2006-01-01\t7-6-hired",
        "4\t2010-06-07\t7-2-opened\t8-3-opening",
        "4\t2010-06-07\t7-4-said",
    ]
    parsed = parse_timeline("\n".join(lines) + "\n")
    assert [ln.order for ln in parsed.lines] == [0, 1, 2, 3, 4, 4]


def test_cat_locator_names_mentions_by_the_annotated_tokens(tmp_path):
    p = tmp_path / "101.xml"
    p.write_text(cat_xml(ACME_OPENS), encoding="utf-8")
    doc = cat.read_cat(p)
    start = doc.text.index("opened")
    locate = cat_locator({"stored": doc})
    # a trigger at the character offsets of "opened": CAT sentence 2, whatever Dateline's own index
    m = TimelineMention("stored", "ignored", 9, start, start + len("opened"), "opened")
    assert locate(m) == "101-2-opened"
    two = TimelineMention("stored", "x", 0, doc.text.index("new factory"), doc.text.index("new factory") + 11, "")
    assert locate(two) == "101-2-new_factory"
    # a trigger with a word written apart ("called ... a new start" read as "called start"): that
    # word's token of the same sentence joins it, as the task writes "took_off" for "took six months off"
    called = doc.text.index("called")
    apart = TimelineMention("stored", "x", 4, called, called + len("called"), "called start")
    assert locate(apart) == "101-4-called_start"
    # a word the sentence lacks after the trigger adds nothing
    assert locate(TimelineMention("stored", "x", 4, called, called + 6, "called off")) == "101-4-called"


def test_the_data_files_load_through_the_registry():
    loaders = config.registered()
    for path, loader in ((cat.DATA, cat.layout), (meantime.DATA, meantime.data)):
        assert loaders[path.resolve()] is loader
        assert loader() is not None
    assert "of" in meantime.data().prepositions and "," in cat.layout().attach_left
