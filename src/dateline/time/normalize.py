"""TIMEX3 value arithmetic: shifting dates by units, the days a value covers, its granularity.

Pure functions on ``datetime.date`` and TIMEX3 value strings; no parsing of text.
Arithmetic that would leave the years 1-9999 that ``datetime.date`` holds returns
None (a publication date of 9999-12-31 has no "tomorrow"); callers turn that into an
underspecified value, never an exception.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}
MIN_YEAR, MAX_YEAR = 1, 9999

# The TIMEX3 value that says "a date of this granularity, unknown".
UNDERSPECIFIED = {
    "D": "XXXX-XX-XX",
    "W": "XXXX-WXX",
    "M": "XXXX-XX",
    "Q": "XXXX-QX",
    "Y": "XXXX",
    "DE": "XXX",
    "CE": "XX",
}


def in_range(year: int) -> bool:
    return MIN_YEAR <= year <= MAX_YEAR


def fmt_date(d: date) -> str:
    return d.isoformat()


def fmt_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def fmt_month(d: date) -> str:
    return f"{d.year:04d}-{d.month:02d}"


def fmt_quarter(d: date) -> str:
    return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"


def add_days(d: date, n: int) -> date | None:
    try:
        return d + timedelta(days=n)
    except OverflowError:
        return None


def add_months(d: date, n: int) -> date | None:
    m = d.month - 1 + n
    y = d.year + m // 12
    m = m % 12 + 1
    if not in_range(y):
        return None
    return date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def shift(dct: date, unit: str, n: int) -> str | None:
    """The value ``n`` units from ``dct`` (negative = past), at the unit's granularity.

    None when the result falls outside the years a date can hold.
    """
    if unit in ("D", "W"):
        d = add_days(dct, n * (7 if unit == "W" else 1))
        return None if d is None else (fmt_date(d) if unit == "D" else fmt_week(d))
    if unit in ("M", "Q"):
        d = add_months(dct, n * (3 if unit == "Q" else 1))
        return None if d is None else (fmt_month(d) if unit == "M" else fmt_quarter(d))
    years = {"Y": 1, "DE": 10, "CE": 100}.get(unit)
    if years is None:
        return fmt_date(dct)
    y = dct.year + years * n
    if not in_range(y):
        return None
    return {"Y": f"{y:04d}", "DE": f"{y // 10:03d}X", "CE": f"{y // 100:02d}XX"}[unit]


def shift_or_unknown(dct: date, unit: str, n: int) -> str:
    """:func:`shift`, or the unit's underspecified value when the result is out of range."""
    got = shift(dct, unit, n)
    return UNDERSPECIFIED.get(unit, "XXXX-XX-XX") if got is None else got


def weekday_date(dct: date, weekday: int, direction: int) -> date | None:
    """The given ISO weekday nearest ``dct``: -1 on/before, +1 on/after, 0 nearest."""
    delta = weekday - dct.isoweekday()
    if direction < 0:
        delta = delta if delta <= 0 else delta - 7
    elif direction > 0:
        delta = delta if delta >= 0 else delta + 7
    elif delta > 3:
        delta -= 7
    elif delta < -3:
        delta += 7
    return add_days(dct, delta)


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


_YEAR_FIRST = re.compile(r"^(\d{4,})(?=-|$|T)")


def underspecify_out_of_range(value: str) -> str:
    """A value whose year no date can hold ("0000-05", "10000-Q1") with its year unknown ("XXXX-05")."""
    m = _YEAR_FIRST.match(value)
    if m is None or in_range(int(m.group(1))):
        return value
    return "XXXX" + value[m.end() :]


