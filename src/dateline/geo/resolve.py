"""Toponym resolution: each toponym's gazetteer candidates scored in document context.

A candidate's score is a prior (feature class, population, main name vs alternate)
plus what the document says: the countries and first-level regions its other
toponyms resolve to, its focus country, containment ("Alexandria, Louisiana"),
closeness to its other places, the publisher's country from the source domain, and a
region cue ("the state of Victoria"). Context is recomputed over a few rounds; a name
never supports itself. Then, once per document: one reading per name (unless its
text says otherwise, as a container does), streets and buildings kept near the
document's own places, and what cannot be placed left unresolved, with no
coordinates.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from ..types import ParsedDoc, Place, PlaceCandidate
from .distance import great_circle_km
from .gazetteer import Gazetteer, get_gazetteer
from .names import Entry, normalize
from .recognize import Toponym, strip_generic, strong, written_out
from .settings import Recognition, Resolution, recognition, resolution

# counties placed at a namesake town or their state centre, for want of shipped points
COORDINATELESS = frozenset({"namesake city", "state centre"})
MAJOR_KINDS = frozenset({"country", "admin1", "continent", "region", "area", "natural"})
POINT_KINDS = frozenset({"city", "admin2", "facility"})
CONTAINER_KINDS = frozenset({"country", "admin1", "admin2", "region"})
SITE_KINDS = frozenset({"facility", "natural"})


@dataclass(frozen=True, slots=True)
class Scored:
    """One candidate reading of a toponym, its score, and the parts that make it up."""

    entry: Entry
    score: float
    parts: tuple[tuple[str, float], ...] = ()


@dataclass(slots=True)
class _Doc:
    """Document-level evidence, fixed before the rounds."""

    toponyms: list[Toponym]
    gaz: Gazetteer
    cfg: Resolution
    publisher: str | None
    home_cc: str | None
    domain_names: set[str]
    support: dict[int, tuple[int, int]]  # entry id -> (names in its region or near, names close by)
    near_ok: set[int]
    rejected: dict[int, list[Scored]] = field(default_factory=dict)  # readings outside the document's area


@dataclass(slots=True)
class _Round:
    """Context from the readings chosen in the previous round."""

    ccs: Counter = field(default_factory=Counter)
    a1s: Counter = field(default_factory=Counter)
    by_name_cc: Counter = field(default_factory=Counter)  # a name's own share: never its own support
    by_name_a1: Counter = field(default_factory=Counter)
    anchors: list[Entry] = field(default_factory=list)
    focus: dict[str, str | None] = field(default_factory=dict)
    total: int = 1


# --------------------------------------------------------------------------- priors and candidates


def prior(e: Entry, cfg: Resolution) -> float:
    p = cfg.kind_prior.get(e.kind, 5.0)
    if e.kind == "city":
        p += cfg.city_population_weight * math.log10((e.population or 0) + 10)
    elif e.kind == "admin1" and e.country_code == "US":
        p += cfg.us_state_bonus
    if not e.primary and e.kind == "city":
        # English exonyms of big cities are alternates too ("Mecca" for Makkah)
        big = (e.population or 0) >= cfg.big_city_population
        p -= cfg.alternate_name_penalty_big if big else cfg.alternate_name_penalty
    elif not e.primary and e.kind == "admin2":
        p -= cfg.alternate_name_penalty  # a county without its kind ("Oconee")
    return p


def _sub_phrase(t: Toponym, gaz: Gazetteer, rec: Recognition) -> list[Entry]:
    """ "Southern California" -> California, "Vancouver Art Gallery" -> Vancouver; for
    "Elgin Road" the town is only a candidate of a street (``t.facility``)."""
    words = t.lookup.split()
    ents: list[Entry] = []
    if len(words) < 2:
        return ents
    if words[0].lower() in rec.area_modifiers:
        ents = [e for e in gaz.lookup(" ".join(words[1:])) if e.kind != "city" or (e.population or 0) >= 10000]
        if ents:
            return ents
    for n in range(len(words) - 1, 0, -1):
        word = words[n].lower()
        if word not in rec.civic_words and word not in rec.street_words:
            continue
        named = gaz.lookup(" ".join(words[:n]))
        if named and strong(named, 10000):
            if word not in rec.civic_words:
                t.facility = t.in_name_of = True
            return [e for e in named if e.primary]
    return []


def _bare_county(e: Entry) -> bool:
    return e.kind == "admin2" and not e.primary


def candidates(t: Toponym, gaz: Gazetteer, rec: Recognition) -> list[Entry]:
    """The readings of a toponym; a county by its bare name ("Oconee") only with a county
    cue or when the name has no other reading."""
    if t.forced is not None:
        return [t.forced]
    cands = list(gaz.lookup(t.lookup))
    full = written_out(t.lookup, rec) if not cands else None
    if full:
        cands = list(gaz.lookup(full))
    if not t.county_cue and not all(_bare_county(e) for e in cands):
        cands = [e for e in cands if not _bare_county(e)]
    if not cands:
        stripped = strip_generic(t.lookup, rec)
        cands = list(gaz.lookup(stripped)) if stripped else []
    return cands or _sub_phrase(t, gaz, rec)


def _tld_country(domain: str | None, cfg: Resolution) -> str | None:
    if not domain:
        return None
    tld = domain.rsplit(".", 1)[-1].lower()
    if tld in cfg.tld_countries:
        return cfg.tld_countries[tld]
    return tld.upper() if len(tld) == 2 and tld not in cfg.generic_tlds else None


# --------------------------------------------------------------------------- document evidence


def _likeliest(toponyms: list[Toponym], cfg: Resolution) -> dict[str, list[Entry]]:
    """Per name: its likeliest towns, and every county/region (they tie on the prior)."""
    uniq: dict[str, list[Entry]] = {}
    n = cfg.support_candidates
    for t in toponyms:
        if t.candidates and t.forced is None and t.lookup not in uniq:
            ranked = sorted(t.candidates, key=lambda e: -prior(e, cfg))
            uniq[t.lookup] = ranked[:n] + [e for e in ranked[n:] if e.kind != "city"]
    return uniq


def _supports(e: Entry, name: str, uniq: dict[str, list[Entry]], regions: dict, points: dict) -> tuple[int, int]:
    """How many other names have a candidate in the same region or within ~100 km of ``e``,
    and how many within ~35 km (a county and its seat, a town and its neighbour)."""
    cnt = close = 0
    k = math.cos(math.radians(e.lat))
    for n2 in uniq:
        if n2 == name:
            continue
        d2 = (
            min(((la - e.lat) ** 2 + ((lo - e.lon) * k) ** 2 for la, lo in points[n2]), default=99.0)
            if e.kind in POINT_KINDS
            else 99.0
        )
        close += d2 < 0.1  # within ~35 km (0.32 degrees)
        if (e.admin1 and e.admin1 in regions[n2]) or d2 < 0.81:
            cnt += 1  # same region, or within ~100 km (0.9 degrees)
    return cnt, close


def _support(uniq: dict[str, list[Entry]]) -> dict[int, tuple[int, int]]:
    if len(uniq) < 2:
        return {}
    regions = {n: {e.admin1 for e in es if e.admin1} for n, es in uniq.items()}
    points = {n: [(e.lat, e.lon) for e in es if e.kind in POINT_KINDS] for n, es in uniq.items()}
    return {e.id: _supports(e, n, uniq, regions, points) for n, es in uniq.items() if len(es) > 1 for e in es}


def _document(parsed: ParsedDoc, toponyms: list[Toponym], gaz: Gazetteer, cfg: Resolution) -> _Doc:
    publisher = _tld_country(parsed.article.source_domain, cfg)
    # local papers name their town in the domain ("parisbeacon.com"): those candidates in the
    # publisher's country (generic TLDs: the configured default) get a bonus
    dom = re.sub(r"[^a-z]", "", (parsed.article.source_domain or "").lower().rsplit(".", 1)[0])
    home_cc = publisher or (cfg.generic_tld_country if dom else None)
    squeezed = {t.lookup: normalize(t.lookup).replace(" ", "") for t in toponyms}
    domain_names = {name for name, sq in squeezed.items() if len(sq) >= 4 and sq in dom}
    uniq = _likeliest(toponyms, cfg)
    near_ok = {e.id for es in uniq.values() for e in es}  # proximity for the likeliest only (speed)
    return _Doc(toponyms, gaz, cfg, publisher, home_cc, domain_names, _support(uniq), near_ok)


def _first_readings(doc: _Doc) -> dict[int, Entry]:
    """Readings clear before any context: single candidates, and a country or US state
    whose prior beats the runner-up by a margin."""
    first: dict[int, Entry] = {}
    cfg = doc.cfg
    for k, t in enumerate(doc.toponyms):
        if len(t.candidates) == 1:
            first[k] = t.candidates[0]
        elif t.candidates:
            top, second = sorted(t.candidates, key=lambda e: -prior(e, cfg))[:2]
            clear = prior(top, cfg) - prior(second, cfg) > cfg.first_pass_margin
            if clear and (top.kind in ("country", "continent") or (top.kind == "admin1" and top.country_code == "US")):
                first[k] = top
    return first


def _round_context(doc: _Doc, chosen: dict[int, Entry]) -> _Round:
    r = _Round()
    for idx, e in chosen.items():
        nm = doc.toponyms[idx].lookup
        if e.country_code:
            r.ccs[e.country_code] += 1
            r.by_name_cc[(nm, e.country_code)] += 1
        if e.admin1 and e.kind != "country":
            r.a1s[e.admin1] += 1
            r.by_name_a1[(nm, e.admin1)] += 1
        if e.kind in POINT_KINDS:
            r.anchors.append(e)
    r.anchors = list({a.id: a for a in r.anchors}.values())
    r.total = sum(r.ccs.values()) or 1
    return r


def _focus(doc: _Doc, r: _Round, name: str) -> str | None:
    """The document's main country, leaving out the name being resolved."""
    if name not in r.focus:
        rest = Counter({cc: n - r.by_name_cc[(name, cc)] for cc, n in r.ccs.items()})
        top = [cc for cc, n in rest.most_common(1) if n > 0]
        r.focus[name] = top[0] if top else doc.publisher
    return r.focus[name]


