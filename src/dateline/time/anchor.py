"""Resolving a time expression against an anchor other than the publication date.

``extract_times`` resolves every relative expression against ``Article.published`` (the
document creation time; ``RELATIVE_BASE`` in dateparser's terms). An event is often dated
by another date of the text instead: "two days later" after "on April 24", "the following
month" after "in May 2019", "a day before his first summit" once the summit is dated.
:func:`resolve_against` re-reads one :class:`TimeValue` with a given anchor::

    resolve_against(tv: TimeValue, anchor: date | str, direction: int = 0) -> TimeValue

- ``anchor``: a ``datetime.date`` or a TIMEX3 DATE value ("2019-04-24", "2019-04",
  "2019", "2019-W17", "2019-Q2"). Its granularity caps the result's: "two days later"
  against "2019-04" is "2019-04", not a made-up day.
- ``direction``: -1, 0 or +1. For a DATE/TIME expression it is the tense of the verb the
  expression dates (-1 past, +1 future, 0 unknown): it decides which "Tuesday" or
  which "March" is meant, as the verb's tense does against the publication date. For a
  DURATION it says on which side of the anchor the dated event lies: -1 the event is
  that long before the anchor, +1 after ("arrived on Wednesday, a day before his first
  summit": the summit is ``resolve_against(a_day, wednesday, +1)``); with 0 a duration
  cannot be placed and comes back unresolved.

The result keeps the expression's offsets, text, sentence and mod; ``value``,
``earliest``, ``latest`` and ``granularity`` are recomputed; ``anchor`` holds the anchor
value; ``rule`` records how, as ``against:<how>:<the original rule>`` where ``<how>`` is
- ``absolute``: the expression names its own date ("in 2007", "on April 25, 2019"): unchanged;
- ``relative``: re-read with the anchor in place of the publication date ("last week",
  "two days later", "Tuesday", "the year-earlier quarter");
- ``anaphor``: counted from the anchor as the date last mentioned ("that day", "the
  following month", "the next morning");
- ``offset``: a duration before or after the anchor ("a day", "three weeks");
  ``offset-open`` when its length is unknown ("days later"): only one bound is known;
- ``unchanged``: the expression could not be re-read (rare: an extent the stage trimmed);
  its value against the publication date is kept;
- ``unresolved``: the anchor is not a date, or a duration has no direction: the value
  is underspecified and the bounds unknown.
SETs ("every year") come back unchanged. Nothing here raises on a value or an anchor at
the edge of the calendar: such results are underspecified.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date, timedelta

from ..types import TimeValue
from . import normalize as N
from .base import Ctx
from .extract import anaphor_value
from .rules import match_at

# From finest to coarsest: a result is never finer than its anchor.
_GRAINS = ("time", "day", "week", "month", "quarter", "half", "season", "year", "decade", "century")
_DURATION = re.compile(
    r"^P(?:(?P<Y>\d+|X)Y)?(?:(?P<MO>\d+|X)M)?(?:(?P<W>\d+|X)W)?(?:(?P<D>\d+|X)D)?"
    r"(?:T(?:(?P<H>\d+|X)H)?(?:(?P<MI>\d+|X)M)?(?:(?P<S>\d+|X)S)?)?$"
)
_REFS = ("PRESENT_REF", "PAST_REF", "FUTURE_REF")
_SPAN_UNITS = {"PXDE": "decade", "PXCE": "century", "PXQ": "quarter"}
# Far enough that a value read against it differs from one read against the anchor,
# unless the expression names its own date.
_PROBE_DAYS = 4000


def resolve_against(tv: TimeValue, anchor: date | str, direction: int = 0) -> TimeValue:
    """``tv`` resolved against ``anchor`` instead of the publication date (see the module doc)."""
    day, grain, anchor_value = _read_anchor(anchor)
    if tv.type == "SET":
        return tv
    if day is None:
        return _unresolved(tv, anchor_value)
    if tv.type == "DURATION":
        return _offset(tv, day, grain, anchor_value, direction)
    return _reread(tv, day, grain, anchor_value, direction)


def _read_anchor(anchor: date | str) -> tuple[date | None, str, str]:
    """The anchor's first day, its granularity and its TIMEX3 value."""
    if isinstance(anchor, date):
        return anchor, "day", anchor.isoformat()
    first, _ = N.bounds(anchor, None)
    return _iso(first), N.granularity(anchor) or "day", anchor


def _iso(day: str | None) -> date | None:
    try:
        return date.fromisoformat(day) if day else None
    except ValueError:  # "0000-01-01" from a year no date holds
        return None


def _result(tv: TimeValue, value: str, anchor_value: str, how: str, day: date | None) -> TimeValue:
    earliest, latest = N.bounds(value, day)
    return dataclasses.replace(
        tv,
        type="TIME" if tv.type == "TIME" and "T" in value else "DATE",
        value=value,
        earliest=earliest,
        latest=latest,
        anchor=anchor_value,
        rule=f"against:{how}:{tv.rule}",
        granularity=N.granularity(value),
    )


def _unresolved(tv: TimeValue, anchor_value: str) -> TimeValue:
    grain = tv.granularity or "day"
    letter = {"week": "W", "month": "M", "quarter": "Q", "year": "Y", "decade": "DE", "century": "CE"}.get(grain, "D")
    value = tv.value if tv.type == "DURATION" else N.UNDERSPECIFIED[letter]
    return dataclasses.replace(
        tv,
        value=value,
        earliest=None,
        latest=None,
        anchor=anchor_value,
        rule=f"against:unresolved:{tv.rule}",
        granularity=None if tv.type == "DURATION" else grain,
    )


