"""Four `dateline ingest` processes into one PostgreSQL store at once, with overlapping
inputs: every document stored once, none lost, and the shared entity table consistent."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from dateline.ingest import read_paths
from dateline.pipeline import STAGES
from dateline.store import open_store

from ..scale.conftest import EXAMPLES, inconsistent_entities


def test_four_concurrent_ingests_lose_and_repeat_nothing(pg_url, tmp_path):
    files = sorted(str(p) for p in EXAMPLES.iterdir())
    open_store(pg_url).close()  # the schema, so that the race is on the records
    shares = [sorted({files[0], *files[k::4]}) for k in range(4)]  # the first file in all four
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "dateline.cli", "ingest", *share, "--db", pg_url, "-q"],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for share in shares
    ]
    outputs = [p.communicate(timeout=600)[0] for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0, 0], outputs

    expected = {a.doc_id for a in read_paths(files) if not isinstance(a, Exception)}
    store = open_store(pg_url, create=False)
    ids = [r["doc_id"] for r in store.query("SELECT doc_id FROM documents")]
    assert sorted(ids) == sorted(expected)  # each once, none lost
    sentences = store.query("SELECT COUNT(*) AS n FROM sentences")[0]["n"]
    assert sentences == store.query("SELECT SUM(n_sentences) AS n FROM documents")[0]["n"]
    per_doc = store.query("SELECT doc_key, COUNT(*) AS n FROM document_stages GROUP BY doc_key")
    assert {r["n"] for r in per_doc} == {len(STAGES)} and len(per_doc) == len(expected)
    assert inconsistent_entities(store) == []
    assert store.query("SELECT COUNT(*) AS n FROM canonical_entities")[0]["n"] > 5
    assert Path(files[0]).exists()
