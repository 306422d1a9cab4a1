"""``dateline serve``: the HTTP API and the web pages (FastAPI under uvicorn)."""

from __future__ import annotations

import os

import click

from .common import db_option, err_console, open_store_or_fail

LOOPBACK = ("127.0.0.1", "localhost", "::1")


@click.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind (loopback unless told).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True, help="Server processes.")
@click.option(
    "--allow-ingest",
    is_flag=True,
    help="Accept POST /api/v1/documents with 'Authorization: Bearer $DATELINE_TOKEN' (off: read-only).",
)
def serve(db, host, port, workers, allow_ingest):
    """Serve the store over HTTP: JSON under /api/v1/, pages at /, API docs at /docs.

    Read-only unless --allow-ingest (which needs DATELINE_TOKEN set). Binds 127.0.0.1
    by default: other machines cannot reach it unless you pass --host.
    """
    import uvicorn

    store = open_store_or_fail(db)
    url, n = store.url, store.query("SELECT COUNT(*) AS n FROM documents")[0]["n"]
    store.close()
    token = os.environ.get("DATELINE_TOKEN") or ""
    if allow_ingest and not token:
        raise click.UsageError("--allow-ingest needs a token: set DATELINE_TOKEN to a long random secret")
    if host not in LOOPBACK:
        err_console.print(f"[yellow]warning[/yellow] binding {host}: the server is reachable from other machines")
    # worker processes build the app from the environment (uvicorn --factory)
    os.environ["DATELINE_DB"] = db
    os.environ["DATELINE_SERVE_ALLOW_INGEST"] = "1" if allow_ingest else "0"
    shown = f"[{host}]" if ":" in host else host
    mode = "ingest on (bearer token)" if allow_ingest else "read-only"
    err_console.print(f"Dateline: {n} documents from {url}, {mode}; open http://{shown}:{port}/")
    uvicorn.run(
        "dateline.api.app:app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="info",
        server_header=False,
    )


commands = [serve]
