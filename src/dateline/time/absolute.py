"""Handlers of expressions that name the calendar: dates, months, years, decades,
centuries, quarters, seasons, holidays, spoken years.

A year the text leaves out ("September 12", "the third quarter") is the one nearest
the anchor date, moved by tense; one that no date can hold becomes ``XXXX``.
"""

from __future__ import annotations

import functools
import re
from datetime import date

from . import normalize as N
from .base import Ctx, Hit, group
from .lexicon import context_rules
from .words import cap, squash, words


@functools.cache
def _month_context() -> re.Pattern[str]:
    """A word that makes "May"/"March" right after it a month ("in May", "since March")."""
    return re.compile(r"\b(" + "|".join(words().lx.month_context_words) + r")\s*$")


# ---- dates: "September 12, 2023", "12 Sept.", "2023-09-12", "9/12/23", "May 2019" ------------


def h_date(m: re.Match[str], ctx: Ctx) -> Hit | None:
    mon = _month_of(m)
    wd = group(m, "wd")
    if mon is None or (wd and not cap(wd)):
        return None
    day_text = group(m, "day")
    day = int(day_text) if day_text else None
    year_text = group(m, "year")
    if year_text:
        y = _written_year(year_text)
    elif day is not None and ctx.dct is None:
        return Hit("DATE", f"XXXX-{mon:02d}-{day:02d}") if 1 <= day <= 31 else None
    elif day is not None and ctx.dct is not None:
        y = _year_of_month_day(m, ctx, ctx.dct, mon, day)
    else:
        return None
    if y is None:
        return None
    return _calendar_date(y, mon, day, words().posmod(group(m, "pos")))


def _month_of(m: re.Match[str]) -> int | None:
    """The month a date names, by name (which must be capitalized) or by number."""
    name = group(m, "mon")
    if name:
        return words().month_no(name) if cap(name) else None
    return int(m.group("monn"))


def _written_year(text: str) -> int | None:
    """ "1998", "nineteen ninety-eight", or two digits ("98" -> 1998, "05" -> 2005)."""
    y = words().year_value(text)
    if y is not None and y < 100:
        y += 1900 if y > 30 else 2000
    return y


def _year_of_month_day(m: re.Match[str], ctx: Ctx, dct: date, mon: int, day: int) -> int:
    """The occurrence nearest the anchor date: news leans to the past (a date up to eight
    months back stays in this year), unless tense says a date more than two months
    away is in the other direction."""
    y = dct.year
    cand = N.safe_date(y, mon, day)
    if cand is None:
        return y
    d = ctx.direction(m.start("mon") if group(m, "mon") else m.start())
    ahead = (cand - dct).days
    yc = context_rules().year_choice
    if ahead > yc.ahead_days or (d < 0 and ahead > yc.tense_days):
        return y - 1
    if ahead < -yc.behind_days or (d > 0 and ahead < -yc.tense_days):
        return y + 1
    return y


def _calendar_date(y: int, mon: int, day: int | None, mod: str | None) -> Hit | None:
    """``YYYY-MM[-DD]``; None for a day the month does not have; the year unknown when out of range."""
    known = N.in_range(y)
    # a leap year stands in for a year no date holds, so that only the day is checked
    if day is not None and N.safe_date(y if known else 2000, mon, day) is None:
        return None
    year = f"{y:04d}" if known else "XXXX"
    if day is None:
        return Hit("DATE", f"{year}-{mon:02d}", mod)
    return Hit("DATE", f"{year}-{mon:02d}-{day:02d}", mod)


def date_of_month_day(dct: date, mon: int, day: int) -> str | None:
    """ISO date for a month and day without a year, in the year nearest the anchor."""
    y = dct.year
    cand = N.safe_date(y, mon, day)
    if cand is None:
        return None
    ahead = (cand - dct).days
    limit = context_rules().year_choice.clock_days
    if ahead > limit:
        y -= 1
    elif ahead < -limit:
        y += 1
    return f"{y:04d}-{mon:02d}-{day:02d}" if N.in_range(y) else f"XXXX-{mon:02d}-{day:02d}"


