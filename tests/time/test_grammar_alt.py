"""The trie that `grammar.alt` writes matches what the flat longest-first alternation matches."""

from __future__ import annotations

import re

import pytest

from dateline.time.grammar import alt, grammar
from dateline.time.lexicon import lexicon


def _flat(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


def _matches(rx: str, text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in re.finditer(rf"\b(?:{rx})s?\b", text, re.I)]


PHRASES = ["jan", "january", "june", "july", "new year", "new year's eve", "new years", "a", "an", "a few", "year-ago"]
TEXTS = [
    "In January, June and JULY; jan. 3; Jan 4; New  Year's Eve and new years after a few years.",
    "An a an few: year-ago figures, year ago, januarys, Junes, new\nyear",
    "julyjune newyear a-few an\tfew",
]


@pytest.mark.parametrize("text", TEXTS)
def test_trie_matches_the_flat_alternation(text: str) -> None:
    assert _matches(alt(PHRASES), text) == _matches(_flat(PHRASES), text)


def test_trie_is_one_branch_per_first_letter() -> None:
    assert alt(PHRASES) == r"new\s+year(?:'s\s+eve|s|)|year\-ago|j(?:an(?:uary|)|u(?:ne|ly))|a(?:\s+few|n|)"


def test_grammar_words_match_as_the_flat_list_does() -> None:
    lx = lexicon()
    words = list(lx.months) + list(lx.weekdays) + list(lx.units) + list(lx.unit_plurals) + list(lx.numbers)
    text = " ".join(w.title() if k % 3 else w.upper() for k, w in enumerate(words)) + " " + " ".join(words)
    assert _matches(alt(words), text) == _matches(_flat(words), text)
    assert grammar().trigger.search("on Tuesday") is not None


def test_phrases_with_capitals_keep_the_flat_list() -> None:
    assert alt(["May", "march"]) == "march|May"