_DATE = re.compile(r"^(\d{4})(?:-(\d\d))?(?:-(\d\d))?(?:T.*)?$")
_WEEK = re.compile(r"^(\d{4})-W(\d\d?)(?:-(\d|WE))?$")
_QUARTER = re.compile(r"^(\d{4})-([QH])(\d)$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_DECADE = re.compile(r"^(\d{3})X?$")
_CENTURY = re.compile(r"^(\d{2})(?:XX)?$")

Bounds = tuple[str | None, str | None]
_NONE: Bounds = (None, None)


def _days(first: date | None, last: date | None) -> Bounds:
    if first is None or last is None:
        return _NONE
    return first.isoformat(), last.isoformat()


def _month_end(y: int, m: int) -> date | None:
    if not (in_range(y) and 1 <= m <= 12):
        return None
    return date(y, m, calendar.monthrange(y, m)[1])


def _ref_bounds(value: str, dct: date | None) -> Bounds | None:
    if value not in ("PRESENT_REF", "PAST_REF", "FUTURE_REF"):
        return None
    if dct is None:
        return _NONE
    d = dct.isoformat()
    return {"PRESENT_REF": (d, d), "PAST_REF": (None, d), "FUTURE_REF": (d, None)}[value]


def _date_bounds(m: re.Match[str]) -> Bounds:
    y, mo, d = int(m.group(1)), m.group(2), m.group(3)
    if d:
        s = safe_date(y, int(mo), int(d))
        return _days(s, s)
    if mo:
        return _days(safe_date(y, int(mo), 1), _month_end(y, int(mo)))
    return f"{y:04d}-01-01", f"{y:04d}-12-31"


def _week_bounds(m: re.Match[str]) -> Bounds:
    y, w = int(m.group(1)), int(m.group(2))
    try:
        start = date.fromisocalendar(y, w, 1)
    except ValueError:
        return _NONE
    if m.group(3) == "WE":
        return _days(add_days(start, 5), add_days(start, 6))
    if m.group(3):
        d = add_days(start, int(m.group(3)) - 1)
        return _days(d, d)
    return _days(start, add_days(start, 6))


def _quarter_bounds(m: re.Match[str]) -> Bounds:
    y, kind, n = int(m.group(1)), m.group(2), int(m.group(3))
    span = 3 if kind == "Q" else 6
    first = (n - 1) * span + 1
    last = first + span - 1
    if not 1 <= first <= 12 or last > 12:
        return _NONE
    return _days(safe_date(y, first, 1), _month_end(y, last))


def _season_bounds(m: re.Match[str]) -> Bounds:
    y = int(m.group(1))
    a, b = SEASON_MONTHS[m.group(2)]
    yb = y + 1 if b < a else y
    return _days(safe_date(y, a, 1), _month_end(yb, b))


def _span_bounds(value: str) -> Bounds:
    """Decades ("199", "199X") and centuries ("19", "19XX")."""
    m = _DECADE.match(value)
    if m and len(value) in (3, 4) and not value.isdigit() or m and len(value) == 3:
        d = int(m.group(1)) * 10
        return f"{d:04d}-01-01", f"{d + 9:04d}-12-31"
    m = _CENTURY.match(value)
    if m and len(value) in (2, 4):
        c = int(m.group(1)) * 100
        return f"{c:04d}-01-01", f"{c + 99:04d}-12-31"
    return _NONE


def bounds(value: str, dct: date | None) -> Bounds:
    """First and last ISO day a DATE/TIME value covers (None when unknown)."""
    ref = _ref_bounds(value, dct)
    if ref is not None:
        return ref
    for rx, read in ((_DATE, _date_bounds), (_WEEK, _week_bounds), (_QUARTER, _quarter_bounds)):
        m = rx.match(value)
        if m:
            return read(m)
    m = _SEASON.match(value)
    if m:
        return _season_bounds(m)
    return _span_bounds(value)


_GRAIN_SHAPES = (
    (re.compile(r"^[\dX]{4}-[\dX]{2}-[\dX]{2}T\d"), "time"),
    (re.compile(r"^[\dX]{4}-[\dX]{2}-[\dX]{2}"), "day"),
    (re.compile(r"^[\dX]{4}-W[\dX]{1,2}-(?:\d)$"), "day"),
    (re.compile(r"^[\dX]{4}-W[\dX]{1,2}(?:-WE)?$"), "week"),
    (re.compile(r"^[\dX]{4}-[\dX]{2}$"), "month"),
    (re.compile(r"^[\dX]{4}-Q[\dX]$"), "quarter"),
    (re.compile(r"^[\dX]{4}-H[\dX]$"), "half"),
    (re.compile(r"^[\dX]{4}-(?:SP|SU|FA|WI)$"), "season"),
    (re.compile(r"^(?:\d{4}|XXXX)$"), "year"),
    (re.compile(r"^(?:\d{3}X?|XXX)$"), "decade"),
    (re.compile(r"^(?:\d{2}(?:XX)?|XX)$"), "century"),
)


def granularity(value: str | None) -> str | None:
    """The unit a DATE/TIME value names: time | day | week | month | quarter | half | season |
    year | decade | century; None for references (PRESENT_REF), durations and sets."""
    if not value:
        return None
    for rx, grain in _GRAIN_SHAPES:
        if rx.match(value):
            return grain
    return None


def at_granularity(d: date, grain: str | None) -> str:
    """The value of that granularity containing day ``d`` (a day for unknown grains)."""
    if grain == "year":
        return f"{d.year:04d}"
    if grain in ("month", "season", "half"):
        return fmt_month(d)
    if grain == "quarter":
        return fmt_quarter(d)
    if grain == "week":
        return fmt_week(d)
    if grain == "decade":
        return f"{d.year // 10:03d}"
    if grain == "century":
        return f"{d.year // 100:02d}"
    return fmt_date(d)


def duration_value(n: int | float | str | None, unit: str, time_part: bool) -> str:
    """``P3Y``, ``PT20H``, ``PXD``; fractional counts go down one unit, as TimeML writes
    them ("2 1/2 years" P2Y6M, "an hour and a half" PT1H30M, "a day and a half" P1DT12H)."""
    if n == "X" or n is None or isinstance(n, str):
        return _whole_duration("X", unit, time_part)
    if isinstance(n, float) and not n.is_integer():
        if unit in _MULTIPLE:  # 1.5 decades are 15 years, 1.5 quarters 4.5 months
            lower, k = _MULTIPLE[unit]
            return duration_value(_tidy(n * k), lower, False)
        if unit == "W":  # ISO 8601 does not mix weeks with days: 1.5 weeks are 10.5 days
            return duration_value(_tidy(n * 7), "D", False)
        frac = _fractional_duration(n, unit, time_part)
        if frac is not None:
            return frac
        return _whole_duration(f"{n:g}", unit, time_part, n)
    return _whole_duration(str(int(n)), unit, time_part, n)


_MULTIPLE = {"DE": ("Y", 10), "CE": ("Y", 100), "Q": ("M", 3)}

# (unit, time part?) -> (the unit below, how many of it, is that a time part?)
_LOWER = {
    ("M", True): ("S", 60, True),
    ("H", True): ("M", 60, True),
    ("D", False): ("H", 24, True),
    ("Y", False): ("M", 12, False),
    ("M", False): ("D", 30, False),
}


def _tidy(v: float) -> int | float:
    """A float that is a whole number as an int (float noise of ``n * k`` rounded away)."""
    r = round(v, 6)
    return int(r) if r.is_integer() else r


def _fractional_duration(n: float, unit: str, time_part: bool) -> str | None:
    """2.5 days -> P2DT12H, 1.5 hours -> PT1H30M, 0.5 year -> P6M, 1.5 minutes -> PT1M30S."""
    low = _LOWER.get((unit, time_part))
    if low is None:
        return None
    u2, k, tp = low
    whole = int(n)
    frac = round((n - whole) * k)
    if whole:
        if tp and not time_part:
            return f"P{whole}{unit}T{frac}{u2}"
        return f"P{'T' if time_part else ''}{whole}{unit}{frac}{u2}"
    return f"P{'T' if tp else ''}{frac}{u2}"


def whole_units(unit: str, n: int | float | str) -> tuple[str, int | float | str]:
    """A count of ``unit`` in a unit it fills whole where one exists, for date arithmetic
    ("a year and a half ago": 18 months; "a week and a half": 10.5 days stays days)."""
    if isinstance(n, str) or float(n).is_integer():
        return unit, n
    if unit in _MULTIPLE:
        lower, k = _MULTIPLE[unit]
        return whole_units(lower, _tidy(n * k))
    if unit == "Y":
        return "M", _tidy(n * 12)
    if unit == "W":
        return "D", _tidy(n * 7)
    return unit, n


def _whole_duration(num: str, unit: str, time_part: bool, n: int | float = 0) -> str:
    if unit in ("DE", "CE", "Q"):
        if num == "X":
            return f"PX{unit}"
        return f"P{int(n) * {'DE': 10, 'CE': 100, 'Q': 3}[unit]}{'M' if unit == 'Q' else 'Y'}"
    return f"P{'T' if time_part else ''}{num}{unit}"