def _nearest_km(e: Entry, anchors: list[Entry]) -> float | None:
    """Distance to the nearest anchor of another name (equirectangular: fine below 300 km)."""
    k = math.cos(math.radians(e.lat))
    best = None
    for a in anchors:
        dy = a.lat - e.lat
        if a.name == e.name or dy > 3 or dy < -3:
            continue
        d2 = dy * dy + ((a.lon - e.lon) * k) ** 2
        if best is None or d2 < best:
            best = d2
    return None if best is None else math.sqrt(best) * 111.2


# --------------------------------------------------------------------------- scoring


def _country_parts(doc: _Doc, r: _Round, t: Toponym, e: Entry) -> list[tuple[str, float]]:
    w = doc.cfg.weights
    parts = []
    if e.country_code:
        n_cc = r.ccs[e.country_code] - r.by_name_cc[(t.lookup, e.country_code)]
        parts.append(("country context", w.country_context * min(1.0, n_cc / max(1.0, r.total * 0.3))))
        if e.country_code == _focus(doc, r, t.lookup):
            parts.append(("focus country", w.focus_country))
        if e.country_code == doc.publisher:
            parts.append(("publisher country", w.publisher_country))
    if e.admin1 and e.kind != "country" and r.a1s[e.admin1] - r.by_name_a1[(t.lookup, e.admin1)] > 0:
        parts.append(("region context", w.admin1_context))
    if doc.support:
        parts.append(("support", w.support * min(2, doc.support.get(e.id, (0, 0))[0])))
    return parts


