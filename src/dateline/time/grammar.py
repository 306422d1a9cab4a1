"""The pattern grammar: regular expressions over the article text, built once per process
from ``data/lexicon.yaml``, each with the handler that normalizes its matches.

Patterns are case-insensitive (month and weekday names are checked for capitals in
the handler). Extents follow TimeML: leading prepositions ("on", "in", "since", "at")
are left out; determiners and modifiers ("the", "about", "early", "last") are in.

Matching is linear in the text (reviewed pattern by pattern; ``tests/time/test_hardening.py``
runs 100,000-character runs through the stage): patterns only run inside windows within
48 characters of a trigger word (``rules.trigger_windows``), so a run of spaces or dashes
that an optional prefix and ``[-\\s]*`` could re-scan from each offset is at most about
96 characters long; ``PRE`` lets a digit run start a match only at its first digit; and
no quantified group repeats another quantifier over the same characters (``\\d+`` is
followed by ``,\\d{3}`` groups, which start with a comma).

The order of the list breaks ties between equally long matches at one offset.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from .absolute import (
    h_century,
    h_date,
    h_decade,
    h_holiday,
    h_month,
    h_quarter,
    h_season,
    h_spokenyear,
    h_year,
    h_yearago,
)
from .base import Handler
from .clock import h_time
from .lexicon import Lexicon, lexicon
from .relative import (
    h_ago,
    h_anaphor,
    h_fiscalyear,
    h_ref,
    h_relday,
    h_relunit,
    h_theweekend,
    h_theyear,
    h_weekday,
)
from .spans import h_bareunit, h_duration, h_set, h_setfreq

# Not after a word, a currency sign, or a character that makes the match part of a larger token.
PRE = r"(?<![\w$£€#.,/-])"
YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_REL_YEAR = rf"{YEAR}|this\s+year|last\s+year|next\s+year"  # inside a group


def alt(words: Iterable[str]) -> str:
    """Regex alternation of literal phrases, longest first so the longest wins.

    Written as a trie ("jan(?:uary|)|ju(?:ne|ly)"): the regex engine enters every branch of a
    case-insensitive alternation at every offset, and a trie enters one per letter. It matches
    what the flat list matches: the phrases that fit at an offset lie on one path of the trie
    (two branches of a node never take the same character), and a node tries its longer
    phrases before the one that ends there, as the longest-first list does."""
    ordered = sorted(dict.fromkeys(words), key=len, reverse=True)
    if not all(w.isascii() and w == w.lower() for w in ordered):
        return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)
    trie: dict[str, dict] = {}
    for w in ordered:
        node = trie
        for ch in w:
            node = node.setdefault(r"\s+" if ch == " " else re.escape(ch), {})
        node[""] = {}
    return "|".join(_branches(trie))


def _branches(node: dict[str, dict]) -> list[str]:
    """The alternatives below a trie node: its continuations first, then the phrase ending there."""
    out = []
    for atom, child in node.items():
        if atom:
            below = _branches(child)
            out.append(atom + (below[0] if len(below) == 1 else f"(?:{'|'.join(below)})"))
    return [*out, ""] if "" in node else out


def hyphen_alt(words: Iterable[str]) -> str:
    """Like :func:`alt`, a space also matching a hyphen ("one-and-a-half", "three-quarters")."""
    return "|".join(re.escape(w).replace(r"\ ", r"[-\s]+") for w in sorted(words, key=len, reverse=True))


def _phrases(words: Iterable[str]) -> str:
    """Alternation of literal phrases in the order given."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)


@dataclass(frozen=True)
class Pattern:
    name: str
    rx: re.Pattern[str]
    handler: Handler
    priority: int = 0  # breaks ties between equally long matches


@dataclass(frozen=True)
class Grammar:
    patterns: tuple[Pattern, ...]
    # Every expression contains one of these; patterns only run near them (speed).
    trigger: re.Pattern[str]


