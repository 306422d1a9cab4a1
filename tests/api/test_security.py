"""Safe by default: read-only, ingest only with the flag and the right token, article text
always escaped, a strict Content-Security-Policy, limits refused with coded errors, and
no stack trace ever in a response."""

from __future__ import annotations

import re
import sqlite3

import pytest
from fastapi.testclient import TestClient

from dateline.api.app import create_app
from dateline.api.settings import Settings, limits

from .stores import xss_doc_id

TOKEN = "s3cret-token-for-tests-only"
PAGES = ("/", "/timeline", "/map", "/checks", "/ask?q=Where+are+Kim+and+Putin+meeting%3F", "/docs", "/search?q=train")


def error_of(r, status: int, code: str) -> str:
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error"} and body["error"]["code"] == code
    assert "Traceback" not in r.text and 'File "' not in r.text
    return body["error"]["message"]


@pytest.fixture()
def writable_db(demo_db, tmp_path) -> str:
    db = tmp_path / "copy.db"
    src = sqlite3.connect(demo_db)
    dst = sqlite3.connect(db)
    src.backup(dst)  # a consistent copy of the WAL database
    src.close()
    dst.close()
    return str(db)


def test_read_only_without_the_flag(client):
    msg = error_of(client.post("/api/v1/documents", content=b" date 2024-01-01 Text."), 403, "E804")
    assert "--allow-ingest" in msg
    error_of(client.put("/api/v1/documents/85483fa9"), 405, "E810")
    error_of(client.delete("/api/v1/documents/85483fa9"), 405, "E810")


def test_ingest_needs_the_flag_and_the_right_token(writable_db):
    app = create_app(Settings(db=writable_db, allow_ingest=True, token=TOKEN))
    with TestClient(app, raise_server_exceptions=False) as c:
        text = b" date 2024-02-02 Vladimir Putin met Kim Jong Un in Pyongyang on Friday."
        r = c.post("/api/v1/documents?filename=new.txt", content=text)
        error_of(r, 401, "E805")
        assert r.headers["www-authenticate"] == "Bearer"
        error_of(c.post("/api/v1/documents", content=text, headers={"Authorization": "Bearer wrong"}), 403, "E806")
        ok = {"Authorization": f"Bearer {TOKEN}"}
        r = c.post("/api/v1/documents?filename=new.txt", content=text, headers=ok)
        assert r.status_code == 200, r.text
        (doc_id,) = r.json()["added"]
        assert c.get(f"/api/v1/documents/{doc_id}").json()["document"]["published"] == "2024-02-02"
        again = c.post("/api/v1/documents?filename=new.txt", content=text, headers=ok).json()
        assert again["added"] == [] and again["unchanged"] == [doc_id]
        bad = c.post("/api/v1/documents?filename=empty.txt", content=b"", headers=ok)
        assert bad.status_code == 422
        (failure,) = bad.json()["failed"]
        assert failure["code"] == "E101" and "[E101] file is empty" in failure["error"]


def test_ingest_flag_without_a_token_stays_off(writable_db):
    with TestClient(create_app(Settings(db=writable_db, allow_ingest=True, token=None))) as c:
        error_of(c.post("/api/v1/documents", content=b"x", headers={"Authorization": "Bearer "}), 403, "E804")


def test_the_xss_article_renders_as_text(client, demo_db):
    doc_id = xss_doc_id(demo_db)
    for url in (f"/documents/{doc_id}", "/search?q=alert", "/ask?q=%3Cscript%3Ealert(1)%3C/script%3E", "/"):
        r = client.get(url)
        assert r.status_code == 200, r.text
        html = r.text
        assert "<script>alert" not in html and "<img src=x" not in html
        assert not re.search(r"""href\s*=\s*["']?\s*javascript:""", html, re.I)
    html = client.get(f"/documents/{doc_id}").text
    assert "&lt;script&gt;alert(document.cookie)&lt;/script&gt;" in html
    assert "&#34;&gt;&lt;img src=x onerror=alert(2)&gt;" in html
    assert "javascript:alert(&#39;url&#39;)" in html  # shown, not linked


