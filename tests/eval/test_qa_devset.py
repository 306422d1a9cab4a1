"""The development question set for ``ask`` (evaldata/qa/dev.json): shape, counts, regexes
and that every cite string is really in the record it names.

Demo-corpus cites are checked against the text the real readers produce from
examples/articles; news cites against ../shared (skipped without it).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from ..conftest import EXAMPLES, ROOT, shared_path

DEV = ROOT / "evaldata" / "qa" / "dev.json"
TYPES = {
    "who",
    "what",
    "when",
    "where",
    "why",
    "how",
    "how_many",
    "how_much",
    "quantity",
    "which",
    "what_kind",
    "yes_no",
    "first_last",
    "how_many_times",
    "comparison",
    "duration",
}
KEYS = {"q", "accept", "cite", "doc", "type", "unanswerable"}
MAX_CITE = 60


@pytest.fixture(scope="module")
def dev() -> dict:
    with DEV.open(encoding="utf-8") as fh:
        return json.load(fh)


@pytest.fixture(scope="module")
def items(dev) -> list[dict]:
    return dev["items"]


@pytest.fixture(scope="module")
def example_texts() -> dict[str, str]:
    """Record id -> analysed text of every demo record, as the real readers give them."""
    from dateline.ingest import read_path

    return {a.record_id: a.text for a in read_path(EXAMPLES) if a.record_id}


def _answerable(items: list[dict]) -> list[dict]:
    return [it for it in items if not it.get("unanswerable")]


def test_schema(dev, items):
    assert isinstance(dev.get("about"), str) and dev["about"]
    for it in items:
        assert set(it) <= KEYS, f"unknown keys in {it['q']!r}: {set(it) - KEYS}"
        assert isinstance(it["q"], str) and it["q"].strip().endswith("?"), it
        assert isinstance(it["accept"], list) and all(isinstance(rx, str) for rx in it["accept"]), it
        assert isinstance(it["cite"], str) and isinstance(it["doc"], str) and it["doc"], it
        assert it["type"] in TYPES, f"unknown type {it['type']!r} in {it['q']!r}"
        if "unanswerable" in it:
            assert it["unanswerable"] is True, "write unanswerable only when true"
            assert it["accept"] == [] and it["cite"] == "", it
        else:
            assert it["accept"], f"answerable item without accept patterns: {it['q']!r}"
    questions = [it["q"] for it in items]
    assert len(questions) == len(set(questions)), "duplicate questions"


def test_counts(items):
    assert len(items) >= 130
    assert sum(1 for it in items if it.get("unanswerable")) >= 22
    per_type = Counter(it["type"] for it in items)
    missing = {t: per_type[t] for t in TYPES if per_type[t] < 3}
    assert not missing, f"types with fewer than 3 items: {missing}"


def test_regexes_compile_and_never_match_empty(items):
    for it in items:
        for rx in it["accept"]:
            pattern = re.compile(rx, re.I)  # raises on a broken pattern
            assert not pattern.search(""), f"{rx!r} of {it['q']!r} accepts an empty answer"


def test_cites_are_short_and_present(items):
    for it in _answerable(items):
        assert it["cite"].strip(), f"answerable item without a cite: {it['q']!r}"
        assert len(it["cite"]) <= MAX_CITE, f"cite longer than {MAX_CITE} characters: {it['cite']!r}"


def test_example_cites_occur_in_their_record(items, example_texts):
    demo = [it for it in items if it["doc"] in example_texts]
    assert len(demo) >= 35, "the demo corpus needs at least 35 questions"
    for it in _answerable(demo):
        assert it["cite"] in example_texts[it["doc"]], f"{it['cite']!r} not in {it['doc']}"


def _news_texts(folder: Path) -> dict[str, str]:
    texts = {}
    for p in sorted(folder.glob("*.json")):
        rec = json.loads(p.read_text(encoding="utf-8"))
        texts[rec["dId"]] = "\n".join(rec.get(k) or "" for k in ("title", "description", "text"))
    return texts


def test_news_cites_occur_in_their_article(items, example_texts):
    news = _news_texts(shared_path("eval/giveme5w1h/data"))
    unknown = [it["doc"] for it in items if it["doc"] not in news and it["doc"] not in example_texts]
    assert not unknown, f"docs that are neither a news dId nor a demo record: {unknown}"
    on_news = [it for it in items if it["doc"] in news]
    for it in _answerable(on_news):
        assert it["cite"] in news[it["doc"]], f"{it['cite']!r} not in article {it['doc']}"
    assert len({it["doc"] for it in _answerable(on_news)}) >= 40, "answerable questions cover fewer than 40 articles"


def test_scorer_reads_the_file(items):
    """The scorer loads the file and judges its items; the extra fields change nothing."""
    from dateline.eval.qa import judge, load_gold
    from dateline.types import Answer

    gold = load_gold(str(DEV))
    assert len(gold) == len(items)
    passed = [judge(it, Answer(question=it["q"], answer=""))[0] for it in gold]
    assert passed == [bool(it.get("unanswerable")) for it in items]
