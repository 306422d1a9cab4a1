"""Cost of the time stage on 100,000-character hostile runs against the reference article.

Each run ("digits", "apostrophes", ...) is parsed once at 2,000 characters, tiled end to end
into one 100,000-character sentence (the worst case for per-sentence work) and given to the
time stage; the figure printed is its per-character time as a ratio to the reference
article's, measured in the same process (best of several runs). Linear work stays within a
few times 1x; work quadratic in the run would be fifty times slower or worse.

    python bench/time_runs.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from datetime import date
from pathlib import Path

from dateline.ingest import read_path
from dateline.nlp import parse
from dateline.time import extract_times, resolve_sentence_times
from dateline.types import Article, ParsedDoc, Sentence

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "examples" / "articles" / "000_fde20e5758e8fe00.txt"
LONG, SHORT = 100_000, 2_000
RUNS = {
    "digits": "1234567890",
    "spaced digits": "1 ",
    "punctuation": ".,;:!?-()/",
    "apostrophes": "'",
    "whitespace": " \t \n ",
    "repeated word": "Tuesday ",
}


def tiled(parsed: ParsedDoc, copies: int) -> ParsedDoc:
    """``copies`` of a real parse end to end, as one sentence."""
    n_chars, n_toks = len(parsed.text), len(parsed.tokens)
    tokens = [
        dataclasses.replace(t, i=t.i + k * n_toks, start=t.start + k * n_chars, end=t.end + k * n_chars,
                            head=t.head + k * n_toks, sentence=0)
        for k in range(copies)
        for t in parsed.tokens
    ]  # fmt: skip
    text = parsed.text * copies
    sentence = Sentence(0, 0, len(text), text, 0, len(tokens))
    return ParsedDoc(dataclasses.replace(parsed.article, text=text), tuple(tokens), (sentence,), (), ())


def stage_seconds(parsed: ParsedDoc, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        resolve_sentence_times(parsed, extract_times(parsed))
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    (ref,) = [a for a in read_path(REFERENCE) if isinstance(a, Article)]
    ref_parsed = parse(ref)
    base = stage_seconds(ref_parsed, args.repeat * 2) / len(ref_parsed.text)
    print(f"reference article: {len(ref_parsed.text):,} chars, {base * 1e6:.2f} us/char")
    worst = 0.0
    for name, unit in RUNS.items():
        text = "On Tuesday " + unit * (SHORT // len(unit)) + " in 2019."
        short = parse(Article(doc_id=name, text=text, source="<run>", published=date(2023, 9, 12)))
        doc = tiled(short, LONG // len(short.text) + 1)
        seconds = stage_seconds(doc, args.repeat)
        ratio = seconds / len(doc.text) / base
        worst = max(worst, ratio)
        print(f"{name:<14} {len(doc.text):>8,} chars {seconds:>7.3f} s {ratio:>6.2f}x the reference", flush=True)
    print(f"worst per-character ratio: {worst:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
