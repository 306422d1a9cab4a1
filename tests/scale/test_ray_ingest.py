"""`dateline ingest --ray` stores what a local ingest stores, row for row, with the same
error lines, exit code and idempotence; on PostgreSQL the actors write themselves."""

from __future__ import annotations

import json

from click.testing import CliRunner
from sqlalchemy import text

from dateline.batch import ingest
from dateline.cli.main import cli
from dateline.reanalyse import reanalyse, stale_documents
from dateline.store import open_store
from dateline.store.keys import BY_DOC

from .conftest import inconsistent_entities, rows

# The per-document tables (the cross-document entity ids depend on the order of writes,
# which PostgreSQL's concurrent actors do not fix).
DOC_TABLES = ["documents", "document_stages", "mentions", "entities", "entity_links", "times", "places", "events"]


def _cli_ingest(args):
    r = CliRunner().invoke(cli, ["ingest", *args, "--json", "-q"])
    assert isinstance(r.exception, SystemExit | None), repr(r.exception)
    return r.exit_code, json.loads(r.stdout)


def test_ray_ingest_equals_a_local_ingest_row_for_row(ray_cluster, inputs, tmp_path):
    local_db, ray_db = str(tmp_path / "local.db"), str(tmp_path / "ray.db")
    missing = str(tmp_path / "no_such_file.txt")
    code_local, local = _cli_ingest([str(inputs), missing, "--db", local_db])
    code_ray, remote = _cli_ingest(["--ray", str(inputs), missing, "--db", ray_db, "--workers", "2"])

    assert code_local == code_ray == 1  # the empty file and the missing path
    assert sorted(remote["added"]) == sorted(local["added"]) and len(local["added"]) >= 8
    assert sorted(remote["unchanged"]) == sorted(local["unchanged"])  # the repeated file
    assert sorted((f["source"], f["code"]) for f in remote["failed"]) == sorted(
        (f["source"], f["code"]) for f in local["failed"]
    )
    assert len(remote["failed"]) == 2
    assert rows(ray_db) == rows(local_db)  # every table, entity ids and search rows included

    code, again = _cli_ingest(["--ray", "local", str(inputs), "--db", ray_db])
    assert code == 1 and not again["added"] and len(again["unchanged"]) == len(local["added"]) + 1


def test_ray_actors_write_postgresql_directly(ray_cluster, inputs, tmp_path, pg_url):
    from dateline import raybatch

    local_db = str(tmp_path / "local.db")
    ingest(open_store(local_db), [str(inputs)])
    pg = open_store(pg_url)
    report = raybatch.ingest(pg, [str(inputs)], workers=2)
    assert len(report.failed) == 1 and report.failed[0].source.endswith("empty.txt")
    assert rows(pg_url, DOC_TABLES) == rows(local_db, DOC_TABLES)
    assert inconsistent_entities(pg) == [] and pg.query("SELECT COUNT(*) AS n FROM canonical_entities")[0]["n"] > 0

    first = pg.doc_ids()[0]  # as if the geo stage had been upgraded since it was stored
    with pg.writing() as conn:
        conn.execute(text(f"UPDATE document_stages SET version = 0 WHERE {BY_DOC} AND stage = 'geo'"), {"d": first})
    again = reanalyse(pg, stage="geo", ray="local", workers=2)
    assert again.reanalysed == [first] and not again.failed and stale_documents(pg) == []
    assert rows(pg_url, DOC_TABLES) == rows(local_db, DOC_TABLES)