@dataclass(frozen=True)
class Parts:
    """Sub-expressions shared by several patterns."""

    tens: str
    ones: str
    teens: str
    num: str  # a count: digits, "twenty-one", "a few"
    frac: str  # a part after "and": "a half", "three quarters"
    unit: str
    mods: str
    pos: str
    mon: str  # a month name or abbreviation, dot allowed
    monsolo: str  # a month on its own: abbreviations need their dot ("Jan.", not "jan")
    wd: str  # a full weekday name
    wdany: str  # a weekday name or abbreviation
    years: str  # a year in digits or words ("nineteen ninety-four")
    pod: str


def parts(lx: Lexicon) -> Parts:
    nw = lx.number_words
    tens, ones, teens = "|".join(nw.tens), "|".join(nw.ones), "|".join(nw.teens)
    num = rf"(?:\d+(?:,\d{{3}})*(?:\.\d+)?(?:\s+\d/\d|\s*½)?|(?:{tens})[-\s](?:{ones})|{alt(lx.numbers)})"
    mon_names = [m for m in lx.months if len(m) > 3 or m == "may"]
    mon_abbr = [m for m in lx.months if len(m) <= 4 and m != "may" and m not in ("june", "july")]
    return Parts(
        tens=tens,
        ones=ones,
        teens=teens,
        num=num,
        frac=rf"(?:{hyphen_alt(lx.fractions)})",
        unit=rf"(?:{alt(list(lx.units) + list(lx.unit_plurals))})",
        mods=rf"(?:{alt(lx.mods)})",
        pos=rf"(?:{alt(lx.position_mods)})",
        mon=rf"(?:(?:{alt(mon_names)})(?![a-z])\.?|(?:{alt(mon_abbr)})(?![a-z])\.?)",
        monsolo=rf"(?:(?:{alt(mon_names)})(?![a-z])|(?:{alt(mon_abbr)})\.)",
        wd=rf"(?:{alt(w for w in lx.weekdays if len(w) > 5)})",
        wdany=rf"(?:{alt(lx.weekdays)})\.?",
        years=rf"(?:{YEAR}|(?:nineteen|twenty)[-\s]+(?:{teens}|(?:{tens})(?:[-\s](?:{ones}))?))",
        pod=rf"(?:{alt(lx.parts_of_day)})",
    )


Spec = tuple[str, str, Handler, int]


def _date_patterns(p: Parts) -> list[Spec]:
    """Calendar dates, months and years."""
    return [
        (
            "mdy",
            rf"(?:(?:last|this|next)\s+)?(?:(?P<wd>{p.wdany}),?\s+)?(?:(?P<pos>{p.pos})[-\s]+)?"
            rf"(?P<mon>{p.mon})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?![\d:])(?!\s*(?:%|percent|[-,]\d))"
            rf"(?:,?\s+(?P<year>{YEAR})(?!\d))?",
            h_date,
            1,
        ),
        (
            "dmy",
            rf"(?:(?P<wd>{p.wdany}),?\s+)?(?:the\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?"
            rf"(?P<mon>{p.mon})(?:,?\s+(?P<year>{YEAR})(?!\d))?",
            h_date,
            1,
        ),
        (
            "my",
            rf"(?:(?P<pos>{p.pos})[-\s]+)?(?P<mon>{p.mon})(?:\s+of)?,?\s+(?P<year>{p.years})(?!\d|,\d|[-\w])",
            h_date,
            1,
        ),
        ("iso", r"(?P<year>\d{4})-(?P<monn>\d\d)-(?P<day>\d\d)(?![\d-])", h_date, 0),
        ("numdate", r"(?P<monn>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{4}|\d\d)(?![\d/])", h_date, 0),
        (
            "month",
            rf"(?:(?P<rel>last|next|this|coming|past|the\s+previous|previous)\s+|(?P<pos>{p.pos})[-\s]+)?"
            rf"(?P<mon>{p.monsolo})",
            h_month,
            0,
        ),
        (
            "year",
            rf"(?:(?P<fy>(?:the\s+)?(?:fiscal|calendar|financial|model|the)(?:\s+year)?|the\s+year|fy)\s*"
            rf"|(?P<pos>{p.pos})[-\s]+|(?P<prepost>pre|post)-)?"
            rf"(?P<year>{YEAR})(?!\d|[.,]\d|\s*(?:%|percent)|-(?:\d|year|old)|\s*/\d)",
            h_year,
            0,
        ),
    ]


