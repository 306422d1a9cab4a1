"""An ASGI test client over the shared demo store (real ingest, real model)."""

from __future__ import annotations

import pytest

from .stores import build_demo_store


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> str:
    return build_demo_store(tmp_path_factory.getbasetemp())


@pytest.fixture(scope="session")
def client(demo_db):
    from fastapi.testclient import TestClient

    from dateline.api.app import create_app
    from dateline.api.settings import Settings

    with TestClient(create_app(Settings(db=demo_db)), raise_server_exceptions=False) as c:
        yield c
