"""TIMEX3 value arithmetic: shifting dates by units, and the days a value covers.

Pure functions on ``datetime.date`` and TIMEX3 value strings; no parsing of text.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


def fmt_date(d: date) -> str:
    return d.isoformat()


def fmt_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def fmt_quarter(d: date) -> str:
    return f"{d.year}-Q{(d.month - 1) // 3 + 1}"


def add_months(d: date, n: int) -> date:
    m = d.month - 1 + n
    y = d.year + m // 12
    m = m % 12 + 1
    return date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def shift(dct: date, unit: str, n: int) -> str:
    """The value ``n`` units from ``dct`` (negative = past), at the unit's granularity."""
    if unit == "D":
        return fmt_date(dct + timedelta(days=n))
    if unit == "W":
        return fmt_week(dct + timedelta(weeks=n))
    if unit == "M":
        return add_months(dct, n).strftime("%Y-%m")
    if unit == "Q":
        return fmt_quarter(add_months(dct, 3 * n))
    if unit == "Y":
        return str(dct.year + n)
    if unit == "DE":
        return f"{(dct.year + 10 * n) // 10}X"
    if unit == "CE":
        return f"{(dct.year + 100 * n) // 100}XX"
    return fmt_date(dct)


def weekday_date(dct: date, weekday: int, direction: int) -> date:
    """The given ISO weekday nearest ``dct``: -1 on/before, +1 on/after, 0 nearest."""
    delta = weekday - dct.isoweekday()
    if direction < 0:
        return dct + timedelta(days=delta if delta <= 0 else delta - 7)
    if direction > 0:
        return dct + timedelta(days=delta if delta >= 0 else delta + 7)
    if delta > 3:
        delta -= 7
    elif delta < -3:
        delta += 7
    return dct + timedelta(days=delta)


def month_year(dct: date, month: int, direction: int) -> int:
    """Year of a bare month name: -1 latest on/before the DCT month, +1 next, 0 same year."""
    if direction < 0 and month > dct.month:
        return dct.year - 1
    if direction > 0 and month < dct.month:
        return dct.year + 1
    return dct.year


def nearest_month_year(dct: date, month: int) -> int:
    """Year putting the month nearest the DCT ("January" said in November is next January)."""
    diff = month - dct.month
    if diff > 6:
        return dct.year - 1
    if diff < -6:
        return dct.year + 1
    return dct.year


_DATE = re.compile(r"^(\d{4})(?:-(\d\d))?(?:-(\d\d))?(?:T.*)?$")
_WEEK = re.compile(r"^(\d{4})-W(\d\d?)(?:-(\d|WE))?$")
_QUARTER = re.compile(r"^(\d{4})-([QH])(\d)$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_DECADE = re.compile(r"^(\d{3})X?$")
_CENTURY = re.compile(r"^(\d{2})(?:XX)?$")


def bounds(value: str, dct: date | None) -> tuple[str | None, str | None]:
    """First and last ISO day a DATE/TIME value covers (None when unknown)."""
    if value == "PRESENT_REF":
        return (dct.isoformat(), dct.isoformat()) if dct else (None, None)
    if value == "PAST_REF":
        return (None, dct.isoformat()) if dct else (None, None)
    if value == "FUTURE_REF":
        return (dct.isoformat(), None) if dct else (None, None)
    m = _DATE.match(value)
    if m:
        y, mo, d = int(m.group(1)), m.group(2), m.group(3)
        if d:
            s = safe_date(y, int(mo), int(d))
            return (s.isoformat(), s.isoformat()) if s else (None, None)
        if mo:
            mo = int(mo)
            if not 1 <= mo <= 12:
                return None, None
            return date(y, mo, 1).isoformat(), date(y, mo, calendar.monthrange(y, mo)[1]).isoformat()
        return f"{y:04d}-01-01", f"{y:04d}-12-31"
    m = _WEEK.match(value)
    if m:
        y, w = int(m.group(1)), int(m.group(2))
        try:
            start = date.fromisocalendar(y, w, 1)
        except ValueError:
            return None, None
        if m.group(3) == "WE":
            return (start + timedelta(days=5)).isoformat(), (start + timedelta(days=6)).isoformat()
        if m.group(3):
            d = start + timedelta(days=int(m.group(3)) - 1)
            return d.isoformat(), d.isoformat()
        return start.isoformat(), (start + timedelta(days=6)).isoformat()
    m = _QUARTER.match(value)
    if m:
        y, kind, n = int(m.group(1)), m.group(2), int(m.group(3))
        span = 3 if kind == "Q" else 6
        first = (n - 1) * span + 1
        last = first + span - 1
        if not 1 <= first <= 12 or last > 12:
            return None, None
        return date(y, first, 1).isoformat(), date(y, last, calendar.monthrange(y, last)[1]).isoformat()
    m = _SEASON.match(value)
    if m:
        y = int(m.group(1))
        a, b = SEASON_MONTHS[m.group(2)]
        yb = y + 1 if b < a else y
        return date(y, a, 1).isoformat(), date(yb, b, calendar.monthrange(yb, b)[1]).isoformat()
    m = _DECADE.match(value)
    if m and len(value) in (3, 4) and not value.isdigit() or m and len(value) == 3:
        d = int(m.group(1)) * 10
        return f"{d:04d}-01-01", f"{d + 9:04d}-12-31"
    m = _CENTURY.match(value)
    if m and len(value) in (2, 4):
        c = int(m.group(1)) * 100
        return f"{c:04d}-01-01", f"{c + 99:04d}-12-31"
    return None, None


def duration_value(n, unit: str, time_part: bool) -> str:
    """``P3Y``, ``PT20H``, ``PXD``; fractional counts go down one unit where TIMEX3 wants it."""
    if n == "X" or n is None:
        num = "X"
    elif isinstance(n, float) and not n.is_integer():
        lower = {
            "H": ("M", 60, True),
            "D": ("H", 24, True),
            "Y": ("M", 12, False),
            "M": ("D", 30, False),
            "W": ("D", 7, False),
        }
        if unit in lower and not (unit == "M" and time_part):
            u2, k, tp = lower[unit]
            whole = int(n)
            frac = round((n - whole) * k)
            if whole:
                if tp and not time_part:
                    return f"P{whole}{unit}T{frac}{u2}"
                return f"P{'T' if time_part else ''}{whole}{unit}{frac}{u2}"
            return f"P{'T' if tp else ''}{frac}{u2}"
        num = f"{n:g}"
    else:
        num = str(int(n))
    if unit == "DE":
        return f"P{int(n) * 10}Y" if num != "X" else "PXDE"
    if unit == "CE":
        return f"P{int(n) * 100}Y" if num != "X" else "PXCE"
    if unit == "Q":
        return f"P{int(n) * 3}M" if num != "X" else "PXQ"
    return f"P{'T' if time_part else ''}{num}{unit}"
