"""Fit the answer model of `dateline ask` on the development questions.

    .venv/bin/python bench/fit_ask.py --db DEV.db --seed-db SEED.db [--write]

DEV.db holds the development corpus (see evaldata/README.md), SEED.db the reference
article (../shared/corpus/seed). Every candidate answer of every question gets the
features of `query.ask.rank.features` and a label (would it pass the scorer?); a
logistic regression (L2, gradient descent) is fitted on the candidates of the training
questions; the threshold is the confidence at which the most training questions come out
right (every seed question answered), the careful threshold (`ask --careful`) the lowest at
which answered training questions are at least 90% right. A quarter of the development
questions (by a hash of the question) is held aside: its questions are never fitted on and
are reported apart. `--write`
saves the weights to src/dateline/query/data/ask_weights.yaml. All figures are
development figures.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import pickle
import sys
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "dateline" / "query" / "data" / "ask_weights.yaml"
PRECISION = 0.9
SEED_WEIGHT = 5.0
MARGIN = 0.05  # below the least confident right seed answer, so rounding or a store with a few more
# documents (the demo store: the reference article among others) cannot drop it


# questions on the reference article that it cannot answer (tests/query/test_ask.py asks them too)
REFERENCE_UNANSWERABLE = [
    {"q": q, "accept": [], "cite": "", "unanswerable": True}
    for q in (
        "When did Putin visit Pyongyang?",
        "How much did the cosmodrome cost?",
        "Who is the president of France?",
    )
]


def held_aside(item: dict) -> bool:
    """A quarter of the questions, by a hash of the question (stable when the file grows)."""
    return int(hashlib.sha1(item["q"].encode()).hexdigest(), 16) % 4 == 0


def candidates(store, item: dict) -> list[tuple[dict, bool]]:
    """(features, passes) for each candidate answer of one question, in heuristic order."""
    from dateline.eval.qa import judge
    from dateline.query.ask import candidates as ask_candidates
    from dateline.query.ask.answer import _citations, _in_the_past
    from dateline.query.ask.question import analyse_question
    from dateline.query.ask.rank import features, heuristic
    from dateline.types import Answer

    f = analyse_question(item["q"])
    options = ask_candidates(store, f)
    if isinstance(options, str):
        return []
    ranked = [r for r in heuristic(f, options) if not _in_the_past(f, r[2])]
    out = []
    for x, (_, _, e) in zip(features(f, ranked), ranked, strict=True):
        a = Answer(question=item["q"], answer=e["opt"].text, citations=_citations(e))
        out.append((x, judge(item, a)[0] and not item.get("unanswerable")))
    return out


def fit(rows: list[tuple[dict, bool]], names: list[str], sw, l2: float = 0.01, steps: int = 3000):
    raw = np.array([[r[0].get(n, 0.0) for n in names] for r in rows])
    y = np.array([1.0 if r[1] else 0.0 for r in rows])
    mu, sd = raw.mean(axis=0), raw.std(axis=0) + 1e-9
    x = (raw - mu) / sd  # standardised while fitting, folded back into raw-feature weights below
    w, b = np.zeros(len(names)), 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(x @ w + b)))
        g = (p - y) * sw
        w -= 0.3 * (x.T @ g / sw.sum() + l2 * w)
        b -= 0.3 * g.sum() / sw.sum()
    return b - float((w * mu / sd).sum()), w / sd


def outcome(cands, item, b, w, names) -> tuple[float, bool]:
    """(confidence of the top candidate, it passes) under the model; (-1, False) when none."""
    if not cands:
        return -1.0, False
    ps = [1 / (1 + math.exp(-(b + sum(wi * x.get(n, 0.0) for wi, n in zip(w, names, strict=True))))) for x, _ in cands]
    k = max(range(len(ps)), key=lambda i: (ps[i], -i))
    return ps[k], cands[k][1]


def accuracy(results, t: float) -> tuple[int, int, int, int]:
    """(right, total, answered, answered right) at threshold t."""
    right = answered = good = 0
    for (p, ok), item in results:
        if p >= t:
            answered += 1
            good += ok
            right += ok
        else:
            right += bool(item.get("unanswerable"))
    return right, len(results), answered, good


def threshold(results, seed) -> float:
    """The confidence below which `ask` abstains: the one at which the most training questions come
    out right (a right answer, or silence on an unanswerable one), ties to the higher; never above
    the confidence of a right answer to a seed question (they must all stay answered)."""
    cap = min((p for (p, ok), _ in seed if ok), default=1.0) - MARGIN
    candidates = sorted({p for (p, _), _ in results if 0 <= p <= cap} | {cap})
    return float(max(candidates, key=lambda t: (accuracy(results, t)[0], t)))


def precise_threshold(results) -> float:
    """The lowest confidence at which the answered training questions are at least PRECISION right
    (`ask --careful`)."""
    for t in sorted({p for (p, _), _ in results if p >= 0}):
        _, _, answered, good = accuracy(results, t)
        if answered and good / answered >= PRECISION:
            return float(t)
    return 1.0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--seed-db", required=True)
    ap.add_argument("--gold", default=str(ROOT / "evaldata" / "qa" / "dev.json"))
    ap.add_argument("--seed", default=str(ROOT.parent / "shared" / "eval" / "qa" / "seed_dev.json"))
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--cache", help="pickle of the candidates: made if missing, read if present")
    args = ap.parse_args(argv)
    from dateline.store import open_store

    dev = json.loads(Path(args.gold).read_text(encoding="utf-8"))["items"]
    seed = json.loads(Path(args.seed).read_text(encoding="utf-8"))["items"] + REFERENCE_UNANSWERABLE
    if args.cache and Path(args.cache).exists():
        per = pickle.loads(Path(args.cache).read_bytes())
    else:
        store, seed_store = open_store(args.db), open_store(args.seed_db)
        per = [(candidates(store, it), it, "held" if held_aside(it) else "train") for it in dev]
        per += [(candidates(seed_store, it), it, "seed") for it in seed]
        if args.cache:
            Path(args.cache).write_bytes(pickle.dumps(per))
    names = sorted({n for cands, _, _ in per for x, _ in cands for n in x})
    used = [(r, part) for cands, _, part in per if part != "held" for r in cands[:10]]
    rows = [r for r, _ in used]
    # the reference article's questions count SEED_WEIGHT times: they must all stay right
    b, w = fit(rows, names, np.array([SEED_WEIGHT if part == "seed" else 1.0 for _, part in used]))
    results = {
        part: [(outcome(c, it, b, w, names), it) for c, it, p in per if p == part] for part in ("train", "held", "seed")
    }
    t = threshold(results["train"] + results["seed"], results["seed"])
    careful = precise_threshold(results["train"] + results["seed"])
    for part, res in results.items():
        right, total, answered, good = accuracy(res, t)
        print(
            f"{part:5s} accuracy {right}/{total}  answered {answered}, right {good}"
            + (f" (precision {good / answered:.2f})" if answered else "")
        )
    for part, res in results.items():
        right, total, answered, good = accuracy(res, 0.0)
        print(f"{part:5s} never abstaining: {right}/{total}")
    for part, res in results.items():
        right, total, answered, good = accuracy(res, careful)
        print(f"{part:5s} careful: {right}/{total}  answered {answered}, right {good}")
    print(f"threshold {t:.3f}, careful {careful:.3f}; {len(rows)} training candidates, {sum(r[1] for r in rows)} right")
    if args.write:
        data = {
            "about": "Logistic answer model fitted by bench/fit_ask.py on the development questions "
            "(evaldata/qa/dev.json minus the held-aside quarter, and the seed questions); development weights.",
            "bias": round(float(b), 4),
            "weights": {n: round(float(v), 4) for n, v in zip(names, w, strict=True)},
            "threshold": math.floor(t * 1e4) / 1e4,
            "careful_threshold": math.floor(careful * 1e4) / 1e4,
        }
        OUT.write_text(yaml.safe_dump(data, sort_keys=False, width=100), encoding="utf-8")
        print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