# ---- months: "August", "last March", "early September" ------------------------------------


def h_month(m: re.Match[str], ctx: Ctx) -> Hit | None:
    name = m.group("mon")
    if not _month_name_is_a_date(m, ctx, name):
        return None
    mon = words().month_no(name)
    mod = words().posmod(group(m, "pos"))
    if ctx.dct is None:
        return Hit("DATE", f"XXXX-{mon:02d}", mod)
    rel = (group(m, "rel") or "").lower().split()[-1:] or [""]
    y = _year_of_month(m, ctx, ctx.dct, mon, rel[0])
    return Hit("DATE", f"{y:04d}-{mon:02d}" if N.in_range(y) else f"XXXX-{mon:02d}", mod)


def _month_name_is_a_date(m: re.Match[str], ctx: Ctx, name: str) -> bool:
    """Capitalized, not part of a name ("August Wilson"); the modal "May" and the verb
    "March" open sentences, so those two need a date word before them."""
    if not cap(name):
        return False
    if name.lower() in ("may", "march") and not (group(m, "rel") or group(m, "pos")) and not ctx.trusted:
        before = ctx.text[max(0, m.start() - 12) : m.start()].lower()
        if not _month_context().search(before):
            return False
    return not ctx.is_person(m.start("mon"))


def _year_of_month(m: re.Match[str], ctx: Ctx, dct: date, mon: int, rel: str) -> int:
    if rel in ("last", "past", "previous"):
        return dct.year if mon < dct.month else dct.year - 1
    if rel in ("next", "coming"):
        return dct.year if mon > dct.month else dct.year + 1
    if rel == "this":
        return dct.year
    # tense moves a bare month across the year boundary; without tense, the nearest one
    d = ctx.direction(m.start("mon"))
    if d == 0:
        return N.nearest_month_year(dct, mon)
    if d < 0 and mon > dct.month + 1:
        return dct.year - 1
    if d > 0 and mon < dct.month - 1:
        return dct.year + 1
    return dct.year


# ---- years, decades, centuries -----------------------------------------------------------------


def h_year(m: re.Match[str], ctx: Ctx) -> Hit | None:
    fy = (group(m, "fy") or "").lower()
    y = int(m.group("year"))
    if fy.strip() == "the":
        after = ctx.text[m.end() : m.end() + 9].lower()
        if after.startswith((" period", " quarter")):  # "the 1988 period": the reporting period
            return Hit("DATE", f"{y:04d}", None, m.start(), m.end() + len(after.split()[0]) + 1)
        return Hit("DATE", f"{y:04d}", None, m.start("year"), m.end())  # "the 1996 law": just the year
    pos, prepost = group(m, "pos"), (group(m, "prepost") or "").lower()
    if not (fy or pos or prepost) and ctx.is_count(m.start("year")):
        return None
    mod = words().posmod(pos)
    if prepost:
        mod = "BEFORE" if prepost == "pre" else "AFTER"
    return Hit("DATE", f"{y:04d}", mod)


def h_decade(m: re.Match[str], ctx: Ctx) -> Hit | None:
    spelled = group(m, "decw")
    if spelled:
        d = words().lx.decades[spelled.lower()]
    else:
        s = m.group("dec")
        d = 1900 + int(s[1:]) if s.startswith("'") else int(s)
    return Hit("DATE", f"{d // 10}", words().posmod(group(m, "pos")))


def h_century(m: re.Match[str], ctx: Ctx) -> Hit | None:
    c = int(m.group("ord")) - 1
    return Hit("DATE", f"{c:02d}", words().posmod(group(m, "pos")))


def h_spokenyear(m: re.Match[str], ctx: Ctx) -> Hit | None:
    """ "nineteen ninety-four", "the year two thousand and one"."""
    century = group(m, "c")
    if century:
        t = words().num(m.group("t"))
        if not isinstance(t, int | float) or t < 10:
            return None
        return Hit("DATE", f"{(19 if century.lower() == 'nineteen' else 20) * 100 + t}")
    ones = group(m, "o")
    o = words().num(ones) if ones else 0
    return Hit("DATE", f"{2000 + o}") if isinstance(o, int) else None


