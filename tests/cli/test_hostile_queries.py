"""Query and export inputs of issue 18: each bad one is one coded line and exit code 1;
references are literal; search words may start with '-'; export writes what it says."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from dateline.cli.main import cli

from ..conftest import EXAMPLES

DOC_COMMANDS = ["show", "times", "places", "quantities", "main-event", "events", "check"]


def _run(args):
    r = CliRunner().invoke(cli, args)
    assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
    return r


def _one_line(r, code: str) -> str:
    lines = [x for x in r.output.splitlines() if x.strip()]
    assert r.exit_code == 1 and len(lines) == 1 and f"[{code}]" in lines[0], r.output
    return lines[0]


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("q") / "q.db")
    r = CliRunner().invoke(cli, ["ingest", str(EXAMPLES / "000_fde20e5758e8fe00.txt"), "--db", path, "-q"])
    assert r.exit_code == 0, r.output
    return path


@pytest.mark.parametrize("value", ["99999999999999999999", "0", "-5", "ten", "1e3"])
def test_a_limit_out_of_range_is_one_line(db, value):
    for cmd in (["search", "train"], ["entities"]):
        _one_line(_run([*cmd, "--db", db, "--limit", value]), "E701")


def test_a_limit_in_range_works(db):
    r = _run(["search", "train", "--db", db, "--limit", "100000", "--json"])
    assert r.exit_code == 0 and json.loads(r.stdout)


def test_a_100000_character_reference_is_one_line_in_every_command(db):
    ref = "x" * 100_000
    for cmd in DOC_COMMANDS:
        line = _one_line(_run([cmd, ref, "--db", db]), "E702")
        assert "100,000" in line


@pytest.mark.parametrize("ref", ["%", "__", "%%", "0%", "_0", "0_0"])
def test_like_wildcards_in_a_reference_are_literal(db, ref):
    _one_line(_run(["show", ref, "--db", db]), "E501")


def test_underscores_and_prefixes_still_find_the_document(db):
    for ref in ("000_fde20e5758e8fe00", "000_fde2", "85483fa9"):
        r = _run(["show", ref, "--db", db, "--json"])
        assert r.exit_code == 0 and json.loads(r.stdout)["doc_id"] == "85483fa9f39e0432", ref


def test_search_words_may_start_with_a_dash(db):
    r = _run(["search", "-train", "--db", db, "--json"])
    assert r.exit_code == 0 and any("train" in row["text"] for row in json.loads(r.stdout))
    r = _run(["search", "--limit", "1", "-speed", "--db", db, "--json"])
    assert r.exit_code == 0 and len(json.loads(r.stdout)) == 1


def test_export_refuses_a_bad_out_with_a_line(db, tmp_path):
    a_file = tmp_path / "a_file"
    a_file.write_text("x")
    a_folder = tmp_path / "a_folder"
    a_folder.mkdir()
    geo = ["export", "--format", "geojson", "--db", db, "--out"]
    for out in (a_folder, a_file / "under", tmp_path / "missing" / "x.geojson"):
        _one_line(_run([*geo, str(out)]), "E703")
    five = ["export", "--format", "giveme5w1h", "--db", db, "--out"]
    for out in (a_file, a_file / "under"):
        _one_line(_run([*five, str(out)]), "E703")
    assert a_file.read_text() == "x"


def _records(n: int) -> list[dict]:
    recs = [
        {
            "dId": f"r{k}",
            "text": f"Officials in Geneva said on Monday that talks on case {k} would resume.",
            "title": f"T{k}",
        }
        for k in range(n)
    ]
    recs[0]["dId"] = "L" * 300
    recs[1]["dId"] = recs[2]["dId"] = "twin"
    return recs


def test_giveme5w1h_writes_every_record_and_says_what_it_renamed(tmp_path):
    src = tmp_path / "recs.json"
    src.write_text(json.dumps(_records(25)))
    db = str(tmp_path / "e.db")
    assert _run(["ingest", str(src), "--db", db, "-q"]).exit_code == 0
    out = tmp_path / "out"
    r = _run(["export", "--format", "giveme5w1h", "--db", db, "--out", str(out)])
    assert r.exit_code == 0, r.output
    files = sorted(out.glob("*.json"))
    assert len(files) == 25 and "wrote 25 file(s)" in r.output
    long = [f for f in files if f.name.startswith("LLL")]
    assert len(long) == 1 and len(long[0].name.encode()) <= 110 and "shortened" in r.output
    twins = [f for f in files if f.name.startswith("twin-")]
    assert len(twins) == 2 and r.output.count("shares its id with 1 other record(s)") == 2
    assert {json.loads(f.read_text())["dId"] for f in twins} == {"twin"}
    assert {json.loads(f.read_text())["doc_id"] for f in twins} == {f.stem.split("-", 1)[1] for f in twins}
