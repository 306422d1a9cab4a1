"""Closed-class English words and label sets shared by every stage (``data/english.yaml``)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from .. import config

PATH = Path(__file__).parent / "data" / "english.yaml"


@dataclass(frozen=True)
class Labels:
    names: frozenset[str]
    places: frozenset[str]
    times: frozenset[str]


@dataclass(frozen=True)
class Pronouns:
    person_singular: frozenset[str]
    plural: frozenset[str]
    thing: frozenset[str]
    relative: frozenset[str]
    demonstrative: frozenset[str]
    speaker: frozenset[str]

    @property
    def personal(self) -> frozenset[str]:
        """Pronouns that stand for an entity named elsewhere ("he", "its", "they")."""
        return self.person_singular | self.plural | self.thing

    @property
    def all(self) -> frozenset[str]:
        return self.personal | self.relative | self.demonstrative | self.speaker


@dataclass(frozen=True)
class Auxiliaries:
    future: frozenset[str]
    modal: frozenset[str]


@dataclass(frozen=True)
class English:
    labels: Labels
    pronouns: Pronouns
    auxiliaries: Auxiliaries
    planned_governors: frozenset[str]
    negation: frozenset[str]
    reporting_verbs: frozenset[str]
    determiners: frozenset[str]


@functools.cache
def english() -> English:
    return config.load(English, PATH)


config.register(PATH, english)
