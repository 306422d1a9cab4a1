"""The time stage's data files, each read through one frozen dataclass.

- ``data/lexicon.yaml`` (:func:`lexicon`): the words of time expressions and what they
  mean in TIMEX3 terms; the patterns of ``grammar.py`` are built from it.
- ``data/context.yaml`` (:func:`context_rules`): the grammatical context read from the
  parse (anchoring prepositions, narrative breakers, nouns that make a number a year).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from .. import config

DATA = Path(__file__).parent / "data"
LEXICON_PATH = DATA / "lexicon.yaml"
CONTEXT_PATH = DATA / "context.yaml"


@dataclass(frozen=True)
class NumberWords:
    ones: tuple[str, ...]
    teens: tuple[str, ...]
    tens: tuple[str, ...]


@dataclass(frozen=True)
class QuarterRelations:
    reporting: frozenset[str]
    same: frozenset[str]
    year_before: frozenset[str]
    comparable: frozenset[str]


@dataclass(frozen=True)
class Lexicon:
    months: dict[str, int]
    weekdays: dict[str, int]
    numbers: dict[str, int | float | str]  # "X": a count the text leaves open ("several")
    number_words: NumberWords
    fractions: dict[str, float]  # "and a half" -> 0.5, added to the count before it
    ordinals: dict[str, int]
    decades: dict[str, int]
    relative_days: dict[str, int]
    relative_offsets: dict[str, int]
    units: dict[str, tuple[str, bool, int]]  # singular -> (TIMEX3 letter, time part?, multiplier)
    unit_plurals: dict[str, str]
    parts_of_day: dict[str, str]
    seasons: dict[str, str]
    sets: dict[str, str]
    mods: dict[str, str]
    position_mods: dict[str, str]
    holidays: dict[str, str]
    refs: dict[str, str]
    clock_words: dict[str, int]
    backward_words: frozenset[str]
    month_context_words: tuple[str, ...]
    quarter_relations: QuarterRelations
    trigger_words: tuple[str, ...]


@dataclass(frozen=True)
class YearChoice:
    ahead_days: int
    behind_days: int
    tense_days: int
    clock_days: int


@dataclass(frozen=True)
class Context:
    signals: tuple[str, ...]
    non_governing_signals: frozenset[str]
    context_breakers: frozenset[str]
    time_nouns: frozenset[str]
    name_labels: frozenset[str]
    count_labels: frozenset[str]
    year_choice: YearChoice
    range_gap: int


@functools.cache
def lexicon() -> Lexicon:
    return config.load(Lexicon, LEXICON_PATH)


@functools.cache
def context_rules() -> Context:
    return config.load(Context, CONTEXT_PATH)


@functools.cache
def signal_pattern() -> re.Pattern[str]:
    """The anchoring preposition right before an expression ("since", "as of"), longest first."""
    sig = sorted(context_rules().signals, key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(s).replace(r"\ ", r"\s+") for s in sig) + r")\s+$", re.I)


config.register(LEXICON_PATH, lexicon)
config.register(CONTEXT_PATH, context_rules)
