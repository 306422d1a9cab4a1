"""Small helpers every check shares: the interval a stated figure allows, citations, and
how figures are written in a verdict."""

from __future__ import annotations

import math
import re
from datetime import date

from ..types import Analysis, Check, Citation, ParsedDoc, Place, Quantity
from .config import confidence, tolerances

M_PER_MILE = 1609.344
M_PER_KM = 1000.0


def bounds(value: float, mod: str | None) -> tuple[float, float]:
    """The interval a stated figure allows, from its modifier."""
    rel = tolerances().relative_uncertainty
    lo, hi = rel.get(mod or "EXACT", rel["EXACT"])
    # a MAX/AT_MOST figure still carries rounding above it
    return value * (1 - lo), value * (1 + max(hi, rel["EXACT"][1]))


def rounding_bounds(number: float, mod: str | None) -> tuple[float, float]:
    """The interval a written number stands for: half a unit of its last significant
    digit ("17" is 16.5-17.5, "40" 35-45, "11.8" 11.75-11.85), widened by its modifier."""
    step = precision_step(number)
    lo, hi = number - step / 2, number + step / 2
    if mod in ("APPROX", "MORE_THAN", "AT_LEAST", "LESS_THAN", "AT_MOST"):
        b_lo, b_hi = bounds(number, mod)
        lo, hi = min(lo, b_lo), max(hi, b_hi)
    return lo, hi


def stated_bounds(si_value: float, per_unit: float, mod: str | None) -> tuple[float, float]:
    """The interval (in SI) a figure written in a unit stands for: its rounding ("30 miles" is
    25-35 miles; half a unit of the last significant digit, at most ``rounding_cap`` of the
    figure, so "1,000 miles" is not 500-1,500) widened by its modifier."""
    n = round(si_value / per_unit, 3)  # 48280.3 m / 1609.344 is 30 miles, not 29.99998
    half = min(precision_step(n) / 2, abs(n) * tolerances().geography.rounding_cap)
    b_lo, b_hi = bounds(n, mod)
    return min(n - half, b_lo) * per_unit, max(n + half, b_hi) * per_unit


def precision_step(number: float) -> float:
    """The unit of a written number's last significant digit (trailing zeros of a whole
    number are read as rounding: 100 -> 100, 12.5 -> 0.1)."""
    x = abs(number)
    if x == 0:
        return 1.0
    if x != math.floor(x):
        decimals = len(f"{x:.6f}".rstrip("0").split(".")[1])
        return 10.0**-decimals
    n, step = int(x), 1.0
    while n % 10 == 0 and n >= 10:
        n //= 10
        step *= 10
    return step


def cite(parsed: ParsedDoc, *sentences: int | None) -> tuple[Citation, ...]:
    seen: list[int] = []
    for s in sentences:
        if s is not None and s not in seen and 0 <= s < len(parsed.sentences):
            seen.append(s)
    return tuple(Citation(parsed.article.doc_id, s, parsed.sentences[s].text) for s in sorted(seen))


def cite_one(a: Analysis, sentence: int) -> Citation:
    return Citation(a.article.doc_id, sentence, a.parsed.sentences[sentence].text)


def verdict(
    kind: str,
    rule: str,
    ok: bool | None,
    claim: str,
    computed: str,
    why: str,
    citations: tuple[Citation, ...],
    scale: float = 1.0,
) -> Check:
    """A Check with the rule's base confidence (scaled by how sure this one comparison is);
    ``ok`` None is an unverifiable verdict."""
    word = "unverifiable" if ok is None else ("consistent" if ok else "inconsistent")
    conf = round(min(1.0, max(0.0, confidence(rule) * scale)), 2)
    return Check(kind, word, claim, computed, rule, why, citations, conf)


def latlon(p: Place) -> tuple[float, float]:
    """A located place's coordinates; callers keep only places the geo stage resolved."""
    if p.lat is None or p.lon is None:
        raise ValueError(f"{p.name}: no coordinates")
    return p.lat, p.lon


def published(a: Analysis) -> date | None:
    return a.article.published


def uses_miles(q: Quantity) -> bool:
    return bool(q.unit) and bool(re.search(r"\bmi(le|les)?\b|mph", (q.unit or "").lower()))


def fmt_distance(m: float, miles: bool) -> str:
    km = m / M_PER_KM
    mi = m / M_PER_MILE
    return f"{mi:,.0f} mi ({km:,.0f} km)" if miles else f"{km:,.0f} km ({mi:,.0f} mi)"


def fmt_speed(ms: float, miles: bool) -> str:
    mph = ms * 3600 / M_PER_MILE
    kmh = ms * 3.6
    return f"{mph:,.2f} mph ({kmh:,.1f} km/h)" if miles else f"{kmh:,.1f} km/h ({mph:,.1f} mph)"


def fmt_hours(s: float) -> str:
    h = s / 3600
    if h >= 36:
        return f"{h:,.0f} hours ({h / 24:.1f} days)"
    return f"{h:,.1f} hours"


def fmt_num(x: float) -> str:
    """A figure as a reader writes it: 21.75, 1,305, 0.5."""
    if x == int(x):
        return f"{int(x):,}"
    return f"{x:,.4g}" if abs(x) < 1000 else f"{x:,.0f}"


_TIMEX_DUR = re.compile(r"^P(?:(\d+(?:\.\d+)?|X)([YMWD]))?(?:T(\d+(?:\.\d+)?|X)([HMS]))?$")
_UNIT_WORD = {"Y": "years", "M": "months", "W": "weeks", "D": "days", "TH": "hours", "TM": "minutes", "TS": "seconds"}
_SECONDS = {"Y": 365.25 * 86400, "M": 30.44 * 86400, "W": 7 * 86400, "D": 86400, "TH": 3600, "TM": 60, "TS": 1}


def timex_duration_range(value: str) -> tuple[float, float, str] | None:
    """TIMEX3 duration -> (min s, max s, label). "PXD" is the vague "days"."""
    m = _TIMEX_DUR.match(value or "")
    if not m or not (m.group(1) or m.group(3)):
        return None
    n, unit = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), "T" + m.group(4))
    if n == "X":
        word = _UNIT_WORD[unit]
        vague = tolerances().kinematics.vague_durations.get(word)
        if not vague:
            return None
        return vague[0] * 3600, vague[1] * 3600, word
    secs = float(n) * _SECONDS[unit]
    lo, hi = bounds(secs, None)
    return lo, hi, f"{n} {_UNIT_WORD[unit]}"


def iso_day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