# ---- quarters and halves: "the third quarter", "the year-ago period", "fiscal 1990's 2nd half" ----


def h_quarter(m: re.Match[str], ctx: Ctx) -> Hit | None:
    qt = _calendar_period(m, ctx)
    if qt is None:
        return None
    rel = (group(m, "rel") or "").lower()
    qn = group(m, "qn")
    letter = "Q" if qt == "quarter" else "H"
    n = words().lx.ordinals[qn.lower()] if qn else None
    yr = group(m, "yr") or group(m, "yr3") or group(m, "year") or group(m, "year2")
    y = _quarter_year(yr, ctx.dct)
    if y is None:
        return Hit("DATE", f"XXXX-{letter}{n or 'X'}")
    if n is None:
        return _relative_quarter(ctx.dct, y, letter, rel)
    if not yr and ctx.dct is not None:
        cur = _current_period(ctx.dct, letter)
        if n > cur and ctx.direction(m.start()) < 0:
            y -= 1
        if rel in words().lx.quarter_relations.year_before:
            y -= 1
    return Hit("DATE", _period_value(y, letter, n))


def _calendar_period(m: re.Match[str], ctx: Ctx) -> str | None:
    """ "quarter" or "half" when the match names a calendar period; None for "the first
    half of the game", a bare "quarter", or a "period" that is not a reporting one."""
    qt = m.group("qt").lower()
    rel = (group(m, "rel") or "").lower()
    qn = group(m, "qn")
    if qt == "period":
        if qn or rel not in words().lx.quarter_relations.reporting:
            return None
        qt = "quarter"
    after = ctx.text[m.end() : m.end() + 4].lower()
    if not qn and not rel and (not m.group(0).lower().startswith("the ") or after.startswith(" of")):
        return None
    if not qn and qt == "half":
        return None
    if after == " of " and not group(m, "year"):
        nxt = ctx.text[m.end() + 4 : m.end() + 20].lower()
        if not re.match(r"(the\s+|this\s+|last\s+|next\s+)?(year|fiscal)", nxt):
            return None
    return qt


def _quarter_year(yr: str | None, dct: date | None) -> int | None:
    """The year of "1990's first quarter", "the first quarter of last year", or the anchor's."""
    if not yr:
        return dct.year if dct else None
    yl = yr.lower()
    if yl[:4].isdigit():
        return int(yl[:4])
    if dct is None:
        return None
    return dct.year + (-1 if yl.startswith("last") else 1 if yl.startswith("next") else 0)


def _current_period(dct: date, letter: str) -> int:
    return (dct.month - 1) // 3 + 1 if letter == "Q" else (dct.month - 1) // 6 + 1


def _relative_quarter(dct: date | None, y: int, letter: str, rel: str) -> Hit | None:
    """ "the latest quarter", "the year-ago period": counted from the anchor's quarter."""
    if dct is None:
        return None
    qr = words().lx.quarter_relations
    span = 4 if letter == "Q" else 2
    k = 0 if rel in qr.same else 1 if rel == "next" else -1
    idx = (y * span + _current_period(dct, letter) - 1) + k
    if rel in qr.year_before or rel in qr.comparable:
        idx -= span
    y, n = divmod(idx, span)
    return Hit("DATE", _period_value(y, letter, n + 1))


def _period_value(y: int, letter: str, n: int) -> str:
    return f"{y:04d}-{letter}{n}" if N.in_range(y) else f"XXXX-{letter}{n}"


# ---- seasons: "last summer", "the winter of 1994", "fall 2019" -------------------------------


