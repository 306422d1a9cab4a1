"""The store the API and browser tests share: the example articles and one hostile
article, ingested once per test session with the real pipeline."""

from __future__ import annotations

import functools
from pathlib import Path

from tests.conftest import EXAMPLES

XSS_ARTICLE = Path(__file__).parent / "data" / "xss_article.json"


@functools.cache
def build_demo_store(base: Path) -> str:
    """``examples/articles`` plus the XSS article in ``base/demo-store/demo.db`` (built once)."""
    from dateline.batch import ingest
    from dateline.store import open_store

    folder = base / "demo-store"
    folder.mkdir(exist_ok=True)
    db = folder / "demo.db"
    store = open_store(str(db))
    report = ingest(store, [str(EXAMPLES), str(XSS_ARTICLE)])
    assert report.ok, [e.line() for e in report.failed]
    assert len(report.added) >= len(list(EXAMPLES.iterdir())) + 1
    store.close()
    return str(db)


def xss_doc_id(db: str) -> str:
    from dateline.store import open_store

    return open_store(db).resolve_doc("xss_article")
