"""Shared fixtures: the real reference article, parsed once by the real model."""

from __future__ import annotations

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


@pytest.fixture()
def db_url(tmp_path) -> str:
    """A real SQLite file in a temporary folder."""
    return str(tmp_path / "test.db")
