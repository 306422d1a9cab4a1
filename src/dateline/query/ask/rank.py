"""Stage 4, ranking: merge the candidates of all sentences, add support, order dates for
"first"/"last"."""

from __future__ import annotations

from .config import _cfg
from .question import Frame


def _order_dates(ranked, order: str):
    """ "last"/"first": among well-supported dates, prefer the latest/earliest."""
    if not ranked:
        return ranked
    top = max(r[0] for r in ranked)
    good = [r for r in ranked if r[0] >= top - 0.5 and r[2]["opt"].value]
    if not good:
        return ranked
    pick = (max if order == "last" else min)(good, key=lambda r: r[2]["opt"].value)
    return [(r[0] + (0.6 if r is pick else 0.0), r[1], r[2]) for r in ranked]


def rank(f: Frame, options: dict[str, dict]) -> list[tuple[float, str, dict]]:
    """(total, key, entry) best first: the best sentence's score plus support from other sentences."""
    sc = _cfg()["scoring"]
    ranked = []
    for k, e in options.items():
        # other sentences stating the same answer add support, if nearly as good as the best one
        e["texts"] = {t for t, v in e["totals"].items() if v >= e["best"] - 0.5}
        total = e["best"] + sc["support_bonus"] * min(3, len(e["texts"]) - 1)
        ranked.append((total, k, e))
    if f.order and f.answer_type == "date":
        ranked = _order_dates(ranked, f.order)
    ranked.sort(key=lambda x: (-x[0], len(x[2]["opt"].text)))
    return ranked
