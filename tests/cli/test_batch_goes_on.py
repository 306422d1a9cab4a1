"""One bad file never costs the others: nine good files beside inputs that used to crash
the reader, the analysis or the store are all stored, each bad one is one coded line
naming it, and the exit code is 1."""

from __future__ import annotations

import json
import sqlite3

from click.testing import CliRunner

from dateline.cli.main import cli
from dateline.errors import ReaderFailed
from dateline.eval import fuzz
from dateline.ingest.files import guarded

GOOD = "Officials in {city} said on Monday that talks on the accord would resume next week."
CITIES = ["Geneva", "Vienna", "Oslo", "Paris", "Rome", "Berlin", "Madrid", "Lisbon", "Prague"]


def _good(folder):
    folder.mkdir(parents=True, exist_ok=True)
    for k, city in enumerate(CITIES):
        (folder / f"good{k}.txt").write_text(f" date 2023-09-12 {GOOD.format(city=city)}")


def _ingest(folder, db):
    r = CliRunner().invoke(cli, ["ingest", str(folder), "--db", db, "--json", "-q"])
    assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
    return r, json.loads(r.stdout)


def test_nine_good_files_beside_every_former_crash_are_stored(tmp_path):
    folder = tmp_path / "in"
    _good(folder)
    bad = [h for h in fuzz.cases() if h.expect == fuzz.BAD]
    former_crashes = [h for h in fuzz.cases() if h.name.startswith(("surrogate", "field_", "bignum"))]
    fuzz.write_files(folder, bad + former_crashes)
    r, report = _ingest(folder, str(tmp_path / "b.db"))
    assert r.exit_code == 1
    # two of the former crashes carry the same text: stored once, the second "unchanged"
    assert len(report["added"]) + len(report["unchanged"]) == len(CITIES) + len(former_crashes)
    failed = sorted(f["source"].rsplit("/", 1)[-1] for f in report["failed"])
    assert failed == sorted(h.name for h in bad)
    assert all(f["error"].startswith("[E") for f in report["failed"])


def test_a_document_the_database_refuses_fails_alone(tmp_path):
    """A real constraint on a real file refuses one document's rows: the other nine are stored."""
    folder = tmp_path / "in"
    _good(folder)
    (folder / "refused.txt").write_text(" date 2023-09-12 " + GOOD.format(city="Nowhere"))
    db = str(tmp_path / "t.db")
    CliRunner().invoke(cli, ["ingest", str(folder / "good0.txt"), "--db", db, "-q"])
    con = sqlite3.connect(db)
    con.execute(
        "CREATE TRIGGER refuse BEFORE INSERT ON documents WHEN NEW.source LIKE '%refused%' "
        "BEGIN SELECT RAISE(ABORT, 'refused by a constraint'); END"
    )
    con.commit()
    con.close()
    r, report = _ingest(folder, db)
    assert r.exit_code == 1
    assert len(report["added"]) == len(CITIES) - 1 and len(report["unchanged"]) == 1
    (f,) = report["failed"]
    assert f["code"] == "E305" and f["source"].endswith("refused.txt") and "refused by a constraint" in f["error"]
    con = sqlite3.connect(db)
    assert con.execute("SELECT COUNT(*) FROM documents WHERE source LIKE '%refused%'").fetchone()[0] == 0
    assert (
        con.execute("SELECT COUNT(*) FROM sentences WHERE doc_id NOT IN (SELECT doc_id FROM documents)").fetchone()[0]
        == 0
    )


def test_a_reader_bug_is_one_line_for_its_file():
    def reader():
        yield "first"
        raise KeyError("a bug")

    items = list(guarded(reader(), "x.json"))
    assert items[0] == "first" and isinstance(items[1], ReaderFailed)
    assert items[1].line().startswith("x.json: [E117]") and "KeyError" in items[1].line()
