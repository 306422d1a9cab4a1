"""``extract_times``: every time expression of a parsed article, as TIMEX3 values.

The rule grammar (``rules.py``) finds and normalizes candidates over the text;
the parse supplies tense (past/future decides which "Tuesday"), names (the
month "August" in "August Wilson" is not a date) and counts ("2000 people").
Relative values are anchored on ``Article.published`` only.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from pathlib import Path

import yaml

from ..nlp import syntax
from ..nlp.syntax import Tree, governing_verb
from ..types import ParsedDoc, TimeValue, Token
from . import normalize as N
from .rules import Ctx, find_all

DATA = Path(__file__).parent / "data"

_TIME_NOUNS = frozenset(
    [
        "year",
        "years",
        "month",
        "months",
        "day",
        "days",
        "week",
        "weeks",
        "decade",
        "decades",
        "century",
        "quarter",
        "season",
        "time",
        "period",
        "fiscal",
        "calendar",
        "election",
        "census",
        "edition",
        "model",
        "budget",
    ]
)


@functools.lru_cache(maxsize=1)
def context_rules() -> dict:
    with open(DATA / "context.yaml", encoding="utf-8") as f:
        c = yaml.safe_load(f)
    c["non_governing_signals"] = frozenset(c["non_governing_signals"])
    c["context_breakers"] = frozenset(c["context_breakers"])
    sig = sorted(c["signals"], key=len, reverse=True)
    c["signal_rx"] = re.compile(r"\b(" + "|".join(re.escape(s).replace(r"\ ", r"\s+") for s in sig) + r")\s+$", re.I)
    return c


_DIRECTION = {"past": -1, "perfect": -1, "future": 1}


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
        return t is not None and t.ent_type in ("PERSON", "ORG", "WORK_OF_ART")

    def is_count(self, off: int) -> bool:
        t = self.tok(off)
        if t is None:
            return False
        if t.ent_type in ("MONEY", "PERCENT", "QUANTITY"):
            return True
        if t.dep == "nummod":
            # "hired 2000 workers" counts; "the 1996 law", "the 1998 elections" name a year
            h = self.tokens[t.head]
            det = t.i > 0 and self.tokens[t.i - 1].tag in ("DT", "PRP$", "POS")
            return h.i > t.i and h.tag == "NNS" and h.text.lower() not in _TIME_NOUNS and not det
        return False


def extract_times(parsed: ParsedDoc) -> tuple[TimeValue, ...]:
    text = parsed.text
    dct = parsed.article.published
    d = _Doc(parsed)
    ctx = Ctx(text, dct, d.direction, d.is_person, d.is_count)
    found = find_all(ctx)
    c = context_rules()
    out: list[TimeValue] = []
    prev_signal = None
    last_date: str | None = None  # the latest explicit date, for "that year"/"the same day"
    for _k, f in enumerate(found):
        if f.value.startswith("ANAPHOR:"):
            _, unit, off = f.value.split(":")
            f.value = _anaphor(unit, int(off), last_date, dct)
        elif f.type in ("DATE", "TIME") and f.value[:1].isdigit() and f.value[:4].isdigit():
            last_date = f.value
        t = d.tok(f.start)
        sent = t.sentence if t is not None else 0
        earliest = latest = None
        if f.type in ("DATE", "TIME"):
            earliest, latest = N.bounds(f.value, dct)
        m = c["signal_rx"].search(text, max(0, f.start - 12), f.start)
        signal = re.sub(r"\s+", " ", m.group(1).lower()) if m else None
        anchor = None
        rule = f.rule
        if signal:
            rule = f"{f.rule}|{signal}"
        if f.type in ("DATE", "TIME"):
            if signal == "since":
                anchor = f"{f.value}/{dct.isoformat() if dct else 'PRESENT_REF'}"
            elif signal in ("and", "to", "until", "till", "through") and out and prev_signal in ("between", "from"):
                prev = out[-1]
                if prev.sentence == sent and f.start - prev.end < 12:
                    anchor = f"{prev.value}/{f.value}"
                    out[-1] = _replace_anchor(prev, anchor)
        out.append(
            TimeValue(
                f.start, f.end, text[f.start : f.end], f.type, f.value, sent, f.mod, earliest, latest, anchor, rule
            )
        )
        prev_signal = signal
    return tuple(out)


_GRAIN = {"year": 4, "month": 7, "day": 10, "week": 10}
_UNDERSPECIFIED = {"year": "XXXX", "month": "XXXX-XX", "day": "XXXX-XX-XX", "week": "XXXX-WXX"}


def _anaphor(unit: str, off: int, last: str | None, dct) -> str:
    """ "that year" after "in 1998 ..." is 1998, "the following year" 1999; with no
    date before it precise enough, the publication date is the reference."""

    n = _GRAIN[unit]
    base = None
    if last is not None and len(last) >= n and (unit == "year" or last[5:7].isdigit()):
        y = int(last[:4])
        m = int(last[5:7]) if len(last) >= 7 and last[5:7].isdigit() else 1
        d = int(last[8:10]) if len(last) >= 10 and last[8:10].isdigit() else 1
        base = N.safe_date(y, m, d)
    if base is None:
        base = dct if off else None  # "that day" with nothing before it stays unknown
    if base is None:
        return _UNDERSPECIFIED[unit]
    letter = {"year": "Y", "month": "M", "day": "D", "week": "W"}[unit]
    return N.shift(base, letter, off)


def _replace_anchor(tv: TimeValue, anchor: str) -> TimeValue:
    return TimeValue(
        tv.start, tv.end, tv.text, tv.type, tv.value, tv.sentence, tv.mod, tv.earliest, tv.latest, anchor, tv.rule
    )


def signal_of(tv: TimeValue) -> str | None:
    """The preposition before an expression, as recorded in its rule ("year|since" -> since)."""
    return tv.rule.split("|", 1)[1] if "|" in tv.rule else None
