"""Geography: stated distances and directions against great-circle figures.

G1 ``geography.route_distance``: "the journey from A to B ... 435 miles" against
the great-circle distance A-B (a route is never shorter, and not much longer).
G2 ``geography.relative_location``: "around 900 miles north of B" said of a
place P against the straight line B->P (distance and bearing).
"""

from __future__ import annotations

import re

from ..geo.distance import bearing_difference, compass, great_circle_km, initial_bearing_deg
from ..types import Analysis, Check, Place, RelativeLocation
from .rules import bounds, cite, fmt_distance, tolerances

_DIR_DEG = {
    "north": 0,
    "northeast": 45,
    "north-east": 45,
    "east": 90,
    "southeast": 135,
    "south-east": 135,
    "south": 180,
    "southwest": 225,
    "south-west": 225,
    "west": 270,
    "northwest": 315,
    "north-west": 315,
}
_REL = re.compile(
    r"^distance (north|south|east|west|north-?east|north-?west|south-?east|south-?west)\w* of (.+)$", re.I
)


_LAST_WORD = re.compile(r"(\w+)\W*(?:the\s+)?$", re.I)


def _word_before(parsed, place: Place) -> str:
    """The word before a place name, skipping "the" ("from Pyongyang", "to the Vostochny ...")."""
    m = _LAST_WORD.search(parsed.text[max(0, place.start - 40) : place.start])
    return m.group(1).lower() if m else ""


def _sentence_words(parsed, sentence: int) -> set[str]:
    toks = parsed.sentence_tokens(sentence)
    return {t.text.lower() for t in toks} | {t.lemma.lower() for t in toks}


def check_route_distances(analysis: Analysis) -> list[Check]:
    parsed = analysis.parsed
    cfg = tolerances()["geography"]
    route_words = set(cfg["route_words"])
    out = []
    for q in analysis.quantities:
        if q.kind != "distance" or not q.si_value or (q.measures or "").startswith("distance "):
            continue
        here = [p for p in analysis.places if p.sentence == q.sentence and p.lat is not None]
        origin = next((p for p in here if _word_before(parsed, p) in ("from", "between")), None)
        dest = next((p for p in here if p is not origin and _word_before(parsed, p) in ("to", "and")), None)
        if origin is None or dest is None:
            continue
        gc_km = great_circle_km(origin.lat, origin.lon, dest.lat, dest.lon)
        if gc_km < cfg["min_distance_km"]:
            continue
        miles = bool(q.unit) and "mi" in q.unit.lower()
        gc_m = gc_km * 1000
        lo, hi = bounds(q.si_value, q.mod)
        ratio = q.si_value / gc_m
        is_route = bool(_sentence_words(parsed, q.sentence) & route_words)
        computed = (
            f"great-circle {origin.name} -> {dest.name} {fmt_distance(gc_m, miles)}; stated {q.text} "
            f"is {ratio:.2f}x the straight line"
        )
        claim = f"{origin.text} to {dest.text}: {q.text}"
        if is_route:
            rule = "geography.route_distance"
            if hi / gc_m < cfg["route_factor_min"]:
                verdict = "inconsistent"
                expl = (
                    f"A route cannot be shorter than the straight line: {origin.name} to {dest.name} is "
                    f"{fmt_distance(gc_m, miles)} great-circle, more than the stated {q.text}."
                )
            elif lo / gc_m > cfg["route_factor_max"]:
                verdict = "inconsistent"
                expl = (
                    f"{q.text} is {ratio:.2f}x the {fmt_distance(gc_m, miles)} straight line from {origin.name} "
                    f"to {dest.name}, longer than any plausible route (up to {cfg['route_factor_max']}x)."
                )
            else:
                verdict = "consistent"
                expl = (
                    f"{origin.name} to {dest.name} is {fmt_distance(gc_m, miles)} in a straight line; a route of "
                    f"{q.text} is {ratio:.2f}x that, within the {cfg['route_factor_min']}-{cfg['route_factor_max']}x "
                    f"a rail or road route takes: consistent."
                )
        else:
            rule = "geography.straight_distance"
            extra = cfg["straight_line_extra"]
            if lo <= gc_m * (1 + extra) and gc_m * (1 - extra) <= hi:
                verdict, expl = "consistent", f"{computed}: consistent."
            else:
                verdict = "inconsistent"
                expl = f"{computed}: the stated distance does not match the straight line."
        out.append(Check("geography", verdict, claim, computed, rule, expl, cite(parsed, q.sentence)))
    return out


def _relative_claims(analysis: Analysis) -> list[RelativeLocation]:
    """The geo stage's relative locations; without them, our own quantities
    that measure "distance north of X" with X a resolved place."""
    if analysis.relative_locations:
        return list(analysis.relative_locations)
    out = []
    for q in analysis.quantities:
        m = _REL.match(q.measures or "")
        if not m or q.kind != "distance":
            continue
        direction, anchor = m.group(1).lower(), m.group(2).strip()
        deg = float(_DIR_DEG.get(direction, _DIR_DEG.get(direction.replace("-", ""), 0)))
        text = f"{q.text} {direction} of {anchor}"
        out.append(
            RelativeLocation(q.start, q.end, text, q.sentence, q.si_value, compass(deg, 8), deg, anchor, mod=q.mod)
        )
    return out


def _anchor_place(analysis: Analysis, rl: RelativeLocation) -> Place | None:
    same = [p for p in analysis.places if (p.text == rl.anchor or p.name == rl.anchor) and p.lat is not None]
    if not same:
        return None
    return min(same, key=lambda p: (abs(p.sentence - rl.sentence), abs(p.start - rl.start)))


