"""Kinematics: distance, duration and speed a report states together.

K1 ``kinematics.average_vs_top_speed``: distance / duration is an average speed,
which cannot exceed a stated top speed (``kinematics.average_vs_stated_speed``: or
must match a stated average).
K2 ``kinematics.multiplied_distance``: "about three times the distance" at that
average speed gives a duration, which must fit the duration the report gives
for it ("could last days").
"""

from __future__ import annotations

from dataclasses import dataclass

from ..types import Analysis, Check, Quantity
from .config import tolerances
from .rules import bounds, cite, fmt_distance, fmt_hours, fmt_speed, timex_duration_range, uses_miles, verdict


@dataclass(frozen=True)
class Trip:
    distance: Quantity
    duration: Quantity
    avg: float  # m/s
    avg_lo: float
    avg_hi: float


def _is_relative(q: Quantity) -> bool:
    """ "900 miles north of X" locates a place; it is the geography check's claim."""
    return bool(q.measures) and (q.measures or "").startswith("distance ") and q.measures != "distance"


def _last_word(q: Quantity) -> str:
    words = (q.measures or "").split()
    return words[-1].lower() if words else ""


def _same_journey(d: Quantity, t: Quantity) -> bool:
    """Same sentence, or neighbouring sentences when one of them names the journey."""
    gap = abs(t.sentence - d.sentence)
    journey = tolerances().kinematics.journey_words
    return gap == 0 or (gap == 1 and any(_last_word(q) in journey for q in (d, t)))


def trips(analysis: Analysis) -> list[Trip]:
    """Pairs of a distance and a duration stated for the same journey."""
    qs = analysis.quantities
    out = []
    dists = [q for q in qs if q.kind == "distance" and q.si_value and not _is_relative(q)]
    durs = [q for q in qs if q.kind == "duration" and q.si_value]
    for d in dists:
        near = [t for t in durs if _same_journey(d, t)]
        if not near or d.si_value is None:
            continue
        best = min(near, key=lambda t: abs(t.sentence - d.sentence))
        t_si = best.si_value or 1.0
        d_lo, d_hi = bounds(d.si_value, d.mod)
        t_lo, t_hi = bounds(t_si, best.mod)
        out.append(Trip(d, best, d.si_value / t_si, d_lo / t_hi, d_hi / t_lo))
    return out


def _is_max(v: Quantity) -> bool:
    m = v.measures or ""
    return v.mod in ("MAX", "AT_MOST", "LESS_THAN") or "top" in m or "max" in m


def _speed_verdict(tr: Trip, v: Quantity, miles: bool) -> tuple[str, bool, str]:
    """(rule, holds, why) for one trip against one stated speed."""
    avg_txt = fmt_speed(tr.avg, miles)
    range_txt = f"{fmt_speed(tr.avg_lo, miles).split(' (')[0]} to {fmt_speed(tr.avg_hi, miles).split(' (')[0]}"
    said = f"{tr.distance.text} in {tr.duration.text}"
    v_lo, v_hi = bounds(v.si_value or 0.0, v.mod)
    if _is_max(v):
        top = v.measures or "maximum speed"
        if tr.avg_lo <= v_hi:
            why = (
                f"{said} is an average of {avg_txt} ({range_txt} within the stated approximations), which does "
                f"not exceed the {top} of {v.text}: consistent (the average is "
                f"{tr.avg / (v.si_value or 1.0):.0%} of the top speed, normal for stops and slow sections)."
            )
            return "kinematics.average_vs_top_speed", True, why
        why = (
            f"{said} needs an average of at least {fmt_speed(tr.avg_lo, miles)}, faster than the stated "
            f"{v.measures or 'maximum'} of {v.text}: the figures contradict each other."
        )
        return "kinematics.average_vs_top_speed", False, why
    if tr.avg_lo <= v_hi and v_lo <= tr.avg_hi:
        return (
            "kinematics.average_vs_stated_speed",
            True,
            f"{said} is {avg_txt} on average ({range_txt}), matching the stated {v.text}.",
        )
    why = f"{said} is {avg_txt} on average ({range_txt}), but the report states {v.text}."
    return "kinematics.average_vs_stated_speed", False, why


