"""The people of the Giveme5W1H development articles (../shared), as an analyst reads them:
Barack and Michelle Obama apart, every Clinton form one person, Trump a person and never
an organisation, no headline word or caption in a name. Real articles, the real model,
a real SQLite store; skipped when ../shared is missing."""

from __future__ import annotations

import json

import pytest

from ..conftest import shared_path

_PEOPLE = ("Obama", "Clinton", "Trump")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    from dateline import ingest, open_store

    folder = shared_path("eval/giveme5w1h/data")
    paths = [
        str(p)
        for p in sorted(folder.glob("*.json"))
        if any(w in json.loads(p.read_text(encoding="utf-8")).get("text", "") for w in _PEOPLE)
    ]
    assert len(paths) >= 10
    st = open_store(str(tmp_path_factory.mktemp("people") / "people.db"))
    report = ingest(st, paths)
    assert not report.failed
    yield st
    st.close()


def _entities(store) -> list[dict]:
    return store.query("SELECT entity_id, name, label, mentions FROM canonical_entities")


def _aliases(store, entity_id: str) -> set[str]:
    rows = store.query("SELECT alias FROM canonical_aliases WHERE entity_id = :e AND kind = 'name'", e=entity_id)
    return {r["alias"] for r in rows}


def _best(store, name: str):
    from dateline.entities.lookup import find_entities

    found = find_entities(store, name)
    assert found, name
    return found[0]


def test_barack_and_michelle_obama_stay_apart(store):
    barack, michelle = _best(store, "Barack Obama"), _best(store, "Michelle Obama")
    assert barack.entity_id != michelle.entity_id
    assert barack.name == "Barack Obama" and michelle.name == "Michelle Obama"
    assert barack.mentions > 3 * michelle.mentions  # "President Obama said" is not on her timeline
    assert "Barack Obama" not in _aliases(store, michelle.entity_id)


def test_every_clinton_form_is_hillary_clinton(store):
    hillary = _best(store, "Hillary Clinton")
    assert _best(store, "Clinton").entity_id == hillary.entity_id
    assert "Clinton" in _aliases(store, hillary.entity_id)
    people = {e["name"] for e in _entities(store) if e["label"] == "PERSON"}
    assert not people & {"Clinton", "Mrs Clinton", "Hilary Clinton"}  # no second Hillary
    assert not [e for e in _entities(store) if e["name"] == "Clinton" and e["label"] in ("GPE", "LOC")]


def test_trump_is_a_person_never_an_organisation(store):
    trump = _best(store, "Donald Trump")
    assert trump.label == "PERSON" and _best(store, "Trump").entity_id == trump.entity_id
    assert not [e for e in _entities(store) if e["name"].lower() == "trump" and e["label"] != "PERSON"]
    bare = [e for e in _entities(store) if e["name"] == "Trump"]
    assert all(e["mentions"] < trump.mentions / 10 for e in bare)  # no second Trump of any size


def test_no_headline_word_or_caption_in_a_name(store):
    names = {e["name"] for e in _entities(store)}
    aliases = {r["alias"] for r in store.query("SELECT alias FROM canonical_aliases WHERE kind = 'name'")}
    assert not {"Furious Obama", "TRUMP Donald Trump"} & (names | aliases)
    furniture = ("image copyright", "image caption", "getty images", "media playback")
    assert not [n for n in names if n.lower().startswith(furniture)]