def h_season(m: re.Match[str], ctx: Ctx) -> Hit | None:
    s = m.group("season").lower()
    rel = (group(m, "rel") or "").lower()
    yr = group(m, "year") or group(m, "year2")
    if not _season_is_a_date(m, ctx, s, rel, yr):
        return None
    code = words().lx.seasons[s]
    mod = words().posmod(group(m, "pos"))
    if yr:
        y = words().year_value(yr)
        return Hit("DATE", f"{y}-{code}", mod) if y else None
    if ctx.dct is None:
        return Hit("DATE", f"XXXX-{code}", mod)
    y = _season_year(m, ctx, ctx.dct, N.SEASON_MONTHS[code][0], rel)
    return Hit("DATE", f"{y:04d}-{code}" if N.in_range(y) else f"XXXX-{code}", mod)


def _season_is_a_date(m: re.Match[str], ctx: Ctx, s: str, rel: str, yr: str | None) -> bool:
    """A season needs a year, a relation or "the"; "fall" is a verb unless it has one of
    those (and "the fall of" is a collapse, not autumn)."""
    the_or_pos = group(m, "the") or group(m, "pos")
    if not (rel or yr or the_or_pos):
        return False
    if s == "fall" and not yr:
        after = ctx.text[m.end() : m.end() + 4].lower()
        if after.startswith(" of") or not (rel or the_or_pos):
            return False
    return True


def _season_year(m: re.Match[str], ctx: Ctx, dct: date, start_month: int, rel: str) -> int:
    y = dct.year
    if rel in ("last", "past"):
        return y - 1 if start_month >= dct.month else y
    if rel in ("next", "coming"):
        return y + 1 if start_month <= dct.month else y
    if not rel and ctx.direction(m.start("season")) < 0 and start_month > dct.month:
        return y - 1
    return y


# ---- holidays: "Christmas", "Thanksgiving", "Election Day" ------------------------------------


def h_holiday(m: re.Match[str], ctx: Ctx) -> Hit | None:
    written = m.group("hol")
    h = squash(written)
    if not cap(written):
        return None
    if h.startswith("election") and not written.split()[-1][0].isupper():
        return None  # "Election day" in a title is fine, "election day" is generic
    holidays = words().lx.holidays
    if ctx.dct is None:
        return Hit("DATE", "XXXX-" + holidays.get(h, "11-XX"))  # Thanksgiving, Election Day: November
    dct = ctx.dct
    days = [d for y in (dct.year - 1, dct.year, dct.year + 1) if (d := _holiday_in(h, y)) is not None]
    if not days:
        return Hit("DATE", "XXXX-" + holidays.get(h, "11-XX"))
    best = min(days, key=lambda d: abs((d - dct).days))
    return Hit("DATE", best.isoformat())


def _holiday_in(h: str, y: int) -> date | None:
    if not N.in_range(y):
        return None
    if h.startswith("thanksgiving"):  # fourth Thursday of November
        nov1 = date(y, 11, 1)
        return N.add_days(nov1, (3 - nov1.weekday()) % 7 + 21)
    if h.startswith("election"):  # US: the Tuesday after the first Monday of November
        nov1 = date(y, 11, 1)
        return N.add_days(nov1, (0 - nov1.weekday()) % 7 + 1)
    month, day = map(int, words().lx.holidays[h].split("-"))
    return N.safe_date(y, month, day)


def h_yearago(m: re.Match[str], ctx: Ctx) -> Hit | None:
    """ "year-earlier", "year-ago": last year, or that quarter a year before in a quarterly report."""
    if ctx.dct is None:
        return Hit("DATE", "XXXX")
    if quarter_context(ctx):
        return Hit("DATE", last_quarter_year_ago(ctx.dct))
    y = ctx.dct.year - 1
    return Hit("DATE", f"{y:04d}" if N.in_range(y) else "XXXX")


def quarter_context(ctx: Ctx) -> bool:
    """Financial reporting: "a year ago" next to "the third quarter" means that quarter a year before."""
    return "quarter" in ctx.text.lower()


def last_quarter_year_ago(dct: date) -> str:
    idx = dct.year * 4 + (dct.month - 1) // 3 - 1 - 4
    return _period_value(idx // 4, "Q", idx % 4 + 1)
