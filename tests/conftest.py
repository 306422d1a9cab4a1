"""Shared fixtures: the real reference article, parsed once by the real model."""

from __future__ import annotations

import sys
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples" / "articles"
# The reference article is committed with the examples (the same bytes as in ../shared).
SEED = EXAMPLES / "000_fde20e5758e8fe00.txt"


def shared_path(rel: str) -> Path:
    """A file or folder of ../shared, or a skip when this checkout has none beside it."""
    p = SHARED / rel
    if not p.exists():
        pytest.skip(f"{p} not found: these tests read the shared evaluation data")
    return p


# Our own 5W1H labels for three bundled examples, in the Giveme5W1H layout (record id -> answers).
GIVEME5W1H_LABELS = {
    "000_fde20e5758e8fe00.txt": {"who": "Kim Jong Un", "what": "meet with Russian counterpart Vladimir Putin"},
    "001_vostochny_first_launch.txt": {"what": "A Soyuz-2.1a rocket lifted off", "where": "Vostochny Cosmodrome"},
    "004_vostochny_summit.txt": {"who": "Vladimir Putin and Kim Jong Un", "when": "on Wednesday"},
}


def write_giveme5w1h(folder: Path) -> list[Path]:
    """The labelled examples as Giveme5W1H records (dId, text, date_publish, fiveWoneH) in `folder`."""
    import json

    from dateline.ingest import read_path

    out = []
    for name, labels in GIVEME5W1H_LABELS.items():
        (art,) = read_path(EXAMPLES / name)
        rid = name.split(".")[0]
        five_w = {q: {"label": q, "annotated": [{"text": labels[q]}] if q in labels else []} for q in FIVE_W}
        published = f"{art.published} 00:00:00"
        rec = {"dId": rid, "title": "", "text": art.text, "date_publish": published, "fiveWoneH": five_w}
        path = folder / f"{rid}.json"
        path.write_text(json.dumps(rec), encoding="utf-8")
        out.append(path)
    return out


FIVE_W = ("who", "what", "when", "where", "why", "how")


@pytest.fixture(scope="session")
def seed_path() -> Path:
    assert SEED.exists(), f"reference article missing from the repo: {SEED}"
    return SEED


@pytest.fixture(scope="session")
def seed_article(seed_path):
    from dateline.ingest import read_path

    (art,) = [a for a in read_path(seed_path)]
    return art


@pytest.fixture(scope="session")
def seed_parsed(seed_article):
    from dateline.nlp import parse

    return parse(seed_article)


@pytest.fixture(scope="session")
def seed_analysis(seed_article):
    from dateline.pipeline import analyse

    return analyse(seed_article)


@pytest.fixture(scope="session")
def text_store(tmp_path_factory):
    """``make(name, {file name: text})``: a real SQLite store with those articles ingested by the
    real pipeline (each call a folder of its own)."""

    def make(name: str, files: dict[str, str]):
        from dateline.batch import ingest
        from dateline.store import open_store

        folder = tmp_path_factory.mktemp(name)
        for file, text in files.items():
            (folder / file).write_text(text, encoding="utf-8")
        store = open_store(str(folder / f"{name}.db"))
        report = ingest(store, [str(folder / file) for file in files])
        assert report.ok and len(report.added) == len(files)
        return store

    return make


@pytest.fixture()
def db_url(tmp_path) -> str:
    """A real SQLite file in a temporary folder."""
    return str(tmp_path / "test.db")


# -- a real PostgreSQL server, started for the session by the tests themselves ---------
sys.path.insert(0, str(ROOT / "scripts"))
import pg_server as _pg  # noqa: E402  (scripts/pg_server.py, shared with bench/ask.py --postgres)


@pytest.fixture(scope="session")
def pg_server():
    """A throwaway PostgreSQL 15 cluster on a Unix socket; stopped and removed at the end."""
    if not _pg.available():
        pytest.skip(f"PostgreSQL server binaries not found in {_pg.PG_BIN} (make setup installs them)")
    with _pg.throwaway_server() as url:
        yield url


@pytest.fixture()
def pg_url(pg_server, request):
    """A fresh, empty database on the session's server, for one test."""
    return _pg.create_database(pg_server, "t_" + uuid.uuid4().hex[:12])


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    """The same test on an embedded SQLite file and on a real PostgreSQL server."""
    if request.param == "sqlite":
        return str(tmp_path / "test.db")
    return request.getfixturevalue("pg_url")
