"""Over real news: no place is placed without being resolved (the bundled examples, and the
development articles of ../shared when they are there), and named events are no places."""

from __future__ import annotations

import pytest

from ..conftest import EXAMPLES, SHARED, shared_path


def _analyse(paths):
    from dateline.geo import extract_places
    from dateline.ingest import read_path
    from dateline.nlp import parse_many

    articles = [a for p in paths for a in read_path(p)]
    return [(parsed, extract_places(parsed)[0]) for parsed in parse_many(articles)]


@pytest.fixture(scope="module")
def available():
    """Every real article this checkout has: the examples always, ../shared's news when present."""
    dev = SHARED / "eval" / "giveme5w1h" / "data"
    return _analyse(sorted(EXAMPLES.iterdir()) + (sorted(dev.glob("*.json")) if dev.exists() else []))


@pytest.fixture(scope="module")
def analysed(available):
    folder = str(shared_path("eval/giveme5w1h/data"))
    dev = [(parsed, places) for parsed, places in available if parsed.article.source.startswith(folder)]
    assert len(dev) >= 40
    return dev


def test_no_unresolved_place_has_coordinates(available):
    unresolved = [p for _, places in available for p in places if p.feature == "unresolved"]
    assert unresolved, "real news names streets and buildings the gazetteer lacks (Kim Il Sung Square)"
    assert all(p.lat is None and p.lon is None for p in unresolved)
    resolved = [p for _, places in available for p in places if p.feature != "unresolved"]
    assert resolved and all(p.lat is not None and p.lon is not None for p in resolved)


def test_no_named_event_or_candidate_is_a_place(analysed):
    texts = [p.text for _, places in analysed for p in places]
    assert not [t for t in texts if "Grand Prix" in t]
    people = {m.text for parsed, _ in analysed for m in parsed.mentions if m.label == "PERSON"}
    assert "Clinton" in people or "Hillary Clinton" in people
    assert not [t for t in texts if t == "Clinton"]
