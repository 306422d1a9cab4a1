"""The checks' tuned numbers and word lists (``data/tolerances.yaml``), read through one typed loader.

Each section of the file is one frozen dataclass; :func:`tolerances` loads the whole file
once per process with :func:`dateline.config.load`, which fails on a key the classes do
not declare or a declared key the file lacks.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from .. import config

PATH = Path(__file__).parent / "data" / "tolerances.yaml"


@dataclass(frozen=True)
class Kinematics:
    speed_window: int
    multiplier_window: int
    journey_words: frozenset[str]
    distance_words: frozenset[str]
    vague_durations: dict[str, tuple[float, float]]
    number_words: frozenset[str]


@dataclass(frozen=True)
class Geography:
    route_factor_min: float
    route_factor_max: float
    straight_line_extra: float
    bearing_tolerance_deg: float
    route_words: frozenset[str]
    min_distance_km: float
    directions: dict[str, float]
    rounding_cap: float
    area_features: frozenset[str]


@dataclass(frozen=True)
class Counts:
    """Cross-document numbers: the same measured thing of the same event."""

    max_days_apart: int
    lead_sentences: int
    story_sentences: int
    background_km: float
    story_labels: frozenset[str]
    min_shared_names: int
    kinds: frozenset[str]
    compared_counts: frozenset[str]
    vague_counts: dict[str, tuple[float, float]]
    max_age_gap_years: float


@dataclass(frozen=True)
class Interval:
    start: frozenset[str]
    end: frozenset[str]
    nouns: frozenset[str] = frozenset()
    verbs: frozenset[str] = frozenset()
    needs: dict[str, str] = field(default_factory=dict)
    bound_only: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Identity:
    who: frozenset[str]
    min_who: int
    where: bool


@dataclass(frozen=True)
class TimeRules:
    same_event_days: int
    date_slack_days: int
    count_rounding_units: float
    claim_nouns: dict[str, tuple[str, ...]]
    claim_adjectives: frozenset[str]
    identity: dict[str, Identity]
    who_labels: frozenset[str]
    where_labels: frozenset[str]
    evidence_statuses: frozenset[str]
    explicit_time_rules: tuple[str, ...]
    publication_time_lead: int
    fallback_triggers: dict[str, tuple[str, ...]]
    not_past_cues: tuple[str, ...]
    intervals: dict[str, Interval]
    duration_window: int
    first_time_types: frozenset[str]
    first_time_window: int
    narrowing_words: frozenset[str]
    place_words: frozenset[str]


@dataclass(frozen=True)
class Calendar:
    """Dates against the calendar and against the publication date."""

    weekdays: dict[str, int]
    abbreviated_weekdays: dict[str, int]
    publication_slack_days: int
    stamp_blockers: frozenset[str]
    future_cues: frozenset[str]
    clock_slack_minutes: int
    clock_zone_step_minutes: int
    one_off_types: frozenset[str]
    response_verbs: frozenset[str]
    response_max_gap_minutes: int


@dataclass(frozen=True)
class Moments:
    """Moments on a contest's clock ("lap 13"): the scales, the one-off events placed on them."""

    scales: frozenset[str]
    number_words: dict[str, int]
    events: dict[str, frozenset[str]]
    needs_person: frozenset[str]
    ordinals: dict[str, int]
    repeats: frozenset[str]
    max_gap: int


@dataclass(frozen=True)
class Arithmetic:
    """Within-document arithmetic: conversions, sums of parts, differences, percentages, ages."""

    conversion_kinds: frozenset[str]
    conversion_slack: float
    change_words: frozenset[str]
    decrease_words: frozenset[str]
    increase_words: frozenset[str]
    percent_window: int
    difference_window: int
    removed_counts: frozenset[str]
    birth_words: frozenset[str]
    year_span_nouns: frozenset[str]


@dataclass(frozen=True)
class Tolerances:
    relative_uncertainty: dict[str, tuple[float, float]]
    kinematics: Kinematics
    geography: Geography
    counts: Counts
    time: TimeRules
    calendar: Calendar
    moments: Moments
    arithmetic: Arithmetic
    confidence: dict[str, float]


@functools.cache
def tolerances() -> Tolerances:
    return config.load(Tolerances, PATH)


def confidence(rule: str) -> float:
    """The base confidence of a rule's verdicts (how often such a verdict was right when audited)."""
    return tolerances().confidence.get(rule, 0.5)


config.register(PATH, tolerances)
