"""The application ``dateline serve`` runs: the JSON API, the web pages, the vendored
static files and the interactive API docs, behind the guard (headers, limits, errors)."""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp

from .. import __name__ as _package
from ..store import open_store
from . import errors, ingest, queries, routes
from .deps import Context
from .middleware import Guard
from .settings import Settings, limits

STATIC = Path(__file__).resolve().parents[1] / "web" / "static"

DESCRIPTION = (
    "Dated news in, a verified time-aware record of events out. Every endpoint returns the same JSON as "
    'the matching `dateline ... --json` command. Errors: `{"error": {"code": "E…", "message": "…"}}`.'
)


@contextlib.asynccontextmanager
async def lifespan(app: FastAPI):
    """Warm the corpus-wide results in the background: the server answers meanwhile."""
    store = app.state.context.store
    threading.Thread(target=_warm, args=(store,), name="dateline-warm", daemon=True).start()
    yield


def _warm(store) -> None:
    try:
        queries.warm(store)
    except Exception:  # a broken store shows up in the requests' coded errors, not here
        logging.getLogger("dateline.api").exception("warm-up failed")


def build(settings: Settings) -> FastAPI:
    """The FastAPI application itself (no guard): routes, pages, static files, error handlers."""
    from ..web import pages

    app = FastAPI(
        lifespan=lifespan,
        title="Dateline",
        version=_version(),
        description=DESCRIPTION,
        docs_url=None,  # FastAPI's own page loads Swagger UI from a CDN: /docs is ours, vendored
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.context = Context(open_store(settings.db), settings)
    app.include_router(routes.router)
    app.include_router(ingest.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    errors.install(app, html=pages.error_page)
    return app


def create_app(settings: Settings) -> ASGIApp:
    """The application as served: the FastAPI app inside the guard."""
    return Guard(build(settings), limits())


def app_from_env() -> ASGIApp:
    """For ``uvicorn --factory`` worker processes: settings from the environment
    ``dateline serve`` set (DATELINE_DB, DATELINE_SERVE_ALLOW_INGEST, DATELINE_TOKEN)."""
    return create_app(
        Settings(
            db=os.environ.get("DATELINE_DB", "dateline.db"),
            allow_ingest=os.environ.get("DATELINE_SERVE_ALLOW_INGEST") == "1",
            token=os.environ.get("DATELINE_TOKEN") or None,
        )
    )


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(_package)
    except PackageNotFoundError:
        return "0"
