"""`dateline places` and `dateline export --format geojson` on a real store."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from dateline.cli.main import cli
from dateline.geo import extract_places
from dateline.store import open_store
from dateline.types import Analysis


@pytest.fixture()
def db(seed_parsed, db_url):
    places, rels = extract_places(seed_parsed)
    store = open_store(db_url)
    store.save(Analysis(parsed=seed_parsed, places=places, relative_locations=rels))
    store.close()
    return db_url


def test_places_json_lists_coordinates_and_relative_locations(db):
    out = CliRunner().invoke(cli, ["places", "--db", db, "--json"])
    assert out.exit_code == 0, out.output
    rows = json.loads(out.output)
    vost = [r for r in rows if r.get("name") == "Vostochny Cosmodrome"]
    assert vost and vost[0]["country_code"] == "RU" and abs(vost[0]["lat"] - 51.88) < 0.05
    rel = [r for r in rows if r.get("relative")]
    assert rel and rel[0]["anchor"] == "Vladivostok" and rel[0]["bearing"] == "N"


def test_export_geojson_feature_per_place_with_sentences(db, tmp_path):
    out_file = tmp_path / "places.geojson"
    res = CliRunner().invoke(cli, ["export", "--format", "geojson", "--db", db, "--out", str(out_file)])
    assert res.exit_code == 0, res.output
    fc = json.loads(out_file.read_text(encoding="utf-8"))
    assert fc["type"] == "FeatureCollection"
    names = [f["properties"]["name"] for f in fc["features"]]
    assert len(names) == len(set(names))  # one feature per place per document
    vla = next(f for f in fc["features"] if f["properties"]["name"] == "Vladivostok")
    lon, lat = vla["geometry"]["coordinates"]
    assert abs(lat - 43.1) < 0.1 and abs(lon - 131.9) < 0.1
    assert vla["properties"]["mentions"] >= 2
    assert all("Vladivostok" in s["text"] for s in vla["properties"]["sentences"])


def test_an_unresolved_place_is_stored_listed_and_exported_without_a_point(db_url, tmp_path):
    from datetime import date

    from dateline.nlp import parse_text

    parsed = parse_text("Police closed Trump Tower on Fifth Avenue in New York.", published=date(2016, 11, 9))
    places, rels = extract_places(parsed)
    assert [p for p in places if p.feature == "unresolved" and p.lat is None and p.lon is None]
    store = open_store(db_url)
    store.save(Analysis(parsed=parsed, places=places, relative_locations=rels))
    (loaded,) = [a for a in [store.load_analysis(parsed.article.doc_id)]]
    store.close()
    back = [p for p in loaded.places if p.feature == "unresolved"]
    assert back and all(p.lat is None and p.lon is None for p in back)

    rows = json.loads(CliRunner().invoke(cli, ["places", "--db", db_url, "--json"]).output)
    road = next(r for r in rows if r.get("text") == "Fifth Avenue")
    assert road["feature"] == "unresolved" and road["lat"] is None and road["context"]
    table = CliRunner().invoke(cli, ["places", "--db", db_url])
    assert table.exit_code == 0 and "unresolved" in table.output

    out_file = tmp_path / "places.geojson"
    res = CliRunner().invoke(cli, ["export", "--format", "geojson", "--db", db_url, "--out", str(out_file)])
    assert res.exit_code == 0, res.output
    feats = json.loads(out_file.read_text(encoding="utf-8"))["features"]
    road_f = next(f for f in feats if "Fifth Avenue" in f["properties"]["texts"])
    assert road_f["geometry"] is None and road_f["properties"]["feature"] == "unresolved"
    assert all(f["geometry"] is not None for f in feats if f["properties"]["feature"] != "unresolved")