def check_average_vs_top_speed(analysis: Analysis, trip_list: list[Trip]) -> list[Check]:
    window = tolerances().kinematics.speed_window
    speeds = [q for q in analysis.quantities if q.kind == "speed" and q.si_value]
    out = []
    for tr in trip_list:
        near = [v for v in speeds if abs(v.sentence - tr.distance.sentence) <= window]
        if not near:
            continue
        v = min(near, key=lambda q: (abs(q.sentence - tr.distance.sentence), q.mod != "MAX"))
        miles = uses_miles(tr.distance)
        rule, ok, why = _speed_verdict(tr, v, miles)
        computed = (
            f"average {fmt_speed(tr.avg, miles)} = {fmt_distance(tr.distance.si_value or 0.0, miles)} / "
            f"{fmt_hours(tr.duration.si_value or 0.0)}; stated {v.text}"
        )
        claim = f"{tr.distance.text} in {tr.duration.text}; {v.measures or 'speed'} {v.text}"
        cites = cite(analysis.parsed, tr.distance.sentence, tr.duration.sentence, v.sentence)
        out.append(verdict("kinematics", rule, ok, claim, computed, why, cites))
    return out


def _claimed_duration(analysis: Analysis, sentence: int) -> tuple[float, float, str] | None:
    """The duration a sentence gives: a number ("60 hours"), a TIMEX duration
    ("PXD" for "days"), or a bare plural ("could last days") -> (lo s, hi s, text)."""
    for q in analysis.quantities:
        if q.sentence == sentence and q.kind == "duration" and q.si_value:
            lo, hi = bounds(q.si_value, q.mod)
            return lo, hi, q.text
    for t in analysis.times:
        if t.sentence == sentence and t.type == "DURATION":
            r = timex_duration_range(t.value)
            if r:
                return r
    cfg = tolerances().kinematics
    toks = analysis.parsed.sentence_tokens(sentence)
    for k, tok in enumerate(toks):
        w = tok.text.lower()
        prev = toks[k - 1] if k else None
        if w not in cfg.vague_durations or (
            prev is not None and (prev.like_num or prev.text.lower() in cfg.number_words)
        ):
            continue  # "three days" is a counted duration, a Quantity already
        lo, hi = cfg.vague_durations[w]
        return lo * 3600, hi * 3600, w
    return None


def _multiplied(m: Quantity, tr: Trip, claim_dur: tuple[float, float, str] | None) -> tuple[bool | None, str, str]:
    """(holds, computed, why) for "about three times the distance" at the trip's average speed."""
    miles = uses_miles(tr.distance)
    d_si = tr.distance.si_value or 0.0
    k_lo, k_hi = bounds(m.number, m.mod)
    dist = m.number * d_si
    d_lo, d_hi = bounds(d_si, tr.distance.mod)
    t_lo, t_hi = k_lo * d_lo / tr.avg_hi, k_hi * d_hi / tr.avg_lo  # slowest and fastest readings
    computed = (
        f"{m.number:g} x {fmt_distance(d_si, miles)} = {fmt_distance(dist, miles)}; "
        f"at the average {fmt_speed(tr.avg, miles).split(' (')[0]} that is about {fmt_hours(dist / tr.avg)} "
        f"({fmt_hours(t_lo).split(' (')[0]} to {fmt_hours(t_hi).split(' (')[0]})"
    )
    if claim_dur is None:
        return None, computed, f"{computed}; the report gives no duration for it to compare with."
    c_lo, c_hi, c_txt = claim_dur
    span = f"'{c_txt}' ({fmt_hours(c_lo).split(' (')[0]} to {fmt_hours(c_hi).split(' (')[0]})"
    if t_lo <= c_hi and c_lo <= t_hi:
        return True, computed, f"{computed}, which fits {span}: consistent."
    return False, computed, f"{computed}, outside {span}: the figures contradict each other."


def check_multiplied_distance(analysis: Analysis, trip_list: list[Trip]) -> list[Check]:
    cfg = tolerances().kinematics
    out = []
    for m in analysis.quantities:
        if m.kind != "multiplier" or _last_word(m) not in cfg.distance_words:
            continue
        # the distance it multiplies: the closest trip stated before it
        before = [t for t in trip_list if 0 <= m.sentence - t.distance.sentence <= cfg.multiplier_window]
        if not before:
            continue
        tr = max(before, key=lambda t: t.distance.start)
        claim_dur = _claimed_duration(analysis, m.sentence)
        ok, computed, why = _multiplied(m, tr, claim_dur)
        claim = f"{m.text} the {m.measures} ({tr.distance.text})" + (f"; {claim_dur[2]}" if claim_dur else "")
        cites = cite(analysis.parsed, tr.distance.sentence, tr.duration.sentence, m.sentence)
        out.append(verdict("kinematics", "kinematics.multiplied_distance", ok, claim, computed, why, cites))
    return out


def check_kinematics(analysis: Analysis) -> list[Check]:
    tl = trips(analysis)
    return check_average_vs_top_speed(analysis, tl) + check_multiplied_distance(analysis, tl)
