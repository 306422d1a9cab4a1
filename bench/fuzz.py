"""``make fuzz``: thousands of hostile files through the real ingest command, driven by
Hypothesis, and the figures: files, good files stored, failures and their error lines,
tracebacks, lost good documents, store problems.

Each Hypothesis example is a batch of files in a fresh folder and store: random mutations
of the example articles (``dateline.eval.fuzz.mutants``, from a seed Hypothesis draws)
and, in each file, a piece of arbitrary Unicode text drawn by Hypothesis.
Every case of issue 18 is ingested once first. A broken promise fails the run, and
Hypothesis shrinks it to a small batch.

    python bench/fuzz.py [--files 2000] [--batch 25] [--seed 0]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

import hypothesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dateline.eval import fuzz

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles"


def _with_text(h: fuzz.Hostile, extra: str, rng: random.Random) -> fuzz.Hostile:
    """The file with Hypothesis's text inserted in its body (the file's own encoding kept)."""
    if not h.name.endswith(".txt") or h.expect != fuzz.GOOD:
        return h
    text = h.data.decode("utf-8")
    k = rng.randrange(len(text) // 2, len(text) + 1)
    # lone surrogates cannot be written as UTF-8; NUL bytes make any file binary
    extra = extra.encode("utf-8", "replace").decode("utf-8").replace("\x00", " ")
    return fuzz.Hostile(h.name, (text[:k] + " " + extra + " " + text[k:]).encode("utf-8"), h.expect)


def run(files: int, batch: int, seed: int) -> fuzz.RunReport:
    bases = fuzz.base_texts(EXAMPLES)
    total = fuzz.RunReport()
    with tempfile.TemporaryDirectory() as tmp:
        rep = fuzz.check_run(*_write(Path(tmp) / "cases", fuzz.cases()), str(Path(tmp) / "cases.db"))
        total.add(rep)
        _print("cases", rep)
    examples = max(1, files // batch)
    counter = iter(range(10**9))

    @settings(max_examples=examples, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(seed=st.integers(0, 2**64 - 1), extras=st.lists(st.text(max_size=300), min_size=batch, max_size=batch))
    def one_batch(seed: int, extras: list[str]) -> None:
        # A drawn seed, not st.randoms(): its streams are uniform, where Hypothesis's own random
        # generators favour edge values (every file the same, most truncated to nothing).
        rng = random.Random(seed)
        n = next(counter)
        items = [
            _with_text(h, e, rng) for h, e in zip(fuzz.mutants(rng, bases, batch, prefix=f"b{n}_"), extras, strict=True)
        ]
        with tempfile.TemporaryDirectory() as tmp:
            rep = fuzz.check_run(*_write(Path(tmp) / "in", items), str(Path(tmp) / "f.db"))
        total.add(rep)
        if n % 10 == 0:
            _print(f"batch {n}", total)
        assert not rep.problems, rep.problems

    hypothesis.seed(seed)(one_batch)()
    return total


def _write(folder: Path, items: list[fuzz.Hostile]) -> tuple[Path, dict[str, fuzz.Hostile]]:
    return folder, fuzz.write_files(folder, items)


def _print(label: str, rep: fuzz.RunReport) -> None:
    lost = sum("good file not stored" in p for p in rep.problems)
    print(
        f"{label}: {rep.files} files ({rep.good} good), {rep.stored_files} stored, {rep.failed_files} failed"
        f" with {rep.error_lines} error line(s), {rep.tracebacks} tracebacks, {lost} good files lost,"
        f" {len(rep.problems)} problem(s)",
        flush=True,
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", type=int, default=2000, help="generated hostile files (besides the listed cases)")
    ap.add_argument("--batch", type=int, default=25, help="files per Hypothesis example")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    t0 = time.perf_counter()
    total = run(args.files, args.batch, args.seed)
    _print(f"total in {time.perf_counter() - t0:.0f} s", total)
    for p in total.problems[:20]:
        print("  ", p)
    return 1 if total.problems or total.tracebacks else 0


if __name__ == "__main__":
    sys.exit(main())