def _period_patterns(p: Parts, lx: Lexicon) -> list[Spec]:
    """Decades, centuries, quarters and halves, seasons."""
    return [
        (
            "decade",
            rf"(?:the\s+)?(?:(?P<pos>{p.pos})[-\s]+)?(?P<dec>(?:1[5-9]|20)\d0|'\d0)'?s(?![\w'])",
            h_decade,
            0,
        ),
        (
            "decade_w",
            rf"the\s+(?:(?P<pos>early|late|mid)[-\s]+)?(?P<decw>{_phrases(lx.decades)})",
            h_decade,
            0,
        ),
        (
            "century",
            rf"(?:the\s+)?(?:(?P<pos>{p.pos})[-\s]+)?(?P<ord>\d{{1,2}})(?:st|nd|rd|th)[-\s]century",
            h_century,
            0,
        ),
        ("quarter", _quarter_rx(lx), h_quarter, 0),
        (
            "season",
            rf"(?:(?P<rel>last|next|this|coming|past)\s+|(?P<pos>{p.pos})[-\s]+|(?P<the>the)\s+)?"
            rf"(?P<season>spring|summer|fall|autumn|winter)(?![-\w])"
            rf"(?:\s+of\s+(?P<year>{p.years})|,?\s+(?P<year2>{YEAR}))?",
            h_season,
            0,
        ),
    ]


def _quarter_rx(lx: Lexicon) -> str:
    rel = (
        "latest|current|previous|preceding|last|next|this|past|year-ago|year-earlier|same|comparable"
        "|prior-year|year-before"
    )
    return (
        rf"(?:(?P<yr>{_REL_YEAR})'s\s+)?(?:the\s+(?:(?P<yr3>{YEAR})\s+)?)?"
        rf"(?:(?P<rel>{rel})[-\s]+)?(?:(?:fiscal|calendar)[-\s]+)?"
        rf"(?P<qn>{_phrases(lx.ordinals)})?[-\s]*(?:(?:fiscal|calendar)[-\s]+)?(?P<qt>quarter|half|period)(?![-\w])"
        rf"(?:\s+of\s+(?:fiscal\s+)?(?P<year>{_REL_YEAR})|,?\s+(?P<year2>{YEAR}))?"
    )


def _relative_patterns(p: Parts, lx: Lexicon) -> list[Spec]:
    """Days, units and weekdays counted from the anchor date."""
    relunit = (
        r"the\s+previous|the\s+following|the\s+next|the\s+past|the\s+last|the\s+coming|the\s+current|the\s+same"
        r"|this|last|next|coming|past|previous|current|following"
    )
    return [
        (
            "relday",
            rf"(?:(?P<pos>early|late)\s+)?(?P<w>{_phrases(lx.relative_days)}|this|last)"
            rf"(?:\s+(?P<pod>{p.pod}))?(?![-\w])",
            h_relday,
            0,
        ),
        (
            "relunit",
            rf"(?:(?P<pos>{p.pos}|earlier|later)[-\s]+)?(?P<rel>{relunit})"
            rf"\s+(?P<unit>day|week|weekend|month|year|decade|century|quarter)(?![-\w])",
            h_relunit,
            0,
        ),
        ("theweekend", r"the\s+weekend", h_theweekend, 0),
        (
            "theyear",
            r"the\s+(?P<full>full\s+|whole\s+|entire\s+)?year(?![-\w]|\s+(?:two|ago|earlier|before|after|\d))",
            h_theyear,
            0,
        ),
        (
            "weekday",
            rf"(?:(?P<rel>last|next|this|coming|past|previous|early|late)\s+)?(?P<wd>{p.wd})(?P<pl>s)?"
            rf"(?:\s+(?P<pod>{p.pod}))?(?![-\w])",
            h_weekday,
            0,
        ),
        (
            "ago",
            rf"(?:(?P<mod>{p.mods})\s+)?(?:(?P<num>{p.num})(?:[-\s]+and[-\s]+(?P<frac>{p.frac}))?[-\s]+)?"
            rf"(?P<unit>{p.unit})(?:\s+and\s+(?P<frac2>{p.frac}))?"
            r"\s+(?P<dir>ago|earlier|later|from\s+now|hence|previously|back"
            r"|before(?=\s*[.,;:!?)]|\s*$)|after(?=\s*[.,;:!?)]|\s*$))(?![-\w])",
            h_ago,
            1,
        ),
    ]


