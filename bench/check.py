"""What the checks add to ``dateline check`` over a whole store, against loading it.

    .venv/bin/python bench/check.py [--db STORE] [--n 1000] [--rounds 3]

``dateline check`` with no DOC loads every stored analysis and runs every rule on them.
This times the two parts in the same process, on the same analyses: loading them all
(``Store.load_analysis``), then the checks (``verify.report.corpus_checks``: each
document's rules and the cross-document ones), best of ``--rounds``, and prints
checks / load. The target is at most 0.05.

Without ``--db`` it builds a store in a temporary folder: the demo articles and, when
``../shared`` is there, the 48 Giveme5W1H articles, each analysed once with the real
pipeline, then saved again as copies until there are N documents. Copy k gets a suffix
in its text (a new doc_id) and a publication date 10*k days later, so the copies are
other stories in time, as in a real store, rather than one story told N times.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SOURCES = [ROOT / "examples" / "articles", SHARED / "eval" / "giveme5w1h" / "data"]


def build(db: str, n: int) -> None:
    from dateline.ingest import read_paths
    from dateline.pipeline import analyse_many
    from dateline.store import open_store

    store = open_store(db)
    articles = [a for a in read_paths([str(p) for p in SOURCES if p.exists()]) if not isinstance(a, Exception)]
    base = list(analyse_many(articles))
    store.save_many(base)
    k, total = 1, len(base)
    while total < n:
        copies = []
        for a in base[: n - total]:
            art = a.article
            text = art.text + f" [copy {k}]"
            pub = art.published + timedelta(days=10 * k) if art.published else None
            new_art = dataclasses.replace(art, text=text, doc_id=f"{art.doc_id[:10]}c{k:05d}", published=pub)
            copies.append(dataclasses.replace(a, parsed=dataclasses.replace(a.parsed, article=new_art)))
        store.save_many(copies)
        total += len(copies)
        k += 1


def measure(db: str, rounds: int) -> tuple[float, float, int, int]:
    from dateline.store import open_store
    from dateline.verify.report import corpus_checks

    store = open_store(db)
    ids = store.doc_ids()
    best_load = best_check = float("inf")
    n_checks = 0
    for _ in range(rounds):
        t0 = time.perf_counter()
        analyses = [store.load_analysis(d) for d in ids]
        t1 = time.perf_counter()
        out = corpus_checks(analyses)
        t2 = time.perf_counter()
        best_load, best_check = min(best_load, t1 - t0), min(best_check, t2 - t1)
        n_checks = sum(len(d.checks) for d in out.documents) + len(out.across_documents)
    return best_load, best_check, len(ids), n_checks


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", help="an existing store (default: build one of --n documents in a temporary folder)")
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "bench_check.db")
        if not args.db:
            print(f"building a store of {args.n} documents ...", file=sys.stderr)
            build(db, args.n)
        load, check, docs, n = measure(db, args.rounds)
    print(f"documents: {docs}; verdicts: {n}")
    print(f"load every analysis: {load:.3f} s; run every check: {check:.3f} s (best of {args.rounds})")
    print(f"checks / load: {check / load:.3f} (target <= 0.05)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