def _near(doc: _Doc, r: _Round, e: Entry) -> float:
    w = doc.cfg.weights
    if not r.anchors or e.kind not in POINT_KINDS or e.id not in doc.near_ok:
        return 0.0
    d = _nearest_km(e, r.anchors)
    if d is None:
        return 0.0
    return w.near_100km if d < 100 else w.near_300km if d < 300 else 0.0


def _text_parts(doc: _Doc, t: Toponym, e: Entry, cont: tuple[Entry, ...]) -> list[tuple[str, float]]:
    """What the text itself says: the domain's town, a container, a region cue, a
    dateline; and other names of the document within ~35 km (two names that close by
    chance are rare, so this is not capped like the looser context)."""
    w = doc.cfg.weights
    parts = []
    if doc.support and doc.support.get(e.id, (0, 0))[1]:
        parts.append(("close to another name", w.close_support * min(2, doc.support[e.id][1])))
    if t.lookup in doc.domain_names and e.kind == "city" and e.country_code == doc.home_cc:
        parts.append(("publisher's town", w.domain_town))
    if cont and any(_contains(c, e) for c in cont):
        parts.append(("container", w.containment))
    if (t.region_cue and e.primary and e.kind in ("admin1", "admin2")) or (t.county_cue and e.kind == "admin2"):
        parts.append(("region cue", w.region_cue))
    if t.dateline and e.kind == "city":
        parts.append(("dateline town", w.dateline_town))
    return parts


