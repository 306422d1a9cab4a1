"""Every failure a client sees: ``{"error": {"code": "E…", "message": "…what to do…"}}``
with the HTTP status its kind deserves. A ``DatelineError`` keeps its own code; anything
unexpected is logged here with its traceback and reaches the client only as E808 and a
reference to find it in the log. Pages get the same code and message as an HTML page."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from .. import errors as E
from .. import serialize

log = logging.getLogger("dateline.api")

# Most specific first: the first class an error is an instance of gives its status.
STATUS: tuple[tuple[type[E.DatelineError], int], ...] = (
    (E.NotFound, 404),
    (E.NoSuchRoute, 404),
    (E.BadRequest, 422),
    (E.BodyTooLarge, 413),
    (E.QueryTooLong, 414),
    (E.TokenMissing, 401),
    (E.TokenInvalid, 403),
    (E.IngestDisabled, 403),
    (E.MethodNotAllowed, 405),
    (E.RequestTimeout, 503),
    (E.InputError, 400),
    (E.UsageError, 400),  # a search query that cannot be read (E706), a reference too long (E702)
    (E.StoreError, 503),
    (E.ModelNotFound, 503),
    (E.GazetteerMissing, 503),
)


@dataclass(frozen=True, slots=True)
class ErrorDetail:
    code: str
    message: str


@dataclass(frozen=True, slots=True)
class ErrorBody:
    error: ErrorDetail


class JSONResponse(Response):
    """JSON through ``dateline.serialize``, the one conversion every ``--json`` uses."""

    media_type = "application/json"

    def render(self, content) -> bytes:
        return serialize.dumps(content).encode("utf-8")


def status_of(exc: E.DatelineError) -> int:
    return next((s for cls, s in STATUS if isinstance(exc, cls)), 500)


def body_of(exc: E.DatelineError) -> ErrorBody:
    text = exc.message.split("] ", 1)[-1]  # the code travels in its own field
    return ErrorBody(ErrorDetail(exc.code, text))


def wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api/") or path.startswith("/openapi") or path.startswith("/static/")


HtmlRenderer = Callable[[Request, E.DatelineError, int], Response]


def public(exc: E.DatelineError) -> E.DatelineError:
    """Store errors carry the database URL and driver message: those go to the log, and the
    client gets the same code with a reference to find them there."""
    if not isinstance(exc, E.StoreError):
        return exc
    ref = secrets.token_hex(6)
    log.error("%s reference %s: %s", exc.code, ref, exc.message)
    return type(exc)(f"reference {ref}, details in the server log")


def error_response(request: Request, exc: E.DatelineError, html: HtmlRenderer | None = None) -> Response:
    exc = public(exc)
    status = status_of(exc)
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    if html is not None and not wants_json(request):
        return html(request, exc, status)
    return JSONResponse(body_of(exc), status_code=status, headers=headers)


def _validation_detail(exc: RequestValidationError) -> str:
    """'limit: Input should be less than or equal to 1000' (the value sent is not echoed)."""
    parts = []
    for err in exc.errors()[:3]:
        loc = ".".join(str(x) for x in err.get("loc", ()) if x not in ("query", "path", "header", "body"))
        parts.append(f"{loc or 'request'}: {err.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid parameters"


def install(app: FastAPI, html: HtmlRenderer | None = None) -> None:
    """Register the handlers that turn every failure into a coded error."""

    async def on_dateline(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, E.DatelineError)
        return error_response(request, exc, html)

    async def on_validation(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        return error_response(request, E.BadRequest(_validation_detail(exc)), html)

    async def on_http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        if exc.status_code == 404:
            err: E.DatelineError = E.NoSuchRoute(repr(request.url.path[:200]))
        elif exc.status_code == 405:
            err = E.MethodNotAllowed(request.method)
        else:
            err = E.BadRequest(str(exc.detail)[:200])
        return error_response(request, err, html)

    async def on_unexpected(request: Request, exc: Exception) -> Response:
        ref = secrets.token_hex(6)
        log.error("E808 reference %s: %s %s", ref, request.method, request.url.path, exc_info=exc)
        return error_response(request, E.InternalError(ref), html)

    app.add_exception_handler(E.DatelineError, on_dateline)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(Exception, on_unexpected)