def test_security_headers_and_no_inline_script_or_style(client, demo_db):
    for url in (*PAGES, f"/documents/{xss_doc_id(demo_db)}", "/entities/vladimir-putin", "/api/v1/stats"):
        r = client.get(url)
        assert r.status_code == 200, url
        csp = r.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "script-src 'self'" in csp and "style-src 'self'" in csp
        assert "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["referrer-policy"] == "no-referrer"
        if r.headers["content-type"].startswith("text/html"):
            assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", r.text), url
            assert not re.search(r"<style|\sstyle\s*=", r.text), url
            assert not re.search(r"""(src|href)=["']?(https?:)?//""", r.text), url  # nothing from elsewhere
    assert client.get("/docs").status_code == 200 and "swagger-ui-bundle.js" in client.get("/docs").text


def test_errors_have_the_same_headers(client):
    r = client.get("/api/v1/documents/nothere")
    error_of(r, 404, "E501")
    assert "frame-ancestors 'none'" in r.headers["content-security-policy"]
    error_of(client.get("/api/v1/nowhere"), 404, "E809")
    page = client.get("/documents/nothere")
    assert page.status_code == 404 and "E501" in page.text and page.headers["content-type"].startswith("text/html")


def test_limits_are_coded_errors(client):
    lim = limits()
    big = b"x" * (lim.max_body_bytes + 1)
    msg = error_of(client.post("/api/v1/documents", content=big), 413, "E802")
    assert str(lim.max_body_bytes) in msg
    error_of(client.get("/api/v1/search", params={"q": "a" * (lim.max_query_chars + 10)}), 414, "E803")
    error_of(client.get("/api/v1/search", params={"q": "a" * (lim.max_text_chars + 1)}), 422, "E801")
    msg = error_of(client.get(f"/api/v1/documents?limit={lim.max_page_size + 1}"), 422, "E801")
    assert "limit" in msg
    error_of(client.get("/api/v1/timeline?from=2019-13-45x"), 422, "E801")
    error_of(client.get("/api/v1/entities/not%20an%20id"), 422, "E801")
    error_of(client.get("/api/v1/documents/..%2F..%2Fetc"), 404, "E809")
    msg = error_of(client.get("/api/v1/search", params={"q": '"top speed'}), 400, "E706")
    assert "phrase is not closed" in msg


def test_a_broken_store_is_a_coded_error_without_details(writable_db):
    with TestClient(create_app(Settings(db=writable_db)), raise_server_exceptions=False) as c:
        con = sqlite3.connect(writable_db)
        con.execute("DROP TABLE quantities")  # the store breaks under the running server
        con.commit()
        con.close()
        r = c.get("/api/v1/documents/85483fa9")
        msg = error_of(r, 503, "E305")  # the store's own code for a failed query
        assert "reference" in msg and "quantities" not in r.text and "sqlite" not in r.text.lower()
        assert writable_db not in r.text
        page = c.get("/documents/85483fa9")
        assert page.status_code == 503 and "E305" in page.text and "Traceback" not in page.text
        assert "quantities" not in page.text


def test_a_slow_request_times_out_with_e807(demo_db, monkeypatch):
    import asyncio
    import dataclasses
    import time

    from dateline.api import deps
    from dateline.errors import RequestTimeout
    from dateline.store import open_store

    monkeypatch.setattr(deps, "limits", lambda: dataclasses.replace(limits(), request_timeout_seconds=0.2))
    ctx = deps.Context(open_store(demo_db), Settings(db=demo_db))
    with pytest.raises(RequestTimeout) as err:
        asyncio.run(ctx.run(lambda store: time.sleep(2)))
    assert err.value.code == "E807"
