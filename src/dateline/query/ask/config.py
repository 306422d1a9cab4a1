"""What `ask` reads from its data file: question words, synonyms, scoring constants, and
the events stage's verb -> event type map (so questions and events agree)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from ... import config
from .._common import load_data

_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
_CLOCK = re.compile(r"T\d\d:\d\d")  # a TIMEX3 value with a time of day ("2016-11-10T23:30")


_ISO = re.compile(r"^\d{4}(-\d\d(-\d\d)?)?$")


_WH_TAGS = {"WDT", "WP", "WP$", "WRB"}


_NON_NAME = {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"}


_ORDER_WORDS = {
    "last": "last",
    "latest": "last",
    "recent": "last",
    "recently": "last",
    "previous": "last",
    "first": "first",
    "earliest": "first",
}


_DETS = re.compile(r"^(the|a|an|this|that|these|those)\s+", re.I)


@functools.lru_cache(maxsize=1)
def _cfg() -> dict:
    c = dict(load_data("questions.yaml"))
    syn: dict[str, set[str]] = {}
    for group in c["synonyms"]:
        words = {str(w).lower() for w in group}
        for w in words:
            syn.setdefault(w, set()).update(words)
    c["_syn"] = syn
    c["_light"] = set(c["light_verbs"])
    c["_types"] = _event_types()
    return c


def _event_types() -> dict[str, str]:
    """lemma -> event type, from the events stage's ontology (so questions and events agree)."""
    from pathlib import Path

    import yaml

    path = Path(__file__).resolve().parents[2] / "events" / "data" / "ontology.yaml"
    try:
        onto = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):  # events stage absent or reshaped: questions still work from the parse
        return {}
    out: dict[str, str] = {}
    for name, spec in (onto.get("types") or {}).items():
        for w in (spec.get("verbs") or []) + (spec.get("nouns") or []):
            out.setdefault(str(w).lower(), name)
    return out


@dataclass(frozen=True)
class Weights:
    """The answer model: a logistic regression over candidate features, fitted by `bench/fit_ask.py`."""

    about: str
    bias: float
    weights: dict[str, float]
    threshold: float  # confidence below which `ask` says "I don't know" (the most dev questions right)
    careful_threshold: float  # ... for `ask --careful`: at least 0.9 precision on the dev set


WEIGHTS = Path(__file__).resolve().parents[1] / "data" / "ask_weights.yaml"


@functools.cache
def weights() -> Weights:
    return config.load(Weights, WEIGHTS)


config.register(WEIGHTS, weights)