def _subject_place(analysis: Analysis, rl: RelativeLocation, anchor: Place | None) -> Place | None:
    """The place the claim locates: the sentence's subject ("The cosmodrome"),
    matched to a place named in this or an earlier sentence."""
    parsed = analysis.parsed
    places = [p for p in analysis.places if p.sentence <= rl.sentence and p.start < rl.start and p.lat is not None]

    def not_anchor(p: Place) -> bool:
        return anchor is None or (p.name != anchor.name and abs(p.lat - anchor.lat) + abs(p.lon - anchor.lon) > 1e-6)

    word, subj_start = None, None
    toks = parsed.sentence_tokens(rl.sentence)
    subj = next((t for t in toks if t.dep in ("nsubj", "nsubjpass")), None)
    if subj is not None and subj.pos in ("NOUN", "PROPN"):
        word, subj_start = subj.text.lower(), subj.start
    if word is not None:
        inside = [p for p in places if p.start <= subj_start < p.end and not_anchor(p)]
        if inside:
            return inside[0]
        if len(word) > 2:
            named = [
                p
                for p in places
                if not_anchor(p)
                and rl.sentence - p.sentence <= 3
                and (word in p.name.lower() or word in p.text.lower())
            ]
            if named:
                return max(named, key=lambda p: p.start)
    local = [p for p in places if p.sentence == rl.sentence and not_anchor(p) and p.feature in ("facility", "city")]
    return local[-1] if local else None


def check_relative_locations(analysis: Analysis) -> list[Check]:
    parsed = analysis.parsed
    cfg = tolerances()["geography"]
    out = []
    for rl in _relative_claims(analysis):
        if rl.distance_m is None:
            continue
        anchor = _anchor_place(analysis, rl)
        a_lat = rl.anchor_lat if rl.anchor_lat is not None else (anchor.lat if anchor else None)
        a_lon = rl.anchor_lon if rl.anchor_lon is not None else (anchor.lon if anchor else None)
        subject = _subject_place(analysis, rl, anchor)
        miles = "mile" in rl.text.lower() or "mi " in rl.text.lower()
        stated = f"{rl.text}"
        if a_lat is None or subject is None:
            missing = "the anchor place" if a_lat is None else "the place it locates"
            out.append(
                Check(
                    "geography",
                    "unverifiable",
                    stated,
                    "",
                    "geography.relative_location",
                    f"Cannot resolve {missing} to coordinates.",
                    cite(parsed, rl.sentence),
                )
            )
            continue
        gc_km = great_circle_km(a_lat, a_lon, subject.lat, subject.lon)
        gc_m = gc_km * 1000
        bearing = initial_bearing_deg(a_lat, a_lon, subject.lat, subject.lon)
        lo, hi = bounds(rl.distance_m, rl.mod)
        extra = cfg["straight_line_extra"]
        ratio = rl.distance_m / gc_m if gc_m else float("inf")
        anchor_name = anchor.name if anchor else rl.anchor
        computed = (
            f"great-circle {anchor_name} -> {subject.name} {fmt_distance(gc_m, miles)}, bearing {bearing:.0f} deg "
            f"({compass(bearing, 16)}); stated {fmt_distance(rl.distance_m, miles)} is {ratio:.2f}x the straight line"
        )
        claim = f"{subject.name} is {rl.text}"
        dir_ok = True
        dir_txt = ""
        if rl.bearing_deg is not None:
            diff = bearing_difference(bearing, rl.bearing_deg)
            dir_ok = diff <= cfg["bearing_tolerance_deg"]
            dir_txt = (
                f" The direction {'fits' if dir_ok else 'does not fit'}: the bearing from {anchor_name} is "
                f"{bearing:.0f} deg ({compass(bearing, 16)}), {diff:.0f} deg from {rl.bearing or rl.bearing_deg}."
            )
        dist_ok = lo <= gc_m * (1 + extra) and gc_m * (1 - extra) <= hi
        rule = "geography.relative_location"
        if dist_ok and dir_ok:
            verdict = "consistent"
            expl = f"The straight line from {anchor_name} to {subject.name} is {fmt_distance(gc_m, miles)}, matching {rl.text}.{dir_txt}"
        elif not dist_ok and gc_m < lo:
            verdict = "inconsistent"
            route_ok = lo / gc_m <= cfg["route_factor_max"]
            expl = (
                f"As a straight-line distance this is wrong: {subject.name} is {fmt_distance(gc_m, miles)} from "
                f"{anchor_name} in a straight line, far shorter than the stated {fmt_distance(rl.distance_m, miles)} "
                f"({ratio:.2f}x, beyond the +-{(bounds(1.0, rl.mod)[1] - 1 + extra):.0%} its wording allows). "
                + (
                    f"The figure can only be a route distance (by road or rail, up to {cfg['route_factor_max']}x the straight line), not a straight-line one."
                    if route_ok
                    else "It is longer than any plausible route too."
                )
                + dir_txt
            )
        elif not dist_ok:
            verdict = "inconsistent"
            expl = (
                f"{subject.name} is {fmt_distance(gc_m, miles)} from {anchor_name} in a straight line, farther than "
                f"the stated {fmt_distance(rl.distance_m, miles)}: no route can be shorter than the straight line.{dir_txt}"
            )
        else:
            verdict = "inconsistent"
            expl = f"The distance fits ({fmt_distance(gc_m, miles)}) but the direction does not.{dir_txt}"
        out.append(
            Check("geography", verdict, claim, computed, rule, expl, cite(parsed, subject.sentence, rl.sentence))
        )
    return out


def check_geography(analysis: Analysis) -> list[Check]:
    return check_route_distances(analysis) + check_relative_locations(analysis)