def _coarsen(value: str, grain: str) -> str:
    """The value at the anchor's granularity when it is finer than the anchor."""
    own = N.granularity(value)
    if own is None or own not in _GRAINS or _GRAINS.index(own) >= _GRAINS.index(grain):
        return value
    if own == "time" and grain == "day":
        return value  # the anchor gives the day, the text the time of day
    first = _iso(N.bounds(value, None)[0])
    return N.at_granularity(first, grain) if first else value


# ---- DATE and TIME: the expression re-read with the anchor as its reference ---------------------


def _pattern_of(tv: TimeValue) -> str:
    rule = tv.rule
    while rule.startswith("against:"):
        rule = rule.split(":", 2)[2]
    return rule.split("|", 1)[0]


def _read_with(tv: TimeValue, day: date, direction: int) -> str | None:
    """The expression's value with ``day`` as its reference date (ANAPHOR values counted from it)."""
    ctx = Ctx(tv.text, day, lambda off, modal=0: direction, trusted=True)
    found = match_at(ctx, _pattern_of(tv))
    if found is None:
        return None
    if found.value.startswith("ANAPHOR:"):
        _, unit, off, *_later = found.value.split(":")
        return "ANAPHOR=" + anaphor_value(unit, int(off), day.isoformat(), day)
    return found.value


def _probe_day(day: date) -> date:
    return N.add_days(day, -_PROBE_DAYS) or N.add_days(day, _PROBE_DAYS) or day


def _reread(tv: TimeValue, day: date, grain: str, anchor_value: str, direction: int) -> TimeValue:
    value = _read_with(tv, day, direction)
    if value is None:
        return _result(tv, tv.value, anchor_value, "unchanged", day)
    if value.startswith("ANAPHOR="):
        return _result(tv, _coarsen(value[len("ANAPHOR=") :], grain), anchor_value, "anaphor", day)
    if value not in _REFS and value == tv.value and value == _read_with(tv, _probe_day(day), direction):
        return _result(tv, value, anchor_value, "absolute", day)
    return _result(tv, _coarsen(value, grain), anchor_value, "relative", day)


# ---- DURATION: a span before or after the anchor -------------------------------------------------


def _offset(tv: TimeValue, day: date, grain: str, anchor_value: str, direction: int) -> TimeValue:
    if direction == 0:
        return _unresolved(tv, anchor_value)
    parts = _duration_parts(tv.value)
    if parts is None:
        return _open_offset(tv, day, grain, anchor_value, direction)
    moved = _move(day, parts, direction)
    if moved is None:
        return _unresolved(dataclasses.replace(tv, type="DATE", granularity=_duration_grain(parts)), anchor_value)
    value = _coarsen(N.at_granularity(moved, _duration_grain(parts)), grain)
    return _result(tv, value, anchor_value, "offset", day)


def _duration_parts(value: str) -> dict[str, int] | None:
    """ "P1D" -> {"D": 1}, "P2Y6M" -> {"Y": 2, "MO": 6}, "PT20H" -> {"H": 20}; None when a count is unknown."""
    m = _DURATION.match(value)
    if m is None or value in ("P", "PT"):
        return None
    parts = {k: v for k, v in m.groupdict().items() if v is not None}
    if not parts or any(v == "X" for v in parts.values()):
        return None
    return {k: int(v) for k, v in parts.items()}


def _duration_grain(parts: dict[str, int]) -> str:
    """The finest unit the duration names, as a granularity of dates (hours fall on a day)."""
    if any(k in parts for k in ("W", "D", "H", "MI", "S")):
        return "day"
    return "month" if "MO" in parts else "year"


def _move(day: date, parts: dict[str, int], direction: int) -> date | None:
    sign = 1 if direction > 0 else -1
    d: date | None = N.add_months(day, sign * (12 * parts.get("Y", 0) + parts.get("MO", 0)))
    if d is None:
        return None
    try:
        delta = timedelta(
            weeks=parts.get("W", 0),
            days=parts.get("D", 0),
            hours=parts.get("H", 0),
            minutes=parts.get("MI", 0),
            seconds=parts.get("S", 0),
        )
        return d + sign * delta
    except OverflowError:
        return None


def _open_offset(tv: TimeValue, day: date, grain: str, anchor_value: str, direction: int) -> TimeValue:
    """ "days later": after the anchor by an unknown span; only the bound on the anchor's side is known."""
    unit = _SPAN_UNITS.get(tv.value) or _open_grain(tv.value)
    letter = {"month": "M", "year": "Y", "decade": "DE", "century": "CE", "quarter": "Q"}.get(unit, "D")
    _, anchor_last = N.bounds(anchor_value, day)
    first = day.isoformat()
    earliest, latest = (first, None) if direction > 0 else (None, anchor_last or first)
    return dataclasses.replace(
        tv,
        type="DATE",
        value=N.UNDERSPECIFIED[letter],
        earliest=earliest,
        latest=latest,
        anchor=anchor_value,
        rule=f"against:offset-open:{tv.rule}",
        granularity=unit,
    )


def _open_grain(value: str) -> str:
    if value.startswith("PT") or value.endswith(("D", "W")):
        return "day"
    return "year" if value.endswith("Y") else "month"
