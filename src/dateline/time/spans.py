"""Handlers of spans and repetitions: durations ("about 20 hours", "the past two years",
"days"), sets ("every year", "weekly", "twice a month")."""

from __future__ import annotations

import re

from . import normalize as N
from .base import Ctx, Hit, group
from .words import cap, squash, words

_YEARLIKE = re.compile(r"(1[5-9]|20)\d\d")


# ---- durations ----------------------------------------------------------------------------------


def h_duration(m: re.Match[str], ctx: Ctx) -> Hit | None:
    raw = (group(m, "num") or "").lower()
    n = words().count_with_fractions(group(m, "num"), group(m, "frac"), group(m, "frac2"))
    if n is None or _not_a_duration(m, ctx, raw):
        return None
    unit = m.group("unit").lower()
    if raw == "some" and not group(m, "mod"):
        n = "X"  # "some days" is vague; keep it but underspecified
    letter, tp, mult = words().unit(unit)
    if not isinstance(n, str):
        n = n * mult
        if isinstance(n, float) and n.is_integer():
            n = int(n)
    rawmod = squash(group(m, "mod"))
    mod = words().mod(rawmod)
    if mod in ("AFTER", "BEFORE"):
        return None
    value = N.duration_value(n, letter, tp)
    if rawmod in ("over", "under", "some") and group(m, "the"):
        # "over the past two years": a preposition, not a modifier
        return Hit("DURATION", value, None, m.start("the"), m.end())
    return Hit("DURATION", value, mod)


def _not_a_duration(m: re.Match[str], ctx: Ctx, raw: str) -> bool:
    """CBS's "60 Minutes" (a title), "a second" (an ordinal), "the 1988 second quarter" (a
    year), "the a ..." and "two quarters of" (a share, not a span)."""
    written = m.group("unit")
    unit = written.lower()
    the = group(m, "the")
    return (
        written[0].isupper()
        or (raw in ("a", "an", "one") and unit == "second")
        or _YEARLIKE.fullmatch(raw) is not None
        or (raw in ("a", "an") and bool(the))
        or (unit.startswith("quarter") and ctx.text[m.end() : m.end() + 4].lower() == " of ")
    )


def h_bareunit(m: re.Match[str], ctx: Ctx) -> Hit | None:
    """ "for days", "in recent weeks", "the coming months": a span of unknown length."""
    pre = squash(m.group("pre"))
    if pre == "recent" and m.group("unit").lower() == "years":
        return None  # "recent years" is a PAST_REF, matched by the ref rule
    letter, tp, _ = words().unit(m.group("unit"))
    value = N.duration_value("X", letter, tp)
    if pre.startswith("the ") or pre in ("recent", "coming"):
        return Hit("DURATION", value)  # extent keeps "the coming"
    return Hit("DURATION", value, None, m.start("unit"), m.end("unit"))


# ---- sets ----------------------------------------------------------------------------------------


def h_set(m: re.Match[str], ctx: Ctx) -> Hit | None:
    adv = group(m, "adv")
    if adv:
        if ctx.is_person(m.start("adv")):  # "the Daily Mail", "New York Daily News"
            return None
        return Hit("SET", words().lx.sets[adv.lower()])
    if group(m, "wd") or group(m, "mon") or group(m, "pod"):
        return _named_set(m)
    num = group(m, "num")
    if m.group("every").lower() == "per" and num:
        return None
    k = words().num(num) if num else 1
    if k is None or isinstance(k, str):
        k = 1
    if group(m, "other"):
        k = 2
    letter, tp, mult = words().unit(m.group("unit"))
    return Hit("SET", N.duration_value(int(k * mult), letter, tp))


def _named_set(m: re.Match[str]) -> Hit | None:
    """ "every Monday", "every March", "every morning" (names must be capitalized)."""
    wd, mon, pod = group(m, "wd"), group(m, "mon"), group(m, "pod")
    if wd:
        return Hit("SET", f"XXXX-WXX-{words().weekday_no(wd)}") if cap(wd) else None
    if mon:
        return Hit("SET", f"XXXX-{words().month_no(mon):02d}") if cap(mon) else None
    return Hit("SET", f"XXXX-XX-XXT{words().lx.parts_of_day[(pod or '').lower()]}")


def h_setfreq(m: re.Match[str], ctx: Ctx) -> Hit | None:
    """ "twice a week": the extent is "a week", the value one week."""
    letter, tp, mult = words().unit(m.group("unit1"))
    return Hit("SET", N.duration_value(mult, letter, tp), None, m.start("a"), m.end())
