"""What counts as the same: the same person or organisation, the same report group.

Every check that compares two mentions asks here, so the decision is made one way:
``same_entity`` is the entities stage's own decision (``entities.names.same_entity``:
"Putin" is "Vladimir Putin", two full names must be equal, acronyms and aliases of
organisations), memoized for the checks' many comparisons.
"""

from __future__ import annotations

import functools

from ..entities import names
from ..nlp.lexicon import english
from ..types import EntityKey


@functools.lru_cache(maxsize=65536)
def same_entity(a: EntityKey, b: EntityKey) -> bool:
    """ "PERSON:Putin" is "PERSON:Vladimir Putin"; two full names must be equal."""
    return names.same_entity(a, b)


def covers(claim: frozenset[EntityKey], candidate: frozenset[EntityKey]) -> bool:
    """Every entity of ``claim`` is one of ``candidate``."""
    return all(any(same_entity(c, d) for d in candidate) for c in claim)


def is_pronoun(text: str) -> bool:
    """ "he", "their": a word that stands for an entity named elsewhere."""
    return text.casefold().strip() in english().pronouns.personal


def name_words(key: EntityKey) -> set[str]:
    return set(key.name.casefold().split())
