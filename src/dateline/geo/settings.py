"""The geo stage's data files, each read once through one frozen dataclass.

``recognize.yaml`` (what counts as a toponym), ``resolve.yaml`` (the weights of
resolution), ``relative.yaml`` ("900 miles north of X"), ``demonyms.yaml``,
``aliases.yaml`` and ``supplement.yaml`` (gazetteer build inputs). A key the class
does not declare, or a declared key missing from the file, fails at load.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from .. import config

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True, slots=True)
class Recognition:
    place_labels: frozenset[str]  # the spaCy labels of place mentions: written here once
    recognize_demonyms: bool
    blocking_labels: frozenset[str]
    single_token_kinds: frozenset[str]
    matcher_stopwords: frozenset[str]
    civic_words: frozenset[str]
    street_words: frozenset[str]
    event_words: tuple[str, ...]
    generic_suffixes: frozenset[str]
    abbreviations: dict[str, str]  # a last word as written -> its kind ("Co." -> county)
    area_modifiers: frozenset[str]
    person_titles: frozenset[str]
    place_prepositions: frozenset[str]
    person_as_place_min_pop: int
    org_prefix_min_pop: int
    trim_min_pop: int
    drop_unknown_single_token: bool
    org_inside_kinds: frozenset[str]


@dataclass(frozen=True, slots=True)
class Weights:
    country_context: float
    focus_country: float
    publisher_country: float
    admin1_context: float
    containment: float
    near_100km: float
    near_300km: float
    near_in_cap: float
    near_outside_cap: float
    support: float
    close_support: float
    region_cue: float
    domain_town: float
    dateline_town: float


@dataclass(frozen=True, slots=True)
class Resolution:
    kind_prior: dict[str, float]
    us_state_bonus: float
    alternate_name_penalty: float
    alternate_name_penalty_big: float
    big_city_population: int
    city_population_weight: float
    weights: Weights
    tld_countries: dict[str, str]
    generic_tlds: frozenset[str]
    generic_tld_country: str
    first_pass_margin: float
    rounds: int
    support_candidates: int
    max_context_bonus: float
    max_context_bonus_vs_major: float
    dominance_gap: float
    isolated_town_max_population: int
    facility_radius_km: float
    facility_town_min_pop: int
    candidates_kept: int


@dataclass(frozen=True, slots=True)
class Relative:
    units_m: dict[str, float]
    modifiers: dict[str, str]
    directions: dict[str, str]


@dataclass(frozen=True, slots=True)
class Demonyms:
    countries: dict[str, str]
    areas: dict[str, str]


@dataclass(frozen=True, slots=True)
class Aliases:
    countries: dict[str, tuple[str, ...]]
    us_states: dict[str, tuple[str, ...]]
    admin1: dict[str, tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class SupplementPlace:
    name: str
    aliases: tuple[str, ...]
    feature: str
    cc: str | None
    admin1: str | None
    lat: float
    lon: float
    source: str
    population: int | None = None


@dataclass(frozen=True, slots=True)
class Supplement:
    places: tuple[SupplementPlace, ...]


@functools.cache
def recognition() -> Recognition:
    return config.load(Recognition, DATA / "recognize.yaml")


@functools.cache
def resolution() -> Resolution:
    return config.load(Resolution, DATA / "resolve.yaml")


@functools.cache
def relative() -> Relative:
    return config.load(Relative, DATA / "relative.yaml")


@functools.cache
def demonym_table() -> Demonyms:
    return config.load(Demonyms, DATA / "demonyms.yaml")


@functools.cache
def aliases() -> Aliases:
    return config.load(Aliases, DATA / "aliases.yaml")


@functools.cache
def supplement() -> Supplement:
    return config.load(Supplement, DATA / "supplement.yaml")


for _file, _loader in (
    ("recognize.yaml", recognition),
    ("resolve.yaml", resolution),
    ("relative.yaml", relative),
    ("demonyms.yaml", demonym_table),
    ("aliases.yaml", aliases),
    ("supplement.yaml", supplement),
):
    config.register(DATA / _file, _loader)
