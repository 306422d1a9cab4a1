"""Toponym recognition (spaCy mentions, demonyms, a gazetteer matcher) and resolution.

Resolution scores every gazetteer candidate of a toponym with a prior (feature class,
population, main name vs alternate) plus document context: the countries and
first-level regions other toponyms of the document resolve to, the focus country,
containment ("Alexandria, Louisiana"), closeness to other places of the document,
and the publisher's country from the source domain's TLD.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..types import EntityKey, ParsedDoc, Place, PlaceCandidate
from .distance import great_circle_km
from .gazetteer import Entry, get_gazetteer, normalize

DATA = Path(__file__).parent / "data"


@functools.lru_cache(maxsize=1)
def _config() -> dict:
    return yaml.safe_load((DATA / "resolve.yaml").read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=1)
def demonyms() -> dict[str, tuple[str, str]]:
    """normalized demonym -> ("country", CC) or ("area", name)."""
    d = yaml.safe_load((DATA / "demonyms.yaml").read_text(encoding="utf-8"))
    out = {normalize(k): ("country", v) for k, v in d["countries"].items()}
    out.update({normalize(k): ("area", v) for k, v in d["areas"].items()})
    return out


def demonym_hit(text: str) -> tuple[str, str] | None:
    """ "Russian", "Russians", "North Korean" -> ("country", CC); None when not a demonym."""
    dem = demonyms()
    n = normalize(text)
    return dem.get(n) or (dem.get(n[:-1]) if n.endswith("s") else None)


@dataclass(slots=True)
class Toponym:
    """A span to resolve: where it is, and the name to look up."""

    start: int
    end: int
    text: str
    sentence: int
    lookup: str
    source: str  # ner | demonym | gazetteer | gold
    token_start: int = -1
    token_end: int = -1
    forced: Entry | None = None  # demonyms: the country they name
    container: str | None = None  # "Alexandria, Louisiana": the normalized container name
    region_cue: bool = False  # "the state of X", "X state"
    candidates: list = field(default_factory=list)


# --------------------------------------------------------------------------- recognition

_POSS = re.compile(r"(?:’s|'s|’|')$")


def _tld_country(domain: str | None) -> str | None:
    if not domain:
        return None
    tld = domain.rsplit(".", 1)[-1].lower()
    cfg = _config()
    if tld in cfg["tld_countries"]:
        return cfg["tld_countries"][tld]
    return tld.upper() if len(tld) == 2 and tld not in cfg["generic_tlds"] else None


def find_toponyms(parsed: ParsedDoc, demonym_policy: bool | None = None) -> list[Toponym]:
    """Toponym spans: GPE/LOC (and FAC/NORP the gazetteer knows) mentions, plus gazetteer matches."""
    cfg = _config()
    gaz = get_gazetteer()
    use_dem = cfg["recognize_demonyms"] if demonym_policy is None else demonym_policy
    text = parsed.text
    out: list[Toponym] = []
    taken = [False] * len(parsed.tokens)
    # names the document also uses for people ("Saakashvili", "Mr. Trapani")
    person_words = set()
    for m in parsed.mentions:
        if m.label == "PERSON":
            person_words.add(m.text)
            person_words.update(m.text.split())
    for m in parsed.mentions:
        label, keyname = m.entity.label, m.entity.name
        name = keyname if label == m.label and keyname else m.text
        if m.label in ("GPE", "LOC", "FAC") and (m.text in person_words or label == "PERSON"):
            ents = gaz.lookup(name)
            if not any(e.kind in ("country", "admin1", "continent") and e.primary for e in ents):
                continue
        if m.label in ("GPE", "LOC", "FAC") and cfg["drop_unknown_single_token"] and " " not in m.text:
            if not gaz.lookup(name) and not _strip_generic(name, cfg):
                continue
        if m.label in ("GPE", "LOC", "FAC"):
            if (
                m.label == "FAC"
                and not cfg["recognize_all_fac"]
                and not any(e.kind != "city" for e in gaz.lookup(name))
            ):
                continue
            start, end, text_ = m.start, m.end, m.text
            if m.label != "FAC" and " " in text_ and not gaz.lookup(name):
                # "Northeast Georgia" -> Georgia, "Ochamchire district" -> Ochamchire (as the gold sets mark them)
                first, _, rest = text_.partition(" ")
                head, _, last = text_.rpartition(" ")
                if first.lower() in cfg["area_modifiers"] and gaz.lookup(rest):
                    start, text_ = end - len(rest), rest
                elif last.lower() in cfg["generic_suffixes"] and gaz.lookup(head):
                    end, text_ = start + len(head), head
                name = text_
            out.append(Toponym(start, end, text_, m.sentence, name, "ner", m.token_start, m.token_end))
        elif m.label == "NORP" and use_dem:
            hit = demonym_hit(m.text)
            if not hit:
                continue
            t = Toponym(m.start, m.end, m.text, m.sentence, m.text, "demonym", m.token_start, m.token_end)
            t.forced = _demonym_entry(hit)
            if t.forced is None:
                continue
            out.append(t)
        else:
            sub = _inside_name(parsed, m, gaz, cfg) if m.label in ("ORG", "PERSON", "EVENT", "WORK_OF_ART") else None
            if sub:
                out.append(sub)
            if m.label in cfg["blocking_labels"]:
                for k in range(m.token_start, m.token_end):
                    taken[k] = True
            continue
        for k in range(m.token_start, m.token_end):
            taken[k] = True
    out.extend(_gazetteer_matches(parsed, taken, gaz, cfg))
    out.sort(key=lambda t: t.start)
    for t in out:
        if t.source != "demonym":
            _containment(t, text)
    return out


def _strong(ents, min_pop: int) -> bool:
    """A name that is very likely a place: a country/region/continent or a sizeable town."""
    for e in ents:
        if e.kind in ("country", "admin1", "admin2", "continent", "region", "natural", "area", "facility"):
            return True  # aliases count here ("U.S.", "B.C.")
        if e.primary and e.kind == "city" and (e.population or 0) >= min_pop:
            return True
    return False


def _inside_name(parsed: ParsedDoc, m, gaz, cfg) -> Toponym | None:
    """A place named inside an ORG/PERSON mention: "Gainesville Public Utilities",
    "Georgia Environmental Protection Division", or a town mislabelled PERSON."""
    # the mention's characters drop a leading "the" and a trailing "'s"; its tokens do not
    toks = [t for t in parsed.tokens[m.token_start : m.token_end] if t.start >= m.start and t.end <= m.end]
    if not toks:
        return None
    if m.label == "PERSON":
        # only a lone name that no full person name in the document claims
        if len(toks) > 1 or m.entity != EntityKey("PERSON", m.text):
            return None
        prev = parsed.tokens[m.token_start - 1].text.lower().rstrip(".") if m.token_start > 0 else ""
        if prev in cfg["person_titles"]:
            return None
        ents = gaz.lookup(m.text)
        if ents and _strong(ents, cfg["person_as_place_min_pop"]):
            return Toponym(m.start, m.end, m.text, m.sentence, m.text, "inside", m.token_start, m.token_end)
        return None
    # "American Farm Bureau Federation": a leading demonym names its country
    if cfg["recognize_demonyms"] and len(toks) > 1:
        hit = demonym_hit(toks[0].text) if toks[0].text[:1].isupper() else None
        ent = _demonym_entry(hit) if hit else None
        if ent is not None:
            tp = Toponym(
                toks[0].start, toks[0].end, toks[0].text, m.sentence, toks[0].text, "demonym", toks[0].i, toks[0].i + 1
            )
            tp.forced = ent
            return tp
    # leading place name of an organisation (longest first, up to 3 tokens, all capitalized)
    for L in range(min(3, len(toks) - 1), 0, -1):
        span = toks[:L]
        if not all(t.text[:1].isupper() for t in span):
            continue
        name = parsed.text[span[0].start : span[-1].end]
        ents = gaz.lookup(name)
        if ents and _strong(ents, cfg["org_prefix_min_pop"]):
            return Toponym(span[0].start, span[-1].end, name, m.sentence, name, "inside", span[0].i, span[-1].i + 1)
    # "... of Georgia"
    for k, t in enumerate(toks[:-1]):
        if t.text == "of":
            span = toks[k + 1 :]
            if len(span) <= 3 and all(x.text[:1].isupper() for x in span):
                name = parsed.text[span[0].start : span[-1].end]
                ents = gaz.lookup(name)
                if ents and _strong(ents, cfg["org_prefix_min_pop"]):
                    return Toponym(
                        span[0].start, span[-1].end, name, m.sentence, name, "inside", span[0].i, span[-1].i + 1
                    )
            break
    return None


def _demonym_entry(hit: tuple[str, str]) -> Entry | None:
    gaz = get_gazetteer()
    kind, value = hit
    if kind == "country":
        return gaz.country(value)
    cands = [e for e in gaz.lookup(value) if e.kind != "city"]
    return cands[0] if cands else None


def _gazetteer_matches(parsed: ParsedDoc, taken: list[bool], gaz, cfg) -> list[Toponym]:
    """Capitalized runs spaCy left unlabelled: multi-token gazetteer names, or single
    tokens that name a country, US state, continent or a curated place."""
    toks = parsed.tokens
    out = []
    single_kinds = set(cfg["single_token_kinds"])
    stop = set(cfg["matcher_stopwords"])
    i, n = 0, len(toks)
    while i < n:
        t = toks[i]
        if taken[i] or not t.text[:1].isupper() or t.pos not in ("PROPN", "ADJ", "NOUN") or t.text.lower() in stop:
            i += 1
            continue
        best = None
        for L in range(min(4, n - i), 0, -1):
            span = toks[i : i + L]
            if any(taken[k] for k in range(i, i + L)) or any(x.sentence != t.sentence for x in span):
                continue
            if not (
                span[-1].text[:1].isupper()
                and all(x.text[:1].isupper() or x.text.lower() in ("of", "de") for x in span)
            ):
                continue
            name = parsed.text[span[0].start : span[-1].end]
            ents = gaz.lookup(name)
            if not ents:
                continue
            if L == 1:
                if span[0].pos != "PROPN":
                    continue
                if not any(e.primary and e.kind in single_kinds for e in ents):
                    continue
            best = (L, name)
            break
        if best:
            L, name = best
            out.append(Toponym(toks[i].start, toks[i + L - 1].end, name, t.sentence, name, "gazetteer", i, i + L))
            for k in range(i, i + L):
                taken[k] = True
            i += L
        else:
            i += 1
    dem = demonyms()
    if cfg["recognize_demonyms"]:
        for i, t in enumerate(toks):
            if taken[i] or not t.text[:1].isupper():
                continue
            hit = dem.get(normalize(t.text))
            if hit and t.pos == "ADJ" and t.ent_type == "":
                e = _demonym_entry(hit)
                if e:
                    tp = Toponym(t.start, t.end, t.text, t.sentence, t.text, "demonym", i, i + 1)
                    tp.forced = e
                    out.append(tp)
    return out


_CONTAINER = re.compile(r"^,\s*((?:[A-Z][\w.’']*\.?)(?:\s+[A-Z][\w.’']*)?)")


# "the state of Victoria", "Washington state", "Ontario province": the text says it is a region
_REGION_BEFORE = re.compile(r"\b(?:state|province|region|prefecture|county|oblast)\s+of\s+$", re.I)
_REGION_AFTER = re.compile(r"^\s+(?:state|province)\b")  # lower case: not "Washington State University"


def _containment(t: Toponym, text: str) -> None:
    """ "Alexandria, Louisiana" / "Alexandria, La.": remember the container name; note a
    region cue around the name."""
    t.region_cue = bool(
        _REGION_BEFORE.search(text[max(0, t.start - 30) : t.start]) or _REGION_AFTER.match(text[t.end : t.end + 12])
    )
    if ", " in t.lookup:
        head, _, tail = t.lookup.partition(", ")
        t.lookup, t.container = head, normalize(tail)
        return
    m = _CONTAINER.match(text[t.end : t.end + 40])
    if m:
        t.container = normalize(m.group(1))


# --------------------------------------------------------------------------- resolution


_DEBUG: list | None = None  # set to a list to trace candidate scores

# counties placed at a namesake town or their state centre, for want of shipped points
COORDINATELESS = frozenset({"namesake city", "state centre"})
MAJOR_KINDS = frozenset({"country", "admin1", "continent", "region", "area", "natural"})


def _prior(e: Entry, cfg) -> float:
    p = cfg["kind_prior"].get(e.kind, 5.0)
    if e.kind == "city":
        p += cfg["city_population_weight"] * math.log10((e.population or 0) + 10)
    elif e.kind == "admin1" and e.country_code == "US":
        p += cfg["us_state_bonus"]
    if not e.primary and e.kind == "city":
        # English exonyms of big cities are alternates too ("Mecca" for Makkah): smaller penalty
        big = (e.population or 0) >= cfg["big_city_population"]
        p -= cfg["alternate_name_penalty_big" if big else "alternate_name_penalty"]
    return p


def resolve(parsed: ParsedDoc, toponyms: list[Toponym]) -> list[Place]:
    cfg = _config()
    gaz = get_gazetteer()
    w = cfg["weights"]
    publisher = _tld_country(parsed.article.source_domain)

    for t in toponyms:
        if t.forced is not None:
            t.candidates = [t.forced]
            continue
        cands = list(gaz.lookup(t.lookup))
        if not cands:
            stripped = _strip_generic(t.lookup, cfg)
            if stripped:
                cands = list(gaz.lookup(stripped))
        if not cands:
            cands = _sub_phrase(t.lookup, gaz, cfg)
        t.candidates = cands

    # context from the unambiguous toponyms: countries, US states, single-candidate names
    def context(chosen: dict[int, Entry]) -> tuple[Counter, Counter, list]:
        ccs, a1s, anchors = Counter(), Counter(), []
        by_name_cc.clear()
        by_name_a1.clear()
        for idx, e in chosen.items():
            nm = toponyms[idx].lookup
            if e.country_code:
                ccs[e.country_code] += 1
                by_name_cc[(nm, e.country_code)] += 1
            if e.admin1 and e.kind != "country":
                a1s[e.admin1] += 1
                by_name_a1[(nm, e.admin1)] += 1
            if e.kind in ("city", "admin2", "facility"):
                anchors.append((idx, e))
        return ccs, a1s, anchors

    # local papers name their town in the domain ("parisbeacon.com"): those candidates in the
    # publisher's country (generic TLDs: the configured default) get a bonus
    dom = re.sub(r"[^a-z]", "", (parsed.article.source_domain or "").lower().rsplit(".", 1)[0])
    home_cc = publisher or (cfg["generic_tld_country"] if dom else None)
    domain_names = {
        t.lookup
        for t in toponyms
        if len(normalize(t.lookup).replace(" ", "")) >= 4 and normalize(t.lookup).replace(" ", "") in dom
    }

    # support: other names of the document with a candidate nearby or in the same region
    uniq: dict[str, list[Entry]] = {}
    for t in toponyms:
        if t.candidates and t.forced is None:
            ranked = sorted(t.candidates, key=lambda e: -_prior(e, cfg))
            # the likeliest towns, and every county/region (they tie on the prior)
            uniq.setdefault(
                t.lookup,
                ranked[: cfg["support_candidates"]]
                + [e for e in ranked[cfg["support_candidates"] :] if e.kind != "city"],
            )
    support: dict[int, int] = {}
    if len(uniq) > 1:
        regions = {n: {e.admin1 for e in es if e.admin1} for n, es in uniq.items()}
        points = {n: [(e.lat, e.lon) for e in es if e.kind in ("city", "facility")] for n, es in uniq.items()}
        coslat = math.cos
        for n, es in uniq.items():
            if len(es) < 2:
                continue
            for e in es:
                cnt = 0
                for n2 in uniq:
                    if n2 == n:
                        continue
                    if e.admin1 and e.admin1 in regions[n2]:
                        cnt += 1
                        continue
                    if e.kind in ("city", "admin2", "facility"):
                        k = coslat(math.radians(e.lat))
                        if any(((la - e.lat) ** 2 + ((lo - e.lon) * k) ** 2) < 0.81 for la, lo in points[n2]):
                            cnt += 1  # within ~100 km (0.9 degrees)
                support[e.id] = cnt

    # proximity is computed for the likeliest candidates of each name only (speed)
    near_ok = {e.id for es in uniq.values() for e in es}

    # context a name gets from its own other mentions does not count (no self-reinforcement)
    by_name_cc: Counter = Counter()
    by_name_a1: Counter = Counter()

    first: dict[int, Entry] = {}
    for k, t in enumerate(toponyms):
        if len(t.candidates) == 1:
            first[k] = t.candidates[0]
        elif t.candidates:
            ranked = sorted(t.candidates, key=lambda e: -_prior(e, cfg))
            top, second = ranked[0], ranked[1]
            clear = _prior(top, cfg) - _prior(second, cfg) > cfg["first_pass_margin"]
            if clear and (top.kind in ("country", "continent") or (top.kind == "admin1" and top.country_code == "US")):
                first[k] = top
    chosen = dict(first)
    scored: dict[int, list[tuple[float, Entry]]] = {}
    for _round in range(cfg["rounds"]):
        ccs, a1s, anchors = context(chosen)
        total = sum(ccs.values()) or 1
        focus_cache: dict[str, str | None] = {}

        def focus_for(name: str) -> str | None:
            """The document's main country, leaving out the name being resolved."""
            if name not in focus_cache:
                rest = Counter({cc: n - by_name_cc[(name, cc)] for cc, n in ccs.items()})
                top = [cc for cc, n in rest.most_common(1) if n > 0]
                focus_cache[name] = top[0] if top else publisher
            return focus_cache[name]

        anchor_pts = list({a.id: a for _, a in anchors}.values())
        new = {}
        for k, t in enumerate(toponyms):
            if not t.candidates:
                continue
            cont = _container_entries(t.container, gaz) if t.container else ()
            # a name that is a country's, a region's or a big city's: smaller towns of that
            # name need more than context to win
            names_major = any(e.primary and e.kind in MAJOR_KINDS for e in t.candidates)
            top_prior = max(_prior(e, cfg) for e in t.candidates)
            res = []
            for e in t.candidates:
                s = _prior(e, cfg)
                ctx = 0.0
                if e.country_code:
                    n_cc = ccs[e.country_code] - by_name_cc[(t.lookup, e.country_code)]
                    ctx += w["country_context"] * min(1.0, n_cc / max(1.0, total * 0.3))
                    if e.country_code == focus_for(t.lookup):
                        ctx += w["focus_country"]
                    if e.country_code == publisher:
                        ctx += w["publisher_country"]
                if e.admin1 and e.kind != "country" and a1s[e.admin1] - by_name_a1[(t.lookup, e.admin1)] > 0:
                    ctx += w["admin1_context"]
                near = 0.0
                if anchor_pts and e.kind in ("city", "admin2", "facility") and e.id in near_ok:
                    d = _nearest_km(e, anchor_pts)
                    if d is not None:
                        near = w["near_100km"] if d < 100 else w["near_300km"] if d < 300 else 0.0
                ctx += near * w["near_in_cap"]
                if support:
                    ctx += w["support"] * min(2, support.get(e.id, 0))
                # context may tip the balance between candidates but not make a hamlet beat a country
                cap = cfg["max_context_bonus"]
                if e.kind == "city" and (names_major or top_prior - _prior(e, cfg) > cfg["dominance_gap"]):
                    cap = cfg["max_context_bonus_vs_major"]
                s += min(ctx, cap) + near * w["near_outside_cap"]
                if t.lookup in domain_names and e.kind == "city" and e.country_code == home_cc:
                    s += w["domain_town"]
                if cont and any(_contains(c, e) for c in cont):
                    s += w["containment"]
                if t.region_cue and e.primary and e.kind in ("admin1", "admin2"):
                    s += w["region_cue"]
                res.append((s, e))
                if _DEBUG is not None:
                    _DEBUG.append((_round, t.lookup, e.name, e.admin1, round(s, 2), round(ctx, 2), near))
            res.sort(key=lambda x: (-x[0], -(x[1].population or 0)))
            scored[k] = res
            new[k] = res[0][1]
        chosen = new

    # the document's main place: where unknown names (streets, buildings) most likely are
    counts = Counter(e.id for e in chosen.values() if e.kind in ("city", "admin2"))
    by_id = {e.id: e for e in chosen.values()}
    main = by_id[counts.most_common(1)[0][0]] if counts else None
    if main is None:
        ccs = Counter(e.country_code for e in chosen.values() if e.country_code)
        main = gaz.country(ccs.most_common(1)[0][0]) if ccs else (gaz.country(publisher) if publisher else None)

    # counties have no shipped coordinates (namesake town or state centre): a county of a
    # state whose towns the document names is most likely around those towns
    town_in = {}
    for k, e in chosen.items():
        if e.kind == "city" and e.admin1:
            town_in.setdefault(e.admin1, Counter())[e.id] += 1

    final_ccs: dict[str, Counter] = {}
    for k, e in chosen.items():
        if e.country_code:
            final_ccs.setdefault(toponyms[k].lookup, Counter())[e.country_code] += 1
    home = {publisher, home_cc} - {None}

    def doc_ccs_without(name: str) -> set:
        out = set(home)
        for nm, c in final_ccs.items():
            if nm != name:
                out.update(c)
        return out

    places = []
    for k, t in enumerate(toponyms):
        res = scored.get(k)
        if not res:
            if main is not None and cfg["fallback_to_main_place"]:
                places.append(
                    Place(
                        t.start,
                        t.end,
                        t.text,
                        t.sentence,
                        t.text,
                        "unresolved",
                        main.country_code,
                        main.admin1_name,
                        round(main.lat, 5),
                        round(main.lon, 5),
                        None,
                        None,
                        0.05,
                        (
                            PlaceCandidate(
                                main.name,
                                main.feature,
                                main.country_code,
                                round(main.lat, 5),
                                round(main.lon, 5),
                                0.0,
                                main.geonameid,
                            ),
                        ),
                    )
                )
            continue
        best_s, best = res[0]
        # one word naming a place in a country the document never mentions is more often a
        # misread name: a small town the model tagged ("Obama", "Trapani"), or a region the
        # model left untagged ("Flores", "Berea")
        suspect = (
            t.source in ("ner", "inside")
            and best.kind == "city"
            and (best.population or 0) < cfg["isolated_town_max_population"]
        ) or (t.source == "gazetteer" and best.kind in ("admin1", "admin2"))
        if suspect and " " not in t.text and best.country_code not in doc_ccs_without(t.lookup):
            continue
        lat, lon = best.lat, best.lon
        if best.kind == "admin2" and best.source in COORDINATELESS and best.admin1 in town_in:
            town = by_id[town_in[best.admin1].most_common(1)[0][0]]
            lat, lon = town.lat, town.lon
        z = sum(math.exp(s - best_s) for s, _ in res[:10])
        conf = 1.0 / z
        places.append(
            Place(
                t.start,
                t.end,
                t.text,
                t.sentence,
                best.name,
                best.feature,
                best.country_code,
                best.admin1_name,
                round(lat, 5),
                round(lon, 5),
                best.population or None,
                best.geonameid,
                round(conf, 3),
                tuple(
                    PlaceCandidate(
                        e.name, e.feature, e.country_code, round(e.lat, 5), round(e.lon, 5), round(s, 3), e.geonameid
                    )
                    for s, e in res[1:4]
                ),
            )
        )
    return places