def _score(doc: _Doc, r: _Round, t: Toponym, e: Entry, cont: tuple[Entry, ...], cap_vs_major: bool) -> Scored:
    cfg, w = doc.cfg, doc.cfg.weights
    base = prior(e, cfg)
    ctx_parts = _country_parts(doc, r, t, e)
    near = _near(doc, r, e)
    ctx = sum(v for _, v in ctx_parts) + near * w.near_in_cap
    # context may tip the balance between candidates but not make a hamlet beat a country
    cap = cfg.max_context_bonus_vs_major if e.kind == "city" and cap_vs_major else cfg.max_context_bonus
    parts = [("prior", base), *ctx_parts, ("near the document's places", near * (w.near_in_cap + w.near_outside_cap))]
    if ctx > cap:
        parts.append(("context cap", cap - ctx))
    text_parts = _text_parts(doc, t, e, cont)
    parts += text_parts
    total = base + min(ctx, cap) + near * w.near_outside_cap + sum(v for _, v in text_parts)
    return Scored(e, total, tuple((k, round(v, 3)) for k, v in parts if v))


def _score_toponym(doc: _Doc, r: _Round, t: Toponym) -> list[Scored]:
    cfg = doc.cfg
    cont = _container_entries(t.container, doc.gaz)
    # a name that is a country's, a region's or a big city's: smaller towns of that
    # name need more than context to win
    names_major = any(e.primary and e.kind in MAJOR_KINDS for e in t.candidates)
    top_prior = max(prior(e, cfg) for e in t.candidates)
    res = [
        _score(doc, r, t, e, cont, names_major or top_prior - prior(e, cfg) > cfg.dominance_gap) for e in t.candidates
    ]
    res.sort(key=lambda s: (-s.score, -(s.entry.population or 0)))
    return res


def _rounds(doc: _Doc, which: list[int], chosen: dict[int, Entry], rounds: int) -> dict[int, list[Scored]]:
    """Score the toponyms ``which`` ``rounds`` times, each round in the context of the
    readings the previous one chose (``chosen`` is updated in place)."""
    scored: dict[int, list[Scored]] = {}
    for _ in range(rounds):
        r = _round_context(doc, chosen)
        # mentions of a name with the same cues score alike: each is scored once a round
        # (each toponym gets its own list: `_one_reading_per_name` reorders them in place)
        memo: dict[tuple, list[Scored]] = {}
        scored = {}
        for k in which:
            t = doc.toponyms[k]
            if t.candidates:
                key = _score_key(t)
                if key not in memo:
                    memo[key] = _score_toponym(doc, r, t)
                scored[k] = list(memo[key])
        chosen.update({k: res[0].entry for k, res in scored.items()})
    return scored


def _score_key(t: Toponym) -> tuple:
    """Everything of a toponym that `_score_toponym` reads."""
    return (t.lookup, t.container, t.region_cue, t.county_cue, t.dateline, tuple(id(e) for e in t.candidates))


# --------------------------------------------------------------------------- document-level decisions


def _one_reading_per_name(toponyms: list[Toponym], scored: dict[int, list[Scored]]) -> None:
    """Every mention of a name takes the same reading, the one its most informed mention
    chose (a mention with a container, else the most confident), unless the mention's
    own text says otherwise (its own container, or a region cue: "Washington state")."""
    groups: dict[str, list[int]] = {}
    for k, t in enumerate(toponyms):
        if k in scored and t.forced is None:
            groups.setdefault(normalize(t.lookup), []).append(k)
    for ks in groups.values():
        if len(ks) < 2:
            continue
        lead = max(ks, key=lambda k: (bool(toponyms[k].container), not toponyms[k].region_cue, _margin(scored[k])))
        best = scored[lead][0].entry
        for k in ks:
            t = toponyms[k]
            if k != lead and not (t.container or t.region_cue) and scored[k][0].entry.id != best.id:
                scored[k].sort(key=lambda s: s.entry.id != best.id)


