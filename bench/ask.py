"""Question-answering latency on a store of 10,000 documents.

    .venv/bin/python bench/ask.py [--n 10000] [--db /tmp/dateline_bench_ask.db | --db postgresql://...]
                                  [--postgres] [--rounds 3] [--rebuild]

``--db`` is a SQLite file or a PostgreSQL URL; ``--postgres`` starts a throwaway PostgreSQL
server for the run (scripts/pg_server.py, as the tests do) and builds the store in it.

Builds (or reuses) a store of N documents (built, or grown, when it holds fewer; anew
with --rebuild): the reference article, the 48 Giveme5W1H texts and the demo articles,
repeated until N. To keep build time
sane, each distinct text is analysed ONCE with the real pipeline, and the copies
are saved as new documents: the Article gets a suffix (" [copy k]") appended to
its text, so every copy hashes to a new doc_id, via dataclasses.replace; all
offsets stay valid, and the sentences (hence FTS5 rows) are the originals'.

Then, in the same process, times for each question of the set: a bare FTS5 query
(query.basic.search, any word, top 20, on the question's words minus stop words;
tsvector + GIN on PostgreSQL) and the full ``ask``. The first pass of
``ask`` is reported apart ("cold": the question and its candidate sentences are
parsed for the first time); the following rounds are "warm". Prints median and
95th percentile of each. Machines here are shared: read the ratios.
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SOURCES = [
    SHARED / "corpus" / "seed" / "000_fde20e5758e8fe00.txt",
    SHARED / "eval" / "giveme5w1h" / "data",
    ROOT / "examples" / "articles",
]

QUESTIONS = [
    "Where are Kim and Putin meeting?",
    "When did Kim and Putin last meet?",
    "How fast can Kim's train go?",
    "When did the Vostochny Cosmodrome open?",
    "What does Kim want from Russia?",
    "What does the Vostochny Cosmodrome symbolize?",
    "Who is Kim Jong Un's Russian counterpart?",
    "What is Kim's train equipped with?",
    "Who relied on the Baikonur Cosmodrome?",
    "Who won the 2022 football World Cup?",
    "Where is the Baikonur Cosmodrome?",
    "How far did the train travel from Pyongyang to Vladivostok?",
    "Who proposed the Vostochny Cosmodrome?",
    "Why does Kim prefer rail travel?",
    "When did the plane crash?",
    "Who was arrested?",
    "How many people were killed?",
    "Where did the attack happen?",
]


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    k = max(0, min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1)))))
    return xs[k]


def _copies(analyses: list, n: int):
    """Copy k of each analysis in turn, until the store would hold ``n``: the same order in
    every run, so a store can be grown from where an earlier build stopped."""
    from dateline.ingest.normalize import doc_id_for

    made, k = len(analyses), 0
    while made < n:
        k += 1
        for a in analyses[: n - made]:
            text = a.article.text + f" [copy {k}]"
            art = dataclasses.replace(
                a.article, doc_id=doc_id_for(text), text=text, source=f"{a.article.source}#copy{k}", record_id=None
            )
            yield dataclasses.replace(a, parsed=dataclasses.replace(a.parsed, article=art))
        made += min(len(analyses), n - made)


def build(db: str, n: int, have: int = 0) -> None:
    """The store of ``n`` documents; ``have``: how many an earlier build of it already saved."""
    from dateline.ingest import read_paths
    from dateline.pipeline import analyse_many
    from dateline.store import open_store

    arts = [a for a in read_paths([str(p) for p in SOURCES]) if not isinstance(a, Exception)]
    seen, uniq = set(), []
    for a in arts:
        if a.doc_id not in seen:
            seen.add(a.doc_id)
            uniq.append(a)
    t0 = time.perf_counter()
    analyses = list(analyse_many(uniq))
    t_an = time.perf_counter() - t0
    store = open_store(db)
    t0 = time.perf_counter()
    if not have:
        for a in analyses:
            store.save(a)
    total, batch = max(have, len(analyses)), []
    for k, copy in enumerate(_copies(analyses, n)):
        if k + len(analyses) < total:
            continue  # saved by the earlier build
        batch.append(copy)
        if len(batch) == 500:  # 500 per transaction (Store.save commits one per document)
            store.save_many(batch)
            total += len(batch)
            batch = []
            print(f"  {total} documents saved ({time.perf_counter() - t0:.0f} s)", flush=True)
    store.save_many(batch)
    t_save = time.perf_counter() - t0
    print(
        f"built {db}: {len(uniq)} distinct texts analysed once ({t_an:.1f} s), saved as "
        f"{_count(store, 'documents')} documents ({t_save:.1f} s; copies = same Analysis under new doc_ids "
        f"via dataclasses.replace, text suffixed ' [copy k]')"
    )


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10000)
    ap.add_argument("--db", default="/tmp/dateline_bench_ask.db", help="a SQLite file or a postgresql:// URL")
    ap.add_argument("--postgres", action="store_true", help="on a throwaway PostgreSQL server started for the run")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--rebuild", action="store_true")
    args = ap.parse_args(argv)
    if not args.postgres:
        return measure(args.db, args.n, args.rounds, args.rebuild)
    sys.path.insert(0, str(ROOT / "scripts"))
    import pg_server

    with pg_server.throwaway_server(("shared_buffers=256MB",)) as url:
        return measure(pg_server.create_database(url, "bench_ask"), args.n, args.rounds, False)


def _count(store, table: str) -> int:
    return int(store.query(f"SELECT COUNT(*) AS n FROM {table}")[0]["n"])


def measure(db: str, n: int, rounds: int, rebuild: bool) -> int:
    from dateline.nlp import load_pipeline
    from dateline.query.ask import ask
    from dateline.query.basic import search
    from dateline.store import open_store

    is_file = "://" not in db
    if rebuild and is_file:
        for suffix in ("", "-wal", "-shm"):
            Path(db + suffix).unlink(missing_ok=True)
    store = open_store(db)
    if rebuild and not is_file and _count(store, "documents"):
        raise SystemExit(f"--rebuild on {db}: drop the database yourself (this script deletes no server data)")
    have = _count(store, "documents")
    if have < n:  # none yet, or an earlier build stopped short (a smaller --n, or interrupted)
        build(db, n, have)
        if store.dialect == "postgresql":
            from sqlalchemy import text

            with store.engine.begin() as conn:  # fresh planner statistics, as after any bulk load
                conn.execute(text("ANALYZE"))
    n_docs, n_sent = _count(store, "documents"), _count(store, "sentences")
    t0 = time.perf_counter()
    load_pipeline()
    print(
        f"store ({store.dialect}): {n_docs} documents, {n_sent} sentences; "
        f"spaCy model load {time.perf_counter() - t0:.2f} s (once per process)"
    )

    from spacy.lang.en.stop_words import STOP_WORDS

    # the bare FTS5 baseline: what `dateline search --any` runs for the question's words minus stop words
    # (with the stop words, "the"/"did" match nearly every sentence and the baseline only measures that)
    bare = {
        q: " ".join(w for w in q.replace("?", " ").replace("'s", " ").split() if w.lower() not in STOP_WORDS)
        for q in QUESTIONS
    }
    fts, cold, warm = [], [], []
    answered = 0
    for q in QUESTIONS:  # bare FTS5 first, so both see the same warm page cache
        search(store, bare[q], limit=20, any_word=True)
    for r in range(rounds + 1):
        for q in QUESTIONS:
            t = time.perf_counter()
            search(store, bare[q], limit=20, any_word=True)
            fts.append(time.perf_counter() - t)
            t = time.perf_counter()
            a = ask(store, q)
            (cold if r == 0 else warm).append(time.perf_counter() - t)
            if r == 0 and a.answer:
                answered += 1
    report(fts, cold, warm, answered, rounds)
    return 0


def report(fts: list[float], cold: list[float], warm: list[float], answered: int, rounds: int) -> None:
    ms = lambda x: f"{x * 1000:7.1f} ms"  # noqa: E731
    print(f"questions: {len(QUESTIONS)} ({answered} answered, the rest 'I don't know'); warm rounds: {rounds}")
    print(f"{'':24}{'median':>10}{'p95':>11}{'max':>11}")
    for name, xs in (("bare FTS5 (search --any)", fts), ("ask, cold (1st pass)", cold), ("ask, warm", warm)):
        print(f"{name:24}{ms(statistics.median(xs)):>10}{ms(pct(xs, 95)):>11}{ms(max(xs)):>11}")
    print(f"ask / FTS5 (median, warm): {statistics.median(warm) / statistics.median(fts):.1f}x")
    print(f"ask / FTS5 (p95, warm): {pct(warm, 95) / pct(fts, 95):.1f}x")  # the issues' target: at most 3x


if __name__ == "__main__":
    sys.exit(main())
