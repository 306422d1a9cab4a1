"""``dateline demo``: the first thing a new user sees."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import click
from rich.markup import escape
from rich.rule import Rule

from .. import query
from .common import console
from .core_cmds import run_ingest

DEMO_DB = "demo.db"


def find_examples() -> Path | None:
    here = Path(__file__).resolve()
    for cand in (Path.cwd() / "examples" / "articles", here.parents[3] / "examples" / "articles"):
        if cand.is_dir():
            return cand
    return None


def _reset(db: str) -> None:
    if "://" in db:
        return
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)


@click.command()
@click.argument("path", required=False, type=click.Path(exists=True, file_okay=True))
@click.option("--db", default=DEMO_DB, show_default=True, help="Fresh database the demo writes (it is reset first).")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True)
def demo(path, db, workers):
    """Ingest the bundled example articles into a fresh database and show what Dateline knows."""
    src = Path(path) if path else find_examples()
    if src is None:
        raise click.ClickException("no examples/articles folder found: pass the folder of articles to use")
    _reset(db)
    console.print(Rule(f"Dateline demo: ingesting {escape(str(src))}"))
    store, report = run_ingest(db, [str(src)], workers=workers)
    if report.failed:
        for e in report.failed:
            console.print(f"[red]error[/red] {escape(e.line())}")
    label_counts: Counter[str] = Counter()
    for doc_id in store.doc_ids():
        a = store.load_analysis(doc_id)
        art = a.article
        names = [e for e in a.parsed.entities]
        label_counts.update(m.label for m in a.parsed.mentions)
        console.print(
            f"\n[bold]{escape(art.title or Path(art.source).name)}[/bold]\n"
            f"  published [cyan]{art.published or 'unknown'}[/cyan]  sentences {len(a.parsed.sentences)}  "
            f"[dim]{doc_id}  {art.format}[/dim]"
        )
        shown = ", ".join(f"{escape(e.name)} [dim]{e.label}[/dim]" for e in names[:14])
        console.print(f"  entities: {shown}{' ...' if len(names) > 14 else ''}")
    st = query.stats(store)
    console.print(Rule("Summary"))
    console.print(
        f"documents {st['documents']}  sentences {st['sentences']}  mentions {st['mentions']}  "
        f"time {report.seconds:.2f} s  ({report.docs_per_second():.1f} docs/s, model load included)"
    )
    console.print("entities by type: " + ", ".join(f"{k} {v}" for k, v in label_counts.most_common()))
    console.print(f"\nExplore: dateline --help; every command takes --db {db}, e.g. dateline entities --db {db}")


commands = [demo]