def _margin(res: list[Scored]) -> float:
    return res[0].score - res[1].score if len(res) > 1 else 10.0


def _main_place(doc: _Doc, chosen: dict[int, Entry]) -> Entry | None:
    """The document's main place: its most-mentioned town or county, else region, else country."""
    by_id = {e.id: e for e in chosen.values()}
    for kinds in (("city", "admin2"), ("admin1", "region")):
        counts = Counter(e.id for e in chosen.values() if e.kind in kinds)
        if counts:
            return by_id[counts.most_common(1)[0][0]]
    ccs = Counter(e.country_code for e in chosen.values() if e.country_code)
    cc = ccs.most_common(1)[0][0] if ccs else doc.publisher
    return doc.gaz.country(cc) if cc else None


def _near_document(doc: _Doc, t: Toponym, e: Entry, anchors: list[Entry], regions: set[str]) -> bool:
    """A facility's reading is kept inside the document's own area, or when it is a
    sizeable town by that very name ("Sterling Heights"), not a town a street is named
    after ("Elgin Road")."""
    if e.kind in SITE_KINDS or (not t.in_name_of and e.admin1 and e.admin1 in regions):
        return True
    if not t.in_name_of and e.primary and e.kind == "city" and (e.population or 0) >= doc.cfg.facility_town_min_pop:
        return True
    return any(
        great_circle_km(a.lat, a.lon, e.lat, e.lon) <= doc.cfg.facility_radius_km for a in anchors if a.id != e.id
    )


def _facilities_near(doc: _Doc, fac: list[int], chosen: dict[int, Entry]) -> dict[int, list[Scored]]:
    """Streets and buildings scored in the document's context, keeping only readings
    inside its own area; ``doc.rejected`` keeps the others for an unresolved place."""
    anchors = [e for e in chosen.values() if e.kind in POINT_KINDS]
    regions = {e.admin1 for e in chosen.values() if e.admin1 and e.kind != "country"}
    out = {}
    for k, res in _rounds(doc, fac, dict(chosen), 1).items():
        near = [s for s in res if _near_document(doc, doc.toponyms[k], s.entry, anchors, regions)]
        if near:
            out[k] = near
        else:
            doc.rejected[k] = res
    return out


def _suspect(doc: _Doc, t: Toponym, best: Entry, others: set) -> bool:
    """One word naming a place in a country the document never mentions is more often a
    misread name: a small town the model tagged ("Obama", "Trapani"), or a region the
    model left untagged ("Flores", "Berea")."""
    if " " in t.text or best.country_code in others:
        return False
    small_town = best.kind == "city" and (best.population or 0) < doc.cfg.isolated_town_max_population
    return (t.source in ("ner", "inside") and small_town) or (
        t.source == "gazetteer" and best.kind in ("admin1", "admin2")
    )


def _countries_besides(doc: _Doc, chosen: dict[int, Entry]) -> dict[str, set[str]]:
    """Per name: the countries the rest of the document (and its publisher) is about."""
    per_name: dict[str, set[str]] = {}
    for k, e in chosen.items():
        if e.country_code:
            per_name.setdefault(doc.toponyms[k].lookup, set()).add(e.country_code)
    home = {cc for cc in (doc.publisher, doc.home_cc) if cc}
    out: dict[str, set[str]] = {}
    for t in doc.toponyms:
        if t.lookup not in out:
            out[t.lookup] = set(home).union(*(c for nm, c in per_name.items() if nm != t.lookup))
    return out


# --------------------------------------------------------------------------- places


def _candidate(s: Scored) -> PlaceCandidate:
    e = s.entry
    return PlaceCandidate(
        e.name, e.feature, e.country_code, round(e.lat, 5), round(e.lon, 5), round(s.score, 3), e.geonameid
    )


