"""Core commands: ingest, docs, show, search, stats (entities: entity_cmds)."""

from __future__ import annotations

import os
import sys
import time

import click
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

from .. import query
from ..errors import InputError
from ..ingest import parse_date
from ..types import Mention
from .common import (
    console,
    db_option,
    err_console,
    json_option,
    listing_options,
    open_store_or_fail,
    output_format,
    page,
    print_json,
    print_rows,
    table,
    to_jsonable,
)

LABEL_STYLE = {
    "PERSON": "bold cyan",
    "ORG": "bold magenta",
    "GPE": "bold green",
    "LOC": "green",
    "FAC": "bold yellow",
    "NORP": "yellow",
    "DATE": "blue",
    "TIME": "blue",
    "QUANTITY": "red",
    "MONEY": "red",
    "PERCENT": "red",
    "CARDINAL": "dim red",
    "EVENT": "bold blue",
}


class _LazyProgress:
    """A Rich progress bar that appears only once a run has lasted a second."""

    def __init__(self, quiet: bool):
        self.quiet = quiet
        self.t0 = time.perf_counter()
        self.progress: Progress | None = None
        self.task: TaskID | None = None

    def __call__(self, report, total):
        if self.quiet or total == 0:
            return
        if self.progress is None:
            if time.perf_counter() - self.t0 < 1.0 and report.analysed == 0:
                return
            self.progress = Progress(
                TextColumn("ingesting"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]}"),
                TimeElapsedColumn(),
                console=err_console,
                transient=True,
            )
            self.progress.start()
            self.task = self.progress.add_task("ingest", total=total, rate="")
        rate = f"{report.docs_per_second():.1f} docs/s" if report.analysed else ""
        if self.task is not None:
            self.progress.update(self.task, completed=report.analysed, rate=rate)

    def stop(self):
        if self.progress is not None:
            self.progress.stop()


def _date_option(value):
    if value is None:
        return None
    try:
        return parse_date(value)
    except InputError as exc:  # unparseable, or outside the years the time stage computes with
        raise click.BadParameter(exc.message) from None


def run_ingest(db: str, paths, default_date=None, force=False, workers=1, quiet=False, as_json=False, ray=None):
    from ..batch import ingest as ingest_batch
    from ..store import open_store

    store = open_store(db)
    progress = _LazyProgress(quiet or as_json)

    def on_error(exc):
        if not as_json:
            err_console.print(f"[red]error[/red] {escape(exc.line())}")

    options = {"default_date": default_date, "force": force, "workers": workers}
    try:
        if ray is None:
            report = ingest_batch(store, paths, **options, on_progress=progress, on_error=on_error)
        else:
            from ..raybatch import ingest as ingest_ray

            report = ingest_ray(store, paths, address=ray, **options, on_progress=progress, on_error=on_error)
    finally:
        progress.stop()
    return store, report


def report_skipped(paths) -> None:
    """Name the files a folder held that ingest left out for their extension (standard error)."""
    from ..ingest import skipped_by_extension

    skipped = skipped_by_extension(paths)
    if skipped:
        kinds = sorted({os.path.splitext(p)[1].lower() or "no extension" for p in skipped})
        err_console.print(f"skipped {len(skipped)} file(s) for their extension ({', '.join(kinds)}):")
        for p in skipped[:20]:
            err_console.print(f"  {escape(p)}")
        if len(skipped) > 20:
            err_console.print(f"  ... and {len(skipped) - 20} more")


def ray_paths(ray: str | None, paths: tuple[str, ...]) -> tuple[str | None, tuple[str, ...]]:
    """``--ray`` takes an optional value, so ``--ray PATH`` reads the path as one: a value that
    is neither ``local``, ``auto`` nor an address (``HOST:PORT``, ``ray://...``) is a path."""
    if ray is not None and ray not in ("local", "auto") and ":" not in ray:
        ray, paths = "local", (ray, *paths)
    if not paths:
        raise click.UsageError("Missing argument 'PATHS...'.")
    return ray, paths


def ray_option(f):
    return click.option(
        "--ray",
        "ray",
        is_flag=False,
        flag_value="local",
        default=None,
        metavar="[auto|ADDRESS]",
        help="Analyse on Ray: alone, a private local cluster (loopback only); auto, the cluster started on"
        " this machine; or a cluster address. --workers sets the actor pool size.",
    )(f)


