"""Gazetteer names and entries: how a name is folded for lookup, and what an entry holds."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

# kind -> the public feature class of ``Place.feature``
FEATURE_OF_KIND = {
    "country": "country",
    "admin1": "region",
    "admin2": "region",
    "city": "city",
    "facility": "facility",
    "natural": "natural",
    "area": "area",
    "region": "region",
    "continent": "area",
}

# Abbreviations folded before lookup so "St. Louis" == "Saint Louis" == "st louis".
_FOLDS = [
    (re.compile(r"\bst\b\.?"), "saint"),
    (re.compile(r"\bste\b\.?"), "sainte"),
    (re.compile(r"\bmt\b\.?"), "mount"),
    (re.compile(r"\bft\b\.?"), "fort"),
]
_PUNCT = re.compile(r"[^\w\s]|_")
_SPACES = re.compile(r"\s+")
LATIN = re.compile(r"^[a-z0-9 ]+$")


@functools.lru_cache(maxsize=65536)
def normalize(name: str) -> str:
    """Case, diacritics, punctuation and St./Mt./Ft. folded; a leading "the" dropped."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = s.replace("’", "'").replace("'s ", " ").replace("'", "")
    for rx, rep in _FOLDS:
        s = rx.sub(rep, s)
    s = _SPACES.sub(" ", _PUNCT.sub(" ", s)).strip()
    if s.startswith("the "):
        s = s[4:]
    return s


def is_latin(name: str) -> bool:
    """A name written in Latin letters (after folding), as running English text uses."""
    return bool(LATIN.match(normalize(name) or "-"))


@dataclass(frozen=True, slots=True)
class Entry:
    id: int
    name: str
    kind: str  # country | admin1 | admin2 | city | facility | natural | area | region | continent
    country_code: str | None
    admin1: str | None  # admin1 key "CC.code" (cities, regions) or None
    admin1_name: str | None
    lat: float
    lon: float
    population: int | None
    geonameid: int | None
    primary: bool  # the looked-up name is the entry's main name (not an alternate)
    source: str

    @property
    def feature(self) -> str:
        return FEATURE_OF_KIND.get(self.kind, "area")
