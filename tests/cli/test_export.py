"""`dateline export` in both formats, and the Giveme5W1H export read back by the scorer."""

from __future__ import annotations

import json

from click.testing import CliRunner

from dateline.cli.main import cli

from ..conftest import write_giveme5w1h


def test_giveme5w1h_export_reads_back_in_the_scorer(tmp_path):
    gold = tmp_path / "gold"
    gold.mkdir()
    write_giveme5w1h(gold)
    db = str(tmp_path / "g.db")
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", str(gold), "--db", db, "-q"]).exit_code == 0
    out = tmp_path / "out"
    r = runner.invoke(cli, ["export", "--format", "giveme5w1h", "--out", str(out), "--db", db])
    assert r.exit_code == 0, r.output
    assert sorted(p.name for p in out.glob("*.json")) == sorted(p.name for p in gold.glob("*.json"))
    rec = json.loads(next(out.glob("*.json")).read_text())
    assert rec["fiveWoneH"]["who"]["extracted"][0]["text"]
    r = runner.invoke(cli, ["eval", "5w1h", "--gold", str(gold), "--pred", str(out), "--json"])
    assert r.exit_code == 0, r.output
    scores = json.loads(r.stdout)
    assert "who" in json.dumps(scores) and "overall" in json.dumps(scores)


def test_geojson_export_to_stdout(tmp_path, seed_path):
    db = str(tmp_path / "s.db")
    runner = CliRunner()
    runner.invoke(cli, ["ingest", str(seed_path), "--db", db, "-q"])
    r = runner.invoke(cli, ["export", "--format", "geojson", "--db", db])
    fc = json.loads(r.stdout)
    names = {f["properties"]["name"] for f in fc["features"]}
    assert fc["type"] == "FeatureCollection" and {"Vostochny Cosmodrome", "Pyongyang", "Vladivostok"} <= names
    r = runner.invoke(cli, ["export", "--format", "giveme5w1h", "--db", db])
    assert r.exit_code != 0 and "--out" in r.output
