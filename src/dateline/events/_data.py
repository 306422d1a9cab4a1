"""Data files of the events stage, loaded once per process."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import yaml

from .. import config
from ..nlp.lexicon import english

DATA = Path(__file__).parent / "data"
DATING = DATA / "dating.yaml"
CLAUSES = DATA / "clauses.yaml"


@dataclass(frozen=True, slots=True)
class Dating:
    """``data/dating.yaml``: how an event the text does not date in its clause is dated."""

    frame_preps: frozenset[str]
    lead_sentences: int
    lead_days: int
    publication_fallback: bool
    report_sentences: int
    background_days: int
    occurrence_verbs: frozenset[str]
    away_words: frozenset[str]
    statement_lead_days: int
    relative_marks: frozenset[str]
    anterior_words: frozenset[str]
    event_relative_preps: frozenset[str]
    frame_only_preps: frozenset[str]
    lead_event_skip_types: frozenset[str]
    speaker_sentences: int
    incident_types: frozenset[str]
    antecedent_determiners: frozenset[str]
    antecedent_sentences: int
    narrative_sentences: int
    once_types: frozenset[str]


@functools.cache
def dating() -> Dating:
    return config.load(Dating, DATING)


config.register(DATING, dating)


@dataclass(frozen=True, slots=True)
class Clauses:
    """``data/clauses.yaml``: conditions, relational nouns, party and summon verbs, quotation marks."""

    conditional_marks: frozenset[str]
    asserting_modifiers: frozenset[str]
    negating_governors: frozenset[str]
    relational_nouns: frozenset[str]
    party_verbs: dict[str, str]
    summon_verbs: frozenset[str]
    standing_text_nouns: frozenset[str]
    mover_nouns: frozenset[str]
    part_nouns: frozenset[str]
    completion_governors: frozenset[str]
    agentive_compound_types: frozenset[str]
    quote_open: frozenset[str]
    quote_close: frozenset[str]
    quote_straight: frozenset[str]


@functools.cache
def clauses() -> Clauses:
    return config.load(Clauses, CLAUSES)


config.register(CLAUSES, clauses)


@functools.cache
def _load(name: str) -> dict:
    with open(DATA / name, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


class Lexicon:
    """Every lexicon of the stage as sets and dicts, built once."""

    def __init__(self) -> None:
        onto = _load("ontology.yaml")
        self.type_descriptions = {t: d.get("description", "") for t, d in onto["types"].items()}
        self.verb_type: dict[str, str] = {}
        self.noun_type: dict[str, str] = {}
        for t, d in onto["types"].items():  # first type listed wins
            for v in d.get("verbs", ()):
                self.verb_type.setdefault(v, t)
            for n in d.get("nouns", ()):
                self.noun_type.setdefault(n, t)
        for n in onto.get("other_nouns", ()):
            self.noun_type.setdefault(n, "OTHER")
        self.skip_verbs = frozenset(onto.get("skip_verbs", ()))
        self.light_verbs = frozenset(onto.get("light_verbs", ()))
        self.light_verb_nouns = {v: frozenset(ns) for v, ns in (onto.get("light_verb_nouns") or {}).items()}
        self.object_types: dict[str, dict[str, str]] = onto.get("object_types") or {}
        self.travel_needs_place = frozenset(onto.get("travel_needs_place", ()))
        self.travel_directions = frozenset(onto.get("travel_directions", ()))
        self.attack_needs_target = frozenset(onto.get("attack_needs_target", ()))
        self.target_preps = frozenset(onto.get("target_preps", ()))
        self.statement_without_object = frozenset(onto.get("statement_without_object", ()))
        self.attack_needs_object = frozenset(onto.get("attack_needs_object", ()))
        self.person_subject_types: dict[str, str] = onto.get("person_subject_types") or {}
        self.person_nouns = frozenset(onto.get("person_nouns", ()))
        self.contest_types = frozenset(onto.get("contest_types", ()))
        self.contest_nouns = frozenset(onto.get("contest_nouns", ()))
        self.holder_nouns = frozenset(onto.get("holder_nouns", ()))
        self.copula_event_preps = frozenset(onto.get("copula_event_preps", ()))
        self.phrasal: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for phrase, typ in (onto.get("phrasal") or {}).items():
            words = phrase.lower().split()
            self.phrasal.setdefault(words[0], []).append((tuple(words[1:]), typ))

        cues = _load("cues.yaml")
        st = cues["status"]
        eng = english()
        self.planned_aux = eng.auxiliaries.future
        self.possible_aux = eng.auxiliaries.modal
        self.planned_governors = eng.planned_governors
        self.possible_governors = frozenset(st["possible_governors"])
        self.control_verbs = self.planned_governors | self.possible_governors | clauses().negating_governors
        self.planned_nouns = frozenset(st["planned_nouns"])
        self.possible_nouns = frozenset(st["possible_nouns"])
        self.negation_words = eng.negation
        self.reporting_verbs = eng.reporting_verbs  # the reporter becomes `reported_by` of the complement's events
        why = cues["why"]
        self.reason_marks = frozenset(why["reason_marks"])
        self.weak_reason_marks = frozenset(why["weak_reason_marks"])
        # multiword cues as word tuples, longest first so "because of" beats "because"
        self.reason_multi = _by_first_word(why["reason_multi"])
        self.purpose_multi = _by_first_word(why["purpose_multi"])
        self.for_reason_verbs = frozenset(why["for_reason_verbs"])
        self.cause_verbs = frozenset(why["cause_verbs"])
        self.topic_verbs = frozenset(why["topic_verbs"])
        how = cues["how"]
        self.instrument_preps = frozenset(how["instrument_preps"])
        self.instrument_nouns = frozenset(how["instrument_nouns"])
        self.not_manner_adverbs = frozenset(how["not_manner_adverbs"])
        self.place_preps = frozenset(cues["place_preps"])

        m = _load("main_event.yaml")
        self.main = m


def _by_first_word(phrases) -> dict[str, list[tuple[str, ...]]]:
    """Multiword cues indexed by their first word, longest first ("because of" before "because")."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for c in sorted((tuple(p.lower().split()) for p in phrases), key=len, reverse=True):
        out.setdefault(c[0], []).append(c)
    return out


@functools.lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    return Lexicon()
