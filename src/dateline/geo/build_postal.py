"""Gazetteer build steps from US ZIP code points (the ``zipcodes`` package, whose points
are GeoNames postal codes, CC BY 4.0): a point for every US county, and the small
towns GeoNames ``cities500`` lacks (Harwinton, Connecticut; Lanexa, Virginia)."""

from __future__ import annotations

from collections import defaultdict

from .build_sources import Cities, Point, Rows
from .names import normalize

ZIP_SOURCE = "zipcodes (GeoNames postal codes, CC BY 4.0)"
_KINDS = frozenset({"STANDARD", "PO BOX"})  # not military or single-company codes


def _zip_points() -> list[tuple[str, str, str, float, float]]:
    """(state, county, town, lat, lon) of every active civilian ZIP code."""
    import zipcodes

    out = []
    for z in zipcodes.list_all():
        if not z.get("active") or z.get("zip_code_type") not in _KINDS:
            continue
        try:
            lat, lon = float(z["lat"]), float(z["long"])
        except (KeyError, TypeError, ValueError):
            continue
        out.append((z["state"], z.get("county") or "", z.get("city") or "", lat, lon))
    return out


def _means(groups: dict[tuple[str, str], list[Point]]) -> dict[tuple[str, str], Point]:
    return {k: (sum(p[0] for p in v) / len(v), sum(p[1] for p in v) / len(v)) for k, v in groups.items()}


def zip_county_points() -> dict[tuple[str, str], Point]:
    """(state, normalized county name) -> the mean of the county's ZIP code points."""
    groups: dict[tuple[str, str], list[Point]] = defaultdict(list)
    for state, county, _town, lat, lon in _zip_points():
        if county:
            groups[(state, normalize(county))].append((lat, lon))
    return _means(groups)


def add_postal_towns(rows: Rows, cities: Cities, states: set[str]) -> None:
    """US towns by their postal name, where GeoNames has no town of that name in the state;
    no population is known, so they rank below every GeoNames town of the same name."""
    known = {(c["admin1code"], normalize(c["name"])) for c, _key, _alts in cities.rows if c["countrycode"] == "US"}
    groups: dict[tuple[str, str], list[Point]] = defaultdict(list)
    names: dict[tuple[str, str], str] = {}
    for state, _county, town, lat, lon in _zip_points():
        key = (state, normalize(town))
        if town and state in states and key not in known:
            groups[key].append((lat, lon))
            names.setdefault(key, town)
    for key, (lat, lon) in sorted(_means(groups).items()):
        rows.add("city", names[key], "US", f"US.{key[0]}", lat, lon, 0, None, ZIP_SOURCE)
