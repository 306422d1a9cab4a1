"""The entities stage's data files, each read once through one typed loader."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from .. import config

DATA = Path(__file__).parent / "data"
NAMES = DATA / "names.yaml"
ALIASES = DATA / "aliases.yaml"
DEMONYMS = DATA / "demonyms.yaml"
RESOLVE = DATA / "resolve.yaml"
COREF = DATA / "coref.yaml"


@dataclass(frozen=True)
class NameWords:
    honorifics: frozenset[str]
    styles: frozenset[str]
    female_honorifics: frozenset[str]
    male_honorifics: frozenset[str]
    female_titles: frozenset[str]
    male_titles: frozenset[str]
    titles: frozenset[str]
    generic_titles: frozenset[str]
    title_modifiers: frozenset[str]
    org_suffixes: frozenset[str]
    org_descriptors: frozenset[str]
    product_descriptors: frozenset[str]
    acronym_skip: frozenset[str]
    not_names: frozenset[str]
    never_entities: frozenset[str]
    units_after_numbers: frozenset[str]


@dataclass(frozen=True)
class CuratedEntry:
    name: str
    label: str
    aliases: tuple[str, ...]
    source: str


@dataclass(frozen=True)
class Curated:
    entries: tuple[CuratedEntry, ...]


@dataclass(frozen=True)
class Demonyms:
    countries: dict[str, str]


@dataclass(frozen=True)
class Votes:
    ner_label: float
    curated: float
    honorific: float
    title: float
    full_person: float
    org_suffix: float
    org_after: float
    product_after: float
    product_shape: float
    place_before: float
    not_place_shape: float
    event_shape: float
    law_shape: float
    fac_shape: float
    index_shape: float
    age_after: float
    demonym: float
    person_pronoun: float
    descriptor: float


@dataclass(frozen=True)
class Resolve:
    vote: Votes
    org_after_nouns: frozenset[str]
    product_after_nouns: frozenset[str]
    product_of_nouns: frozenset[str]
    place_before_words: frozenset[str]
    event_last_words: frozenset[str]
    event_word_pattern: str
    fac_last_words: frozenset[str]
    law_last_words: frozenset[str]
    index_last_words: frozenset[str]
    index_first_words: frozenset[str]
    version_pattern: str
    camel_case_pattern: str
    model_words: frozenset[str]
    name_labels: frozenset[str]
    place_labels: frozenset[str]
    kin_labels: tuple[tuple[str, ...], ...]
    dominant_name_ratio: float

    @functools.cached_property
    def version_rx(self) -> re.Pattern[str]:
        return re.compile(self.version_pattern)

    @functools.cached_property
    def camel_rx(self) -> re.Pattern[str]:
        return re.compile(self.camel_case_pattern)

    @functools.cached_property
    def event_rx(self) -> re.Pattern[str]:
        return re.compile(self.event_word_pattern)


@dataclass(frozen=True)
class Coref:
    role_nouns: frozenset[str]
    plural_role_nouns: frozenset[str]
    plural_determiners: frozenset[str]
    plural_things: dict[str, str]
    thing_nouns: dict[str, frozenset[str]]
    pronoun_window: int
    description_window: int
    speaker_verbs: frozenset[str]
    organisation_speech_verbs: frozenset[str]
    female_pronouns: frozenset[str]
    indefinite_determiners: frozenset[str]
    plural_units: frozenset[str]
    copulas: frozenset[str]
    as_verbs: frozenset[str]
    plural_others: frozenset[str]
    people_nouns: frozenset[str]
    kinds: dict[str, frozenset[str]]
    not_the_product: frozenset[str]

    @functools.cached_property
    def kind_of(self) -> dict[str, frozenset[str]]:
        """Description noun -> the kinds of thing it names ("laptop" -> computer)."""
        out: dict[str, set[str]] = {}
        for kind, nouns in self.kinds.items():
            for n in nouns:
                out.setdefault(n, set()).add(kind)
        return {n: frozenset(k) for n, k in out.items()}

    @functools.cached_property
    def thing_type(self) -> dict[str, str]:
        """Description noun -> the type of entity it describes (first listed wins)."""
        out: dict[str, str] = {}
        for label, nouns in self.thing_nouns.items():
            for n in nouns:
                out.setdefault(n, label)
        return out


@functools.cache
def name_words() -> NameWords:
    return config.load(NameWords, NAMES)


@functools.cache
def curated() -> Curated:
    return config.load(Curated, ALIASES)


@functools.cache
def demonyms() -> Demonyms:
    return config.load(Demonyms, DEMONYMS)


@functools.cache
def resolve_data() -> Resolve:
    return config.load(Resolve, RESOLVE)


@functools.cache
def coref_data() -> Coref:
    return config.load(Coref, COREF)


config.register(NAMES, name_words)
config.register(ALIASES, curated)
config.register(DEMONYMS, demonyms)
config.register(RESOLVE, resolve_data)
config.register(COREF, coref_data)
