"""``extract_times``: every time expression of a parsed article, as TIMEX3 values.

The rule grammar (``grammar.py``, run by ``rules.py``) finds and normalizes candidates
over the text; the parse supplies tense (past/future decides which "Tuesday"), names
(the month "August" in "August Wilson" is not a date) and counts ("2000 people").
Relative values are anchored on ``Article.published``; to resolve an expression
against another date, see ``anchor.resolve_against``.
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_right
from datetime import date

from ..nlp import syntax
from ..nlp.syntax import Tree, governing_verb
from ..types import ParsedDoc, TimeValue, Token
from . import normalize as N
from .base import Ctx
from .lexicon import context_rules, signal_pattern
from .rules import Found, find_all
from .words import squash

_DIRECTION = {"past": -1, "perfect": -1, "future": 1}
_SPECIFIC = ("DATE", "TIME")


class _Doc:
    """Offset lookups over one ParsedDoc, built once per document."""

    def __init__(self, parsed: ParsedDoc) -> None:
        self.parsed = parsed
        self.tokens = parsed.tokens
        self.tree = Tree(parsed)
        self.starts = [t.start for t in parsed.tokens]

    def tok(self, off: int) -> Token | None:
        i = bisect_right(self.starts, off) - 1
        return self.tokens[i] if i >= 0 else None

    def sentence_at(self, off: int) -> int:
        t = self.tok(off)
        return t.sentence if t is not None else 0

    def direction(self, off: int, modal: int = 0) -> int:
        """-1 past, +1 future, 0 unknown, for the verb governing the token at ``off``.

        ``modal`` is what "may/could/would" count as: the future for weekdays
        ("could come as early as Tuesday"), unknown for months and dates.
        """
        t = self.tok(off)
        if t is None:
            return 0
        v = governing_verb(self.tokens, t.i)
        if v is None:
            return 0
        tense = syntax.tense(self.tree, v)
        if tense == "modal":
            return modal
        return _DIRECTION.get(tense, 0)

    def span_head(self, start: int, end: int) -> Token | None:
        """The syntactic head of the tokens covering characters [start, end)."""
        t0 = self.tok(start)
        if t0 is None:
            return None
        last = bisect_right(self.starts, end - 1) - 1
        return self.tokens[syntax.span_head(self.tokens, t0.i, max(last, t0.i) + 1)]

    def is_person(self, off: int) -> bool:
        t = self.tok(off)
        return t is not None and t.ent_type in context_rules().name_labels

    def is_count(self, off: int) -> bool:
        t = self.tok(off)
        if t is None:
            return False
        if t.ent_type in context_rules().count_labels:
            return True
        if t.dep == "nummod":
            # "hired 2000 workers" counts; "the 1996 law", "the 1998 elections" name a year
            h = self.tokens[t.head]
            det = t.i > 0 and self.tokens[t.i - 1].tag in ("DT", "PRP$", "POS")
            return h.i > t.i and h.tag == "NNS" and h.text.lower() not in context_rules().time_nouns and not det
        return False


def extract_times(parsed: ParsedDoc) -> tuple[TimeValue, ...]:
    """Every time expression in the text, normalized against the publication date."""
    dct = parsed.article.published
    d = _Doc(parsed)
    found = find_all(Ctx(parsed.text, dct, d.direction, d.is_person, d.is_count))
    resolve_anaphors(found, dct)
    out: list[TimeValue] = []
    prev_signal: str | None = None
    for f in found:
        signal = signal_before(parsed.text, f.start)
        tv = _time_value(parsed.text, f, d.sentence_at(f.start), signal, dct)
        if tv.type in _SPECIFIC and _closes_range(out, tv, signal, prev_signal):
            anchor = f"{out[-1].value}/{tv.value}"
            out[-1] = dataclasses.replace(out[-1], anchor=anchor)
            tv = dataclasses.replace(tv, anchor=anchor)
        out.append(tv)
        prev_signal = signal
    return tuple(out)


def signal_before(text: str, start: int) -> str | None:
    """The anchoring preposition right before an expression ("since", "between"), lower case."""
    m = signal_pattern().search(text, max(0, start - 12), start)
    return squash(m.group(1)) if m else None


def _time_value(text: str, f: Found, sentence: int, signal: str | None, dct: date | None) -> TimeValue:
    specific = f.type in _SPECIFIC
    earliest, latest = N.bounds(f.value, dct) if specific else (None, None)
    anchor = None
    if specific and signal == "since":
        anchor = f"{f.value}/{dct.isoformat() if dct else 'PRESENT_REF'}"
    return TimeValue(
        f.start,
        f.end,
        text[f.start : f.end],
        f.type,
        f.value,
        sentence,
        f.mod,
        earliest,
        latest,
        anchor,
        f"{f.rule}|{signal}" if signal else f.rule,
        N.granularity(f.value) if specific else None,
    )


def _closes_range(out: list[TimeValue], tv: TimeValue, signal: str | None, prev_signal: str | None) -> bool:
    """ "between 2007 and 2016", "from May to July": the second end, close to the first in one sentence."""
    if signal not in ("and", "to", "until", "till", "through") or not out or prev_signal not in ("between", "from"):
        return False
    prev = out[-1]
    return prev.sentence == tv.sentence and tv.start - prev.end < context_rules().range_gap


def resolve_anaphors(found: list[Found], dct: date | None) -> None:
    """ "that year", "the following day": counted from the last explicit date before them."""
    last_date: str | None = None
    for f in found:
        if f.value.startswith("ANAPHOR:"):
            _, unit, off, *later = f.value.split(":")
            f.value = anaphor_value(unit, int(off), last_date, dct)
            if later and last_date is not None and _date_of(last_date, unit) is None:
                f.value = last_date  # "a week later" after "in 1984": within what the text gives
        elif f.type in _SPECIFIC and f.value[:4].isdigit():
            last_date = f.value


_GRAIN = {"year": 4, "month": 7, "day": 10, "week": 10}
_LETTER = {"year": "Y", "month": "M", "day": "D", "week": "W"}


def anaphor_value(unit: str, off: int, last: str | None, dct: date | None) -> str:
    """ "that year" after "in 1998 ..." is 1998, "the following year" 1999; with no
    date before it precise enough, the publication date is the reference."""
    base = _date_of(last, unit)
    if base is None:
        base = dct if off else None  # "that day" with nothing before it stays unknown
    if base is None:
        return N.UNDERSPECIFIED[_LETTER[unit]]
    return N.shift_or_unknown(base, _LETTER[unit], off)


def _date_of(last: str | None, unit: str) -> date | None:
    """The first day of the last date mentioned, when it is at least as precise as ``unit``."""
    if last is None or len(last) < _GRAIN[unit] or not (unit == "year" or last[5:7].isdigit()):
        return None
    y = int(last[:4])
    m = int(last[5:7]) if len(last) >= 7 and last[5:7].isdigit() else 1
    d = int(last[8:10]) if len(last) >= 10 and last[8:10].isdigit() else 1
    return N.safe_date(y, m, d)


def signal_of(tv: TimeValue) -> str | None:
    """The preposition before an expression, as recorded in its rule ("year|since" -> since)."""
    return tv.rule.split("|", 1)[1] if "|" in tv.rule else None
