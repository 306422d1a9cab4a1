"""The pages in a real browser, on the demo store served by a real uvicorn: they load
clean (no console error, nothing from outside 127.0.0.1), questions show their
citations, the timeline runs 2007 to 2024 in order, the map has markers, entity links
lead to entity pages, and the hostile article runs no code."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest

from tests.api.stores import xss_doc_id

SEED = "85483fa9"
PAGES = {
    "home": "/",
    "article": f"/documents/{SEED}",
    "entity": "/entities/vladimir-putin",
    "timeline": "/timeline",
    "map": "/map",
    "ask": "/ask?q=" + quote("Where are Kim and Putin meeting?"),
    "checks": "/checks",
    "search": "/search?q=train",
    "docs": "/docs",
}


def visit(w, path: str, shots=None, name: str | None = None):
    w.page.goto(w.base + path, wait_until="networkidle")
    if shots is not None and name:
        w.page.screenshot(path=str(shots / f"{name}.png"), full_page=False)
    return w.page


@pytest.mark.parametrize("name", list(PAGES))
def test_page_loads_clean(watched, shots, name):
    page = visit(watched, PAGES[name], shots, name)
    assert page.title().endswith("Dateline")
    assert page.locator("a.json-twin").count() == 1, "every page links its JSON twin"
    twin = page.locator("a.json-twin").get_attribute("href")
    assert twin.startswith("/api/v1/") or twin == "/openapi.json"
    assert watched.errors == [], watched.errors
    assert watched.outside == [], watched.outside


def test_asking_shows_vostochny_with_its_citation(watched, shots):
    page = visit(watched, "/")
    page.fill("#home-ask", "Where are Kim and Putin meeting?")
    page.click("form.box button[type=submit] >> nth=0")
    page.wait_for_load_state("networkidle")
    assert "Vostochny" in page.locator(".answer-text").inner_text()
    cite = page.locator("blockquote.cite").first
    assert "Vostochny" in cite.inner_text()
    page.screenshot(path=str(shots / "answer.png"))
    cite.locator("a").click()
    page.wait_for_load_state("networkidle")
    anchor = re.search(r"#s(\d+)$", page.url)
    assert anchor and f"/documents/{SEED}" in page.url
    assert "Vostochny" in page.locator(f"#s{anchor.group(1)}").inner_text()
    assert watched.errors == [] and watched.outside == []


def test_timeline_runs_from_2007_to_2024_in_order(watched, shots):
    page = visit(watched, "/timeline")
    page.wait_for_selector("#tl-viz[data-ready='1']")
    dates = page.locator("ol.timeline-list time").evaluate_all("els => els.map(e => e.getAttribute('datetime'))")
    assert dates == sorted(dates) and dates[0].startswith("2007") and dates[-1].startswith("2024")
    ticks = page.locator(".tl-tick").all_inner_texts()
    assert ticks == sorted(ticks) and int(ticks[0]) <= 2008 and int(ticks[-1]) >= 2024
    shown = int(page.locator("#tl-viz").get_attribute("data-shown"))
    assert shown == len(dates)
    page.screenshot(path=str(shots / "timeline-years.png"))
    page.locator(".tl-tick", has_text="2016").click()  # zoom to a year: months
    assert "scale: months" in page.locator(".tl-scale").inner_text() or "days" in page.locator(".tl-scale").inner_text()
    assert int(page.locator("#tl-viz").get_attribute("data-shown")) < shown
    page.locator(".tl-ev").first.click()
    detail = page.locator(".tl-detail")
    assert detail.is_visible() and detail.locator("a[href^='/documents/']").count() >= 1
    page.screenshot(path=str(shots / "timeline-zoomed.png"))
    assert watched.errors == []


def test_map_shows_markers_with_citations(watched, shots):
    page = visit(watched, "/map")
    page.wait_for_selector("#map[data-markers]")
    assert int(page.locator("#map").get_attribute("data-markers")) > 5
    everything = page.locator("path.dl-marker").count()
    assert everything > 5 and page.locator("path.dl-event").count() >= 1
    page.locator("path.dl-event").first.click(force=True)
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert popup.locator("a[href^='/documents/']").count() >= 1
    page.screenshot(path=str(shots / "map-popup.png"))
    page = visit(watched, "/map?entity=Kim+Jong+Un&from=2019&to=2019")
    page.wait_for_selector("#map[data-markers]")
    assert 0 < int(page.locator("#map").get_attribute("data-markers")) < everything
    assert watched.errors == []


def test_an_entity_link_leads_to_the_entity_page(watched):
    page = visit(watched, f"/documents/{SEED}")
    link = page.locator("a.mark.ent.lbl-PERSON", has_text="Vladimir Putin").first
    link.hover()
    assert page.locator(".mark.hl").count() >= 2  # its other mentions light up
    link.click()
    page.wait_for_load_state("networkidle")
    assert "/entities/vladimir-putin" in page.url
    assert page.locator("h1.entity-name").inner_text().startswith("Vladimir Putin")
    page.locator("ul.related a").first.click()
    page.wait_for_load_state("networkidle")
    assert "/entities/" in page.url and page.locator("h1.entity-name").count() == 1
    assert watched.errors == []


def test_the_xss_article_fires_no_dialog(watched, demo_db, shots):
    doc_id = xss_doc_id(demo_db)
    for path in (f"/documents/{doc_id}", "/search?q=alert", "/ask?q=" + quote("<script>alert(1)</script>")):
        page = visit(watched, path)
        page.wait_for_timeout(300)
    page = visit(watched, f"/documents/{doc_id}", shots, "xss")
    text = page.locator("article.doc").inner_text()
    assert "<script>alert(document.cookie)</script>" in text and "onerror=alert(2)" in text
    assert page.locator("article.doc img, article.doc script").count() == 0
    assert page.locator("a[href^='javascript:']").count() == 0
    assert watched.dialogs == []
