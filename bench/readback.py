"""Read-back check: everything a store gives back, written to one directory, to diff.

    .venv/bin/python bench/readback.py --db STORE --out DIR

Runs the listing commands with --json (docs, stats, entities, timeline, events,
places, quantities, main-event, search, ask, and per document show and times),
the exports (csv of each table, geojson, giveme5w1h) and the store's read API
(`load_analysis` of every document), one file each. A change to the store's layout
must leave two such directories identical (`diff -r`): that is what "nothing read
back changed" means. `--volatile` drops the ingest time stamps, to compare a fresh
ingest with an older one.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from click.testing import CliRunner

QUESTIONS = (
    "Who was injured in Croydon?",
    "When did the tram derail?",
    "Where did Kim Jong Un meet Putin?",
    "How many people died?",
)
SEARCHES = (("tram",), ("summit", "--any"), ("Putin",))
_STAMP = re.compile(r'"?ingested_at"?[:,]\s*"?[0-9T:+\-]{19,25}"?')


def run(db: str, args: list[str]) -> str:
    from dateline.cli.main import cli

    res = CliRunner().invoke(cli, [*args, "--db", db], catch_exceptions=False)
    return f"exit {res.exit_code}\n{res.output}"


def outputs(db: str) -> dict[str, str]:
    from dateline import serialize
    from dateline.store import open_store

    out = {
        "docs": run(db, ["docs", "--json"]),
        "stats": run(db, ["stats", "--json"]),
        "entities": run(db, ["entities", "--json"]),
        "timeline": run(db, ["timeline", "--json"]),
        "timeline-all": run(db, ["timeline", "--all", "--json"]),
        "events": run(db, ["events", "--json"]),
        "places": run(db, ["places", "--json"]),
        "quantities": run(db, ["quantities", "--json"]),
        "main-event": run(db, ["main-event", "--json"]),
    }
    for words in SEARCHES:
        out["search-" + "-".join(w.strip("-") for w in words)] = run(db, ["search", *words, "--json"])
    for i, q in enumerate(QUESTIONS):
        out[f"ask-{i}"] = run(db, ["ask", q, "--json"])
    for table in ("documents", "sentences", "mentions", "entities", "events", "places"):
        out[f"export-{table}"] = run(db, ["export", "--format", "jsonl", "--table", table])
    out["export-geojson"] = run(db, ["export", "--format", "geojson"])
    store = open_store(db, create=False)
    try:
        for doc_id in store.doc_ids():
            out[f"show-{doc_id}"] = run(db, ["show", doc_id, "--json"])
            out[f"times-{doc_id}"] = run(db, ["times", doc_id, "--json"])
            out[f"analysis-{doc_id}"] = serialize.dumps(store.load_analysis(doc_id), indent=1)
    finally:
        store.close()
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True)
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--volatile", action="store_true", help="drop ingest time stamps")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for name, text in outputs(args.db).items():
        if args.volatile:
            text = _STAMP.sub("ingested_at", text)
        (args.out / f"{name}.txt").write_text(text)
    print(f"wrote {len(list(args.out.iterdir()))} files to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
