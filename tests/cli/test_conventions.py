"""CLI conventions: --format table|json|jsonl|csv, --limit/--offset, plain tables when piped,
errors as JSON under --json, search syntax errors, table exports (CSV, JSON Lines, Parquet),
GeoJSON of events, files skipped for their extension."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from dateline.cli.main import cli

from ..conftest import EXAMPLES

LISTINGS = [
    ["docs"],
    ["entities"],
    ["search", "Kim"],
    ["places"],
    ["times", "000_fde"],
    ["quantities"],
]


def test_entity_overrides_take_the_formats(db, tmp_path):
    import sqlite3

    mine = str(tmp_path / "o.db")
    with sqlite3.connect(db) as src, sqlite3.connect(mine) as dst:
        src.backup(dst)  # a consistent copy of the WAL database
    for args in (["retype", "Vostochny Cosmodrome", "ORG"], ["retype", "Vladivostok", "LOC"]):
        r = run(mine, "entity", *args)
        assert r.exit_code == 0, r.output
    rows = json.loads(run(mine, "entity", "overrides", "--json").stdout)
    assert len(rows) == 2
    lines = run(mine, "entity", "overrides", "--format", "jsonl", "--offset", "1").stdout.splitlines()
    assert [json.loads(x) for x in lines] == rows[1:]
    assert len(list(csv.reader(io.StringIO(run(mine, "entity", "overrides", "--format", "csv").stdout)))) == 3


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("conv") / "conv.db")
    r = CliRunner().invoke(cli, ["ingest", str(EXAMPLES), "--db", path, "--quiet"])
    assert r.exit_code == 0, r.output
    return path


def run(db, *args):
    return CliRunner().invoke(cli, [*args, "--db", db])


def _rows_of_json(cmd, data):
    if cmd[0] == "times":
        return data["times"]
    if cmd[0] == "quantities":  # the rows name their document
        return [{"doc_id": d["doc_id"], **q} for d in data for q in d["quantities"]]
    return data


@pytest.mark.parametrize("cmd", LISTINGS, ids=lambda c: c[0])
def test_every_listing_takes_the_four_formats_and_paging(db, cmd):
    as_json = _rows_of_json(cmd, json.loads(run(db, *cmd, "--json").stdout))
    assert len(as_json) >= 3
    assert json.loads(run(db, *cmd, "--format", "json").stdout) == json.loads(run(db, *cmd, "--json").stdout)
    lines = run(db, *cmd, "--format", "jsonl").stdout.splitlines()
    assert [json.loads(x) for x in lines] == as_json
    table = list(csv.reader(io.StringIO(run(db, *cmd, "--format", "csv").stdout)))
    assert len(table) == len(as_json) + 1 and len(table[0]) >= 3  # a header, then one row each
    paged = [
        json.loads(x) for x in run(db, *cmd, "--format", "jsonl", "--limit", "2", "--offset", "1").stdout.splitlines()
    ]
    assert paged == as_json[1:3] if cmd[0] != "search" else len(paged) == 2


@pytest.mark.parametrize("cmd", LISTINGS, ids=lambda c: c[0])
def test_piped_tables_have_no_box_drawing(db, cmd):
    out = run(db, *cmd).stdout
    assert out.strip() and not set(out) & set("│┃━─┏┓┗┛┡┩└┘╇╈┼")


def test_errors_are_json_under_json(db):
    r = run(db, "show", "no-such-document", "--json")
    assert r.exit_code == 1
    err = json.loads(r.stdout)["error"]
    assert err["code"] == "E501" and "not found" in err["message"]
    r = run(db, "search", "Kim", "OR", "--format", "json")
    assert r.exit_code == 1 and json.loads(r.stdout)["error"]["code"] == "E706"
    r = run(db, "entities", "--limit", "0", "--json")
    assert r.exit_code != 0 and json.loads(r.stdout)["error"]["code"] == "E701"
    plain = run(db, "show", "no-such-document")
    assert plain.exit_code == 1 and "[E501]" in plain.output and not plain.stdout.startswith("{")


def test_search_syntax(db):
    phrase = run(db, "search", '"top speed"', "--json")
    assert phrase.exit_code == 0 and all("top speed" in h["text"].lower() for h in json.loads(phrase.stdout))
    either = json.loads(run(db, "search", "Baikonur", "OR", "Vladivostok", "--json", "--limit", "500").stdout)
    texts = [h["text"] for h in either]
    assert any("Baikonur" in t for t in texts) and any("Vladivostok" in t for t in texts)
    assert all("Baikonur" in t or "Vladivostok" in t for t in texts)
    bad = run(db, "search", '"top speed')
    assert bad.exit_code == 1 and "[E706]" in bad.output and "phrase is not closed" in bad.output


def test_export_tables_csv_jsonl_parquet(db, tmp_path):
    import pyarrow.parquet as pq

    for table in ("documents", "sentences", "mentions", "entities", "events", "places"):
        rows = [json.loads(x) for x in run(db, "export", "--format", "jsonl", "--table", table).stdout.splitlines()]
        assert rows, table
        out = tmp_path / f"{table}.csv"
        assert run(db, "export", "--format", "csv", "--table", table, "--out", str(out)).exit_code == 0
        with open(out, newline="", encoding="utf-8") as f:
            got = list(csv.DictReader(f))
        assert len(got) == len(rows) and list(got[0]) == list(rows[0])
        pq_out = tmp_path / f"{table}.parquet"
        assert run(db, "export", "--format", "parquet", "--table", table, "--out", str(pq_out)).exit_code == 0
        assert pq.read_table(pq_out).to_pylist() == rows


def test_events_export_one_row_each_with_place_and_dates(db):
    rows = [json.loads(x) for x in run(db, "export", "--format", "jsonl", "--table", "events").stdout.splitlines()]
    stored = json.loads(run(db, "stats", "--json").stdout)["events"]
    assert len(rows) == stored
    keys = {"date", "granularity", "status", "type", "actors", "place", "lat", "lon", "sources"}
    assert keys <= set(rows[0])
    located = [r for r in rows if r["lat"] is not None]
    assert located and all(r["place"] for r in located)
    assert any(r["granularity"] == "day" and r["date_earliest"] == r["date"] for r in rows)
    assert all(r["sources"][0].startswith(r["event_id"].split("#")[0]) for r in rows)
    fc = json.loads(run(db, "export", "--format", "geojson", "--table", "events").stdout)
    assert len(fc["features"]) == len(located)
    first = fc["features"][0]
    assert first["geometry"]["coordinates"] == [first["properties"]["lon"], first["properties"]["lat"]]
    assert "date_earliest" in first["properties"]


def test_export_table_needs_its_table_and_parquet_a_file(db):
    r = run(db, "export", "--format", "csv")
    assert r.exit_code == 2 and "--table" in r.output
    r = run(db, "export", "--format", "parquet", "--table", "events")
    assert r.exit_code == 2 and "--out" in r.output


def test_ingest_names_files_skipped_for_their_extension(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text((EXAMPLES / "000_fde20e5758e8fe00.txt").read_text(encoding="utf-8"))
    (folder / "report.pdf").write_bytes(b"%PDF-1.4")
    (folder / "notes.docx").write_bytes(b"PK")
    (folder / ".hidden").write_text("x")
    r = CliRunner().invoke(cli, ["ingest", str(folder), "--db", str(tmp_path / "x.db"), "--quiet"])
    assert r.exit_code == 0, r.output
    assert "skipped 2 file(s) for their extension (.docx, .pdf)" in r.stderr
    assert "report.pdf" in r.stderr and ".hidden" not in r.stderr


def test_progress_bars_only_on_a_terminal(db, monkeypatch, tmp_path):
    from rich.console import Console

    from dateline.cli import common

    piped = run(db, "export", "--format", "csv", "--table", "sentences", "--out", str(tmp_path / "s.csv"))
    assert piped.exit_code == 0 and "━" not in piped.stderr and "exporting" not in piped.stderr
    screen = io.StringIO()
    monkeypatch.setattr(common, "err_console", Console(file=screen, force_terminal=True, width=100))
    with common.progress("exporting sentences") as bar:
        bar(50, 100)
        bar(100, 100)
    assert "exporting sentences" in screen.getvalue() and "100/100" in screen.getvalue()


def test_table_exports_are_the_same_on_sqlite_and_postgresql(tmp_path, request, seed_analysis):
    from dateline.export.tables import TABLES, table_rows
    from dateline.store import open_store

    lite = open_store(str(tmp_path / "lite.db"))
    pg = open_store(request.getfixturevalue("pg_url"))
    for store in (lite, pg):
        store.save(seed_analysis)
    for table in TABLES:
        a, b = ([{k: v for k, v in r.items() if k != "ingested_at"} for r in table_rows(s, table)] for s in (lite, pg))
        assert a and a == b, table
    r = run(pg.url.replace("postgresql+psycopg://", "postgresql://"), "export", "--format", "csv", "--table", "events")
    assert r.exit_code == 0 and len(r.stdout.splitlines()) == len(seed_analysis.events) + 1
