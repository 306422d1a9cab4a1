"""Kinematics: distance, duration and speed a report states together.

K1 ``kinematics.average_vs_top_speed``: distance / duration is an average speed,
which cannot exceed a stated top speed (or must match a stated average).
K2 ``kinematics.multiplied_distance``: "about three times the distance" at that
average speed gives a duration, which must fit the duration the report gives
for it ("could last days").
"""

from __future__ import annotations

from dataclasses import dataclass

from ..types import Analysis, Check, Quantity
from .rules import bounds, cite, fmt_distance, fmt_hours, fmt_speed, timex_duration_range, tolerances, uses_miles


@dataclass(frozen=True)
class Trip:
    distance: Quantity
    duration: Quantity
    avg: float  # m/s
    avg_lo: float
    avg_hi: float


def _is_relative(q: Quantity) -> bool:
    """ "900 miles north of X" locates a place; it is the geography check's claim."""
    return bool(q.measures) and q.measures.startswith("distance ") and q.measures != "distance"


def trips(analysis: Analysis) -> list[Trip]:
    """Pairs of a distance and a duration stated for the same journey."""
    qs = analysis.quantities
    cfg = tolerances()["kinematics"]
    journey = set(cfg["journey_words"])
    out = []
    dists = [q for q in qs if q.kind == "distance" and q.si_value and not _is_relative(q)]
    durs = [q for q in qs if q.kind == "duration" and q.si_value]
    for d in dists:
        best = None
        for t in durs:
            gap = abs(t.sentence - d.sentence)
            if (
                gap == 0
                or (
                    gap == 1
                    and any(
                        (m or "").split()[-1:] and (m or "").split()[-1].lower() in journey
                        for m in (d.measures, t.measures)
                    )
                )
            ) and (best is None or gap < abs(best.sentence - d.sentence)):
                best = t
        if best is None:
            continue
        d_lo, d_hi = bounds(d.si_value, d.mod)
        t_lo, t_hi = bounds(best.si_value, best.mod)
        out.append(Trip(d, best, d.si_value / best.si_value, d_lo / t_hi, d_hi / t_lo))
    return out


def check_average_vs_top_speed(analysis: Analysis, trip_list: list[Trip]) -> list[Check]:
    parsed = analysis.parsed
    window = tolerances()["kinematics"]["speed_window"]
    speeds = [q for q in analysis.quantities if q.kind == "speed" and q.si_value]
    out = []
    for tr in trip_list:
        miles = uses_miles(tr.distance)
        near = [v for v in speeds if abs(v.sentence - tr.distance.sentence) <= window]
        if not near:
            continue
        v = min(near, key=lambda q: (abs(q.sentence - tr.distance.sentence), q.mod != "MAX"))
        avg_txt = fmt_speed(tr.avg, miles)
        range_txt = f"{fmt_speed(tr.avg_lo, miles).split(' (')[0]} to {fmt_speed(tr.avg_hi, miles).split(' (')[0]}"
        claim = f"{tr.distance.text} in {tr.duration.text}; {v.measures or 'speed'} {v.text}"
        v_lo, v_hi = bounds(v.si_value, v.mod)
        is_max = v.mod in ("MAX", "AT_MOST", "LESS_THAN") or "top" in (v.measures or "") or "max" in (v.measures or "")
        if is_max:
            rule = "kinematics.average_vs_top_speed"
            if tr.avg_lo <= v_hi:
                verdict = "consistent"
                expl = (
                    f"{tr.distance.text} in {tr.duration.text} is an average of {avg_txt} "
                    f"({range_txt} within the stated approximations), which does not exceed the "
                    f"{v.measures or 'maximum speed'} of {v.text}: consistent (the average is "
                    f"{tr.avg / v.si_value:.0%} of the top speed, normal for stops and slow sections)."
                )
            else:
                verdict = "inconsistent"
                expl = (
                    f"{tr.distance.text} in {tr.duration.text} needs an average of at least "
                    f"{fmt_speed(tr.avg_lo, miles)}, faster than the stated {v.measures or 'maximum'} "
                    f"of {v.text}: the figures contradict each other."
                )
        else:
            rule = "kinematics.average_vs_stated_speed"
            if tr.avg_lo <= v_hi and v_lo <= tr.avg_hi:
                verdict = "consistent"
                expl = f"{tr.distance.text} in {tr.duration.text} is {avg_txt} on average ({range_txt}), matching the stated {v.text}."
            else:
                verdict = "inconsistent"
                expl = (
                    f"{tr.distance.text} in {tr.duration.text} is {avg_txt} on average ({range_txt}), "
                    f"but the report states {v.text}."
                )
        out.append(
            Check(
                kind="kinematics",
                verdict=verdict,
                claim=claim,
                computed=f"average {avg_txt} = {fmt_distance(tr.distance.si_value, miles)} / {fmt_hours(tr.duration.si_value)}; stated {v.text}",
                rule=rule,
                explanation=expl,
                citations=cite(parsed, tr.distance.sentence, tr.duration.sentence, v.sentence),
            )
        )
    return out


