"""What counts as the same: the same person or organisation, the same report group.

Every check that compares two mentions asks here, so the decision is made one way.
``same_entity`` is the checks' one name comparison; it follows the entities stage's
rule (labels equal; "Putin" is "Vladimir Putin"; two full names must be equal) and is
the place to call that stage's ``same_entity`` once it is on main.
"""

from __future__ import annotations

import functools

from ..nlp.lexicon import english
from ..types import EntityKey


@functools.lru_cache(maxsize=65536)
def same_entity(a: EntityKey, b: EntityKey) -> bool:
    """ "PERSON:Putin" is "PERSON:Vladimir Putin"; two full names must be equal."""
    if a.label != b.label:
        return False
    t1, t2 = a.name.casefold().split(), b.name.casefold().split()
    if t1 == t2:
        return True
    if len(t1) > 1 and len(t2) > 1:
        return False
    short, long_ = (t1, t2) if len(t1) < len(t2) else (t2, t1)
    return bool(short) and short[0] in long_


def covers(claim: frozenset[EntityKey], candidate: frozenset[EntityKey]) -> bool:
    """Every entity of ``claim`` is one of ``candidate``."""
    return all(any(same_entity(c, d) for d in candidate) for c in claim)


def is_pronoun(text: str) -> bool:
    """ "he", "their": a word that stands for an entity named elsewhere."""
    return text.casefold().strip() in english().pronouns.personal


def name_words(key: EntityKey) -> set[str]:
    return set(key.name.casefold().split())
