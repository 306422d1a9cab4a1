"""The quantity lexicon (data/lexicon.yaml), read through one typed loader and compiled once.

:class:`LexiconFile` declares every key of the file (``dateline.config.load`` fails on
an unknown or missing one); :func:`load_lexicon` compiles it into :class:`Lexicon`, the
lookup tables the extractor uses.

Unit conversion factors come from pint. Importing pint and building its registry
takes about 2 s, more than analysing dozens of articles, so the factors pint
computes for the lexicon's units are kept in data/si_factors.json (regenerate
with ``python -m dateline.quantity.lexicon`` after editing the units; a test
compares every entry with pint). A unit missing from that file is converted
with pint at load time, so an edited lexicon is never wrong, only slower to load.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import config

DATA = Path(__file__).parent / "data"
PATH = DATA / "lexicon.yaml"


@dataclass(frozen=True)
class Currencies:
    symbols: dict[str, str]
    words: dict[str, tuple[str, ...]]
    ambiguous_pound: frozenset[str]


@dataclass(frozen=True)
class CountedNouns:
    people: frozenset[str]
    casualty_words: frozenset[str]


@dataclass(frozen=True)
class LexiconFile:
    """data/lexicon.yaml, key by key."""

    si_units: dict[str, str]
    units: dict[str, dict[str, tuple[str, ...]]]
    case_sensitive: dict[str, str]
    attached_only: frozenset[str]
    percent: tuple[str, ...]
    currencies: Currencies
    scales: dict[str, float]
    number_words: dict[str, float]
    vague_numbers: dict[str, float]
    fractions: dict[str, float]
    multiplier_words: frozenset[str]
    multiplier_lexemes: dict[str, float]
    multiplier_followers: frozenset[str]
    frequency_followers: frozenset[str]
    modifiers_before: dict[str, str]
    modifiers_after: dict[str, str]
    max_measures: tuple[str, ...]
    uncounted_nouns: frozenset[str]
    age_followers: frozenset[str]
    duration_point_followers: frozenset[str]
    counted_nouns: CountedNouns
    measure_verbs: frozenset[str]
    directions: frozenset[str]
    count_categories: dict[str, tuple[str, ...]]
    hospital_words: frozenset[str]
    moments: dict[str, tuple[str, ...]]
    update_verbs: frozenset[str]
    subset_before: tuple[str, ...]
    subset_after: frozenset[str]
    range_words: frozenset[str]
    score_nouns: frozenset[str]
    age_words: frozenset[str]
    max_age: int


@functools.cache
def lexicon_file() -> LexiconFile:
    return config.load(LexiconFile, PATH)


config.register(PATH, lexicon_file)


@dataclass(frozen=True, slots=True)
class UnitInfo:
    kind: str
    pint_unit: str
    factor: float  # si = factor * x + offset
    offset: float
    si_unit: str


@dataclass(frozen=True, slots=True)
class Lexicon:
    units: dict[str, UnitInfo]  # lowercased alias -> UnitInfo
    units_cs: dict[str, UnitInfo]  # case-sensitive alias -> UnitInfo
    attached_only: frozenset[str]
    max_unit_tokens: int
    percent: frozenset[str]
    currency_symbols: dict[str, str]
    currency_words: dict[str, str]  # lowercased word -> code
    ambiguous_pound: frozenset[str]
    scales: dict[str, float]
    number_words: dict[str, float]  # phrase -> value
    vague_numbers: dict[str, float]
    fractions: dict[str, float]
    phrase_first_words: frozenset[str]
    multiplier_words: frozenset[str]
    multiplier_lexemes: dict[str, float]
    multiplier_followers: frozenset[str]
    frequency_followers: frozenset[str]
    mods_before: dict[str, str]
    mods_after: dict[str, str]
    max_before_words: int
    max_measures: frozenset[str]
    duration_point_followers: frozenset[str]
    people_nouns: frozenset[str]
    casualty_words: frozenset[str]
    measure_verbs: frozenset[str]
    directions: frozenset[str]
    uncounted_nouns: frozenset[str]
    age_followers: frozenset[str]
    category_of: dict[str, str]  # lemma or word -> what a count counts ("die" -> killed)
    hospital_words: frozenset[str]
    moment_of: dict[str, str]  # word or phrase -> moment ("initially" -> initial)
    max_moment_words: int
    update_verbs: frozenset[str]
    subset_before: tuple[tuple[str, ...], ...]  # word sequences before a number ("of which")
    subset_after: frozenset[str]
    range_words: frozenset[str]
    score_nouns: frozenset[str]
    age_words: frozenset[str]
    max_age: int


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.strip().lower())


@functools.lru_cache(maxsize=1)
def _ureg() -> Any:
    import pint

    return pint.UnitRegistry()


def pint_factor(pint_unit: str, si_unit: str) -> tuple[float, float]:
    """(factor, offset) with si = factor * x + offset, computed by pint."""
    ureg = _ureg()
    target = ureg.Unit(si_unit.replace("^", "**"))
    if "degree" in pint_unit or "kelvin" in pint_unit:  # offset units convert as quantities
        q0 = ureg.Quantity(0.0, pint_unit).to(target).magnitude
        q1 = ureg.Quantity(1.0, pint_unit).to(target).magnitude
    else:  # expressions such as "10 * year" (pint's "decade" is logarithmic)
        q0, q1 = 0.0, ureg.parse_expression(pint_unit).to(target).magnitude
    return float(q1 - q0), float(q0)


def _cached_factors() -> dict[str, list[float]]:
    path = DATA / "si_factors.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def build_si_factors() -> Path:
    """Write data/si_factors.json from pint for every unit in the lexicon."""
    raw = lexicon_file()
    out = {}
    for kind, table in raw.units.items():
        si = raw.si_units[kind]
        for pint_unit in table:
            out[f"{pint_unit} -> {si}"] = list(pint_factor(pint_unit, si))
    path = DATA / "si_factors.json"
    path.write_text(json.dumps(out, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return path


def _unit_info(kind: str, pint_unit: str, si_unit: str, cache: dict[str, list[float]]) -> UnitInfo:
    f = cache.get(f"{pint_unit} -> {si_unit}")
    factor, offset = f if f else pint_factor(pint_unit, si_unit)
    return UnitInfo(kind, pint_unit, float(factor), float(offset), si_unit)


def _units(raw: LexiconFile) -> tuple[dict[str, UnitInfo], dict[str, UnitInfo]]:
    cache = _cached_factors()
    units: dict[str, UnitInfo] = {}
    by_pint: dict[str, UnitInfo] = {}
    for kind, table in raw.units.items():
        for pint_unit, aliases in table.items():
            info = _unit_info(kind, pint_unit, raw.si_units[kind], cache)
            by_pint[pint_unit] = info
            for a in aliases:
                units[_norm(str(a))] = info
    return units, {k: by_pint[v] for k, v in raw.case_sensitive.items()}


def _inverse(table: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {_norm(w): name for name, words in table.items() for w in words}


@functools.lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    raw = lexicon_file()
    units, units_cs = _units(raw)
    number_words = {_norm(k): v for k, v in raw.number_words.items()}
    vague = {_norm(k): v for k, v in raw.vague_numbers.items()}
    fractions = {_norm(k): v for k, v in raw.fractions.items()}
    first = {re.split(r"[\s-]", k)[0] for d in (number_words, vague, fractions) for k in d}
    mods_before = {_norm(k): v for k, v in raw.modifiers_before.items()}
    moment_of = _inverse(raw.moments)
    return Lexicon(
        units=units,
        units_cs=units_cs,
        attached_only=raw.attached_only,
        max_unit_tokens=max(len(re.findall(r"\w+|[^\w\s]", a)) for a in units) + 1,
        percent=frozenset(_norm(p) for p in raw.percent),
        currency_symbols=dict(raw.currencies.symbols),
        currency_words=_inverse(raw.currencies.words),
        ambiguous_pound=raw.currencies.ambiguous_pound,
        scales=dict(raw.scales),
        number_words=number_words,
        vague_numbers=vague,
        fractions=fractions,
        phrase_first_words=frozenset(first),
        multiplier_words=raw.multiplier_words,
        multiplier_lexemes=dict(raw.multiplier_lexemes),
        multiplier_followers=raw.multiplier_followers,
        frequency_followers=raw.frequency_followers,
        mods_before=mods_before,
        mods_after={_norm(k): v for k, v in raw.modifiers_after.items()},
        max_before_words=max(len(k.split()) for k in mods_before),
        max_measures=frozenset(_norm(m) for m in raw.max_measures),
        duration_point_followers=raw.duration_point_followers,
        people_nouns=raw.counted_nouns.people,
        casualty_words=raw.counted_nouns.casualty_words,
        measure_verbs=raw.measure_verbs,
        directions=raw.directions,
        uncounted_nouns=raw.uncounted_nouns,
        age_followers=raw.age_followers,
        category_of=_inverse(raw.count_categories),
        hospital_words=raw.hospital_words,
        moment_of=moment_of,
        max_moment_words=max(len(k.split()) for k in moment_of),
        update_verbs=raw.update_verbs,
        subset_before=tuple(tuple(_norm(p).split()) for p in raw.subset_before),
        subset_after=raw.subset_after,
        range_words=raw.range_words,
        score_nouns=raw.score_nouns,
        age_words=raw.age_words,
        max_age=raw.max_age,
    )


def convert(value: float, unit_alias: str) -> tuple[float, str] | None:
    """``convert(435, "miles") -> (700060.4, "m")``; None for an unknown unit."""
    lex = load_lexicon()
    info = lex.units_cs.get(unit_alias) or lex.units.get(_norm(unit_alias))
    if info is None:
        return None
    return info.factor * value + info.offset, info.si_unit


if __name__ == "__main__":
    print(build_si_factors())
