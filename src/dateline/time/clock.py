"""Handler of clock times: "6am", "5 p.m. EST Nov. 9", "14:30 GMT", "noon Tuesday"."""

from __future__ import annotations

import re
from datetime import date

from . import normalize as N
from .absolute import date_of_month_day
from .base import Ctx, Hit, group
from .words import cap, words


def h_time(m: re.Match[str], ctx: Ctx) -> Hit | None:
    clock = _clock(m, ctx)
    if clock is None:
        return None
    day = "XXXX-XX-XX" if ctx.dct is None else _day_of_time(m, ctx, ctx.dct)
    if day is None:
        return None
    hh, mi = clock
    return Hit("TIME", f"{day}T{hh:02d}:{mi:02d}", words().mod(group(m, "mod")))


def _clock(m: re.Match[str], ctx: Ctx) -> tuple[int, int] | None:
    """Hours and minutes on a 24-hour clock; None for what is not a time ("13 pm")."""
    named = group(m, "w")
    if named:
        return words().lx.clock_words[named.lower()], 0
    hh = int(m.group("h"))
    mi = int(m.group("mi")) if group(m, "mi") else 0
    ap = (group(m, "ap") or "").lower().replace(".", "")
    if group(m, "ap") is None and not group(m, "tz") and not ctx.trusted:
        # bare 24-hour clock: only after "at" or with a zone
        before = ctx.text[max(0, m.start() - 4) : m.start()].lower()
        if not before.endswith("at ") and not group(m, "mod"):
            return None
    if ap == "pm" and hh < 12:
        hh += 12
    elif ap == "am" and hh == 12:
        hh = 0
    if hh > 24 or (ap in ("am", "pm") and int(m.group("h")) > 12):
        return None
    return hh, mi


def _day_of_time(m: re.Match[str], ctx: Ctx, dct: date) -> str | None:
    """The day a clock time is on: a date or weekday after it, "yesterday", or the anchor day."""
    mon, wd = group(m, "mon"), group(m, "wd")
    if mon:
        if not cap(mon):
            return None
        return date_of_month_day(dct, words().month_no(mon), int(m.group("mday")))
    if wd:
        if not cap(wd):
            return None
        d = N.weekday_date(dct, words().weekday_no(wd), ctx.direction(m.start("wd"), 1) or -1)
    else:
        d = N.add_days(dct, words().lx.relative_days.get((group(m, "day") or "").lower(), 0))
    return "XXXX-XX-XX" if d is None else d.isoformat()