def _unresolved(t: Toponym, main: Entry | None, res: list[Scored], kept: int) -> Place:
    """No coordinates; the readings it had (if any) and the document's place as context."""
    return Place(
        t.start,
        t.end,
        t.text,
        t.sentence,
        t.text,
        "unresolved",
        main.country_code if main else None,
        main.admin1_name if main else None,
        None,
        None,
        candidates=tuple(_candidate(s) for s in res[:kept]),
        context=main.name if main else None,
    )


def _resolved(t: Toponym, res: list[Scored], point: tuple[float, float], kept: int) -> Place:
    best_s, best = res[0].score, res[0].entry
    conf = 1.0 / sum(math.exp(s.score - best_s) for s in res[:10])
    return Place(
        t.start,
        t.end,
        t.text,
        t.sentence,
        best.name,
        best.feature,
        best.country_code,
        best.admin1_name,
        round(point[0], 5),
        round(point[1], 5),
        best.population or None,
        best.geonameid,
        round(conf, 3),
        tuple(_candidate(s) for s in res[1:kept]),
    )


def _point(best: Entry, chosen: dict[int, Entry]) -> tuple[float, float]:
    """A county's point: it has no shipped coordinates (namesake town or state centre),
    so when the document names towns of its state, it is most likely around them."""
    if best.kind == "admin2" and best.source in COORDINATELESS:
        towns = Counter(e.id for e in chosen.values() if e.kind == "city" and e.admin1 == best.admin1)
        if towns:
            town = next(e for e in chosen.values() if e.id == towns.most_common(1)[0][0])
            return town.lat, town.lon
    return best.lat, best.lon


def resolve(parsed: ParsedDoc, toponyms: list[Toponym], trace: dict[int, list[Scored]] | None = None) -> list[Place]:
    """Every toponym as a Place, resolved or unresolved; ``trace`` receives the scored
    candidates of each toponym (for ``dateline eval geo --explain``)."""
    cfg, rec, gaz = resolution(), recognition(), get_gazetteer()
    for t in toponyms:
        t.candidates = candidates(t, gaz, rec)
    doc = _document(parsed, toponyms, gaz, cfg)
    # streets and buildings whose readings are towns wait for the document's own places
    fac = {k for k, t in enumerate(toponyms) if t.facility and any(e.kind not in SITE_KINDS for e in t.candidates)}
    chosen = {k: e for k, e in _first_readings(doc).items() if k not in fac}
    scored = _rounds(doc, [k for k in range(len(toponyms)) if k not in fac], chosen, cfg.rounds)
    if fac:
        scored.update(_facilities_near(doc, sorted(fac), chosen))
    _one_reading_per_name(toponyms, scored)
    if trace is not None:
        trace.update(doc.rejected)
        trace.update(scored)
    return _places(doc, scored, {k: res[0].entry for k, res in scored.items()})


def _places(doc: _Doc, scored: dict[int, list[Scored]], chosen: dict[int, Entry]) -> list[Place]:
    main = _main_place(doc, {k: e for k, e in chosen.items() if not doc.toponyms[k].facility})
    others = _countries_besides(doc, chosen)
    kept = doc.cfg.candidates_kept
    places = []
    for k, t in enumerate(doc.toponyms):
        res = scored.get(k)
        if not res:
            places.append(_unresolved(t, main, doc.rejected.get(k, []), kept))
        elif not _suspect(doc, t, res[0].entry, others[t.lookup]):
            places.append(_resolved(t, res, _point(res[0].entry, chosen), kept))
    return places


# --------------------------------------------------------------------------- containment


def _container_entries(norm: str | None, gaz: Gazetteer) -> tuple[Entry, ...]:
    if not norm:
        return ()
    return tuple(e for e in gaz.lookup(norm, normalized=True) if e.kind in CONTAINER_KINDS)


def _contains(c: Entry, e: Entry) -> bool:
    if c is e or c.name == e.name:
        return False
    if c.kind == "country":
        return e.country_code == c.country_code
    if c.admin1 and e.admin1 and c.kind in ("admin1", "region"):
        return c.admin1 == e.admin1 or (c.admin1_name is not None and c.admin1_name == e.admin1_name)
    if c.kind == "admin2":
        return e.admin1 == c.admin1 and great_circle_km(c.lat, c.lon, e.lat, e.lon) < 150
    return False
