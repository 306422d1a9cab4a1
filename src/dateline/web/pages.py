"""The web pages, rendered on the server from the same adapter call as their JSON twin
(the page at ``/x?...`` shows what ``/api/v1/x?...`` returns, and links it). Templates
autoescape everything; scripts under ``static/js`` only add interaction, reading the API."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, select_autoescape

from .. import errors as E
from ..api import queries
from ..api.deps import Context, context
from ..api.routes import DATE, DOC_ID, LABEL, STATUS, DocId, EntityId, From, Limit, Offset, OptText, To
from ..api.settings import limits
from . import render

L = limits()
router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)
Ctx = Annotated[Context, Depends(context)]

env = Environment(
    loader=PackageLoader("dateline.web", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
env.globals.update(
    entity_id=queries.entity_id,
    entity_key_id=queries.entity_key_id,
    cross_entity_id=queries.cross_entity_id,
    safe_href=render.safe_href,
    fmt=render._fmt,
)

VERDICT_CLASS = {"consistent": "ok", "inconsistent": "bad", "unverifiable": "unk"}
env.globals["verdict_class"] = lambda v: VERDICT_CLASS.get(v, "unk")


def page(request: Request, template: str, json_url: str | None, status: int = 200, **ctx) -> HTMLResponse:
    html = env.get_template(template).render(request=request, json_url=json_url, **ctx)
    return HTMLResponse(html, status_code=status)


def twin(request: Request, api_path: str) -> str:
    """The JSON address of the page: the same query under /api/v1/."""
    q = request.url.query
    return api_path + (f"?{q}" if q else "")


def error_page(request: Request, exc: E.DatelineError, status: int) -> HTMLResponse:
    """Errors on pages: the same code and message as the API's JSON error, as a page."""
    text = exc.message.split("] ", 1)[-1]
    return page(request, "error.html", None, status=status, code=exc.code, message=text)


@router.get("/")
async def home(request: Request, ctx: Ctx):
    stats = await ctx.run(queries.stats)
    recent = await ctx.run(queries.recent_documents, limits().recent_documents)
    return page(request, "home.html", "/api/v1/stats", stats=stats, recent=recent)


@router.get("/documents/{doc_id}")
async def document(request: Request, ctx: Ctx, doc_id: DocId):
    view = await ctx.run(queries.document, doc_id)
    real_id = view.document.doc_id
    return page(request, "document.html", f"/api/v1/documents/{real_id}", view=view, rows=render.rows(view))


@router.get("/entities/{entity_id}")
async def entity(request: Request, ctx: Ctx, entity_id: EntityId):
    info = await ctx.run(queries.entity, entity_id)
    return page(request, "entity.html", f"/api/v1/entities/{entity_id}", info=info, entity_param=info.entity.entity_id)


@router.get("/timeline")
async def timeline(
    request: Request,
    ctx: Ctx,
    entity: OptText = None,
    date_from: From = None,
    date_to: To = None,
    status: Annotated[str | None, Query(pattern=STATUS)] = None,
    type: Annotated[str | None, Query(pattern=LABEL)] = None,
    all: bool = False,
    offset: Offset = 0,
    limit: Limit = L.default_page_size,
):
    out, pg = await ctx.run(
        queries.timeline,
        entity=entity,
        date_from=date_from,
        date_to=date_to,
        status=status,
        type_=type,
        include_all=all,
        offset=offset,
        limit=limit,
    )
    form = {"entity": entity, "from": date_from, "to": date_to, "status": status, "type": type, "all": all}
    nxt = None
    if pg.offset + pg.limit < pg.total:
        u = request.url.include_query_params(offset=pg.offset + pg.limit)
        nxt = f"{u.path}?{u.query}"
    return page(request, "timeline.html", twin(request, "/api/v1/timeline"), out=out, page_=pg, form=form, next_url=nxt)


@router.get("/map")
async def map_page(
    request: Request,
    date_from: From = None,
    date_to: To = None,
    entity: OptText = None,
    lat: Annotated[float | None, Query(ge=-90, le=90)] = None,
    lon: Annotated[float | None, Query(ge=-180, le=180)] = None,
):
    filters = {k: v for k, v in (("from", date_from), ("to", date_to), ("entity", entity)) if v}
    query = urlencode(filters)
    places = "/api/v1/places.geojson" + (f"?{query}" if query else "")
    events = "/api/v1/events.geojson" + (f"?{query}" if query else "")
    form = {"entity": entity, "from": date_from, "to": date_to}
    return page(request, "map.html", places, places_url=places, events_url=events, form=form, focus=(lat, lon))


@router.get("/ask")
async def ask(request: Request, ctx: Ctx, q: OptText = None, careful: bool = False):
    answer = await ctx.run(queries.ask, q, careful) if q else None
    return page(request, "ask.html", twin(request, "/api/v1/ask") if q else None, q=q, careful=careful, answer=answer)


@router.get("/search")
async def search(request: Request, ctx: Ctx, q: OptText = None, any: bool = False):
    rows = (await ctx.run(queries.search, q, any_word=any, limit=50))[0] if q else []
    return page(request, "search.html", twin(request, "/api/v1/search") if q else None, q=q, rows=rows, any=any)


@router.get("/checks")
async def checks(request: Request, ctx: Ctx, doc: Annotated[str | None, Query(pattern=DOC_ID)] = None):
    report = await ctx.run(queries.checks, doc)
    return page(request, "checks.html", twin(request, "/api/v1/checks"), report=report, doc=doc)


@router.get("/docs")
async def api_docs(request: Request):
    return page(request, "docs.html", "/openapi.json")


__all__ = ["router", "error_page", "DATE"]
