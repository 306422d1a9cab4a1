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

from ..types import ParsedDoc, Place, PlaceCandidate
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
    candidates: list = field(default_factory=list)


# --------------------------------------------------------------------------- recognition

_POSS = re.compile(r"(?:’s|'s|’|')$")


def _tld_country(domain: str | None) -> str | None:
    if not domain:
        return None
    tld = domain.rsplit(".", 1)[-1].lower()
    cfg = _config()
    return cfg["tld_countries"].get(tld, tld.upper() if len(tld) == 2 and tld not in cfg["generic_tlds"] else None)


def find_toponyms(parsed: ParsedDoc, demonym_policy: bool | None = None) -> list[Toponym]:
    """Toponym spans: GPE/LOC (and FAC/NORP the gazetteer knows) mentions, plus gazetteer matches."""
    cfg = _config()
    gaz = get_gazetteer()
    dem = demonyms()
    use_dem = cfg["recognize_demonyms"] if demonym_policy is None else demonym_policy
    text = parsed.text
    out: list[Toponym] = []
    taken = [False] * len(parsed.tokens)
    for m in parsed.mentions:
        label, _, keyname = m.entity.partition(":")
        name = keyname if label == m.label and keyname else m.text
        if m.label in ("GPE", "LOC", "FAC"):
            if m.label == "FAC" and not any(e.kind != "city" for e in gaz.lookup(name)):
                continue
            out.append(Toponym(m.start, m.end, m.text, m.sentence, name, "ner", m.token_start, m.token_end))
        elif m.label == "NORP" and use_dem:
            hit = dem.get(normalize(m.text))
            if not hit:
                continue
            t = Toponym(m.start, m.end, m.text, m.sentence, m.text, "demonym", m.token_start, m.token_end)
            t.forced = _demonym_entry(hit)
            if t.forced is None:
                continue
            out.append(t)
        else:
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
            if not (span[-1].text[:1].isupper() and all(x.text[:1].isupper() or x.text.lower() in ("of", "de") for x in span)):
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


def _containment(t: Toponym, text: str) -> None:
    """"Alexandria, Louisiana" / "Alexandria, La.": remember the container name."""
    if ", " in t.lookup:
        head, _, tail = t.lookup.partition(", ")
        t.lookup, t.container = head, normalize(tail)
        return
    m = _CONTAINER.match(text[t.end : t.end + 40])
    if m:
        t.container = normalize(m.group(1))


# --------------------------------------------------------------------------- resolution


def _prior(e: Entry, cfg) -> float:
    p = cfg["kind_prior"].get(e.kind, 5.0)
    if e.kind == "city":
        p += math.log10((e.population or 0) + 10)
    elif e.kind == "admin1" and e.country_code == "US":
        p += cfg["us_state_bonus"]
    if not e.primary and e.kind == "city":
        p -= cfg["alternate_name_penalty"]
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
        t.candidates = cands

    # context from the unambiguous toponyms: countries, US states, single-candidate names
    def context(chosen: dict[int, Entry]) -> tuple[Counter, Counter, list]:
        ccs, a1s, anchors = Counter(), Counter(), []
        for idx, e in chosen.items():
            if e.country_code:
                ccs[e.country_code] += 1
            if e.admin1 and e.kind != "country":
                a1s[e.admin1] += 1
            if e.kind in ("city", "admin2", "facility"):
                anchors.append((idx, e))
        return ccs, a1s, anchors

    first: dict[int, Entry] = {}
    for k, t in enumerate(toponyms):
        if len(t.candidates) == 1:
            first[k] = t.candidates[0]
        elif t.candidates:
            top = max(t.candidates, key=lambda e: _prior(e, cfg))
            if top.kind in ("country", "continent") or (top.kind == "admin1" and top.country_code == "US"):
                first[k] = top
    chosen = dict(first)
    scored: dict[int, list[tuple[float, Entry]]] = {}
    for _round in range(2):
        ccs, a1s, anchors = context(chosen)
        total = sum(ccs.values()) or 1
        focus = ccs.most_common(1)[0][0] if ccs else publisher
        new = {}
        for k, t in enumerate(toponyms):
            if not t.candidates:
                continue
            cont = _container_entries(t.container, gaz) if t.container else ()
            res = []
            for e in t.candidates:
                s = _prior(e, cfg)
                own = 1 if chosen.get(k) is e else 0
                if e.country_code:
                    n_cc = ccs[e.country_code] - (own if e.country_code else 0)
                    s += w["country_context"] * min(1.0, n_cc / max(1.0, total * 0.3))
                    if e.country_code == focus:
                        s += w["focus_country"]
                    if e.country_code == publisher:
                        s += w["publisher_country"]
                if e.admin1 and e.kind != "country" and a1s[e.admin1] - (own if e.admin1 else 0) > 0:
                    s += w["admin1_context"]
                if cont and any(_contains(c, e) for c in cont):
                    s += w["containment"]
                if anchors and e.kind in ("city", "admin2", "facility"):
                    d = min(
                        (great_circle_km(e.lat, e.lon, a.lat, a.lon) for j, a in anchors if j != k and a.name != e.name),
                        default=None,
                    )
                    if d is not None:
                        s += w["near_100km"] if d < 100 else w["near_300km"] if d < 300 else 0.0
                res.append((s, e))
            res.sort(key=lambda x: (-x[0], -(x[1].population or 0)))
            scored[k] = res
            new[k] = res[0][1]
        chosen = new

    places = []
    for k, t in enumerate(toponyms):
        res = scored.get(k)
        if not res:
            continue
        best_s, best = res[0]
        z = sum(math.exp(s - best_s) for s, _ in res[:10])
        conf = 1.0 / z
        places.append(
            Place(
                t.start, t.end, t.text, t.sentence, best.name, best.feature, best.country_code,
                best.admin1_name, round(best.lat, 5), round(best.lon, 5), best.population or None,
                best.geonameid, round(conf, 3),
                tuple(
                    PlaceCandidate(e.name, e.feature, e.country_code, round(e.lat, 5), round(e.lon, 5),
                                   round(s, 3), e.geonameid)
                    for s, e in res[1:4]
                ),
            )
        )
    return places


def _strip_generic(name: str, cfg) -> str | None:
    words = name.split()
    if len(words) > 1 and words[-1].lower() in cfg["generic_suffixes"]:
        return " ".join(words[:-1])
    if len(words) > 2 and " ".join(words[:2]).lower() in ("city of", "state of", "province of", "republic of"):
        return " ".join(words[2:])
    return None


@functools.lru_cache(maxsize=4096)
def _container_entries_cached(norm: str) -> tuple[Entry, ...]:
    return tuple(e for e in get_gazetteer().lookup(norm, normalized=True) if e.kind in ("country", "admin1", "admin2", "region"))


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
