"""Gazetteer build steps for regions: US states and counties, ISO subdivisions.

Countries and regions take their points from countrystatecity-countries (complete for
every ISO country and subdivision, so nothing here is chosen by an evaluation set); the
admin1 key that ties a region to its GeoNames towns comes from its namesake town, else
from the town nearest its point.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from .build_sources import CSC_SOURCE, Cities, Rows, csc_point, weighted_centre
from .names import is_latin, normalize
from .settings import aliases

_GENERIC = frozenset(
    [
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "northeastern",
        "northwestern",
        "southeastern",
        "southwestern",
        "upper",
        "lower",
        "middle",
        "capital",
        "coast",
        "coastal",
        "great",
        "greater",
        "inner",
        "outer",
        "island",
        "islands",
        "lakes",
        "mountain",
        "plains",
        "valley",
    ]
)

_REGION_WORDS = re.compile(
    r"\b(oblast|oblast'|krai|kray|okrug|province|provincia|prefecture|governorate|region|state|"
    r"district|county|department|departement|canton|voivodeship|municipality|autonomous|republic|"
    r"territory|shi|sheng|zizhiqu|respublika|oblast|kraj|wilayah|muhafazat|mintaqat|ostan|ili|il)\b"
)
_COUNTY_KIND = re.compile(r"\s+(County|Parish|Borough|Census Area|Municipality|city)$")


def _specific(name: str, kind: str | None) -> str | None:
    """A region named only by generic words ("Central", "West") keeps its kind in its name
    ("Central Region"), so running text's "central" or "West" is not taken for it."""
    if set(normalize(name).split()) <= _GENERIC:
        return f"{name} {kind.title()}" if kind and " " not in kind else None
    return name


def region_base(name: str) -> str:
    """A region's name without its kind: "Amurskaya oblast'" -> "amurskaya"."""
    return normalize(_REGION_WORDS.sub(" ", normalize(name)))


def _off_largest_city(pt: tuple[float, float], key: str, cities: Cities) -> tuple[float, float] | None:
    """A state whose point is its largest city's (New York at New York City: a geocoder
    answered the city) takes the plain mean of its towns instead, which lies inside it;
    None when the point is not the city's."""
    from .distance import great_circle_km

    towns = cities.groups.get(key, ())
    if not towns:
        return None
    big = max(towns, key=lambda t: t[2])
    mean = sum(t[0] for t in towns) / len(towns), sum(t[1] for t in towns) / len(towns)
    on_city = great_circle_km(pt[0], pt[1], big[0], big[1]) <= 15
    return mean if on_city and great_circle_km(pt[0], pt[1], mean[0], mean[1]) > 100 else None


def add_us_states(rows: Rows, gdir: Path, csc_states: dict[str, list[dict]], cities: Cities) -> None:
    csc_by_code = {r["iso3166_2"]: r for r in csc_states.get("US", ()) if r.get("iso3166_2")}
    for code, s in json.loads((gdir / "us_states.json").read_text(encoding="utf-8")).items():
        key = f"US.{code}"
        rows.admin1_names[key] = s["name"]
        rec = csc_by_code.get(f"US-{code}")
        pt = csc_point(rec) if rec else None
        src = CSC_SOURCE
        if pt is None:
            pt, src = weighted_centre(cities.groups.get(key, ())), "population-weighted centre of its cities"
        elif (inside := _off_largest_city(pt, key, cities)) is not None:
            pt, src = inside, "mean of its towns (countrystatecity's point is its largest city's)"
        if pt is not None:
            alt = aliases().us_states.get(code, ())
            rows.add("admin1", s["name"], "US", key, pt[0], pt[1], None, s.get("geonameid"), src, alt)


def _admin1_aliases() -> dict[tuple[str, str], list[str]]:
    out = {}
    for k, v in aliases().admin1.items():
        cc, _, nm = k.partition(":")
        out[(cc, normalize(nm))] = list(v)
    return out


def _region_key(cities: Cities, cc: str, names: list[str], lat: float, lon: float) -> str | None:
    """The admin1 key of a region: its namesake town's when near its point, else the nearest town's."""
    for n in names:
        for cand in (region_base(n), normalize(n)):
            hit = cities.by_name.get((cc, cand))
            if hit and hit[3] and abs(hit[1] - lat) + abs(hit[2] - lon) < 4:
                return hit[3]
    return cities.nearest_key(cc, lat, lon)