def _span_patterns(p: Parts, lx: Lexicon) -> list[Spec]:
    """Durations and sets."""
    rel = (
        r"past|last|next|coming|first|previous|following|final|remaining|initial|latest"
        r"|better\s+part\s+of\s+the|full|entire|whole|same"
    )
    bare = (
        r"for|within|in|over|last|lasts|lasted|lasting|take|takes|took|taken|spent|spend|spends|after"
        r"|the\s+coming|the\s+next|the\s+past|recent|coming"
    )
    return [
        (
            "duration",
            rf"(?:(?P<mod>{p.mods})\s+)?(?:(?P<the>the|a|an|another|an\s+additional)\s+)?(?:(?P<rel>{rel})\s+)?"
            rf"(?P<num>{p.num})(?:[-\s]+and[-\s]+(?P<frac>{p.frac}))?"
            rf"(?:[-\s]+(?:more|additional|full|straight|consecutive))?"
            rf"[-\s]+(?P<unit>{p.unit})(?![-\w]|\s+old)(?:-long)?"
            rf"(?:\s+and\s+(?P<frac2>{p.frac})(?![-\w]))?",
            h_duration,
            0,
        ),
        (
            "bareunit",
            rf"(?P<pre>{bare})\s+(?P<unit>days|weeks|months|years|decades|hours|minutes)(?![-\w])",
            h_bareunit,
            0,
        ),
        (
            "set",
            rf"(?P<every>every|each|per)\s+(?:(?P<other>other)\s+)?(?:(?P<num>{p.num})\s+)?"
            rf"(?:(?P<unit>{p.unit})|(?P<wd>{p.wd})|(?P<mon>{p.monsolo})|(?P<pod>{p.pod}))(?![-\w])",
            h_set,
            0,
        ),
        ("setadv", rf"(?P<adv>{alt(lx.sets)})(?![-\w])", h_set, 0),
        (
            "setfreq",
            rf"(?:once|twice|thrice|\d+\s+times|(?:{alt(lx.numbers)})\s+times)\s+(?P<a>a|an|per)"
            rf"\s+(?P<unit1>{alt(lx.units)})(?![-\w])",
            h_setfreq,
            0,
        ),
    ]


