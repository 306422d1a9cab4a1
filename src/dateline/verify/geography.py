"""Geography: stated distances and directions against great-circle figures.

G1 ``geography.route_distance``: "the journey from A to B ... 435 miles" against
the great-circle distance A-B (a route is never shorter, and not much longer);
``geography.straight_distance`` when nothing says it is a route.
G2 ``geography.relative_location``: "around 900 miles north of B" said of a
place P against the straight line B->P (distance and bearing).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

from ..geodesy import bearing_difference, compass, great_circle_km, initial_bearing_deg
from ..types import Analysis, Check, ParsedDoc, Place, Quantity, RelativeLocation
from .config import tolerances
from .rules import M_PER_KM, M_PER_MILE, bounds, cite, fmt_distance, latlon, stated_bounds, verdict

_REL = re.compile(
    r"^distance (north|south|east|west|north-?east|north-?west|south-?east|south-?west)\w* of (.+)$", re.I
)
_LAST_WORD = re.compile(r"(\w+)\W*(?:the\s+)?$", re.I)


def _word_before(parsed: ParsedDoc, place: Place) -> str:
    """The word before a place name, skipping "the" ("from Pyongyang", "to the Vostochny ...")."""
    m = _LAST_WORD.search(parsed.text[max(0, place.start - 40) : place.start])
    return m.group(1).lower() if m else ""


def _sentence_words(parsed: ParsedDoc, sentence: int) -> set[str]:
    toks = parsed.sentence_tokens(sentence)
    return {t.text.lower() for t in toks} | {t.lemma.lower() for t in toks}


def _measures_an_object(q: Quantity) -> bool:
    """ "a 17-foot aluminum powerboat": a size written before a noun that is no distance
    word measures that thing, not the way between the sentence's places."""
    words = tolerances().kinematics.distance_words | tolerances().geography.route_words
    return bool(re.search(r"\d-[a-z]", q.text.lower())) and (q.measures or "").lower() not in words


def _endpoints(analysis: Analysis, q: Quantity) -> tuple[Place, Place] | None:
    """ "from A to B" (or "between A and B") in the distance's sentence."""
    here = [p for p in analysis.places if p.sentence == q.sentence and p.lat is not None]
    origin = next((p for p in here if _word_before(analysis.parsed, p) in ("from", "between")), None)
    dest = next((p for p in here if p is not origin and _word_before(analysis.parsed, p) in ("to", "and")), None)
    return (origin, dest) if origin is not None and dest is not None else None


def _route_verdict(q: Quantity, origin: Place, dest: Place, gc_m: float, miles: bool) -> tuple[bool, str]:
    cfg = tolerances().geography
    lo, hi = bounds(q.si_value or 0.0, q.mod)
    ratio = (q.si_value or 0.0) / gc_m
    line = fmt_distance(gc_m, miles)
    if hi / gc_m < cfg.route_factor_min:
        why = (
            f"A route cannot be shorter than the straight line: {origin.name} to {dest.name} is "
            f"{line} great-circle, more than the stated {q.text}."
        )
        return False, why
    if lo / gc_m > cfg.route_factor_max:
        why = (
            f"{q.text} is {ratio:.2f}x the {line} straight line from {origin.name} to {dest.name}, "
            f"longer than any plausible route (up to {cfg.route_factor_max}x)."
        )
        return False, why
    why = (
        f"{origin.name} to {dest.name} is {line} in a straight line; a route of {q.text} is {ratio:.2f}x that, "
        f"within the {cfg.route_factor_min}-{cfg.route_factor_max}x a rail or road route takes: consistent."
    )
    return True, why


