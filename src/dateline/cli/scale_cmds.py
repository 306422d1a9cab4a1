"""Commands for stores that grow: reanalyse after an upgrade, copy between databases."""

from __future__ import annotations

import sys

import click
from rich.markup import escape

from .common import console, db_option, err_console, json_option, open_store_or_fail, print_json
from .core_cmds import _LazyProgress, print_report, ray_option


@click.command()
@db_option
@click.option("--stage", metavar="STAGE", help="Only documents whose analysis by this stage (entities, time, geo,"
              " quantity, events) is stale.")  # fmt: skip
@click.option("--all", "everything", is_flag=True, help="Every stored document, stale or not.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True, help="Analysis processes.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar, only the summary.")
@ray_option
@json_option
def reanalyse(db, stage, everything, workers, quiet, ray, as_json):
    """Analyse stored documents again after an upgrade.

    Each document records the version of every stage that analysed it; those
    analysed by an older version of a stage (or by any stage, without --stage) are
    analysed again from their stored text and replaced. Exit code 1 when any failed.
    """
    from ..reanalyse import reanalyse as run

    store = open_store_or_fail(db)
    progress = _LazyProgress(quiet or as_json)

    def on_error(exc):
        if not as_json:
            err_console.print(f"[red]error[/red] {escape(exc.line())}")

    try:
        report = run(store, stage=stage, everything=everything, workers=workers, ray=ray, on_progress=progress,
                     on_error=on_error)  # fmt: skip
    finally:
        progress.stop()
    print_report(store, report, as_json)


@click.command("copy")
@click.argument("src")
@click.argument("dst")
@json_option
def copy(src, dst, as_json):
    """Copy the store SRC into the new, empty store DST (SQLite file or URL, either way).

    The copy is verified: the same number of rows in every table and the same
    checksum over the records. Exit code 1 when they differ.
    """
    from ..store import open_store
    from ..store.copy import copy_store

    report = copy_store(open_store_or_fail(src), open_store(dst))
    if as_json:
        print_json(
            {
                "tables": {s.table: s.rows for s in report.source},
                "checksum": report.checksum,
                "verified": report.ok,
                "mismatched": [a.table for a, b in zip(report.source, report.copied, strict=True) if a != b],
            }
        )
    else:
        for a, b in zip(report.source, report.copied, strict=True):
            mark = "" if a == b else f"  [red]MISMATCH: {b.rows} rows, checksum {b.checksum[:12]}[/red]"
            console.print(f"{a.table:<22} {a.rows:>9} rows{mark}")
        verdict = "[green]verified[/green]" if report.ok else "[red]NOT verified[/red]"
        console.print(f"checksum {report.checksum[:16]} {verdict}: {escape(src)} -> {escape(dst)}")
    sys.exit(0 if report.ok else 1)


commands = [reanalyse, copy]
