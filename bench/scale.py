"""Scale benchmark: Ray workers against local --workers on the same texts, in one run,
and the per-document costs a capacity plan needs (docs/scale.md).

    .venv/bin/python bench/scale.py [--n 200] [--pg postgresql://...]

Builds N documents from the Giveme5W1H texts in ../shared/eval (as bench/ingest.py
does), then, in this order: bare ``nlp.pipe``; ingest with ``--workers 1`` and
``--workers 2`` into fresh SQLite files; ``--ray`` with 1 and 2 actors on one local
cluster (started once, its start-up timed apart). Prints docs/s, the speed-up of 2
over 1 and the scaling efficiency for each, and per document: analysis CPU-seconds
(the stages and spaCy), bytes stored (and the largest tables), and the time to write
one document (SQLite, and PostgreSQL with --pg). Machines here are shared and noisy:
read the ratios within one run, not the absolute figures.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ingest import DATA, build_corpus  # noqa: E402  (bench/ingest.py's corpus)


def _local(folder: Path, workers: int, n: int):
    from dateline.batch import ingest
    from dateline.store import open_store

    store = open_store(str(folder / f"local-{workers}.db"))
    t0, c0 = time.perf_counter(), time.process_time()
    report = ingest(store, [str(folder / "corpus.jsonl")], workers=workers)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    assert report.analysed == n and not report.failed, (report.analysed, report.failed[:3])
    return wall, cpu, report


def _ray(ray, folder: Path, workers: int, n: int) -> float:
    from dateline import raybatch
    from dateline.store import open_store

    store = open_store(str(folder / f"ray-{workers}.db"))
    t0 = time.perf_counter()
    report = raybatch.ingest(store, [str(folder / "corpus.jsonl")], workers=workers)
    assert report.analysed == n and not report.failed, (report.analysed, report.failed[:3])
    return time.perf_counter() - t0


def _bytes_per_table(db: Path) -> tuple[int, list[tuple[str, int]]]:
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    try:
        sizes = con.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC").fetchall()
    except sqlite3.OperationalError:  # a SQLite built without dbstat
        sizes = []
    con.close()
    return db.stat().st_size, sizes


def _write_cost(texts_db: Path, url: str, k: int = 40) -> tuple[float, float]:
    """Wall and CPU seconds to write one analysed document (delete + insert + entity
    linking), mean of k, into a store that starts empty."""
    from dateline.store import open_store

    src = open_store(str(texts_db), create=False)
    analyses = [src.load_analysis(d) for d in src.doc_ids()[:k]]
    dst = open_store(url)
    t0, c0 = time.perf_counter(), time.process_time()
    for a in analyses:
        dst.save(a)
    return (time.perf_counter() - t0) / len(analyses), (time.process_time() - c0) / len(analyses)


def _print_scaling(name: str, one: float, two: float, n: int) -> None:
    speedup = one / two
    print(f"{name:<14} 1: {n / one:6.2f} docs/s   2: {n / two:6.2f} docs/s   speed-up {speedup:.2f}x"
          f"   efficiency {speedup / 2:.2f}")  # fmt: skip


def _print_write(name: str, cost: tuple[float, float], analysis_cpu: float) -> None:
    wall, cpu = cost
    print(f"per document: write {1000 * wall:.1f} ms wall, {1000 * cpu:.1f} ms CPU here into {name}"
          f" (CPU {100 * cpu / analysis_cpu:.0f}% of the analysis CPU)")  # fmt: skip


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--pg", help="also time writes into this (empty) PostgreSQL database")
    args = ap.parse_args()
    if not DATA.is_dir():
        print(f"needs {DATA}", file=sys.stderr)
        return 2
    from dateline import raybatch
    from dateline.ingest import read_path
    from dateline.nlp import load_pipeline

    folder = Path(tempfile.mkdtemp(prefix="dateline-scale-"))
    build_corpus(folder, args.n)
    texts = [a.text for a in read_path(folder / "corpus.jsonl")]
    nlp = load_pipeline()
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=16):
        pass
    bare = time.perf_counter() - t0
    print(f"{args.n} documents; bare nlp.pipe {args.n / bare:.2f} docs/s ({bare:.1f} s)")

    one, cpu, report = _local(folder, 1, args.n)
    two, _, _ = _local(folder, 2, args.n)
    print(f"--workers 1 at {bare / one:.2f} of bare nlp.pipe")
    _print_scaling("--workers", one, two, args.n)

    t0 = time.perf_counter()
    with raybatch.cluster("local", workers=2) as ray:
        print(f"local Ray cluster (2 CPUs, loopback) started in {time.perf_counter() - t0:.1f} s")
        r1, r2 = _ray(ray, folder, 1, args.n), _ray(ray, folder, 2, args.n)
    _print_scaling("--ray", r1, r2, args.n)
    print(f"--ray against --workers at the same count: 1: {one / r1:.2f}   2: {two / r2:.2f} (1.00 = as fast)")

    analysis = sum(report.stage_seconds.values()) / args.n
    size, tables = _bytes_per_table(folder / "local-1.db")
    sqlite_write = _write_cost(folder / "local-1.db", str(folder / "write.db"))
    analysis_cpu = cpu / args.n - sqlite_write[1]  # the in-process run's CPU less its writes
    print(f"per document: analysis {analysis:.3f} s wall (spaCy {report.stage_seconds.get('nlp', 0) / args.n:.3f} s),"
          f" {analysis_cpu:.3f} CPU-s; whole ingest {cpu / args.n:.3f} CPU-s")  # fmt: skip
    print(f"per document: {size / args.n / 1024:.1f} KB stored (SQLite file, {size / 2**20:.1f} MB)")
    for name, b in tables[:8]:
        print(f"  {name:<32} {b / args.n / 1024:6.1f} KB/doc")
    _print_write("SQLite", sqlite_write, analysis_cpu)
    if args.pg:
        _print_write("PostgreSQL (this process's CPU only)", _write_cost(folder / "local-1.db", args.pg), analysis_cpu)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
