"""Size benchmark: bytes stored per article, table by table (indexes with their table).

    .venv/bin/python bench/size.py [--n 200]      # ingest the bench corpus into a fresh store
    .venv/bin/python bench/size.py --db STORE     # measure a store that exists
    .venv/bin/python bench/size.py --postgres     # and the same store copied into PostgreSQL

The corpus is bench/ingest.py's (the Giveme5W1H texts, numbered so each is a new
document), ingested with one worker into a fresh SQLite file. Sizes come from SQLite's
``dbstat`` table (pages in use, free space in them included) after a checkpoint, so
they are what the file holds. The issue's target is at most 30 KB per typical article.
``--postgres`` also copies the store (``dateline copy``) into a throwaway PostgreSQL server
(scripts/pg_server.py), runs VACUUM FULL and reports each table with its indexes and TOAST.
"""

from __future__ import annotations

import argparse
import collections
import sqlite3
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ingest import DATA, build_corpus  # noqa: E402  (bench/ingest.py's corpus)

TARGET_KB = 30.0


def table_bytes(db: Path) -> tuple[int, dict[str, int], dict[str, int]]:
    """Documents, bytes per table (its indexes and search shadow tables counted with it),
    and bytes per b-tree."""
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    owner = {name: table for name, table in con.execute("SELECT name, tbl_name FROM sqlite_master")}
    per_tree = dict(con.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name").fetchall())
    docs = con.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    con.close()
    per_table: dict[str, int] = collections.Counter()
    for name, size in per_tree.items():
        table = owner.get(name, name)
        per_table[table.removesuffix("_data").removesuffix("_idx").removesuffix("_docsize").removesuffix("_config")
                  if table.startswith("sentences_fts") else table] += size  # fmt: skip
    return docs, dict(per_table), per_tree


def report(db: Path) -> float:
    docs, tables, trees = table_bytes(db)
    total = sum(tables.values())
    per_doc = total / docs / 1024
    print(f"{db}: {docs} documents, {total / 2**20:.1f} MB, {per_doc:.1f} KB per document (target {TARGET_KB:.0f})")
    for name, size in sorted(tables.items(), key=lambda kv: -kv[1]):
        if size / total >= 0.005:
            print(f"  {name:<24} {size / docs / 1024:6.1f} KB/doc  {100 * size / total:5.1f}%")
    print("  largest b-trees: " + ", ".join(
        f"{n} {s / docs / 1024:.1f}" for n, s in sorted(trees.items(), key=lambda kv: -kv[1])[:6]))  # fmt: skip
    return per_doc


def pg_report(db: Path) -> float:
    """The SQLite store copied into a throwaway PostgreSQL server: bytes per document by table."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
    import pg_server
    from sqlalchemy import text

    from dateline.store import open_store
    from dateline.store.copy import copy_store

    with pg_server.throwaway_server() as server:
        src, dst = open_store(str(db)), open_store(pg_server.create_database(server, "bench_size"))
        assert copy_store(src, dst).ok
        with dst.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
            c.execute(text("VACUUM FULL"))
            sizes = dict(c.execute(text(
                "SELECT relname, pg_total_relation_size(oid) FROM pg_class WHERE relkind = 'r' "
                "AND relnamespace = 'public'::regnamespace")).fetchall())  # fmt: skip
            docs = c.execute(text("SELECT COUNT(*) FROM documents")).scalar_one()
        src.close()
        dst.close()
    total = sum(sizes.values())
    per_doc = total / docs / 1024
    print(f"PostgreSQL copy: {docs} documents, {total / 2**20:.1f} MB, {per_doc:.1f} KB per document")
    for name, size in sorted(sizes.items(), key=lambda kv: -kv[1]):
        if size / total >= 0.005:
            print(f"  {name:<24} {size / docs / 1024:6.1f} KB/doc  {100 * size / total:5.1f}%")
    return per_doc


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--db", type=Path, help="measure this SQLite store instead of ingesting the corpus")
    ap.add_argument("--postgres", action="store_true", help="also measure the store copied into PostgreSQL")
    args = ap.parse_args()
    if args.db:
        report(args.db)
        if args.postgres:
            pg_report(args.db)
        return 0
    if not DATA.is_dir():
        print(f"needs {DATA}", file=sys.stderr)
        return 2
    from dateline.batch import ingest
    from dateline.store import open_store

    folder = Path(tempfile.mkdtemp(prefix="dateline-size-"))
    build_corpus(folder, args.n)
    db = folder / "size.db"
    store = open_store(str(db))
    done = ingest(store, [str(folder / "corpus.jsonl")], workers=1)
    store.close()
    assert done.analysed == args.n and not done.failed, (done.analysed, done.failed[:3])
    report(db)
    if args.postgres:
        pg_report(db)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
