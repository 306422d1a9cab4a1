"""`dateline reanalyse` re-runs the documents an older stage version made, and only those."""

from __future__ import annotations

import json

from click.testing import CliRunner
from sqlalchemy import text

from dateline.cli.main import cli
from dateline.pipeline import STAGES
from dateline.reanalyse import stale_documents
from dateline.store import open_store
from dateline.store.keys import BY_DOC

from .scale.conftest import EXAMPLES, rows


def test_reanalyse_runs_stale_documents_only(tmp_path):
    db = str(tmp_path / "r.db")
    files = [str(EXAMPLES / "001_vostochny_first_launch.txt"), str(EXAMPLES / "004_vostochny_summit.txt")]
    assert CliRunner().invoke(cli, ["ingest", *files, "--db", db, "-q"]).exit_code == 0
    store = open_store(db)
    assert stale_documents(store) == []
    first, second = store.doc_ids()
    assert store.load_analysis(first).stages == tuple((s.name, s.version) for s in STAGES)
    before = rows(db, skip={"fts_rowid"})
    with store.writing() as conn:  # as if `time` had been upgraded since `first` was stored
        conn.execute(text(f"UPDATE document_stages SET version = 0 WHERE {BY_DOC} AND stage = 'time'"), {"d": first})
        conn.execute(text(f"DELETE FROM document_stages WHERE {BY_DOC} AND stage = 'geo'"), {"d": second})
    assert stale_documents(store, "time") == [first]
    assert stale_documents(store) == sorted([first, second], key=store.doc_ids().index)

    r = CliRunner().invoke(cli, ["reanalyse", "--stage", "time", "--db", db, "--json", "-q"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["reanalysed"] == [first]
    assert stale_documents(store) == [second]
    r = CliRunner().invoke(cli, ["reanalyse", "--db", db, "--json", "-q"])
    assert json.loads(r.stdout)["reanalysed"] == [second] and stale_documents(store) == []
    assert rows(db, skip={"fts_rowid"}) == before  # the same analysis again, the same entity links

    r = CliRunner().invoke(cli, ["reanalyse", "--stage", "nope", "--db", db])
    assert r.exit_code == 1 and "E701" in r.output and "entities" in r.output
