"""``dateline export``: the store in other tools' formats."""

from __future__ import annotations

import json
import sys

import click

from .common import db_option, doc_ids_or_fail, err_console, open_store_or_fail


@click.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["geojson", "giveme5w1h"]),
    required=True,
    help="geojson: places as a FeatureCollection; giveme5w1h: main events, one JSON file per document.",
)
@click.option(
    "--out", "out", type=click.Path(), help="geojson: a file (default stdout); giveme5w1h: a folder (required)."
)
@click.option("--doc", help="geojson: only this document (id, id prefix, record id or file name).")
@db_option
def export(fmt, out, doc, db):
    """Export places as GeoJSON (citing sentences as properties) or main events in Giveme5W1H's layout."""
    store = open_store_or_fail(db)
    if fmt == "giveme5w1h":
        from ..export.giveme5w1h import export_giveme5w1h

        if not out:
            raise click.UsageError("--format giveme5w1h writes one file per document: give --out FOLDER")
        n = export_giveme5w1h(store, out)
        err_console.print(f"wrote {n} file(s) to {out}")
        return
    from ..export.geojson import feature_collection

    fc = feature_collection(store.load_analysis(d) for d in doc_ids_or_fail(store, doc))
    text = json.dumps(fc, ensure_ascii=False, indent=2) + "\n"
    if out:
        with open(out, "w", encoding="utf-8") as f:
            f.write(text)
        err_console.print(f"{len(fc['features'])} features -> {out}")
    else:
        sys.stdout.write(text)


commands = [export]
