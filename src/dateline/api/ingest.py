"""``POST /api/v1/documents``: ingest over HTTP, off unless the server was started with
``--allow-ingest`` and a token in ``DATELINE_TOKEN``. The body is one article file, read
by the same readers and stored by the same batch ingest as ``dateline ingest``, with the
same error lines."""

from __future__ import annotations

import hmac
import tempfile
from datetime import date
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Query, Request

from ..batch import ingest as ingest_batch
from ..errors import BadDate, BadRequest, IngestDisabled, TokenInvalid, TokenMissing
from ..ingest import parse_date
from ..store import Store
from .deps import Context, context
from .errors import JSONResponse
from .queries import NLP_LOCK
from .records import IngestFailure, IngestResult
from .settings import Settings

router = APIRouter(prefix="/api/v1", default_response_class=JSONResponse)

# A file name as a user would give it: the reader picks the format by its suffix.
FILENAME = r"^[\w\- ]{1,100}(\.[A-Za-z0-9]{1,10})?$"


def authorize(settings: Settings, authorization: str | None) -> None:
    """Refuse unless ingest is on and the bearer token matches (constant-time compare)."""
    if not settings.allow_ingest or not settings.token:
        raise IngestDisabled()
    if not authorization or not authorization.startswith("Bearer "):
        raise TokenMissing()
    given = authorization[len("Bearer ") :].strip().encode("utf-8")
    if not hmac.compare_digest(given, settings.token.encode("utf-8")):
        raise TokenInvalid()


def ingest_bytes(store: Store, data: bytes, filename: str, default_date: date | None, force: bool) -> IngestResult:
    """Write the upload to a private temporary folder under its name and ingest that path."""
    with tempfile.TemporaryDirectory(prefix="dateline-upload-") as tmp:
        path = Path(tmp) / filename
        path.write_bytes(data)
        with NLP_LOCK:
            report = ingest_batch(store, [str(path)], default_date=default_date, force=force)
    return IngestResult(
        added=tuple(report.added),
        reanalysed=tuple(report.reanalysed),
        unchanged=tuple(report.unchanged),
        failed=tuple(IngestFailure(e.source or filename, e.code, e.line()) for e in report.failed),
        warnings=tuple(report.warnings),
        seconds=round(report.seconds, 3),
        docs_per_second=round(report.docs_per_second(), 2),
    )


@router.post(
    "/documents",
    summary="Ingest one article file (only with --allow-ingest and a bearer token)",
    responses={401: {"description": "E805"}, 403: {"description": "E804, E806"}, 413: {"description": "E802"}},
)
async def post_document(
    request: Request,
    ctx: Annotated[Context, Depends(context)],
    filename: Annotated[str, Query(pattern=FILENAME, description="Its name; the suffix picks the reader.")] = (
        "upload.txt"
    ),
    date_: Annotated[str | None, Query(alias="date", pattern=r"^\d{4}-\d{2}-\d{2}$")] = None,
    force: bool = False,
    authorization: Annotated[str | None, Header()] = None,
):
    authorize(ctx.settings, authorization)
    try:
        default_date = parse_date(date_) if date_ else None
    except BadDate as exc:
        raise BadRequest(exc.message) from None
    data = await request.body()
    result = await ctx.run(ingest_bytes, data, filename, default_date, force)
    return JSONResponse(result, status_code=422 if result.failed else 200)