@click.command()
@click.argument("paths", nargs=-1)
@db_option
@click.option("--date", "date_", metavar="YYYY-MM-DD", help="Publication date for documents that state none.")
@click.option("--force", is_flag=True, help="Re-analyse documents that are already stored.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True, help="Analysis processes.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar, only the summary.")
@ray_option
@json_option
def ingest(paths, db, date_, force, workers, quiet, ray, as_json):
    """Ingest articles: files, directories (recursive) or - for standard input.

    Plain text with a dateline (" date 2023-09-12 Story..." or "Date: ..."),
    news-please JSON / JSON Lines, and HTML pages. Documents already stored
    (same normalized text) are skipped unless --force. Exit code 1 when any
    input failed; the others are still ingested.
    """
    ray, paths = ray_paths(ray, paths)
    default_date = _date_option(date_)
    store, report = run_ingest(db, paths, default_date, force, workers, quiet, as_json, ray)
    report_skipped(paths)
    print_report(store, report, as_json)


def print_report(store, report, as_json: bool) -> None:
    """The summary of an ingest or a re-analysis, and its exit code (1 when any input failed)."""
    if as_json:
        print_json(
            {
                "added": report.added,
                "reanalysed": report.reanalysed,
                "unchanged": report.unchanged,
                "failed": [{"source": e.source, "code": e.code, "error": e.message} for e in report.failed],
                "warnings": report.warnings,
                "seconds": round(report.seconds, 3),
                "docs_per_second": round(report.docs_per_second(), 2),
                "database": store.url,
            }
        )
    else:
        for w in report.warnings:
            err_console.print(f"[yellow]warning[/yellow] {escape(w)}")
        parts = [f"{len(report.added)} added"]
        if report.reanalysed:
            parts.append(f"{len(report.reanalysed)} re-analysed")
        if report.unchanged:
            parts.append(f"{len(report.unchanged)} unchanged (already stored; --force re-analyses)")
        if report.failed:
            parts.append(f"[red]{len(report.failed)} failed[/red]")
        console.print(
            f"{', '.join(parts)} in {report.seconds:.2f} s"
            + (f" ({report.docs_per_second():.1f} docs/s)" if report.analysed else "")
            + f" -> {escape(store.url)}"
        )
        if report.failed:
            console.print("[red]Failed inputs:[/red]")
            for e in report.failed:
                console.print(f"  {escape(e.line())}")
    sys.exit(1 if report.failed else 0)


@click.command()
@db_option
@listing_options()
def docs(db, fmt, as_json, limit, offset):
    """List stored documents with their publication dates."""
    store = open_store_or_fail(db)
    all_rows = query.documents(store)
    rows = page(all_rows, offset, limit)
    if print_rows(rows, output_format(fmt, as_json)):
        return
    t = table("doc_id", "published", "sentences", "mentions", "title / source", box=None)
    for r in rows:
        t.add_row(
            r.doc_id,
            r.published or "unknown",
            str(r.n_sentences),
            str(r.n_mentions),
            escape((r.title or r.source)[:70]),
        )
    console.print(t)
    shown = f"{len(rows)} of {len(all_rows)}" if len(rows) != len(all_rows) else f"{len(rows)}"
    console.print(f"{shown} documents")


def _highlight(text: str, start: int, mentions: list[Mention]) -> str:
    out, pos = [], start
    for m in sorted(mentions, key=lambda m: m.start):
        if m.start < pos:
            continue
        out.append(escape(text[pos - start : m.start - start]))
        style = LABEL_STYLE.get(m.label, "bold")
        out.append(f"[{style}]{escape(text[m.start - start : m.end - start])}[/{style}][dim]/{m.label}[/dim]")
        pos = m.end
    out.append(escape(text[pos - start :]))
    return "".join(out)


@click.command()
@click.argument("doc")
@db_option
@json_option
def show(doc, db, as_json):
    """Show a document: its sentences with entities highlighted."""
    store = open_store_or_fail(db)
    data = query.show(store, doc)
    if as_json:
        return print_json(to_jsonable(data))
    console.print(f"[bold]{escape(data.title or data.source)}[/bold]")
    console.print(f"doc_id {data.doc_id}  published {data.published or 'unknown'}  source {escape(data.source)}")
    by_sent: dict[int, list[Mention]] = {}
    for m in data.mentions:
        by_sent.setdefault(m.sentence, []).append(m)
    for s in data.sentences:
        when = f" [dim]@{s.time.value}[/dim]" if s.time and s.time.value else ""
        console.print(f"[dim]{s.index:>3}[/dim] {_highlight(s.text, s.start, by_sent.get(s.index, []))}{when}")


@click.command(context_settings={"ignore_unknown_options": True})
@click.argument("text", nargs=-1, required=True, type=click.UNPROCESSED)
@db_option
@click.option("--any", "any_word", is_flag=True, help="Match sentences with any of the words, not all.")
@listing_options(default_limit=20)
def search(text, db, any_word, fmt, as_json, limit, offset):
    """Full-text search over sentences (BM25 on SQLite, ts_rank_cd on PostgreSQL).

    Every word must appear (any with --any). OR, AND and NOT in capitals are operators,
    "a phrase" in quotes matches the words in a row, word* matches a prefix, ( ) group:
    'Putin OR Kim', 'summit NOT Vladivostok', '"top speed"', 'cosmo*'. A query that cannot
    be read is one E706 line. Words may start with '-'.
    """
    store = open_store_or_fail(db)
    rows = query.search(store, " ".join(text), limit=limit, any_word=any_word, offset=offset)
    if print_rows(rows, output_format(fmt, as_json)):
        return
    import re

    words = [re.escape(w) for w in re.findall(r"[\w][\w'’-]*", " ".join(text)) if w not in ("OR", "AND", "NOT")]
    pattern = re.compile(r"\b(" + "|".join(words) + r")", re.I) if words else None
    for r in rows:
        line = escape(r.text)
        if pattern:
            line = pattern.sub(lambda m: f"[bold yellow]{m.group(0)}[/bold yellow]", line)
        console.print(f"[dim]{r.doc_id}#{r.sentence_index} {r.published or ''}[/dim]  {line}")
    if not rows:
        console.print("no matching sentences")


@click.command()
@db_option
@json_option
def stats(db, as_json):
    """Counts of what the store holds."""
    store = open_store_or_fail(db)
    data = to_jsonable(query.stats(store))
    if as_json:
        return print_json(data)
    for k, v in data.items():
        if isinstance(v, dict):
            console.print(f"{k}: " + ", ".join(f"{a} {b}" for a, b in v.items()))
        elif isinstance(v, list):
            console.print(f"{k}: {', '.join(v)}")
        else:
            console.print(f"{k}: {v}")


commands = [ingest, docs, show, search, stats]
