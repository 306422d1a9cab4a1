"""What every route needs: the open store, the settings, and one way to run a query
off the event loop with the per-request timeout."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import anyio
from fastapi import Request

from ..errors import RequestTimeout
from ..store import Store
from .settings import Settings, limits

T = TypeVar("T")


@dataclass(frozen=True)
class Context:
    store: Store
    settings: Settings

    async def run(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """``fn(store, *args, **kwargs)`` in a worker thread; E807 when it outlasts the timeout.

        A query that times out is abandoned (its thread finishes on its own); the
        client gets its answer at once."""
        timeout = limits().request_timeout_seconds
        call = functools.partial(fn, self.store, *args, **kwargs)
        try:
            with anyio.fail_after(timeout):
                return await anyio.to_thread.run_sync(call, abandon_on_cancel=True)
        except TimeoutError:
            raise RequestTimeout(f"{timeout:g}") from None


def context(request: Request) -> Context:
    return request.app.state.context
