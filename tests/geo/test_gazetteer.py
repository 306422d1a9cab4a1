"""The built gazetteer: where its points come from, and which names it holds."""

from __future__ import annotations

import sqlite3

import pytest

from dateline.geo.build_sources import CSC_SOURCE, consensus
from dateline.geo.distance import great_circle_km
from dateline.geo.gazetteer import get_gazetteer


def _one(name: str, kind: str, cc: str):
    hits = [e for e in get_gazetteer().lookup(name) if e.kind == kind and e.country_code == cc]
    assert hits, f"{name} ({kind}, {cc}) missing"
    return hits[0]


def test_consensus_takes_the_midpoint_only_when_the_sources_agree():
    pt, src = consensus((38.0, -97.0), (39.5, -99.06))
    assert pt == pytest.approx((38.75, -98.03))
    assert "midpoint" in src
    pt, src = consensus((60.0, -95.0), (57.75, -115.0))  # ~1,000 km apart: no midpoint
    assert pt == (60.0, -95.0) and src == CSC_SOURCE
    assert consensus(None, (1.0, 2.0))[0] == (1.0, 2.0)
    assert consensus(None, None) == (None, "")


def test_united_states_point_is_near_the_geographic_centre():
    us = _one("United States", "country", "US")
    # geographic centre of the contiguous United States, near Lebanon, Kansas
    assert great_circle_km(us.lat, us.lon, 39.83, -98.58) < 161
    assert "midpoint" in us.source


def test_every_country_and_region_point_has_a_source():
    con = sqlite3.connect(str(get_gazetteer().path))
    empty = con.execute("SELECT count(*) FROM place WHERE source IS NULL OR source = ''").fetchone()[0]
    kinds = dict(con.execute("SELECT kind, count(*) FROM place GROUP BY kind").fetchall())
    con.close()
    assert empty == 0
    assert kinds["country"] >= 240 and kinds["admin1"] >= 2500


def test_regions_by_english_and_iso_names():
    thu = _one("Thuringia", "admin1", "DE")
    assert abs(thu.lat - 50.9) < 0.5 and abs(thu.lon - 11.0) < 0.5
    assert _one("Bavaria", "admin1", "DE").id == _one("Bayern", "admin1", "DE").id
    somme = _one("Somme", "admin2", "FR")  # a department: second level
    assert abs(somme.lat - 49.9) < 0.5
    assert _one("Ontario", "admin1", "CA").admin1_name == "Ontario"


def test_regions_named_only_by_generic_words_keep_their_kind():
    g = get_gazetteer()
    assert not [e for e in g.lookup("Central") if e.kind in ("admin1", "admin2")]
    assert not [e for e in g.lookup("West") if e.kind in ("admin1", "admin2")]
    assert _one("Central Region", "admin1", "GH")


@pytest.mark.parametrize("name", ["Zaire", "Democratic Republic of Congo", "DRC", "DR Congo"])
def test_variant_names_of_the_drc(name):
    assert _one(name, "country", "CD").name == "Democratic Republic of the Congo"
