"""Ingest benchmark: full ingest vs bare spaCy on the same texts, in one process.

    .venv/bin/python bench/ingest.py [--n 1000] [--workers 2]

Builds N documents from the Giveme5W1H texts in ../shared/eval (repeated with a
numbered first sentence so each hashes differently), then times, in this order:
bare ``nlp.pipe`` with the same components, full ingest with one worker into a
fresh SQLite file, full ingest with --workers, and bare ``nlp.pipe`` again. Prints
docs/s, words/s, the ratio to bare spaCy (wall, against the first bare run and against
the mean of both; and CPU seconds of this process), and each analysis stage's share of
the spaCy time.
Machines here are shared and noisy: read the ratios, not the absolute figures.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# ../shared beside the checkout; a worktree elsewhere names it with DATELINE_SHARED
SHARED = Path(os.environ.get("DATELINE_SHARED", ROOT.parent / "shared"))
DATA = SHARED / "eval" / "giveme5w1h" / "data"


def build_corpus(folder: Path, n: int) -> list[str]:
    base = []
    for p in sorted(DATA.glob("*.json")):
        rec = json.loads(p.read_text())
        if rec.get("text"):
            base.append((rec.get("title") or "", rec["text"], (rec.get("date_publish") or "2016-01-01")[:10]))
    texts = []
    lines = []
    for i in range(n):
        title, text, day = base[i % len(base)]
        body = f"Report number {i}. {text}"
        lines.append(json.dumps({"title": title, "maintext": body, "date_publish": day, "dId": f"bench-{i}"}))
        texts.append(f"{title}\n\n{body}" if title else body)
    (folder / "corpus.jsonl").write_text("\n".join(lines) + "\n")
    return texts


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    if not DATA.is_dir():
        print(f"needs {DATA}", file=sys.stderr)
        return 2

    from dateline.batch import ingest
    from dateline.ingest import read_path
    from dateline.nlp import load_pipeline
    from dateline.store import open_store

    tmp = Path(tempfile.mkdtemp(prefix="dateline-bench-"))
    build_corpus(tmp, args.n)
    # The exact texts the pipeline analyses (title + body, normalized), for the baseline.
    texts = [a.text for a in read_path(tmp / "corpus.jsonl")]
    nlp = load_pipeline()
    print(
        f"machine: {platform.node()} {platform.machine()} python {platform.python_version()}; "
        f"{args.n} documents; pipeline {nlp.pipe_names}"
    )

    bare, bare_cpu, words = _bare(nlp, texts)
    print(f"bare nlp.pipe        {args.n / bare:8.1f} docs/s {words / bare:9.0f} words/s  ({bare:.1f} s)")

    results = {}
    for workers in sorted({1, args.workers}):
        store = open_store(str(tmp / f"bench-{workers}.db"))
        t0, c0 = time.perf_counter(), time.process_time()
        report = ingest(store, [str(tmp / "corpus.jsonl")], workers=workers)
        full, cpu = time.perf_counter() - t0, time.process_time() - c0
        assert report.analysed == args.n and not report.failed, (report.analysed, report.failed[:3])
        results[workers] = full
        print(
            f"ingest --workers {workers}  {args.n / full:8.1f} docs/s {words / full:9.0f} words/s  ({full:.1f} s)  "
            f"ratio to bare spaCy {bare / full:.2f}"
        )
        if workers == 1:
            # CPU seconds of this process: what other processes on a shared machine disturb least
            print(f"  CPU: bare {bare_cpu:.1f} s, ingest {cpu:.1f} s: ratio {bare_cpu / cpu:.2f}")
            nlp_s = report.stage_seconds.get("nlp", 0.0)
            shares = ", ".join(
                f"{k} {100 * v / nlp_s:.1f}%" for k, v in report.stage_seconds.items() if k != "nlp" and nlp_s
            )
            print(f"  stage time as a share of spaCy time in the same run: {shares}")
            rest = full - sum(report.stage_seconds.values())
            print(f"  reading + storing: {rest:.1f} s ({100 * rest / full:.1f}% of the run)")
    if args.workers > 1:
        print(f"speed-up with {args.workers} workers: {results[1] / results[args.workers]:.2f}x")
    again, again_cpu, _ = _bare(nlp, texts)
    print(
        f"bare nlp.pipe again  {args.n / again:8.1f} docs/s ({again:.1f} s, CPU {again_cpu:.1f} s): "
        f"--workers 1 at {(bare + again) / 2 / results[1]:.2f} of the two bare runs' mean (load drifts)"
    )
    return 0


def _bare(nlp, texts: list[str]) -> tuple[float, float, int]:
    """Wall and CPU seconds of bare ``nlp.pipe`` over the texts, and the words counted."""
    t0, c0 = time.perf_counter(), time.process_time()
    words = 0
    for doc in nlp.pipe(texts, batch_size=32):
        words += sum(1 for t in doc if not t.is_punct and not t.is_space)
    return time.perf_counter() - t0, time.process_time() - c0, words


if __name__ == "__main__":
    raise SystemExit(main())
