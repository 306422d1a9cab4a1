"""The time stage never raises and stays linear: publication dates at the edge of what a
date holds, malformed numbers, and 100,000-character runs of hostile text (timed by bench/time_runs.py)."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from dateline.nlp import parse, parse_text
from dateline.time import extract_times, resolve_sentence_times
from dateline.time.normalize import bounds
from dateline.types import Article, ParsedDoc, Sentence

RELATIVE = (
    "He left yesterday and returns tomorrow. The day after tomorrow, the day before yesterday. "
    "Next week, next month, next year, next decade and next century; last week, last month, last year. "
    "Two days later, three years ago, five years from now. Last quarter and next quarter, the following year. "
    "On Monday and next Tuesday, last Friday night, this weekend and the weekend. "
    "Christmas, Thanksgiving and Election Day. The third quarter a year ago, the year-earlier period. "
    "In January, next March, last December; last fall and next winter. At 5 p.m. tomorrow and noon Monday. "
    "On September 12, Dec. 31 and Jan. 1; at 9 a.m. Dec. 31. They met in 1998. The next day, that year."
)


@pytest.mark.parametrize("pub", [date(9999, 12, 31), date(1, 1, 1), date(9999, 1, 1), date(1, 12, 31)])
def test_publication_dates_at_the_edge_never_raise(pub):
    p = parse_text(RELATIVE, published=pub)
    ts = extract_times(p)
    resolve_sentence_times(p, ts)
    assert len(ts) > 30  # out-of-range values are underspecified, not dropped
    for t in ts:
        if t.type in ("DATE", "TIME"):
            for day in (t.earliest, t.latest):
                assert day is None or date.fromisoformat(day)
            assert bounds(t.value, pub) == (t.earliest, t.latest) or t.value == "PRESENT_REF"


def test_days_past_the_last_date_are_underspecified():
    by_text = {t.text: t for t in extract_times(parse_text(RELATIVE, published=date(9999, 12, 31)))}
    assert by_text["tomorrow"].value == "XXXX-XX-XX" and by_text["tomorrow"].earliest is None
    assert by_text["next year"].value == "XXXX"
    assert by_text["next month"].value == "XXXX-XX"
    assert by_text["yesterday"].value == "9999-12-30"  # what can be computed still is


def test_days_before_the_first_date_are_underspecified():
    by_text = {t.text: t for t in extract_times(parse_text(RELATIVE, published=date(1, 1, 1)))}
    assert by_text["yesterday"].value == "XXXX-XX-XX"
    assert by_text["last year"].value == "XXXX"
    assert by_text["tomorrow"].value == "0001-01-02"
    assert by_text["next year"].value == "0002"  # four digits, as TIMEX3 writes years


def test_a_zero_denominator_is_not_a_fraction():
    ts = extract_times(parse_text("They talked for 5 1/0 hours.", published=date(2023, 9, 12)))
    assert all(t.value != "PT5H" for t in ts)


# ---- linear time on hostile runs ------------------------------------------------------------------

LONG = 100_000
SHORT = 2_000  # what spaCy parses quickly for every run (it is quadratic on apostrophes)
RUNS = {
    "digits": "1234567890",
    "spaced digits": "1 ",
    "punctuation": ".,;:!?-()/",
    "apostrophes": "'",
    "whitespace": " \t \n ",
    "repeated word": "Tuesday ",
}


def _tiled(parsed: ParsedDoc, copies: int) -> ParsedDoc:
    """``copies`` of a real parse end to end, as one sentence (the worst case for per-sentence work)."""
    n_chars, n_toks = len(parsed.text), len(parsed.tokens)
    tokens = [
        dataclasses.replace(t, i=t.i + k * n_toks, start=t.start + k * n_chars, end=t.end + k * n_chars,
                            head=t.head + k * n_toks, sentence=0)
        for k in range(copies)
        for t in parsed.tokens
    ]  # fmt: skip
    text = parsed.text * copies
    sentence = Sentence(0, 0, len(text), text, 0, len(tokens))
    article = dataclasses.replace(parsed.article, text=text)
    return ParsedDoc(article, tuple(tokens), (sentence,) if tokens else (), (), ())


@pytest.mark.parametrize("name", list(RUNS))
def test_hostile_runs_tiled_to_100000_characters_keep_every_expression(name):
    unit = RUNS[name]
    # a date word at each end so that the run sits between expressions, as in a real text;
    # the article is built as is (ingest would collapse the whitespace run). The cost of
    # these runs is measured by bench/time_runs.py, never by a timed test.
    text = "On Tuesday " + unit * (SHORT // len(unit)) + " in 2019."
    short = parse(Article(doc_id=name, text=text, source="<run>", published=date(2023, 9, 12)))
    copies = LONG // len(short.text) + 1
    doc = _tiled(short, copies)
    assert len(doc.text) >= LONG
    per_copy = len(extract_times(short))
    found = extract_times(doc)
    resolve_sentence_times(doc, found)
    assert per_copy >= 1 and copies * (per_copy - 1) <= len(found) <= copies * (per_copy + 1)
    assert all(doc.text[t.start : t.end] == t.text for t in found)


def test_a_count_of_hundreds_of_digits_is_no_count():
    assert not extract_times(parse_text("It lasted " + "1" * 400 + " days.", published=date(2023, 9, 12)))
