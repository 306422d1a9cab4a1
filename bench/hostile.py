"""Cost of hostile and long documents against normal news, in the same run.

Each document is analysed and stored in a fresh child process (model loaded and warmed
up first), which reports its time and its peak resident memory; the figures are printed
as the per-character time (of the input as read) relative to the example articles, measured the same way.

    python bench/hostile.py [--sizes 100000,1000000] [--kinds news,sentences,...]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles"


def _news(n: int) -> str:
    from dateline.ingest import read_path

    texts = [a.text for a in read_path(EXAMPLES) if not hasattr(a, "code")]
    out, k = [], 0
    while sum(len(t) + 2 for t in out) < n:
        out.append(texts[k % len(texts)])
        k += 1
    return "\n\n".join(out)[:n]


KINDS = {
    "news": _news,
    "sentences": lambda n: "It rained. " * (n // 11),
    "one_word": lambda n: "war " * (n // 4),
    "digits": lambda n: "Officials said " + "7" * (n - 16) + ".",
    "punctuation": lambda n: "Officials said " + "!?.,;:-" * ((n - 15) // 7),
    "apostrophes": lambda n: "Officials said word" + "'" * (n - 19),
    "whitespace": lambda n: "Officials said" + " \u2003\u00a0 \n" * ((n - 24) // 5) + "it rained.",
    "mixed_tokens": lambda n: ("Putin’s 1,000,000!!! x'''' " + "ab12" * 40 + " ") * (n // 190),
}


def child(kind: str, size: int) -> dict:
    """Analyse and store one document in this process; time and memory."""
    from dateline.ingest import make_article, read_path
    from dateline.pipeline import analyse
    from dateline.store import open_store
    from dateline.types import Article

    store = open_store(str(Path(tempfile.mkdtemp()) / "h.db"))
    if kind == "baseline":
        arts = [a for a in read_path(EXAMPLES) if isinstance(a, Article)]
        store.save(analyse(arts[0]))  # warm-up
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        t0 = time.perf_counter()
        for a in arts:
            store.save(analyse(a))
        chars = sum(len(a.text) for a in arts)
    else:
        store.save(analyse(make_article(_news(3000), source="warm")))
        raw = KINDS[kind](size)
        art = make_article(raw, source=kind)
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        t0 = time.perf_counter()
        store.save(analyse(art))
        # the input's length, not the normalised text's: whitespace runs collapse to a few
        # characters, and their cost is what the reader of the raw file pays
        chars = len(raw)
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"seconds": seconds, "chars": chars, "rss_before_mb": before / 1024, "peak_mb": peak / 1024}


def _run_child(kind: str, size: int) -> dict:
    r = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(size)], capture_output=True, text=True, check=False
    )
    if r.returncode != 0:
        return {"error": (r.stderr.strip().splitlines() or ["?"])[-1]}
    return json.loads(r.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="100000,1000000")
    ap.add_argument("--kinds", default=",".join(KINDS))
    ap.add_argument("--child", nargs=2, metavar=("KIND", "SIZE"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(args.child[0], int(args.child[1]))))
        return 0
    base = _run_child("baseline", 0)
    per_char = base["seconds"] / base["chars"]
    print(
        f"baseline: example articles, {base['chars']:,} chars, {per_char * 1e6:.1f} us/char,"
        f" peak {base['peak_mb']:.0f} MB"
    )
    print(f"{'document':<14} {'chars':>10} {'seconds':>8} {'us/char':>8} {'x news':>7} {'peak MB':>8} {'+MB':>6}")
    worst = 0.0
    for size in (int(s) for s in args.sizes.split(",")):
        for kind in args.kinds.split(","):
            r = _run_child(kind, size)
            if "error" in r:
                print(f"{kind:<14} {size:>10,} failed: {r['error']}")
                continue
            ratio = r["seconds"] / r["chars"] / per_char
            worst = max(worst, ratio)
            print(
                f"{kind:<14} {r['chars']:>10,} {r['seconds']:>8.1f} {r['seconds'] / r['chars'] * 1e6:>8.1f}"
                f" {ratio:>6.2f}x {r['peak_mb']:>8.0f} {r['peak_mb'] - r['rss_before_mb']:>6.0f}",
                flush=True,
            )
    print(f"worst per-character ratio to news: {worst:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
