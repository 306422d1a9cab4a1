"""Handlers of expressions counted from the anchor date: "yesterday", "last week", "the
following year", "Tuesday", "two days ago", "that day", "now".

The anchor is ``Ctx.dct``: the publication date in the stage, another date through
:func:`dateline.time.resolve_against`. Expressions that count from the last date the
text mentioned ("that year", "the next day") come out as ``ANAPHOR:unit:offset`` ("two days
later": ``ANAPHOR:day:2:later``) and are resolved in ``extract.py``, which knows that date.
"""

from __future__ import annotations

import re
from datetime import date

from . import normalize as N
from .absolute import last_quarter_year_ago, quarter_context
from .base import Ctx, Hit, group, sentence_start
from .words import cap, squash, words

_UNIT_LETTER = {"week": "W", "month": "M", "year": "Y", "decade": "DE", "century": "CE", "quarter": "Q"}
_UNKNOWN_UNIT = {
    "week": "XXXX-WXX",
    "weekend": "XXXX-WXX-WE",
    "month": "XXXX-XX",
    "year": "XXXX",
    "quarter": "XXXX-QX",
}
_ANAPHOR_UNITS = ("day", "week", "month", "year")


def _day_value(dct: date, off: int) -> str:
    d = N.add_days(dct, off)
    return "XXXX-XX-XX" if d is None else d.isoformat()


def _weekend_value(d: date | None) -> str:
    return "XXXX-WXX-WE" if d is None else N.fmt_week(d) + "-WE"


# ---- "today", "yesterday", "last night", "this morning" ---------------------------------------


def h_relday(m: re.Match[str], ctx: Ctx) -> Hit | None:
    w = squash(m.group("w"))
    pod = (group(m, "pod") or "").lower()
    off = _relday_offset(w, pod)
    if off is None:
        return None
    if ctx.dct is None:
        return Hit("DATE", "PRESENT_REF") if w == "today" else Hit("DATE", "XXXX-XX-XX")
    d = _day_value(ctx.dct, off)
    if pod and w != "tonight":
        return Hit("TIME", f"{d}T{words().lx.parts_of_day.get(pod or 'night', 'NI')}")
    return Hit("DATE", d)


def _relday_offset(w: str, pod: str) -> int | None:
    """Days from the anchor; "this"/"last" only with a part of day ("last night", not "last morning")."""
    if w in ("this", "last"):
        if not pod or (w == "last" and pod in ("morning", "afternoon")):
            return None
        return -1 if w == "last" and pod in ("night", "evening") else 0
    return words().lx.relative_days[w]


# ---- "last week", "the following month", "this year", "the weekend" ---------------------------


def h_theweekend(m: re.Match[str], ctx: Ctx) -> Hit | None:
    """ "the weekend": the one just past unless the verb is in the future."""
    dct = ctx.dct
    if dct is None:
        return Hit("DATE", "XXXX-WXX-WE")
    wd = dct.isoweekday()
    if wd < 6 and ctx.direction(m.start()) <= 0:
        return Hit("DATE", _weekend_value(N.add_days(dct, -wd)))
    return Hit("DATE", _weekend_value(dct))


def h_relunit(m: re.Match[str], ctx: Ctx) -> Hit | None:
    written = m.group("unit")
    if written[0].isupper() and not sentence_start(ctx.text, m.start()):
        return None  # ABC's "This Week": a title, not a week
    rel = squash(m.group("rel"))
    unit = written.lower()
    pos = (group(m, "pos") or "").lower()
    mod = {"earlier": "START", "later": "END"}.get(pos) or words().posmod(pos)
    base = rel.replace("the ", "")
    if unit in _ANAPHOR_UNITS and (base in ("following", "previous") or (rel == "the next" and unit == "day")):
        # "the following year", "the next day": relative to the last date mentioned
        return Hit("DATE", f"ANAPHOR:{unit}:{-1 if base == 'previous' else 1}", mod)
    if rel.startswith("the ") and base in ("past", "last", "next", "coming") and unit != "weekend":
        letter, tp, mult = words().unit(unit)  # "the past year": a span, not a date
        return Hit("DURATION", N.duration_value(mult, letter, tp))
    if base == "same" or (unit == "day" and base in ("this", "current")):
        return None
    return _unit_from_anchor(ctx.dct, unit, base, mod)


def _unit_from_anchor(dct: date | None, unit: str, base: str, mod: str | None) -> Hit:
    if unit == "day":
        off = 1 if base in ("next", "following", "coming") else -1
        return Hit("DATE", "XXXX-XX-XX" if dct is None else _day_value(dct, off), mod)
    if dct is None:
        return Hit("DATE", _UNKNOWN_UNIT.get(unit, "XXXX"), mod)
    off = words().lx.relative_offsets[base]
    if unit == "weekend":
        return Hit("DATE", _weekend_value(N.add_days(dct, 7 * off)), mod)
    letter = _UNIT_LETTER[unit]
    return Hit("DATE", N.shift_or_unknown(dct, letter, off), mod)


