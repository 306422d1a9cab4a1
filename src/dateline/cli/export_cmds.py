"""``dateline export``: the store in other tools' formats."""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Iterator
from typing import TextIO

import click
from rich.markup import escape

from .. import serialize
from ..errors import BadOutput
from ..export.tables import TABLES
from .common import db_option, doc_ids_or_fail, err_console, open_store_or_fail, progress

FORMATS = {
    "csv": "a table (--table) as CSV",
    "jsonl": "a table (--table) as JSON Lines",
    "parquet": "a table (--table) as Parquet (needs --out)",
    "geojson": "places (or --table events: located events with their dates) as a FeatureCollection",
    "giveme5w1h": "main events, one JSON file per document",
    "mentions": "every entity mention as JSON Lines, with its canonical entity_id",
    "semeval-timeline": "one entity's timeline (--entity) in SemEval-2015 Task 4's line format",
    "timeline-csv": "the timeline (or --entity's) as CSV, one row per event",
    "timeline-jsonl": "the timeline (or --entity's) as JSON Lines, one event per line",
    "timelinejs": "the timeline (or --entity's) as a TimelineJS 3 JSON document",
    "ics": "the timeline (or --entity's) as iCalendar all-day events",
}


@click.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(FORMATS)),
    required=True,
    help="; ".join(f"{k}: {v}" for k, v in FORMATS.items()) + ".",
)
@click.option(
    "--table",
    "table_name",
    type=click.Choice(list(TABLES)),
    help="csv, jsonl, parquet: the table to write (events: one row per event; entities: the canonical ones).",
)
@click.option(
    "--out",
    "out",
    type=click.Path(),
    help="A file (default stdout; parquet: required); giveme5w1h: a folder (required).",
)
@click.option("--doc", help="geojson: only this document (id, id prefix, record id or file name).")
@click.option(
    "--entity", help="semeval-timeline (required), timeline formats: the entity (name or alias) whose timeline."
)
@click.option(
    "--corpus",
    type=click.Path(exists=True),
    help="semeval-timeline: name mentions by the tokens of this CAT corpus (ingested as `eval timeline` does).",
)
@db_option
def export(fmt, table_name, out, doc, entity, corpus, db):
    """Export a table as CSV, JSON Lines or Parquet; places or events as GeoJSON; main events
    in Giveme5W1H's layout; mentions; or an entity's timeline."""
    store = open_store_or_fail(db)
    if fmt in ("csv", "jsonl", "parquet"):
        _table(store, fmt, table_name, out)
    elif fmt == "geojson" and table_name == "events":
        _events_geojson(store, out)
    elif fmt == "giveme5w1h":
        _giveme5w1h(store, out)
    elif fmt == "mentions":
        _mentions(store, out)
    elif fmt == "semeval-timeline":
        _semeval_timeline(store, entity, corpus, out)
    elif fmt in ("timeline-csv", "timeline-jsonl", "timelinejs", "ics"):
        _timeline(store, fmt, entity, out)
    else:
        _geojson(store, doc, out)


@contextlib.contextmanager
def _output(out: str | None) -> Iterator[TextIO]:
    """Standard output, or the file ``out``; a path that cannot be written is one coded line."""
    if not out:
        yield sys.stdout
        return
    if os.path.isdir(out):
        raise BadOutput(f"{out!r} (a folder: give a file name)")
    try:
        with open(out, "w", encoding="utf-8") as f:
            yield f
    except OSError as exc:  # cannot be created, or a write failed (disk full)
        raise BadOutput(f"{out!r} ({exc.strerror or exc})") from None


def _table(store, fmt: str, table_name: str | None, out: str | None) -> None:
    from ..export import tables

    if not table_name:
        raise click.UsageError(f"--format {fmt} writes one table: give --table {'|'.join(tables.TABLES)}")
    spec = tables.TABLES[table_name]
    with progress(f"exporting {table_name}") as bar:
        rows = _counted(tables.table_rows(store, table_name), tables.count(store, table_name), bar)
        if fmt == "parquet":
            n = _parquet(spec, rows, out)
        else:
            with _output(out) as f:
                n = tables.write_csv(spec, rows, f) if fmt == "csv" else tables.write_jsonl(rows, f)
    err_console.print(f"{n} {table_name} row(s)" + (f" -> {escape(out)}" if out else ""))