def _nearest_km(e: Entry, anchors: list[Entry]) -> float | None:
    """Distance to the nearest anchor of another name (equirectangular: fine below 300 km)."""
    k = math.cos(math.radians(e.lat))
    best = None
    for a in anchors:
        if a.name == e.name:
            continue
        dy = a.lat - e.lat
        if dy > 3 or dy < -3:
            continue
        dx = (a.lon - e.lon) * k
        d2 = dy * dy + dx * dx
        if best is None or d2 < best:
            best = d2
    return None if best is None else math.sqrt(best) * 111.2


def _sub_phrase(name: str, gaz, cfg) -> list[Entry]:
    """ "Southern California" -> California, "Vancouver Art Gallery" -> Vancouver."""
    words = name.split()
    if len(words) < 2:
        return []
    if words[0].lower() in cfg["area_modifiers"]:
        ents = [e for e in gaz.lookup(" ".join(words[1:])) if e.kind != "city" or (e.population or 0) >= 10000]
        if ents:
            return ents
    facility = set(cfg["facility_words"])
    for L in range(len(words) - 1, 0, -1):
        if words[L].lower() not in facility:
            continue
        ents = gaz.lookup(" ".join(words[:L]))
        if ents and _strong(ents, 10000):
            return [e for e in ents if e.primary]
    return []


def _strip_generic(name: str, cfg) -> str | None:
    words = name.split()
    if len(words) > 1 and words[-1].lower() in cfg["generic_suffixes"]:
        return " ".join(words[:-1])
    if len(words) > 2 and " ".join(words[:2]).lower() in ("city of", "state of", "province of", "republic of"):
        return " ".join(words[2:])
    return None


@functools.lru_cache(maxsize=4096)
def _container_entries_cached(norm: str) -> tuple[Entry, ...]:
    return tuple(
        e for e in get_gazetteer().lookup(norm, normalized=True) if e.kind in ("country", "admin1", "admin2", "region")
    )


def _container_entries(norm: str | None, gaz) -> tuple[Entry, ...]:
    return _container_entries_cached(norm) if norm else ()


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
