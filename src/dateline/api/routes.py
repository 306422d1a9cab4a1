"""The JSON API under ``/api/v1/``: one route per CLI read command, each returning
``serialize.to_json`` of what the adapter (``api.queries``) returns. Lists are paged with
``offset``/``limit``; where the list sits in the whole is in the headers (``X-Total-Count``,
``Link: <...>; rel="next"``), so the body is exactly what the CLI's ``--json`` prints."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request

from . import queries
from .deps import Context, context
from .errors import JSONResponse
from .records import Page
from .settings import limits

L = limits()
router = APIRouter(prefix="/api/v1", default_response_class=JSONResponse)

DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
DOC_ID = r"^[\w.\-]{1,128}$"
STATUS = r"^(occurred|ongoing|planned|possible|negated)$"
LABEL = r"^[A-Za-z_]{1,32}$"

Ctx = Annotated[Context, Depends(context)]
Offset = Annotated[int, Query(ge=0, le=10**6, description="Skip this many items.")]
Limit = Annotated[int, Query(ge=1, le=L.max_page_size, description="At most this many items.")]
Text = Annotated[str, Query(min_length=1, max_length=L.max_text_chars)]
OptText = Annotated[str | None, Query(min_length=1, max_length=L.max_text_chars)]
From = Annotated[str | None, Query(alias="from", pattern=DATE, description="YYYY, YYYY-MM or YYYY-MM-DD.")]
To = Annotated[str | None, Query(alias="to", pattern=DATE, description="YYYY, YYYY-MM or YYYY-MM-DD.")]
DocId = Annotated[str, Path(pattern=DOC_ID, description="A document id (or its prefix, record id, file name).")]
EntityId = Annotated[
    str, Path(pattern=queries.ENTITY_ID_PATTERN, description="TYPE-name-words, e.g. PERSON-vladimir-putin.")
]


def paged_response(request: Request, content, page: Page) -> JSONResponse:
    headers = {"X-Total-Count": str(page.total), "X-Offset": str(page.offset), "X-Limit": str(page.limit)}
    if page.offset + page.limit < page.total:
        nxt = request.url.include_query_params(offset=page.offset + page.limit)
        headers["Link"] = f'<{nxt.path}?{nxt.query}>; rel="next"'
    return JSONResponse(content, headers=headers)


@router.get("/documents", summary="Documents (`dateline docs`)")
async def list_documents(
    request: Request,
    ctx: Ctx,
    date_from: From = None,
    date_to: To = None,
    source: OptText = None,
    text: OptText = None,
    offset: Offset = 0,
    limit: Limit = L.default_page_size,
):
    rows, page = await ctx.run(
        queries.documents, date_from=date_from, date_to=date_to, source=source, text=text, offset=offset, limit=limit
    )
    return paged_response(request, rows, page)


@router.get("/documents/{doc_id}", summary="One document with its analysis (`show`, `times`, `places`, ...)")
async def get_document(ctx: Ctx, doc_id: DocId):
    return JSONResponse(await ctx.run(queries.document, doc_id))


@router.get("/entities", summary="Entities (`dateline entities`), searched by name or alias")
async def list_entities(
    request: Request,
    ctx: Ctx,
    q: OptText = None,
    type: Annotated[str | None, Query(pattern=LABEL)] = None,
    doc: Annotated[str | None, Query(pattern=DOC_ID)] = None,
    offset: Offset = 0,
    limit: Limit = L.default_page_size,
):
    rows, page = await ctx.run(queries.entities, q=q, label=type, doc=doc, offset=offset, limit=limit)
    return paged_response(request, rows, page)


@router.get("/entities/{entity_id}", summary="One entity across documents (`dateline entity`)")
async def get_entity(ctx: Ctx, entity_id: EntityId):
    return JSONResponse(await ctx.run(queries.entity, entity_id))


@router.get("/timeline", summary="Events by when they happened (`dateline timeline`)")
async def get_timeline(
    request: Request,
    ctx: Ctx,
    entity: OptText = None,
    date_from: From = None,
    date_to: To = None,
    status: Annotated[str | None, Query(pattern=STATUS)] = None,
    type: Annotated[str | None, Query(pattern=LABEL)] = None,
    all: Annotated[bool, Query(description="Also events with no named participant (--all).")] = False,
    offset: Offset = 0,
    limit: Limit = L.default_page_size,
):
    out, page = await ctx.run(
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
    return paged_response(request, out, page)


@router.get("/search", summary="Full-text search over sentences (`dateline search`)")
async def get_search(
    request: Request,
    ctx: Ctx,
    q: Text,
    any: Annotated[bool, Query(description="Sentences with any of the words, not all (--any).")] = False,
    offset: Offset = 0,
    limit: Annotated[int, Query(ge=1, le=L.max_page_size)] = 20,
):
    rows, page = await ctx.run(queries.search, q, any_word=any, offset=offset, limit=limit)
    return paged_response(request, rows, page)


@router.get("/ask", summary="Answer a question with citations (`dateline ask [--careful]`)")
async def get_ask(ctx: Ctx, q: Text, careful: bool = False):
    return JSONResponse(await ctx.run(queries.ask, q, careful))


@router.get("/checks", summary="Checks of the numbers reports state (`dateline check [DOC]`)")
async def get_checks(ctx: Ctx, doc: Annotated[str | None, Query(pattern=DOC_ID)] = None):
    return JSONResponse(await ctx.run(queries.checks, doc))


@router.get("/places.geojson", summary="Places as GeoJSON (`dateline export --format geojson`)")
async def get_places(
    request: Request,
    ctx: Ctx,
    date_from: From = None,
    date_to: To = None,
    entity: OptText = None,
    offset: Offset = 0,
    limit: Annotated[int, Query(ge=1, le=L.max_geojson_documents, description="Documents per page.")] = (
        L.default_geojson_documents
    ),
):
    fc, page = await ctx.run(
        queries.places_geojson, date_from=date_from, date_to=date_to, entity=entity, offset=offset, limit=limit
    )
    return paged_response(request, fc, page)


@router.get("/events.geojson", summary="Timeline events with a located place, as GeoJSON")
async def get_events(ctx: Ctx, date_from: From = None, date_to: To = None, entity: OptText = None):
    return JSONResponse(await ctx.run(queries.events_geojson, date_from=date_from, date_to=date_to, entity=entity))


@router.get("/stats", summary="What the store holds (`dateline stats`)")
async def get_stats(ctx: Ctx):
    return JSONResponse(await ctx.run(queries.stats))
