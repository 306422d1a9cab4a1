"""Over the development news articles (../shared): no place is placed without being resolved."""

from __future__ import annotations

import pytest

from ..conftest import shared_path


@pytest.fixture(scope="module")
def analysed():
    from dateline.geo import extract_places
    from dateline.ingest import read_path
    from dateline.nlp import parse_many

    folder = shared_path("eval/giveme5w1h/data")
    articles = [a for p in sorted(folder.glob("*.json")) for a in read_path(p)]
    assert len(articles) >= 40
    return [(parsed, extract_places(parsed)[0]) for parsed in parse_many(articles)]


def test_no_unresolved_place_has_coordinates(analysed):
    unresolved = [p for _, places in analysed for p in places if p.feature == "unresolved"]
    assert unresolved, "the development articles name streets and buildings the gazetteer lacks"
    assert all(p.lat is None and p.lon is None for p in unresolved)
    resolved = [p for _, places in analysed for p in places if p.feature != "unresolved"]
    assert all(p.lat is not None and p.lon is not None for p in resolved)


def test_no_named_event_or_candidate_is_a_place(analysed):
    texts = [p.text for _, places in analysed for p in places]
    assert not [t for t in texts if "Grand Prix" in t]
    people = {m.text for parsed, _ in analysed for m in parsed.mentions if m.label == "PERSON"}
    assert "Clinton" in people or "Hillary Clinton" in people
    assert not [t for t in texts if t == "Clinton"]