def _clock_patterns(p: Parts) -> list[Spec]:
    """Times of day."""
    zone = r"[ECMP][SD]T|GMT|UTC|local\s+time"
    return [
        (
            "time",
            rf"(?:(?P<mod>{p.mods})\s+)?(?P<h>\d{{1,2}})(?:[:.](?P<mi>[0-5]\d))?"
            rf"\s*(?P<ap>a\.m\.?|p\.m\.?|am|pm|o'clock)(?![\w])(?:\s+(?P<tz>{zone}))?"
            rf"(?:,?\s+(?:on\s+)?(?P<day>today|yesterday|tomorrow|tonight|(?P<wd>{p.wd})"
            rf"|(?P<mon>{p.mon})\s+(?P<mday>\d{{1,2}})(?!\d)))?",
            h_time,
            1,
        ),
        (
            "time24",
            rf"(?:(?P<mod>{p.mods})\s+)?(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)"
            r"(?:\s*(?P<tz>GMT|UTC|[ECMP][SD]T|local\s+time))?(?![\d:])",
            h_time,
            0,
        ),
        (
            "noon",
            rf"(?:(?P<mod>{p.mods})\s+)?(?P<w>noon|midnight|midday)"  # "at midnight on Wednesday" too
            rf"(?:,?\s+(?:on\s+)?(?P<day>today|yesterday|tomorrow|tonight|(?P<wd>{p.wd})"
            rf"|(?P<mon>{p.mon})\s+(?P<mday>\d{{1,2}})(?!\d)))?(?![-\w])",
            h_time,
            0,
        ),
    ]


def _other_patterns(p: Parts, lx: Lexicon) -> list[Spec]:
    """Year-ago periods, spoken years, anaphors, fiscal years, references, holidays."""
    return [
        ("yearago", r"(?P<ya>year-earlier|year-ago|year-before|prior-year)(?![-\w])", h_yearago, 0),
        (
            "spokenyear",
            rf"(?P<c>nineteen|twenty)[-\s]+(?P<t>{p.teens}|(?:{p.tens})(?:[-\s](?:{p.ones}))?)(?![-\w])",
            h_spokenyear,
            0,
        ),
        ("year2000", rf"the\s+year\s+two\s+thousand(?:\s+and\s+(?P<o>{p.ones}))?", h_spokenyear, 0),
        (
            "anaphor",
            r"(?:(?P<pos>earlier|later|early|late)\s+(?:in\s+)?)?(?:that|the\s+same)"
            r"\s+(?P<unit>day|week|month|year)(?![-\w])",
            h_anaphor,
            0,
        ),
        ("anaphor_pod", r"the\s+(?P<next>next|following)\s+(?:morning|afternoon|evening|night)(?![-\w])", h_anaphor, 0),
        (
            "fiscalyear",
            r"the\s+(?:current\s+|latest\s+)?fiscal\s+year(?![-\w]|\s+(?:\d|ended|ending))",
            h_fiscalyear,
            0,
        ),
        ("ref", rf"(?P<ref>{alt(lx.refs)})(?![-\w])", h_ref, 0),
        (
            "holiday",
            rf"(?P<hol>{alt(lx.holidays)}|thanksgiving(?:\s+day)?|election\s+day)(?![-\w])",
            h_holiday,
            0,
        ),
    ]


def _trigger(lx: Lexicon) -> re.Pattern[str]:
    words = (
        list(lx.months)
        + list(lx.weekdays)
        + list(lx.units)
        + list(lx.unit_plurals)
        + list(lx.parts_of_day)
        + list(lx.seasons)
        + list(lx.sets)
        + list(lx.refs)
        + list(lx.holidays)
        + list(lx.trigger_words)
    )
    return re.compile(rf"\d|\b(?:{alt(words)})s?\b", re.I)


def build(lx: Lexicon) -> Grammar:
    p = parts(lx)
    specs = (
        _date_patterns(p)
        + _period_patterns(p, lx)
        + _relative_patterns(p, lx)
        + _span_patterns(p, lx)
        + _clock_patterns(p)
        + _other_patterns(p, lx)
    )
    patterns = tuple(Pattern(name, re.compile(PRE + rx, re.I), handler, prio) for name, rx, handler, prio in specs)
    return Grammar(patterns, _trigger(lx))


@functools.cache
def grammar() -> Grammar:
    return build(lexicon())


def pattern(name: str) -> Pattern:
    """The pattern of that name (``TimeValue.rule`` starts with it)."""
    return next(p for p in grammar().patterns if p.name == name)
