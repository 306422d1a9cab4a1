"""Tolerances (data/tolerances.yaml) and small shared helpers for the checks."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import yaml

from ..types import Citation, ParsedDoc, Quantity

DATA = Path(__file__).parent / "data"
M_PER_MILE = 1609.344
M_PER_KM = 1000.0


@functools.lru_cache(maxsize=1)
def tolerances() -> dict:
    return yaml.safe_load((DATA / "tolerances.yaml").read_text(encoding="utf-8"))


def bounds(value: float, mod: str | None) -> tuple[float, float]:
    """The interval a stated figure allows, from its modifier."""
    rel = tolerances()["relative_uncertainty"]
    u = rel.get(mod or "EXACT", rel["EXACT"])
    if isinstance(u, list):
        lo, hi = u
    else:
        lo = hi = u
    # a MAX/AT_MOST figure still carries rounding above it
    return value * (1 - lo), value * (1 + max(hi, rel["EXACT"]))


def cite(parsed: ParsedDoc, *sentences: int) -> tuple[Citation, ...]:
    seen = []
    for s in sentences:
        if s is not None and s not in seen and 0 <= s < len(parsed.sentences):
            seen.append(s)
    return tuple(Citation(parsed.article.doc_id, s, parsed.sentences[s].text) for s in sorted(seen))


def uses_miles(q: Quantity) -> bool:
    return bool(q.unit) and bool(re.search(r"\bmi(le|les)?\b|mph", q.unit.lower()))


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
        vague = tolerances()["kinematics"]["vague_durations"].get(word)
        if not vague:
            return None
        return vague[0] * 3600, vague[1] * 3600, word
    secs = float(n) * _SECONDS[unit]
    lo, hi = bounds(secs, None)
    return lo, hi, f"{n} {_UNIT_WORD[unit]}"
