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
    n = len(rows)
    passed = sum(r["passed"] for r in rows)
    return {"items": rows, "total": n, "passed": passed, "accuracy": round(passed / n, 4) if n else 0.0}
