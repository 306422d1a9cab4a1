"""Scoring ``ask`` against a question file (format in PRODUCT.md):

    {"items": [{"q": ..., "accept": [regex, ...], "cite": substring, "unanswerable": bool}]}

An item passes when one accept regex matches the answer (case-insensitive) and
one cited sentence contains ``cite``; an unanswerable item passes only when the
answer is empty.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable

from ..query.ask import answer_json, ask


def load_gold(path: str) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    items = data["items"] if isinstance(data, dict) else data
    return [dict(it) for it in items]


def judge(item: dict, answer) -> tuple[bool, str]:
    """(passed, why) for one gold item and one Answer."""
    if item.get("unanswerable"):
        return (not answer.answer, "empty as expected" if not answer.answer else "answered an unanswerable question")
    if not answer.answer:
        return False, "no answer"
    if not any(re.search(rx, answer.answer, re.I) for rx in item.get("accept", [])):
        return False, "answer matches no accepted pattern"
    cite = item.get("cite") or ""
    if cite and not any(cite in c.text for c in answer.citations):
        return False, f"no citation contains {cite!r}"
    return True, "ok"


def evaluate(store, items: list[dict], on_progress: Callable[[int, int], None] | None = None) -> dict:
    """Ask each question; ``on_progress(done, total)`` after each one."""
    rows = []
    tick = on_progress or (lambda done, total: None)
    for k, it in enumerate(items, 1):
        tick(k - 1, len(items))
        t0 = time.perf_counter()
        a = ask(store, it["q"])
        ms = (time.perf_counter() - t0) * 1000
        ok, why = judge(it, a)
        rows.append(
            {
                **answer_json(a),
                "passed": ok,
                "why": ok and "ok" or why,
                "ms": round(ms, 1),
                "unanswerable": bool(it.get("unanswerable")),
            }
        )
    for r, it in zip(rows, items, strict=True):
        r["type"] = it.get("type") or r.get("type")  # the gold file's type when it names one
    n = len(rows)
    passed = sum(r["passed"] for r in rows)
    return {
        "items": rows,
        "total": n,
        "passed": passed,
        "accuracy": round(passed / n, 4) if n else 0.0,
        "by_type": by_type(rows),
        "coverage": precision_coverage(rows),
    }


def by_type(rows: list[dict]) -> dict[str, dict]:
    """Accuracy per question type: {type: {passed, total, accuracy}}."""
    out: dict[str, dict] = {}
    for r in rows:
        t = out.setdefault(r.get("type") or "other", {"passed": 0, "total": 0})
        t["passed"] += bool(r["passed"])
        t["total"] += 1
    for t in out.values():
        t["accuracy"] = round(t["passed"] / t["total"], 4)
    return dict(sorted(out.items()))


def precision_coverage(
    rows: list[dict], steps: tuple[float, ...] = (0.0, 0.2, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
) -> list[dict]:
    """What answering only above a confidence would give: for each threshold (and the model's own
    two, marked "threshold" and "careful"), the answered questions (coverage of the answerable
    ones) and the share of them that are right."""
    from ..query.ask.config import weights

    w = weights()
    marks = {round(w.threshold, 4): "threshold", round(w.careful_threshold, 4): "careful"}
    answerable = sum(not r["unanswerable"] for r in rows) or 1
    out = []
    for t in sorted(set(steps) | set(marks)):
        answered = [r for r in rows if r["answer"] and r["confidence"] >= t]
        right = sum(bool(r["passed"]) for r in answered)
        out.append(
            {
                "min_confidence": t,
                "answered": len(answered),
                "right": right,
                "precision": round(right / len(answered), 4) if answered else None,
                "coverage": round(right / answerable, 4),
                "mark": marks.get(t, ""),
            }
        )
    return out
