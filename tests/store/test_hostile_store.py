"""The store against hostile files and failures: every unreadable database is one coded
line, a foreign file is refused untouched, a newer schema is named, search rows of one
document never touch another's, kill -9 in the first migration and a full disk leave a
usable, consistent file."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import random
import resource
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from dateline.cli.main import cli
from dateline.errors import ForeignDatabase, NewerSchema, NotADatabase, StoreError
from dateline.eval.fuzz import store_problems
from dateline.store import open_store
from dateline.store.migrations import MIGRATIONS, SCHEMA_VERSION

from ..conftest import EXAMPLES

READ_COMMANDS = [["docs"], ["stats"], ["search", "train"], ["show", "000"], ["entities"], ["times", "000"]]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _invoke(args):
    r = CliRunner().invoke(cli, args)
    assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
    return r


def _unreadable(tmp_path: Path, seed_db: Path) -> dict[str, tuple[Path, str]]:
    rand = tmp_path / "random.db"
    rand.write_bytes(random.Random(1).randbytes(5000))
    trunc = tmp_path / "truncated.db"
    trunc.write_bytes(seed_db.read_bytes()[:20_000])
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    folder = tmp_path / "folder.db"
    folder.mkdir()
    text = tmp_path / "text.db"
    text.write_text("SQLite format 2? no, a note\n")
    return {
        "random bytes": (rand, "E308"),
        "truncated": (trunc, "E308"),
        "empty file": (empty, "E301"),
        "a folder": (folder, "E301"),
        "a text file": (text, "E308"),
        "in a missing folder": (tmp_path / "nowhere" / "x.db", "E301"),
    }


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory, seed_analysis) -> Path:
    path = tmp_path_factory.mktemp("seed") / "seed.db"
    store = open_store(str(path))
    store.save(seed_analysis)
    store.close()
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # everything in the main file, so copies hold it
    con.close()
    return path


def test_every_unreadable_database_is_one_coded_line_and_untouched(tmp_path, seed_db):
    for what, (path, code) in _unreadable(tmp_path, seed_db).items():
        before = _digest(path) if path.is_file() else None
        for cmd in READ_COMMANDS + [["ingest", str(EXAMPLES / "000_fde20e5758e8fe00.txt"), "-q"]]:
            if cmd[0] == "ingest" and what == "empty file":
                continue  # an empty file is a new database for ingest
            r = _invoke([*cmd, "--db", str(path)])
            lines = [x for x in r.output.splitlines() if x.strip()]
            assert r.exit_code == 1 and len(lines) == 1 and f"[{code}]" in lines[0], (what, cmd, r.output)
        if before is not None:
            assert _digest(path) == before, what
    assert not (tmp_path / "random.db-wal").exists()


def test_a_foreign_sqlite_file_is_refused_untouched(tmp_path):
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE notes (x TEXT)")
    con.execute("INSERT INTO notes VALUES ('mine')")
    con.commit()
    con.close()
    before = _digest(path)
    with pytest.raises(ForeignDatabase):
        open_store(str(path))
    for cmd in READ_COMMANDS[:2] + [["ingest", str(EXAMPLES / "000_fde20e5758e8fe00.txt")]]:
        r = _invoke([*cmd, "--db", str(path)])
        assert r.exit_code == 1 and "[E306]" in r.output and "untouched" in r.output
    assert _digest(path) == before
    tables = {r[0] for r in sqlite3.connect(path).execute("SELECT name FROM sqlite_master")}
    assert tables == {"notes"}


def test_a_read_command_never_creates_tables(tmp_path):
    path = tmp_path / "blank.db"
    sqlite3.connect(path).close()  # a valid, empty SQLite file
    r = _invoke(["docs", "--db", str(path)])
    assert r.exit_code == 1 and "[E301]" in r.output
    assert not list(sqlite3.connect(path).execute("SELECT name FROM sqlite_master"))
    with pytest.raises(StoreError):
        open_store(str(path), create=False)


def test_a_newer_schema_is_refused_naming_both_versions(tmp_path, seed_db):
    path = tmp_path / "newer.db"
    path.write_bytes(seed_db.read_bytes())
    con = sqlite3.connect(path)
    con.execute("INSERT INTO schema_migrations VALUES ('0042_from_the_future', '2030-01-01')")
    con.commit()
    con.close()
    with pytest.raises(NewerSchema) as exc:
        open_store(str(path))
    assert "version 42" in str(exc.value) and f"version {SCHEMA_VERSION}" in str(exc.value)
    r = _invoke(["docs", "--db", str(path)])
    assert r.exit_code == 1 and "[E307]" in r.output and "42" in r.output


def test_search_rows_of_one_document_never_delete_anothers(tmp_path, seed_analysis):
    """Two ids the porter stemmer folds together ("...a0ed" and "...a0ee")."""
    store = open_store(str(tmp_path / "fts.db"))
    docs = []
    for doc_id in ("85483fa9f39ea0ed", "85483fa9f39ea0ee"):
        art = dataclasses.replace(seed_analysis.article, doc_id=doc_id)
        docs.append(dataclasses.replace(seed_analysis, parsed=dataclasses.replace(seed_analysis.parsed, article=art)))
    store.save_many(docs)
    con = sqlite3.connect(tmp_path / "fts.db")

    def rows(doc_id):
        return con.execute("SELECT COUNT(*) FROM sentences_fts WHERE doc_id = ?", (doc_id,)).fetchone()[0]

    n = len(seed_analysis.parsed.sentences)
    assert rows("85483fa9f39ea0ed") == rows("85483fa9f39ea0ee") == n
    store.save(docs[0])  # replace one
    store.delete("85483fa9f39ea0ed")
    assert rows("85483fa9f39ea0ed") == 0 and rows("85483fa9f39ea0ee") == n
    assert store_problems(str(tmp_path / "fts.db")) == []


MIGRATE = (
    "import sys\n"
    "from dateline.store import open_store\n"
    "print('ready', flush=True)\n"
    "open_store(sys.argv[1])\n"
    "print('done', flush=True)\n"
)


def test_kill_9_during_the_first_migration_leaves_a_usable_file(tmp_path):
    """Killed at random moments of the first migration, the file is either new or whole."""
    rng = random.Random(7)
    for k in range(12):
        path = tmp_path / f"m{k}.db"
        p = subprocess.Popen([sys.executable, "-c", MIGRATE, str(path)], stdout=subprocess.PIPE, text=True)
        assert p.stdout is not None and p.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.08))
        p.kill()
        p.wait()
        store = open_store(str(path))  # never "table documents already exists"
        assert [n for n, _ in store.migrations()] == [n for n, _ in MIGRATIONS]
        store.close()
        assert store_problems(str(path)) == []


def test_two_processes_migrating_a_fresh_file_both_succeed(tmp_path):
    for k in range(4):
        path = tmp_path / f"race{k}.db"
        ps = [subprocess.Popen([sys.executable, "-c", MIGRATE, str(path)], stdout=subprocess.PIPE) for _ in range(2)]
        outs = [p.communicate(timeout=120)[0] for p in ps]
        assert all(p.returncode == 0 for p in ps) and all(b"done" in o for o in outs)


def _limit_file_size() -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (1_200_000, 1_200_000))


def test_a_full_disk_stops_with_a_line_and_leaves_the_store_consistent(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    for k, p in enumerate(sorted(EXAMPLES.glob("*.txt")) * 5):
        (corpus / f"{k:02d}_{p.name}").write_bytes(p.read_bytes() + f"\n\nCopy {k}.".encode())
    db = tmp_path / "full.db"
    cmd = [sys.executable, "-m", "dateline.cli", "ingest", str(corpus), "--db", str(db), "-q"]
    r = subprocess.run(cmd, preexec_fn=_limit_file_size, capture_output=True, text=True, timeout=600)
    assert r.returncode == 1 and "[E302]" in r.stderr and "Traceback" not in r.stderr, r.stderr
    assert store_problems(str(db)) == []
    con = sqlite3.connect(db)
    stored = con.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    con.close()
    # the same command without the limit resumes: nothing half-stored, nothing twice
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    assert f"{len(list(corpus.iterdir())) - stored} added" in r.stdout
    assert store_problems(str(db)) == []


def test_a_file_this_user_may_not_write_is_read_or_one_coded_line(tmp_path, seed_db):
    """A WAL database in a folder this user may not write cannot be opened by SQLite
    (it needs its -shm file): a read command says so in one line, and so does ingest."""
    if os.geteuid() != 0:
        pytest.skip("needs root to become another user")
    folder = Path(os.environ.get("TMPDIR", "/tmp")) / f"dateline-ro-{os.getpid()}"
    folder.mkdir(mode=0o755, exist_ok=True)
    path = folder / "ro.db"
    path.write_bytes(seed_db.read_bytes())
    path.chmod(0o644)
    code = (
        "import os, sys\nfrom click.testing import CliRunner\nfrom dateline.cli.main import cli\n"
        "import tempfile\nfrom dateline.batch import ingest\nfrom dateline.store import open_store\n"
        f"ingest(open_store(tempfile.mkdtemp() + '/w.db'), [{str(EXAMPLES / '000_fde20e5758e8fe00.txt')!r}])\n"
        "CliRunner().invoke(cli, ['docs', '--db', 'nowhere.db'])\n"
        "os.setgid(65534); os.setuid(65534)\n"
        f"r = CliRunner().invoke(cli, ['docs', '--db', {str(path)!r}])\nprint(r.exit_code, r.output)\n"
        f"r = CliRunner().invoke(cli, ['ingest', {str(EXAMPLES / '001_vostochny_first_launch.txt')!r}, '--db', "
        f"{str(path)!r}, '-q'])\nprint(r.exit_code, r.output, repr(r.exception))\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    path.unlink()
    for p in folder.iterdir():
        p.unlink()
    folder.rmdir()
    assert "Traceback" not in r.stderr + r.stdout, r.stderr + r.stdout
    docs, ingest = r.stdout.split("\n1 ", 1) if r.stdout.startswith("0 ") else r.stdout.split("\n\n1 ", 1)
    assert (docs.startswith("0 ") and "1 documents" in docs) or (docs.startswith("1 Error: [E302]")), docs
    assert ingest.strip().startswith("Error: [E302]") or "[E302]" in ingest, ingest


def test_not_a_database_code_is_its_own(tmp_path):
    path = tmp_path / "r.db"
    path.write_bytes(b"\x00" * 100)
    with pytest.raises(NotADatabase):
        open_store(str(path))
