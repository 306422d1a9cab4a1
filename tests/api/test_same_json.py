"""Every CLI read command has an endpoint that returns the same JSON as its ``--json``,
on the demo store (the example articles, real ingest, real model)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from dateline.cli.main import cli

SEED = "000_fde20e5758e8fe00"
QUESTION = "Where are Kim and Putin meeting?"

# Commands that write, serve or score: every other command is a read command and needs an endpoint.
NOT_READS = {"ingest", "reanalyse", "copy", "demo", "serve", "gazetteer", "eval"}
COVERED = {
    "docs",
    "show",
    "entities",
    "search",
    "stats",
    "times",
    "places",
    "quantities",
    "events",
    "main-event",
    "check",
    "entity",
    "timeline",
    "ask",
    "export",
}


def run_cli(db: str, *args: str):
    r = CliRunner().invoke(cli, [*args, "--db", db])
    assert r.exit_code == 0, r.output
    return json.loads(r.output)


def get(client, url: str, status: int = 200):
    r = client.get(url)
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    return r.json()


@pytest.fixture(scope="module")
def seed_view(client):
    return get(client, f"/api/v1/documents/{SEED}")


def test_every_read_command_has_an_endpoint_compared_here():
    assert set(cli.commands) - NOT_READS == COVERED


def test_docs(client, demo_db):
    assert get(client, "/api/v1/documents") == run_cli(demo_db, "docs", "--json")


def test_show_times_places_quantities_events_main_event(client, demo_db, seed_view):
    assert seed_view["document"] == run_cli(demo_db, "show", SEED, "--json")
    times = run_cli(demo_db, "times", SEED, "--json")
    assert seed_view["times"] == times["times"] and seed_view["sentence_times"] == times["sentence_times"]
    places = run_cli(demo_db, "places", SEED, "--json")
    strip = lambda r: {k: v for k, v in r.items() if k not in ("doc_id", "relative")}  # noqa: E731
    assert seed_view["places"] == [strip(r) for r in places if not r.get("relative")]
    assert seed_view["relative_locations"] == [strip(r) for r in places if r.get("relative")]
    assert seed_view["quantities"] == run_cli(demo_db, "quantities", SEED, "--json")["quantities"]
    # `events --json` adds where each mention is and how it was dated (record_id, sentence text, ...)
    located = ("record_id", "sentence_index", "sentence_text", "granularity", "dated_by")
    listed = [
        {k: v for k, v in strip(r).items() if k not in located} for r in run_cli(demo_db, "events", SEED, "--json")
    ]
    assert seed_view["events"] == listed
    assert seed_view["main_event"] == run_cli(demo_db, "main-event", SEED, "--json")
    assert seed_view["places"] and seed_view["quantities"] and seed_view["events"]


def test_checks(client, demo_db, seed_view):
    one = run_cli(demo_db, "check", SEED, "--json")
    assert get(client, f"/api/v1/checks?doc={SEED}") == one
    assert seed_view["checks"] == one["checks"]
    assert {c["verdict"] for c in one["checks"]} >= {"consistent", "inconsistent"}
    assert get(client, "/api/v1/checks") == run_cli(demo_db, "check", "--json")


def test_entities(client, demo_db):
    assert get(client, "/api/v1/entities?limit=1000") == run_cli(demo_db, "entities", "--json")
    assert get(client, "/api/v1/entities?type=PERSON&limit=4") == run_cli(
        demo_db, "entities", "--type", "PERSON", "--limit", "4", "--json"
    )


def test_entity(client, demo_db):
    api = get(client, "/api/v1/entities/vladimir-putin")
    assert api == run_cli(demo_db, "entity", "Vladimir Putin", "--json")
    assert api["entity"]["name"] == "Vladimir Putin" and "Putin" in {a["text"] for a in api["aliases"]}


def test_timeline(client, demo_db):
    assert get(client, "/api/v1/timeline?limit=1000") == run_cli(demo_db, "timeline", "--json")
    api = get(client, "/api/v1/timeline?entity=Putin&from=2019&to=2023-09&limit=1000")
    assert api == run_cli(demo_db, "timeline", "--entity", "Putin", "--from", "2019", "--to", "2023-09", "--json")
    assert api["events"] and all(e["latest"] >= "2019-01-01" and e["earliest"] <= "2023-09-30" for e in api["events"])


def test_search_ask_stats(client, demo_db):
    assert get(client, "/api/v1/search?q=top+speed") == run_cli(demo_db, "search", "top", "speed", "--json")
    assert get(client, "/api/v1/search?q=Putin+Kim&any=true&limit=5") == run_cli(
        demo_db, "search", "Putin", "Kim", "--any", "--limit", "5", "--json"
    )
    api = get(client, "/api/v1/ask", status=422)  # no question: a coded error
    assert api["error"]["code"] == "E801"
    api = client.get("/api/v1/ask", params={"q": QUESTION}).json()
    assert api == run_cli(demo_db, "ask", QUESTION, "--json")
    assert "Vostochny" in api["answer"] and api["citations"]
    careful = client.get("/api/v1/ask", params={"q": QUESTION, "careful": "true"}).json()
    assert careful == run_cli(demo_db, "ask", QUESTION, "--careful", "--json")
    assert get(client, "/api/v1/stats") == run_cli(demo_db, "stats", "--json")


def test_places_geojson_is_the_export(client, demo_db):
    r = CliRunner().invoke(cli, ["export", "--format", "geojson", "--db", demo_db])
    assert r.exit_code == 0, r.output
    exported = json.loads(r.stdout)
    api = get(client, "/api/v1/places.geojson")
    assert api == exported and len(api["features"]) > 10


def test_events_geojson_are_located_timeline_events(client):
    fc = get(client, "/api/v1/events.geojson?entity=Putin")
    assert fc["type"] == "FeatureCollection" and fc["features"]
    for f in fc["features"]:
        lon, lat = f["geometry"]["coordinates"]
        assert (lat, lon) == (f["properties"]["place"]["lat"], f["properties"]["place"]["lon"])
    names = {f["properties"]["place"]["name"] for f in fc["features"]}
    assert "Vostochny Cosmodrome" in names


def test_lists_are_paged_in_headers(client):
    everything = get(client, "/api/v1/documents")
    r = client.get("/api/v1/documents?limit=3&offset=2")
    assert r.json() == everything[2:5]
    assert r.headers["x-total-count"] == str(len(everything))
    assert 'rel="next"' in r.headers["link"] and "offset=5" in r.headers["link"]


def test_filters(client):
    docs = get(client, "/api/v1/documents?from=2023&to=2023-09-12")
    assert docs and all("2023-01-01" <= d["published"] <= "2023-09-12" for d in docs)
    assert {d["doc_id"] for d in get(client, "/api/v1/documents?text=cosmodrome")} < {
        d["doc_id"] for d in get(client, "/api/v1/documents")
    }
    assert [d["format"] for d in get(client, "/api/v1/documents?source=.html")] == ["html", "html"]
    # (the demo's one plan shown, "proposed building the spaceport in 2007", is undated now)
    ongoing = get(client, "/api/v1/timeline?status=ongoing&limit=1000")["events"]
    assert ongoing and {e["status"] for e in ongoing} == {"ongoing"}
    meets = get(client, "/api/v1/timeline?type=meet&limit=1000")["events"]
    assert meets and {e["type"] for e in meets} == {"MEET"}
    found = get(client, "/api/v1/entities?q=PUTIN")
    assert [e["name"] for e in found][:1] == ["Vladimir Putin"]


def test_entity_ids_round_trip(client):
    from dateline.api.queries import entity_key_id

    assert entity_key_id("PERSON:Vladimir Putin") == "vladimir-putin"
    assert get(client, "/api/v1/entities/vostochny-cosmodrome")["entity"]["name"] == "Vostochny Cosmodrome"
    err = get(client, "/api/v1/entities/nobody-at-all", status=404)
    assert err["error"]["code"] == "E501"
