"""The hand-labelled claims audit (evaldata/checks/claims.yaml): its schema, and that every
cite is a verbatim piece of the article it points to (examples from the repo; news articles
from ../shared when it is there)."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from dateline.ingest import read_path

from ..conftest import EXAMPLES, ROOT, shared_path

CLAIMS_FILE = ROOT / "evaldata" / "checks" / "claims.yaml"
KEYS = {"id", "docs", "cites", "kind", "label", "figures", "computed", "note"}
KINDS = {
    "sum",
    "difference",
    "percentage",
    "ratio",
    "age_vs_birth",
    "duration_vs_dates",
    "weekday_vs_date",
    "date_vs_publication",
    "same_event_date",
    "same_event_count",
    "same_event_figure",
    "ordering",
    "rounding",
    "kinematics",
    "geography",
    "other",
}
LABELS = {"consistent", "inconsistent", "unverifiable", "not_comparable"}
MAX_CITE = 60
NEWS_ID = re.compile(r"^[0-9a-f]{56}$")
REFERENCE = "000_fde20e5758e8fe00"


@pytest.fixture(scope="module")
def claims() -> list[dict]:
    data = yaml.safe_load(CLAIMS_FILE.read_text(encoding="utf-8"))
    assert isinstance(data, list) and data, f"{CLAIMS_FILE} must be a non-empty list of claims"
    return data


@pytest.fixture(scope="module")
def example_texts() -> dict[str, str]:
    """Record id -> analysed text of every demo article, as Dateline reads it."""
    texts: dict[str, str] = {}
    for path in sorted(EXAMPLES.iterdir()):
        for art in read_path(path):
            assert not isinstance(art, Exception), f"{path}: {art}"
            assert art.record_id, f"{path}: no record id"
            texts[art.record_id] = art.text
    return texts


def _entry_problems(c: dict) -> list[str]:
    cid = c.get("id", "?")
    if not isinstance(c, dict) or set(c) != KEYS:
        return [f"{cid}: keys {sorted(c) if isinstance(c, dict) else c} != {sorted(KEYS)}"]
    out = []
    if c["kind"] not in KINDS:
        out.append(f"{cid}: unknown kind {c['kind']!r}")
    if c["label"] not in LABELS:
        out.append(f"{cid}: unknown label {c['label']!r}")
    docs, cites = c["docs"], c["cites"]
    if not (isinstance(docs, list) and docs and all(isinstance(d, str) and d for d in docs)):
        out.append(f"{cid}: docs must be a non-empty list of ids")
    elif len(set(docs)) != len(docs):
        out.append(f"{cid}: a doc is listed twice")
    if not (isinstance(cites, list) and cites and all(isinstance(s, str) for s in cites)):
        out.append(f"{cid}: cites must be a non-empty list of strings")
    else:
        out += [f"{cid}: cite {s!r} is empty or padded" for s in cites if not s.strip() or s != s.strip()]
        out += [f"{cid}: cite {s!r} has {len(s)} > {MAX_CITE} characters" for s in cites if len(s) > MAX_CITE]
    out += [f"{cid}: {k} must be a non-empty string" for k in ("figures", "computed", "note") if not _text(c[k])]
    return out


def _text(v: object) -> bool:
    return isinstance(v, str) and bool(v.strip())


def test_schema(claims):
    problems = [p for c in claims for p in _entry_problems(c)]
    assert not problems, "\n".join(problems)


def test_ids_unique(claims):
    dupes = [i for i, n in Counter(c["id"] for c in claims).items() if n > 1]
    assert not dupes, dupes


def test_doc_ids_are_examples_or_news_ids(claims, example_texts):
    bad = {d for c in claims for d in c["docs"] if d not in example_texts and not NEWS_ID.match(d)}
    assert not bad, f"neither a demo record id nor a news-please dId: {sorted(bad)}"


def test_labels_cover_errors_and_false_alarms(claims):
    labels = Counter(c["label"] for c in claims)
    # an audit that only confirms, or never records a false alarm, cannot score a checker
    assert labels["inconsistent"] >= 5 and labels["not_comparable"] >= 5 and labels["consistent"] >= 20, labels


def test_reference_article_has_the_four_product_checks(claims):
    ref = {(c["kind"], c["label"]) for c in claims if c["docs"] == [REFERENCE]}
    assert ("kinematics", "consistent") in ref
    assert sum(1 for c in claims if c["docs"] == [REFERENCE] and c["kind"] == "kinematics") >= 2
    assert {("geography", "consistent"), ("geography", "inconsistent")} <= ref


def _cite_problems(c: dict, texts: dict[str, str]) -> list[str]:
    """Each cite is in one of the claim's docs, and each doc holds at least one cite."""
    docs = [d for d in c["docs"] if d in texts]
    if not docs:
        return []
    out = []
    for s in c["cites"]:
        if len(docs) == len(c["docs"]) and not any(s in texts[d] for d in docs):
            out.append(f"{c['id']}: cite {s!r} is in none of {c['docs']}")
    out += [f"{c['id']}: no cite found in {d}" for d in docs if not any(s in texts[d] for s in c["cites"])]
    return out


def test_example_cites_are_verbatim(claims, example_texts):
    used = [c for c in claims if any(d in example_texts for d in c["docs"])]
    assert used, "no claim on the demo articles"
    problems = [p for c in used for p in _cite_problems(c, example_texts)]
    assert not problems, "\n".join(problems)


@pytest.fixture(scope="module")
def news_texts() -> dict[str, str]:
    folder = shared_path("eval/giveme5w1h/data")
    texts: dict[str, str] = {}
    for path in sorted(Path(folder).glob("*.json")):
        rec = json.loads(path.read_text(encoding="utf-8"))
        parts = (rec.get("title"), rec.get("description"), rec.get("text"))
        texts[rec["dId"]] = "\n\n".join(p for p in parts if isinstance(p, str))
    return texts


def test_news_doc_ids_exist(claims, news_texts, example_texts):
    missing = {d for c in claims for d in c["docs"] if d not in example_texts and d not in news_texts}
    assert not missing, f"no such article in the development data: {sorted(missing)}"


def test_news_cites_are_verbatim(claims, news_texts, example_texts):
    texts = {**news_texts, **example_texts}
    news = [c for c in claims if any(d in news_texts for d in c["docs"])]
    assert news, "no claim on the news articles"
    problems = [p for c in news for p in _cite_problems(c, texts)]
    assert not problems, "\n".join(problems)