def _region_names(rec: dict, sub) -> list[str]:
    """English and ISO names of a region (the package's "native" names are often local
    script or stray strings: not used)."""
    raw = [_specific(n, rec.get("type")) for n in (rec["name"], sub.name if sub else None) if n]
    out: list[str] = []
    for n in raw:
        if n and is_latin(n) and n not in out:
            out.append(n)
    return out


def _region_aliases(cc: str, names: list[str], a1_alias: dict) -> list[str]:
    alias = []
    for n in names:
        base = region_base(n)
        if base and base != normalize(n) and not set(base.split()) <= _GENERIC:
            alias.append(base.title())
        alias += a1_alias.get((cc, normalize(n)), []) + a1_alias.get((cc, base), [])
    return alias


def add_iso_regions(rows: Rows, csc_states: dict[str, list[dict]], cities: Cities) -> set[str]:
    """Every subdivision countrystatecity ships outside the US; returns the ISO codes added."""
    import pycountry

    top_level = {sub.code: sub for sub in pycountry.subdivisions if sub.parent_code is None}
    iso_countries = {sub.country_code for sub in top_level.values()}
    a1_alias = _admin1_aliases()
    seen: set[str] = set()
    for cc, recs in csc_states.items():
        if cc == "US":
            continue
        for rec in recs:
            code = rec.get("iso3166_2") or ""
            if code in seen:
                continue
            seen.add(code)
            _add_region(rows, cities, cc, rec, top_level.get(code), iso_countries, a1_alias)
    return seen


def _add_region(rows: Rows, cities: Cities, cc: str, rec: dict, sub, iso_countries: set, a1_alias: dict) -> None:
    pt = csc_point(rec)
    names = _region_names(rec, sub)
    if pt is None or not names:
        return
    key = _region_key(cities, cc, names, pt[0], pt[1])
    # ISO first-level subdivisions are admin1; the rest (departments, counties) admin2
    kind = "admin1" if sub is not None or cc not in iso_countries else "admin2"
    if kind == "admin1" and key:
        rows.admin1_names.setdefault(key, names[0])
    code = rec.get("iso3166_2") or ""
    alt = names[1:] + _region_aliases(cc, names, a1_alias)
    rows.add(kind, names[0], cc, key, pt[0], pt[1], None, None, f"{CSC_SOURCE} {code}".strip(), alt)


def add_pycountry_regions(rows: Rows, seen_codes: set[str], cities: Cities) -> None:
    """ISO subdivisions the package lacks: the centre of their namesake town's region."""
    import pycountry

    a1_alias = _admin1_aliases()
    for sub in pycountry.subdivisions:
        cc = sub.country_code
        if sub.parent_code is not None or sub.code in seen_codes or cc == "US":
            continue
        base = region_base(sub.name)
        hit = cities.by_name.get((cc, base)) or cities.by_name.get((cc, normalize(sub.name)))
        if not hit or not hit[3]:
            continue
        lat, lon = weighted_centre(cities.groups.get(hit[3], ())) or (hit[1], hit[2])
        rows.admin1_names.setdefault(hit[3], sub.name)
        alt = ([base.title()] if base != normalize(sub.name) else []) + a1_alias.get((cc, normalize(sub.name)), [])
        src = f"pycountry {sub.code}; centre of its cities"
        rows.add("admin1", sub.name, cc, hit[3], lat, lon, None, None, src, alt)


def add_us_counties(rows: Rows, gdir: Path, cities: Cities) -> None:
    """US counties at the mean of their ZIP code points; else the namesake city in the
    state, else the state centre. A county is also named without its kind ("Clarke and
    Oconee counties")."""
    from .build_postal import ZIP_SOURCE, zip_county_points

    state_centre = {p[3]: (p[4], p[5]) for p in rows.places if p[0] == "admin1" and p[2] == "US"}
    zips = zip_county_points()
    for county in json.loads((gdir / "us_counties.json").read_text(encoding="utf-8")):
        key = f"US.{county['state']}"
        bare = _COUNTY_KIND.sub("", county["name"])
        hit = cities.by_name.get(("US", normalize(bare)))
        zpt = zips.get((county["state"], normalize(county["name"])))
        if zpt:
            (lat, lon), src = zpt, f"mean of its ZIP code points, {ZIP_SOURCE}"
        elif hit and hit[3] == key:
            lat, lon, src = hit[1], hit[2], "namesake city"
        elif key in state_centre:
            (lat, lon), src = state_centre[key], "state centre"
        else:
            continue
        rows.add("admin2", county["name"], "US", key, lat, lon, None, None, src, [bare])
