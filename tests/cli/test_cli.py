"""The command line, run through Click's runner against real SQLite files."""

from __future__ import annotations

import json

import click
import pytest
from click.testing import CliRunner

from dateline.cli.main import cli

from ..conftest import EXAMPLES


def _all_commands(group, prefix=()):
    for name, cmd in group.commands.items():
        yield prefix + (name,), cmd
        if isinstance(cmd, click.Group):
            yield from _all_commands(cmd, prefix + (name,))


def test_every_command_has_help():
    runner = CliRunner()
    cmds = list(_all_commands(cli))
    assert len(cmds) >= 7
    for path, cmd in cmds:
        result = runner.invoke(cli, [*path, "--help"])
        assert result.exit_code == 0, (path, result.output)
        assert (cmd.help or "").strip(), f"{' '.join(path)} has no help text"
        assert "Usage:" in result.output


@pytest.fixture(scope="module")
def ingested(tmp_path_factory, seed_path):
    db = str(tmp_path_factory.mktemp("cli") / "cli.db")
    r = CliRunner().invoke(cli, ["ingest", str(seed_path), str(EXAMPLES), "--db", db, "--json"])
    assert r.exit_code == 0, r.output
    return db, json.loads(r.stdout)


def test_ingest_then_entities_json_lists_seed_names(ingested):
    db, report = ingested
    assert len(report["added"]) == 9  # the seed file appears twice (shared folder and examples): stored once
    assert len(report["unchanged"]) == 1
    r = CliRunner().invoke(cli, ["entities", "--json", "--db", db, "--doc", "000_fde20e5758e8fe00"])
    rows = json.loads(r.stdout)
    names = {x["name"] for x in rows}
    assert {
        "Kim Jong Un",
        "Vladimir Putin",
        "Vostochny Cosmodrome",
        "Vladivostok",
        "Pyongyang",
        "Russia",
        "North Korea",
        "Amur Oblast",
        "Baikonur Cosmodrome",
        "Kazakhstan",
    } <= names
    assert not any(x["label"] in ("DATE", "TIME", "CARDINAL") for x in rows)  # dates are times, not entities
    (putin,) = [x for x in rows if x["name"] == "Vladimir Putin"]
    assert putin["documents"] > 1 and putin["first_seen"] < "2023-09-12"  # across the stored reports


def test_reingest_is_idempotent_and_says_so(ingested, seed_path):
    db, _ = ingested
    r = CliRunner().invoke(cli, ["ingest", str(seed_path), "--db", db])
    assert r.exit_code == 0 and "1 unchanged" in r.stdout
    r = CliRunner().invoke(cli, ["stats", "--db", db, "--json"])
    assert json.loads(r.stdout)["documents"] == 9


def test_force_reanalyses(ingested, seed_path):
    db, _ = ingested
    r = CliRunner().invoke(cli, ["ingest", str(seed_path), "--db", db, "--force", "--json"])
    data = json.loads(r.stdout)
    assert r.exit_code == 0 and len(data["reanalysed"]) == 1 and not data["added"]


def test_docs_show_search_stats(ingested):
    db, _ = ingested
    runner = CliRunner()
    docs = json.loads(runner.invoke(cli, ["docs", "--json", "--db", db]).stdout)
    assert len(docs) == 9 and all(d["published"] for d in docs)
    shown = json.loads(runner.invoke(cli, ["show", "000_fde2", "--json", "--db", db]).stdout)
    assert shown["published"] == "2023-09-12" and len(shown["sentences"]) > 20
    text = runner.invoke(cli, ["show", "000_fde2", "--db", db]).stdout
    assert "Vostochny" in text and "PERSON" in text
    hits = json.loads(runner.invoke(cli, ["search", "top", "speed", "--json", "--db", db]).stdout)
    assert hits and "55 mph" in hits[0]["text"]
    st = json.loads(runner.invoke(cli, ["stats", "--json", "--db", db]).stdout)
    assert st["documents"] == 9 and st["mentions_by_type"]["PERSON"] > 20


def test_bad_inputs_batch_continues_with_true_exit_code(tmp_path, seed_path):
    bad = tmp_path / "in"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "bin.txt").write_bytes(bytes(range(256)) * 4)
    (bad / "broken.json").write_text('{"text": ')
    (bad / "notext.json").write_text('{"title": "t"}')
    (bad / "page.html").write_text("<html><body><nav>menu</nav></body></html>")
    (bad / "date.txt").write_text(" date 2023-02-30 Impossible date story.")
    (bad / "good.txt").write_text(" date 2023-02-03 A good story about Berlin.")
    db = str(tmp_path / "bad.db")
    r = CliRunner().invoke(cli, ["ingest", str(bad), str(seed_path), str(tmp_path / "missing.txt"), "--db", db])
    assert r.exit_code == 1
    err = r.stderr
    for name in ["empty.txt", "bin.txt", "broken.json", "notext.json", "page.html", "date.txt", "missing.txt"]:
        lines = [ln for ln in err.splitlines() if name in ln]
        assert len(lines) == 1, (name, err)
    assert "2 added" in r.stdout and "7 failed" in r.stdout
    st = json.loads(CliRunner().invoke(cli, ["stats", "--json", "--db", db]).stdout)
    assert st["documents"] == 2
    # the same batch again: nothing lost, nothing duplicated, still failing honestly
    r2 = CliRunner().invoke(cli, ["ingest", str(bad), str(seed_path), "--db", db])
    assert r2.exit_code == 1 and "2 unchanged" in r2.stdout
    assert json.loads(CliRunner().invoke(cli, ["stats", "--json", "--db", db]).stdout)["documents"] == 2


def test_read_commands_on_missing_db_fail_cleanly(tmp_path):
    r = CliRunner().invoke(cli, ["docs", "--db", str(tmp_path / "none.db")])
    assert r.exit_code != 0 and "E301" in r.output


def test_db_from_environment(ingested, monkeypatch):
    db, _ = ingested
    r = CliRunner().invoke(cli, ["docs", "--json"], env={"DATELINE_DB": db})
    assert r.exit_code == 0 and len(json.loads(r.stdout)) == 9


def test_workers_give_the_same_store(ingested, tmp_path):
    """--workers 2 analyses in two processes; the stored result equals one worker's."""
    db1, _ = ingested
    db2 = str(tmp_path / "w2.db")
    r = CliRunner().invoke(cli, ["ingest", str(EXAMPLES), "--db", db2, "--workers", "2", "--json"])
    assert r.exit_code == 0, r.output
    assert len(json.loads(r.stdout)["added"]) == 9
    runner = CliRunner()

    def names(db):
        return {
            (x["name"], x["label"], x["mentions"])
            for x in json.loads(runner.invoke(cli, ["entities", "--json", "--db", db]).stdout)
        }

    def counts(db):
        st = json.loads(runner.invoke(cli, ["stats", "--json", "--db", db]).stdout)
        return [st[k] for k in ("documents", "sentences", "mentions", "times", "places", "quantities", "events")]

    assert names(db1) == names(db2)
    assert counts(db1) == counts(db2)
