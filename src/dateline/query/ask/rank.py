"""Stage 4, ranking: merge the candidates of all sentences, add support, order dates for
"first"/"last", and score each with the fitted answer model (`data/ask_weights.yaml`):
the probability that it is right, which is also the answer's confidence."""

from __future__ import annotations

import math

from .config import _cfg, weights
from .frame import Frame

TYPES = ("date", "place", "quantity", "agent", "reason", "manner", "phrase", "yesno")


def _order_dates(ranked, f: Frame):
    """ "last"/"first": among well-supported dates, prefer the latest/earliest."""
    if not ranked or f.order is None:
        return ranked
    order = f.order
    top = max(r[0] for r in ranked)
    good = [r for r in ranked if r[0] >= top - 0.5 and r[2]["opt"].value]
    if not good:
        return ranked
    # a sentence that says "first announced on ..." dates the first occasion itself; "the first
    # visit since 2000" dates the last one before it, which "before 2024, when had he last ...?" asks
    marked = [r for r in good if r[2]["opt"].ordered] or good
    if order == "last" and f.before:
        marked = [r for r in good if r[2]["opt"].since] or marked
    pick = (max if order == "last" else min)(marked, key=lambda r: r[2]["opt"].value)
    finer = [r for r in good if r[2]["opt"].value.startswith(pick[2]["opt"].value) and r is not pick]
    if finer:  # "2019" and "2019-04-25": the day says more about the same first time
        pick = max(finer, key=lambda r: r[0])
    return [(r[0] + (0.6 if r is pick else 0.0), r[1], r[2]) for r in ranked]


def features(f: Frame, ranked: list[tuple[float, str, dict]]) -> list[dict[str, float]]:
    """The model's inputs for each ranked candidate: what its best sentence says, its margin over
    the best other candidate, and the answer type asked. Not how many sentences say it: that
    counts the store's copies and re-posts, so a confidence built on it would not carry from
    one store to another (the demo store's "Where are Kim and Putin meeting?" fell below the
    threshold it passes on the reference article alone)."""
    out = []
    for k, (total, _, e) in enumerate(ranked):
        other = max((r[0] for j, r in enumerate(ranked) if j != k), default=0.0)
        x = dict(e.get("features", {}))
        x |= {"total": total, "margin": total - other, "first": float(k == 0)}
        x |= {f"type_{t}": float(f.answer_type == t) for t in TYPES}
        out.append(x)
    return out


def probability(x: dict[str, float]) -> float:
    w = weights()
    z = w.bias + sum(v * x.get(name, 0.0) for name, v in w.weights.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def heuristic(f: Frame, options: dict[str, dict]) -> list[tuple[float, str, dict]]:
    """(total, key, entry) best first: the best sentence's score plus support from other sentences."""
    sc = _cfg()["scoring"]
    ranked = []
    for k, e in options.items():
        # other sentences stating the same answer add support, if nearly as good as the best one
        e["texts"] = {t for t, v in e["totals"].items() if v >= e["best"] - 0.5}
        total = e["best"] + sc["support_bonus"] * min(3, len(e["texts"]) - 1)
        ranked.append((total, k, e))
    if f.order and f.answer_type == "date":
        ranked = _order_dates(ranked, f)
    ranked.sort(key=lambda x: (-x[0], len(x[2]["opt"].text)))
    return ranked


def rank(f: Frame, options: dict[str, dict]) -> list[tuple[float, str, dict]]:
    """(probability, key, entry), most probable first; the heuristic order breaks ties."""
    ranked = heuristic(f, options)
    xs = features(f, ranked)
    scored = [(probability(x), k, e | {"x": x}) for x, (_, k, e) in zip(xs, ranked, strict=True)]
    order = {k: i for i, (_, k, _) in enumerate(ranked)}
    scored.sort(key=lambda r: (-r[0], order[r[1]]))
    return scored