def check_route_distances(analysis: Analysis) -> list[Check]:
    parsed = analysis.parsed
    cfg = tolerances().geography
    out = []
    for q in analysis.quantities:
        if q.kind != "distance" or not q.si_value or (q.measures or "").startswith("distance "):
            continue
        if _measures_an_object(q):
            continue
        ends = _endpoints(analysis, q)
        if ends is None:
            continue
        origin, dest = ends
        gc_km = great_circle_km(*latlon(origin), *latlon(dest))
        if gc_km < cfg.min_distance_km:
            continue
        miles = bool(q.unit) and "mi" in (q.unit or "").lower()
        gc_m = gc_km * 1000
        computed = (
            f"great-circle {origin.name} -> {dest.name} {fmt_distance(gc_m, miles)}; stated {q.text} "
            f"is {q.si_value / gc_m:.2f}x the straight line"
        )
        claim = f"{origin.text} to {dest.text}: {q.text}"
        if _sentence_words(parsed, q.sentence) & cfg.route_words:
            rule = "geography.route_distance"
            ok, why = _route_verdict(q, origin, dest, gc_m, miles)
        else:
            rule = "geography.straight_distance"
            lo, hi = stated_bounds(q.si_value, q.si_value / (q.number or 1.0), q.mod)
            extra = cfg.straight_line_extra
            ok = lo <= gc_m * (1 + extra) and gc_m * (1 - extra) <= hi
            why = f"{computed}: " + ("consistent." if ok else "the stated distance does not match the straight line.")
        out.append(verdict("geography", rule, ok, claim, computed, why, cite(parsed, q.sentence)))
    return out


def _relative_claims(analysis: Analysis) -> list[RelativeLocation]:
    """The geo stage's relative locations; without them, our own quantities
    that measure "distance north of X" with X a resolved place."""
    if analysis.relative_locations:
        return list(analysis.relative_locations)
    dirs = tolerances().geography.directions
    out = []
    for q in analysis.quantities:
        m = _REL.match(q.measures or "")
        if not m or q.kind != "distance":
            continue
        direction, anchor = m.group(1).lower(), m.group(2).strip()
        deg = float(dirs.get(direction, dirs.get(direction.replace("-", ""), 0.0)))
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
    """The place the claim locates, from the parse: a place the distance phrase modifies
    ("Salina, 60 miles west of Manhattan"), or the subject of the clause it belongs to ("The
    cosmodrome is situated ... around 900 miles north of Vladivostok"), matched to a place
    named in this or an earlier sentence. None when the parse says neither."""
    places = [p for p in analysis.places if p.sentence <= rl.sentence and p.start < rl.start and p.lat is not None]

    def not_anchor(p: Place) -> bool:
        if anchor is None:
            return True
        (la, lo), (la2, lo2) = latlon(p), latlon(anchor)
        return p.name != anchor.name and abs(la - la2) + abs(lo - lo2) > 1e-6

    toks = analysis.parsed.tokens
    sent = analysis.parsed.sentence_tokens(rl.sentence)
    k = next((t.i for t in sent if t.start >= rl.start and t.end <= rl.end), None)
    for _ in range(8):
        if k is None:
            return None
        t = toks[k]
        inside = [p for p in places if p.start <= t.start < p.end and not_anchor(p)]
        if inside and t.start < rl.start:
            return inside[0]
        if t.pos in ("VERB", "AUX"):
            return _clause_subject(analysis, k, places, not_anchor)
        k = None if t.head == k else t.head
    return None


