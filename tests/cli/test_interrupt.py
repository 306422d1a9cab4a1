"""An ingest killed mid-run loses nothing committed, and a re-run completes it."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from dateline.ingest import read_path

from ..conftest import EXAMPLES


def _make_corpus(folder: Path, n: int) -> None:
    """n distinct dated reports cut from the bundled examples (real news prose)."""
    texts = [a.text[a.body_start :][:1500] for p in sorted(EXAMPLES.iterdir()) for a in read_path(p)]
    for i in range(n):
        (folder / f"doc{i:03d}.txt").write_text(f" date 2020-01-{1 + i % 28:02d} Report {i}. " + texts[i % len(texts)])


def test_kill_and_resume(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _make_corpus(corpus, 40)
    db = tmp_path / "kill.db"
    cmd = [sys.executable, "-m", "dateline.cli", "ingest", str(corpus), "--db", str(db), "--quiet"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.time() + 120
    count = 0
    while time.time() < deadline:
        time.sleep(0.2)
        if db.exists():
            try:
                count = sqlite3.connect(db).execute("SELECT COUNT(*) FROM documents").fetchone()[0]
            except sqlite3.OperationalError:
                count = 0
            if count >= 3:
                break
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    con = sqlite3.connect(db)
    stored = con.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    assert 3 <= stored < 40, "the kill should land mid-run"
    # every stored document is complete: its sentences are all there
    for doc_id, n in con.execute("SELECT doc_id, n_sentences FROM documents"):
        assert con.execute("SELECT COUNT(*) FROM sentences WHERE doc_id = ?", (doc_id,)).fetchone()[0] == n
    con.close()
    out = subprocess.run(cmd[:-1] + ["--json"], capture_output=True, text=True, check=True)
    report = json.loads(out.stdout)
    assert len(report["unchanged"]) == stored and len(report["added"]) == 40 - stored
    con = sqlite3.connect(db)
    assert con.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 40
    assert (
        con.execute(
            "SELECT COUNT(*) FROM (SELECT doc_id, idx FROM sentences GROUP BY doc_id, idx HAVING COUNT(*) > 1)"
        ).fetchone()[0]
        == 0
    )
    assert (
        con.execute("SELECT COUNT(*) FROM sentences_fts").fetchone()[0]
        == con.execute("SELECT COUNT(*) FROM sentences").fetchone()[0]
    )
