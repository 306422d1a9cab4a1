"""Entities a document never names ("a U.S. manufacturing company ... the company ... its"), on short
texts written for these tests, through the real model and a real SQLite store: the chain is one
document-local entity typed by its noun, a single description is none, two documents' unnamed
companies never join, and ``dateline entities`` lists them only with ``--unnamed``."""

from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner

from dateline.entities import resolve_entities
from dateline.nlp import parse_text

PUB = date(2023, 9, 12)
_ONE = (
    "Orchard Systems sued a Texas manufacturing company on Monday. The company said it would fight the claim. "
    "Its lawyers declined to comment."
)
_TWO = "Kestrel Analytics bought a small software company in May. The company said its staff would stay."


def test_a_chain_of_descriptions_and_pronouns_is_one_unnamed_entity():
    named, links = resolve_entities(parse_text(_ONE, published=PUB))
    unnamed = [e for e in named.entities if e.mentions == 0]
    assert [(e.name, e.label) for e in unnamed] == [("the company", "ORG")]
    key = unnamed[0].key
    chain = {x.text for x in links if x.entity == key}
    assert chain == {"a Texas manufacturing company", "The company", "it", "Its"}
    assert all(x.entity != key for x in links if x.text == "Orchard Systems")


def test_a_single_description_is_no_entity():
    named, links = resolve_entities(parse_text("Orchard Systems sued a Texas company on Monday.", published=PUB))
    assert [e for e in named.entities if e.mentions == 0] == []
    assert not [x for x in links if x.text == "a Texas company"]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    from dateline import ingest, open_store

    folder = tmp_path_factory.mktemp("unnamed")
    for name, text in (("one.txt", _ONE), ("two.txt", _TWO)):
        (folder / name).write_text(text, encoding="utf-8")
    path = str(folder / "unnamed.db")
    st = open_store(path)
    assert not ingest(st, [str(folder / "one.txt"), str(folder / "two.txt")]).failed
    st.close()
    return path


def test_unnamed_entities_stay_in_their_document(db):
    from dateline import open_store
    from dateline.export.mentions import mention_rows

    st = open_store(db)
    try:
        rows = [r for r in mention_rows(st) if r.text == "The company"]
    finally:
        st.close()
    assert len(rows) == 2 and None not in {r.entity_id for r in rows}
    assert len({r.entity_id for r in rows}) == 2  # one per document, never joined


def test_entities_lists_unnamed_only_when_asked(db):
    from dateline.cli.main import cli

    run = CliRunner().invoke
    plain = run(cli, ["entities", "--db", db, "--format", "jsonl"])
    shown = run(cli, ["entities", "--db", db, "--unnamed", "--format", "jsonl"])
    assert plain.exit_code == 0 and shown.exit_code == 0, plain.output + shown.output
    names = [json.loads(x)["name"] for x in plain.output.splitlines()]
    every = [json.loads(x) for x in shown.output.splitlines()]
    assert "the company" not in names and "Orchard Systems" in names
    companies = [e for e in every if e["name"] == "the company"]
    assert len(companies) == 2 and all(e["label"] == "ORG" and e["documents"] == 1 for e in companies)


def test_a_possessive_takes_the_named_owner_before_an_unnamed_thing():
    text = "Orchard Systems released an application that limits the volume of its zPod music players."
    named, links = resolve_entities(parse_text(text, published=PUB))
    assert {str(x.entity) for x in links if x.text == "its"} == {"ORG:Orchard Systems"}
    assert {x.entity.label for x in links if x.text == "an application"} == {"PRODUCT"}  # with its "that"


def test_a_group_of_people_no_name_names_is_taken_up_by_their_never_by_he():
    text = (
        "Orchard Systems unveiled the zPhone on Monday. The new software lets users control the phone with "
        "their voice. Some users said they liked it. Dana Reyes said he was pleased."
    )
    named, links = resolve_entities(parse_text(text, published=PUB))
    groups = [e for e in named.entities if e.mentions == 0 and e.label == "PERSON"]
    assert [e.name for e in groups] == ["the users"]
    key = groups[0].key
    assert {x.text for x in links if x.entity == key} == {"users", "their", "Some users", "they"}
    assert {str(x.entity) for x in links if x.text == "he"} == {"PERSON:Dana Reyes"}


def test_their_after_some_or_others_is_a_group_of_its_own():
    text = "Orchard Systems raised its prices. Some could not finish their orders. Others complained about their bills."
    named, links = resolve_entities(parse_text(text, published=PUB))
    theirs = [str(x.entity) for x in sorted(links, key=lambda x: x.start) if x.text == "their"]
    assert len(theirs) == 2 and len(set(theirs)) == 2 and all(k.startswith("PERSON:the people") for k in theirs)
    assert {str(x.entity) for x in links if x.text == "its"} == {"ORG:Orchard Systems"}