def _counted(rows, total: int, bar):
    for k, r in enumerate(rows, 1):
        if k % 200 == 0 or k == total:
            bar(k, max(total, k))
        yield r


def _parquet(spec, rows, out: str | None) -> int:
    from ..export.tables import write_parquet

    if not out:
        raise click.UsageError("--format parquet writes a binary file: give --out FILE.parquet")
    if os.path.isdir(out):
        raise BadOutput(f"{out!r} (a folder: give a file name)")
    try:
        return write_parquet(spec, rows, out)
    except OSError as exc:
        raise BadOutput(f"{out!r} ({exc.strerror or exc})") from None


def _events_geojson(store, out: str | None) -> None:
    from ..export.tables import events_geojson, table_rows

    fc = events_geojson(table_rows(store, "events"))
    with _output(out) as f:
        f.write(serialize.dumps(fc, indent=2) + "\n")
    if out:
        err_console.print(f"{len(fc['features'])} located event(s) -> {escape(out)}")


def _giveme5w1h(store, out: str | None) -> None:
    from ..export.giveme5w1h import export_giveme5w1h

    if not out:
        raise click.UsageError("--format giveme5w1h writes one file per document: give --out FOLDER")
    if os.path.exists(out) and not os.path.isdir(out):
        raise BadOutput(f"{out!r} (a file: giveme5w1h writes one file per document into a folder)")
    try:
        written = export_giveme5w1h(store, out)
    except OSError as exc:
        raise BadOutput(f"{exc.filename or out!r} ({exc.strerror or exc})") from None
    for w in written:
        if w.note:
            err_console.print(f"{escape(str(w.path))}: {w.note} (document {w.doc_id})")
    err_console.print(f"wrote {len(written)} file(s) to {escape(out)}")


def _geojson(store, doc: str | None, out: str | None) -> None:
    from ..export.geojson import feature_collection

    fc = feature_collection(store.load_analysis(d) for d in doc_ids_or_fail(store, doc))
    with _output(out) as f:
        f.write(json.dumps(fc, ensure_ascii=False, indent=2) + "\n")
    if out:
        err_console.print(f"{len(fc['features'])} features -> {out}")


def _mentions(store, out: str | None) -> None:
    from ..export.mentions import write_mentions

    with _output(out) as f:
        n = write_mentions(store, f)
    err_console.print(f"{n} mention(s)" + (f" -> {out}" if out else ""))


def _locator(store, corpus: str | None):
    from ..export.semeval_timeline import stored_locator

    if not corpus:
        return stored_locator(store)
    from ..eval.cat import read_cat_dir, stored_ids
    from ..eval.timeline_run import cat_locator

    docs = read_cat_dir(corpus)
    ids = stored_ids(store, docs)
    err_console.print(f"{len(ids)} of {len(docs)} corpus document(s) found in the store")
    return cat_locator({ids[d.doc_id]: d for d in docs if d.doc_id in ids})


def _semeval_timeline(store, entity: str | None, corpus: str | None, out: str | None) -> None:
    from ..export.semeval_timeline import entity_timeline, semeval_lines

    if not entity:
        raise click.UsageError("--format semeval-timeline writes one entity's timeline: give --entity NAME")
    locate = _locator(store, corpus)
    tl = entity_timeline(store, entity)
    if tl.entity_id is None:
        err_console.print(f"no entity answers to {entity!r}: the timeline is empty")
    lines = semeval_lines(tl, locate)
    with _output(out) as f:
        f.write("\n".join(lines) + "\n")
    err_console.print(f"{len(lines) - 1} line(s) for {tl.entity_name or entity}" + (f" -> {out}" if out else ""))


def _timeline(store, fmt: str, entity: str | None, out: str | None) -> None:
    from ..export import timeline as tl
    from ..query.timeline import timeline

    got = timeline(store, entity=entity)
    events = got["events"]
    title = f"Timeline of {got['entity']['name']}" if got["entity"] else "Timeline"
    with _output(out) as f:
        if fmt == "timeline-csv":
            n = tl.write_csv(events, f)
        elif fmt == "timeline-jsonl":
            n = tl.write_jsonl(events, f)
        elif fmt == "timelinejs":
            n = tl.write_timelinejs(events, f, title)
        else:
            n = tl.write_ics(events, f)
    err_console.print(f"{n} event(s)" + (f" -> {out}" if out else ""))


commands = [export]
