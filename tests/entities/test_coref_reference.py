"""Coreference mechanisms that keep a pronoun or a description off the wrong entity, on short
texts written for these tests, through the real model and the real pipeline."""

from __future__ import annotations

from datetime import date

from dateline.nlp import parse_text
from dateline.pipeline import analyse_parsed
from dateline.types import Analysis

PUB = date(2023, 9, 12)


def _analyse(text: str, title: str | None = None) -> Analysis:
    fields: dict[str, object] = {"published": PUB}
    if title is not None:
        fields["title"] = title
    return analyse_parsed(parse_text(text, **fields))


def _linked(a: Analysis, text: str) -> list[set[str]]:
    """The entities of every link written ``text``, in order."""
    spans: dict[tuple[int, int], set[str]] = {}
    for link in a.coref:
        if link.text == text:
            spans.setdefault((link.start, link.end), set()).add(str(link.entity))
    return [spans[k] for k in sorted(spans)]


def test_a_thing_with_an_of_phrase_is_no_reference_back():
    a = _analyse(
        "Alan Reyes wrote to Congress on Monday. Congress did not answer. "
        "A day earlier, his aide Tom Hill had told the same group of donors something similar."
    )
    assert _linked(a, "the same group") == []
    tell = next(e for e in a.events if e.lemma == "tell")
    assert all(str(r.entity) != "ORG:Congress" for r in tell.roles)


def test_a_headline_clause_is_no_name():
    a = _analyse(
        "The maker of the phone has shrunk two versions. Buyers were unhappy.",
        title="Nimbus Changes Shape of Its Phone, and Buyers Are Furious",
    )
    names = {m.text for m in a.parsed.mentions} | {str(x.entity) for x in a.coref}
    assert not any("Furious" in n for n in names)
    assert _linked(a, "The maker") == []
