"""Durations against the dates a report states (``time.duration_vs_dates``, per document).

"The 10-day trip" against the dated departure and return; "it took 12 years to build"
against the dated start and completion of the same thing. A proposal or announcement
as the start only bounds the work from above.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..types import Analysis, Check, EntityKey, Event, TimeValue
from .config import Interval, tolerances
from .first_since import COUNTED
from .identity import is_pronoun, same_entity
from .rules import bounds, cite_one, iso_day, verdict

_UNIT_DAYS = {"Y": 365.25, "M": 30.44, "W": 7.0, "D": 1.0}
_UNIT_WORD = {"Y": "years", "M": "months", "W": "weeks", "D": "days"}
_TOOK = re.compile(
    r"\b(?:took|take|takes|taken|taking)\s+(?:about\s+|around\s+|some\s+|nearly\s+|almost\s+|more\s+than\s+)?$", re.I
)
_DETERMINER = re.compile(r"^(?:the|a|an|this|that|his|her|their|its)\s+", re.I)


@functools.cache
def _needs() -> dict[str, dict[str, re.Pattern[str]]]:
    """Per interval kind: words an endpoint verb needs right after it ("came into service")."""
    return {
        kind: {k: re.compile(r"^\W*(?:\w+\s+){0,1}" + v, re.I) for k, v in spec.needs.items()}
        for kind, spec in tolerances().time.intervals.items()
    }


def _agent(e: Event) -> tuple[EntityKey | None, str]:
    r = e.role("agent")
    if r is None:
        return None, ""
    return r.entity, r.text.casefold().strip()


def _same_agent(e1: Event, e2: Event) -> bool:
    k1, t1 = _agent(e1)
    k2, t2 = _agent(e2)
    if not t1 or not t2:
        return False
    if k1 and k2:
        return same_entity(k1, k2)
    return t1 == t2 or (is_pronoun(t2) and not k1)


def _entities(e: Event) -> set[EntityKey]:
    return {r.entity for r in e.roles if r.entity}


def _interval_kind(a: Analysis, t: TimeValue) -> tuple[str, str] | None:
    """Which interval a duration measures: ("trip", noun), ("build", verb) or None."""
    cfg = tolerances().time.intervals
    after = a.parsed.text[t.end : t.end + 40]
    m = re.match(r"^\s*(?:-\s*)?(?:long\s+)?([a-z]+)", after, re.I)
    if m:
        w = m.group(1).lower()
        for kind in ("trip", "visit"):
            if w in cfg[kind].nouns or w.rstrip("s") in cfg[kind].nouns:
                return kind, w
    sent = a.parsed.sentences[t.sentence]
    m2 = re.match(r"^\s*to\s+([a-z]+)", after, re.I)
    if m2 and _TOOK.search(a.parsed.text[sent.start : t.start]):
        v = m2.group(1).lower()
        stems = {v, v.rstrip("e"), re.sub(r"(?:ed|ing|s)$", "", v)}
        if any(s in cfg["build"].verbs or s + "e" in cfg["build"].verbs for s in stems):
            return "build", v
    return None


def _endpoint_ok(a: Analysis, e: Event, lemmas: frozenset[str], needs: dict[str, re.Pattern[str]]) -> bool:
    if e.lemma not in lemmas or e.status in ("possible", "negated"):
        return False
    if not (e.time_rule or "").startswith("timex:") or "since" in (e.time_rule or ""):
        return False
    rx = needs.get(e.lemma)
    return rx is None or bool(rx.match(a.parsed.text[e.trigger_end : e.trigger_end + 40]))


def _interval(a: Analysis, t: TimeValue, kind: str, spec: Interval) -> tuple[Event, Event] | None:
    """The one dated start and end the duration spans, nearest first; None when two readings tie."""
    needs = _needs()[kind]
    window = tolerances().time.duration_window
    near = [e for e in a.events if abs(e.sentence - t.sentence) <= window]
    starts = [e for e in near if _endpoint_ok(a, e, spec.start, needs)]
    ends = [e for e in near if _endpoint_ok(a, e, spec.end, needs)]
    pairs = []
    for s in starts:
        for e in ends:
            s0, e1 = iso_day(s.time_earliest), iso_day(e.time_latest)
            if s is e or s0 is None or e1 is None or e1 < s0:
                continue
            tied = _same_agent(s, e) if kind in ("trip", "visit") else bool(_entities(s) & _entities(e))
            if tied:
                pairs.append((abs(s.sentence - t.sentence) + abs(e.sentence - t.sentence), s, e))
    if not pairs:
        return None
    best = min(p[0] for p in pairs)
    pairs = [p for p in pairs if p[0] == best]
    if len({(p[1].time_value, p[2].time_value) for p in pairs}) != 1:
        return None  # two readings of the interval: the parse does not say which
    return pairs[0][1], pairs[0][2]


@dataclass(frozen=True)
class _Span:
    lo: int  # days between the dates, shortest reading
    hi: int  # longest reading, counting both end days
    mid: float
    unit: str
    days: float  # days per unit

    def units(self, days: float) -> str:
        return f"{days / self.days:,.1f}".rstrip("0").rstrip(".")


def _span(s: Event, e: Event, unit: str) -> _Span:
    s0, s1 = iso_day(s.time_earliest), iso_day(s.time_latest)
    e0, e1 = iso_day(e.time_earliest), iso_day(e.time_latest)
    assert s0 and s1 and e0 and e1
    mid = ((e0 - s0).days + (e1 - s1).days) / 2
    return _Span((e0 - s1).days, (e1 - s0).days + 1, mid, unit, _UNIT_DAYS[unit])


def _phrase(a: Analysis, ev: Event, kind: str) -> str:
    """The endpoint verb with the words it needs ("came into service"), and its date."""
    rx = _needs()[kind].get(ev.lemma)
    mm = rx.match(a.parsed.text[ev.trigger_end : ev.trigger_end + 40]) if rx else None
    more = a.parsed.text[ev.trigger_end : ev.trigger_end + mm.end()] if mm else ""
    return f"{ev.trigger}{more} {ev.time_value}"


def _duration_check(a: Analysis, t: TimeValue, kind: str, word: str) -> Check | None:
    cm = COUNTED.match(t.value or "")
    spec = tolerances().time.intervals[kind]
    ends = _interval(a, t, kind, spec) if cm else None
    if cm is None or ends is None:
        return None
    s, e = ends
    n, unit = float(cm.group(1)), cm.group(2)
    sp = _span(s, e, unit)
    r = tolerances().time.count_rounding_units
    b_lo, b_hi = bounds(n * sp.days, t.mod)
    st_lo, st_hi = min(b_lo, (n - r) * sp.days), max(b_hi, (n + r) * sp.days)
    bound_only = s.lemma in spec.bound_only
    stated = _DETERMINER.sub("", t.text.strip())
    s_txt, e_txt = _phrase(a, s, kind), _phrase(a, e, kind)
    between = f"{s_txt} to {e_txt} is {sp.units(max(sp.lo, 0))} to {sp.units(sp.hi)} {_UNIT_WORD[unit]}"
    computed = (
        f"{s_txt} -> {e_txt}: {sp.units(max(sp.lo, 0))} to {sp.units(sp.hi)} {_UNIT_WORD[unit]}"
        + (f" (about {sp.units(sp.mid)})" if unit != "D" else "")
        + f"; stated {stated}"
    )
    fits_upper, fits_lower = st_lo <= sp.hi, bound_only or st_hi >= sp.lo
    if fits_upper and fits_lower:
        why = f"'{stated}' fits the dates the report gives: {between}" + (
            " (the start is a proposal, so the work itself may have been shorter)." if bound_only else "."
        )
    else:
        why = (
            f"'{stated}' is {'longer' if not fits_upper else 'shorter'} than the dates the report gives allow: "
            f"{between}"
            + (", and the stated start comes before the work, so the work took no longer" if bound_only else "")
            + ": the duration and the dates contradict each other."
        )
    cites = tuple(cite_one(a, i) for i in sorted({t.sentence, s.sentence, e.sentence}))
    ok = fits_upper and fits_lower
    return verdict("time", "time.duration_vs_dates", ok, f"{stated} {word}", computed, why, cites)


def check_durations_vs_dates(analysis: Analysis) -> list[Check]:
    out = []
    for t in analysis.times:
        if t.type != "DURATION" or not COUNTED.match(t.value or ""):
            continue
        found = _interval_kind(analysis, t)
        if found is None:
            continue
        c = _duration_check(analysis, t, *found)
        if c is not None:
            out.append(c)
    return out