def h_anaphor(m: re.Match[str], ctx: Ctx) -> Hit | None:
    """ "that year", "later that day": the last date mentioned before, resolved in ``extract``."""
    pos = (group(m, "pos") or "").lower()
    mod = {"earlier": "START", "early": "START", "later": "END", "late": "END"}.get(pos)
    unit = (group(m, "unit") or "day").lower()
    off = 1 if group(m, "next") else 0
    return Hit("DATE", f"ANAPHOR:{unit}:{off}", mod)


def _year_of(dct: date | None) -> str:
    return f"{dct.year:04d}" if dct else "XXXX"


def h_fiscalyear(m: re.Match[str], ctx: Ctx) -> Hit | None:
    text = m.group(0).lower()
    if " current " in text or " latest " in text:
        return Hit("DATE", _year_of(ctx.dct))
    return Hit("DURATION", "P1Y")


def h_theyear(m: re.Match[str], ctx: Ctx) -> Hit | None:
    """ "the year ended June 30" is a year's span (a fiscal year); otherwise
    ("for the year", "earlier in the year") the current year."""
    after = ctx.text[m.end() : m.end() + 8].lower()
    if not group(m, "full") and re.match(r"\s+end(ed|ing)\b", after):
        return Hit("DURATION", "P1Y")
    return Hit("DATE", _year_of(ctx.dct))


# ---- weekdays: "Tuesday", "last Friday", "Monday night", "Tuesdays" -------------------------------


def h_weekday(m: re.Match[str], ctx: Ctx) -> Hit | None:
    wd = m.group("wd")
    if not cap(wd):
        return None
    n = words().weekday_no(wd)
    rel = (group(m, "rel") or "").lower()
    if group(m, "pl"):
        return None if rel else Hit("SET", f"XXXX-WXX-{n}")
    mod = {"early": "START", "late": "END"}.get(rel)
    if ctx.dct is None:
        return Hit("DATE", f"XXXX-WXX-{n}", mod)
    off = words().lx.relative_offsets.get(rel)
    if off is None or (off == 0 and group(m, "pod")):
        # tense decides; "Friday night" is mostly given the day in TimeBank
        d = N.weekday_date(ctx.dct, n, ctx.direction(m.start("wd"), 1) or -1)
    else:
        base = N.add_days(ctx.dct, off)  # "last Tuesday" is before the anchor day, never on it
        d = None if base is None else N.weekday_date(base, n, off)
    return Hit("DATE", "XXXX-XX-XX" if d is None else d.isoformat(), mod)


# ---- "two days ago", "three years earlier", "a week from now" -------------------------------------


def h_ago(m: re.Match[str], ctx: Ctx) -> Hit | None:
    num = group(m, "num")
    n = words().count_with_fractions(num, group(m, "frac"), group(m, "frac2")) if num else "X"
    if n is None:
        return None
    letter, tp, mult = words().unit(m.group("unit"))
    if tp and squash(m.group("dir")) not in ("ago", "from now", "hence"):
        return None  # "an hour later" counts from an event, not the anchor date: a duration
    sign = -1 if m.group("dir").lower() in words().lx.backward_words else 1
    mod = words().mod(group(m, "mod"))
    if ctx.dct is None or isinstance(n, str):
        return Hit("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", mod)
    letter, count = N.whole_units(letter, n * mult)  # "a year and a half ago": 18 months
    k = int(round(float(count)))
    if letter == "Y" and k == 1 and sign < 0 and quarter_context(ctx):
        return Hit("DATE", last_quarter_year_ago(ctx.dct), mod)
    if tp:
        return Hit("DATE", ctx.dct.isoformat(), mod)
    if squash(m.group("dir")) == "later" and letter in _ANAPHOR_UNIT:
        # "one year later", "two days later": counted from the last date told, not from today
        return Hit("DATE", f"ANAPHOR:{_ANAPHOR_UNIT[letter]}:{k}:later", mod)
    return Hit("DATE", N.shift_or_unknown(ctx.dct, letter, sign * k), mod)


_ANAPHOR_UNIT = {"Y": "year", "M": "month", "W": "week", "D": "day"}


def h_ref(m: re.Match[str], ctx: Ctx) -> Hit | None:
    """ "now", "recently", "the future": references without a date."""
    return Hit("DATE", words().lx.refs[squash(m.group("ref"))])
