"""Reading the words of a matched expression: numbers, years, units, months, modifiers.

One :class:`Words` per process (:func:`words`), built from ``data/lexicon.yaml``.
"""

from __future__ import annotations

import functools
import math
import re

from .lexicon import Lexicon, lexicon

Number = int | float | str  # "X": a count the text leaves open

_DIGITS = re.compile(r"^(\d+(?:\.\d+)?)(?:\s+(\d)/(\d))?$")
_SPACES = re.compile(r"\s+")


def squash(s: str | None) -> str:
    """Lower case with every run of whitespace as one space ("the  next" -> "the next")."""
    return _SPACES.sub(" ", (s or "").lower())


def cap(s: str | None) -> bool:
    """Written with a capital: month and weekday names must be ("May", not the modal "may")."""
    return bool(s) and s is not None and s[0].isupper()


class Words:
    """Number, unit, month and modifier look-ups over the lexicon."""

    def __init__(self, lx: Lexicon) -> None:
        self.lx = lx
        self.numbers: dict[str, Number] = {str(k): v for k, v in lx.numbers.items()}
        nw = lx.number_words
        self.tens_ones = re.compile(rf"^({'|'.join(nw.tens)})[-\s]({'|'.join(nw.ones)})$", re.I)

    def num(self, s: str | None) -> Number | None:
        """ "three" -> 3, "twenty-one" -> 21, "1,000" -> 1000, "5 1/2" -> 5.5, "several" -> "X"."""
        if s is None:
            return None
        s = squash(s.strip())
        if s in self.numbers:
            return self.numbers[s]
        m = self.tens_ones.match(s)
        if m:
            return _add(self.numbers[m.group(1).lower()], self.numbers[m.group(2).lower()])
        return _digits(s.replace(",", ""))

    def fraction(self, s: str | None) -> float:
        """ "a half" -> 0.5, "three-quarters" -> 0.75; 0 when absent."""
        if not s:
            return 0.0
        return self.lx.fractions.get(squash(s.replace("-", " ")), 0.0)

    def count_with_fractions(self, num: str | None, *fracs: str | None) -> Number | None:
        """ "two" + "a half" -> 2.5 ("two and a half years", "an hour and a half")."""
        n = self.num(num)
        extra = sum(self.fraction(f) for f in fracs)
        if n is None or isinstance(n, str) or not extra:
            return n
        v = n + extra
        return int(v) if float(v).is_integer() else v

    def year_value(self, s: str) -> int | None:
        """ "1994" or "nineteen ninety-four" -> 1994."""
        if s.isdigit():
            return int(s)
        parts = re.split(r"[-\s]+", s.strip().lower(), maxsplit=1)
        if len(parts) != 2:
            return None
        rest = self.num(parts[1])
        if not isinstance(rest, int) or rest < 10:
            return None
        return (19 if parts[0] == "nineteen" else 20) * 100 + rest

    def unit(self, s: str) -> tuple[str, bool, int]:
        """(TIMEX3 letter, time part?, multiplier) of a unit word, singular or plural."""
        low = s.lower()
        low = self.lx.unit_plurals.get(low, low)
        letter, time_part, mult = self.lx.units[low]
        return letter, time_part, mult

    def posmod(self, s: str | None) -> str | None:
        """TIMEX3 mod of a position word ("early" START, "the end of" END)."""
        if not s:
            return None
        return self.lx.position_mods.get(squash(s))

    def mod(self, s: str | None) -> str | None:
        """TIMEX3 mod of a modifier ("about" APPROX, "more than" MORE_THAN)."""
        return self.lx.mods.get(squash(s))

    def month_no(self, s: str) -> int:
        return self.lx.months[s.lower().rstrip(".")]

    def weekday_no(self, s: str) -> int:
        return self.lx.weekdays[s.lower()]


def _add(a: Number, b: Number) -> Number:
    if isinstance(a, str) or isinstance(b, str):
        return "X"
    return a + b


def _digits(s: str) -> int | float | None:
    """ "12" -> 12, "2.5" -> 2.5, "5 1/2" -> 5.5, "3½" -> 3.5; None for anything else."""
    frac = 0.0
    if "½" in s:
        s, frac = s.replace("½", "").strip(), 0.5
    m = _DIGITS.match(s)
    if not m:
        return None
    v = float(m.group(1)) + frac
    if not math.isfinite(v):
        return None  # a run of hundreds of digits is no count
    if m.group(2):
        if m.group(3) == "0":
            return None  # "5 1/0 hours": no fraction
        v += int(m.group(2)) / int(m.group(3))
    return int(v) if v.is_integer() else v


@functools.cache
def words() -> Words:
    return Words(lexicon())