def _claimed_duration(analysis: Analysis, sentence: int):
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
                return r[0], r[1], t.text
    cfg = tolerances()["kinematics"]
    toks = analysis.parsed.sentence_tokens(sentence)
    for k, t in enumerate(toks):
        w = t.text.lower()
        prev = toks[k - 1] if k else None
        if w not in cfg["vague_duration_words"] or (
            prev is not None and (prev.like_num or prev.text.lower() in _NUMBER_WORDS)
        ):
            continue  # "three days" is a counted duration, a Quantity already
        lo, hi = cfg["vague_durations"][cfg["vague_duration_words"][w]]
        return lo * 3600, hi * 3600, w
    return None


_NUMBER_WORDS = frozenset(
    [
        "a",
        "an",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "several",
        "few",
        "couple",
    ]
)


def check_multiplied_distance(analysis: Analysis, trip_list: list[Trip]) -> list[Check]:
    parsed = analysis.parsed
    cfg = tolerances()["kinematics"]
    words = set(cfg["distance_words"])
    out = []
    for m in analysis.quantities:
        if m.kind != "multiplier" or not m.measures or m.measures.split()[-1].lower() not in words:
            continue
        # the distance it multiplies: the closest trip stated before it
        before = [t for t in trip_list if 0 <= m.sentence - t.distance.sentence <= cfg["multiplier_window"]]
        if not before:
            continue
        tr = max(before, key=lambda t: t.distance.start)
        miles = uses_miles(tr.distance)
        claim_dur = _claimed_duration(analysis, m.sentence)
        k_lo, k_hi = bounds(m.number, m.mod)
        dist = m.number * tr.distance.si_value
        d_lo, d_hi = bounds(tr.distance.si_value, tr.distance.mod)
        t_mid = dist / tr.avg
        # slowest and fastest readings of every stated figure
        t_lo = k_lo * d_lo / tr.avg_hi
        t_hi = k_hi * d_hi / tr.avg_lo
        computed = (
            f"{m.number:g} x {fmt_distance(tr.distance.si_value, miles)} = {fmt_distance(dist, miles)}; "
            f"at the average {fmt_speed(tr.avg, miles).split(' (')[0]} that is about {fmt_hours(t_mid)} "
            f"({fmt_hours(t_lo).split(' (')[0]} to {fmt_hours(t_hi).split(' (')[0]})"
        )
        claim = f"{m.text} the {m.measures} ({tr.distance.text})"
        if claim_dur is None:
            verdict, expl = "unverifiable", f"{computed}; the report gives no duration for it to compare with."
        else:
            c_lo, c_hi, c_txt = claim_dur
            claim += f"; {c_txt}"
            if t_lo <= c_hi and c_lo <= t_hi:
                verdict = "consistent"
                expl = (
                    f"{computed}, which fits '{c_txt}' ({fmt_hours(c_lo).split(' (')[0]} to "
                    f"{fmt_hours(c_hi).split(' (')[0]}): consistent."
                )
            else:
                verdict = "inconsistent"
                expl = (
                    f"{computed}, outside '{c_txt}' ({fmt_hours(c_lo).split(' (')[0]} to "
                    f"{fmt_hours(c_hi).split(' (')[0]}): the figures contradict each other."
                )
        out.append(
            Check(
                kind="kinematics",
                verdict=verdict,
                claim=claim,
                computed=computed,
                rule="kinematics.multiplied_distance",
                explanation=expl,
                citations=cite(parsed, tr.distance.sentence, tr.duration.sentence, m.sentence),
            )
        )
    return out


def check_kinematics(analysis: Analysis) -> list[Check]:
    tl = trips(analysis)
    return check_average_vs_top_speed(analysis, tl) + check_multiplied_distance(analysis, tl)
