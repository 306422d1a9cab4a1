"""Data files of the events stage, loaded once per process."""

from __future__ import annotations

import functools
from pathlib import Path

import yaml

DATA = Path(__file__).parent / "data"


@functools.lru_cache(maxsize=None)
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
        self.skip_verbs = frozenset(onto.get("skip_verbs", ()))
        self.phrasal: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for phrase, typ in (onto.get("phrasal") or {}).items():
            words = phrase.lower().split()
            self.phrasal.setdefault(words[0], []).append((tuple(words[1:]), typ))

        cues = _load("cues.yaml")
        st = cues["status"]
        self.planned_aux = frozenset(st["planned_aux"])
        self.possible_aux = frozenset(st["possible_aux"])
        self.planned_governors = frozenset(st["planned_governors"])
        self.possible_governors = frozenset(st["possible_governors"])
        self.control_verbs = self.planned_governors | self.possible_governors
        self.planned_nouns = frozenset(st["planned_nouns"])
        self.negation_words = frozenset(st["negation_words"])
        self.reporting_verbs = frozenset(st["reporting_verbs"])
        why = cues["why"]
        self.reason_marks = frozenset(why["reason_marks"])
        self.weak_reason_marks = frozenset(why["weak_reason_marks"])
        # multiword cues as word tuples, longest first so "because of" beats "because"
        self.reason_multi = sorted((tuple(c.split()) for c in why["reason_multi"]), key=len, reverse=True)
        self.purpose_multi = sorted((tuple(c.split()) for c in why["purpose_multi"]), key=len, reverse=True)
        self.for_reason_verbs = frozenset(why["for_reason_verbs"])
        self.cause_verbs = frozenset(why["cause_verbs"])
        how = cues["how"]
        self.instrument_preps = frozenset(how["instrument_preps"])
        self.instrument_nouns = frozenset(how["instrument_nouns"])
        self.not_manner_adverbs = frozenset(how["not_manner_adverbs"])
        self.place_preps = frozenset(cues["place_preps"])

        co = _load("coref.yaml")
        self.pron_person = frozenset(co["pronouns"]["person_singular"])
        self.pron_plural = frozenset(co["pronouns"]["plural"])
        self.pron_thing = frozenset(co["pronouns"]["thing"])
        self.role_nouns = frozenset(co["role_nouns"])
        self.plural_role_nouns = frozenset(co["plural_role_nouns"])

        m = _load("main_event.yaml")
        self.main = m


@functools.lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    return Lexicon()
