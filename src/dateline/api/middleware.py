"""The guard around the whole application (plain ASGI, outermost, so that it covers
error responses too): security headers on every response, limits on the query string
and the request body, and a last catch so that no exception reaches the server's
client connection as anything but a coded error."""

from __future__ import annotations

import logging

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import errors as E
from .errors import body_of, status_of
from .settings import Limits

log = logging.getLogger("dateline.api")

# No inline script or style anywhere: every script and style sheet is a vendored or
# package file under /static; data comes from the same origin only.
CSP = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
SECURITY_HEADERS = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
)


async def send_error(send: Send, exc: E.DatelineError) -> None:
    from .. import serialize

    body = serialize.dumps(body_of(exc)).encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": status_of(exc),
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


class Guard:
    def __init__(self, app: ASGIApp, limits: Limits):
        self.app = app
        self.limits = limits

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_secured(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                names = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in SECURITY_HEADERS if k not in names]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        refused = self._refusal(scope)
        if refused is not None:
            await send_error(send_secured, refused)
            return
        try:
            await self.app(scope, self._counting(receive), send_secured)
        except Exception as exc:  # the handlers logged it (E808); never let it reach the client raw
            if not started:
                log.error("E808 outside the handlers: %s", scope.get("path"), exc_info=exc)
                await send_error(send_secured, E.InternalError("see the server log"))

    def _refusal(self, scope: Scope) -> E.DatelineError | None:
        if len(scope.get("query_string", b"")) > self.limits.max_query_chars:
            return E.QueryTooLong(str(self.limits.max_query_chars))
        if len(scope.get("path", "")) > self.limits.max_query_chars:
            return E.QueryTooLong(str(self.limits.max_query_chars))
        for k, v in scope.get("headers", []):
            if k == b"content-length":
                try:
                    n = int(v)
                except ValueError:
                    return E.BadRequest("Content-Length is not a number")
                if n > self.limits.max_body_bytes:
                    return E.BodyTooLarge(str(self.limits.max_body_bytes))
        return None

    def _counting(self, receive: Receive) -> Receive:
        """Bodies sent without a length (chunked) are counted as they arrive."""
        seen = 0
        limit = self.limits.max_body_bytes

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise E.BodyTooLarge(str(limit))
            return message

        return counted