def _clause_subject(
    analysis: Analysis, verb: int, places: list[Place], not_anchor: Callable[[Place], bool]
) -> Place | None:
    """The place a verb's subject names or stands for ("The cosmodrome" for "Vostochny Cosmodrome")."""
    subj = next((c for c in analysis.parsed.children(verb) if c.dep in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.pos not in ("NOUN", "PROPN"):
        return None
    inside = [p for p in places if p.start <= subj.start < p.end and not_anchor(p)]
    if inside:
        return inside[0]
    word = subj.text.lower()
    named = [
        p
        for p in places
        if len(word) > 2
        and not_anchor(p)
        and subj.sentence - p.sentence <= 3
        and (word in p.name.lower() or word in p.text.lower())
    ]
    return max(named, key=lambda p: p.start) if named else None


def _direction_text(rl: RelativeLocation, anchor_name: str, bearing: float) -> tuple[bool, str]:
    if rl.bearing_deg is None:
        return True, ""
    diff = bearing_difference(bearing, rl.bearing_deg)
    ok = diff <= tolerances().geography.bearing_tolerance_deg
    return ok, (
        f" The direction {'fits' if ok else 'does not fit'}: the bearing from {anchor_name} is "
        f"{bearing:.0f} deg ({compass(bearing, 16)}), {diff:.0f} deg from {rl.bearing or rl.bearing_deg}."
    )


def _location_why(rl: RelativeLocation, subject: Place, anchor_name: str, gc_m: float, miles: bool) -> tuple[bool, str]:
    cfg = tolerances().geography
    distance_m = rl.distance_m or 0.0
    bearing = initial_bearing_deg(rl.anchor_lat or 0.0, rl.anchor_lon or 0.0, *latlon(subject))
    dir_ok, dir_txt = _direction_text(rl, anchor_name, bearing)
    lo, hi = stated_bounds(distance_m, M_PER_MILE if miles else M_PER_KM, rl.mod)
    extra = cfg.straight_line_extra
    line, stated = fmt_distance(gc_m, miles), fmt_distance(distance_m, miles)
    dist_ok = lo <= gc_m * (1 + extra) and gc_m * (1 - extra) <= hi
    if dist_ok and dir_ok:
        return True, (
            f"The straight line from {anchor_name} to {subject.name} is {line}, within what {rl.text} allows "
            f"as written (its rounding and wording).{dir_txt}"
        )
    if dist_ok:
        return False, f"The distance fits ({line}) but the direction does not.{dir_txt}"
    if gc_m >= lo:
        why = (
            f"{subject.name} is {line} from {anchor_name} in a straight line, farther than the stated {stated}: "
            f"no route can be shorter than the straight line.{dir_txt}"
        )
        return False, why
    route = (
        f"The figure can only be a route distance (by road or rail, up to {cfg.route_factor_max}x the straight "
        "line), not a straight-line one."
        if lo / gc_m <= cfg.route_factor_max
        else "It is longer than any plausible route too."
    )
    why = (
        f"As a straight-line distance this is wrong: {subject.name} is {line} from {anchor_name} in a straight "
        f"line, far shorter than the stated {stated} ({distance_m / gc_m:.2f}x, beyond the "
        f"+-{(bounds(1.0, rl.mod)[1] - 1 + extra):.0%} its wording allows). {route}{dir_txt}"
    )
    return False, why


def _check_relative(analysis: Analysis, rl: RelativeLocation) -> Check | None:
    parsed = analysis.parsed
    if rl.distance_m is None:
        return None
    anchor = _anchor_place(analysis, rl)
    a_lat = rl.anchor_lat if rl.anchor_lat is not None else (anchor.lat if anchor else None)
    a_lon = rl.anchor_lon if rl.anchor_lon is not None else (anchor.lon if anchor else None)
    subject = _subject_place(analysis, rl, anchor)
    if a_lat is None or a_lon is None or subject is None:
        return None  # the anchor or the place it locates is unknown: nothing to check
    areas = tolerances().geography.area_features
    if subject.feature in areas or (anchor is not None and anchor.feature in areas):
        return None  # "less than 100 km west of Syria": from a coast or border, not a centre point
    miles = "mile" in rl.text.lower() or "mi " in rl.text.lower()
    rl = dataclasses.replace(rl, anchor_lat=a_lat, anchor_lon=a_lon)
    gc_m = great_circle_km(a_lat, a_lon, *latlon(subject)) * 1000
    if gc_m < 1.0:
        return None  # the place and its anchor share coordinates: nothing to measure
    bearing = initial_bearing_deg(a_lat, a_lon, *latlon(subject))
    anchor_name = anchor.name if anchor else rl.anchor
    computed = (
        f"great-circle {anchor_name} -> {subject.name} {fmt_distance(gc_m, miles)}, bearing {bearing:.0f} deg "
        f"({compass(bearing, 16)}); stated {fmt_distance(rl.distance_m or 0.0, miles)} is "
        f"{(rl.distance_m or 0.0) / gc_m:.2f}x the straight line"
    )
    ok, why = _location_why(rl, subject, anchor_name, gc_m, miles)
    cites = cite(parsed, subject.sentence, rl.sentence)
    return verdict("geography", "geography.relative_location", ok, f"{subject.name} is {rl.text}", computed, why, cites)


def check_relative_locations(analysis: Analysis) -> list[Check]:
    out = []
    for rl in _relative_claims(analysis):
        c = _check_relative(analysis, rl)
        if c is not None:
            out.append(c)
    return out


def check_geography(analysis: Analysis) -> list[Check]:
    return check_route_distances(analysis) + check_relative_locations(analysis)
