"""The quantity lexicon (data/lexicon.yaml), loaded and compiled once per process.

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

import yaml

DATA = Path(__file__).parent / "data"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader when libyaml is there


@dataclass(frozen=True, slots=True)
class UnitInfo:
    kind: str
    pint_unit: str
    factor: float  # si = factor * x + offset
    offset: float
    si_unit: str


@dataclass(frozen=True, slots=True)
class Lexicon:
    units: dict  # lowercased alias -> UnitInfo
    units_cs: dict  # case-sensitive alias -> UnitInfo
    attached_only: frozenset
    max_unit_tokens: int
    percent: frozenset
    currency_symbols: dict
    currency_words: dict  # lowercased word -> code
    ambiguous_pound: frozenset
    scales: dict
    number_words: dict  # phrase -> value
    vague_numbers: dict
    fractions: dict
    phrase_first_words: frozenset
    multiplier_words: frozenset
    multiplier_lexemes: dict
    multiplier_followers: frozenset
    frequency_followers: frozenset
    mods_before: dict
    mods_after: dict
    max_before_words: int
    max_measures: frozenset
    duration_point_followers: frozenset
    people_nouns: frozenset
    casualty_words: frozenset
    measure_verbs: frozenset
    directions: frozenset
    uncounted_nouns: frozenset
    age_followers: frozenset


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.strip().lower())


@functools.lru_cache(maxsize=1)
def _ureg():
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


def _raw() -> dict:
    return yaml.load((DATA / "lexicon.yaml").read_text(encoding="utf-8"), Loader=_LOADER)


def _cached_factors() -> dict:
    path = DATA / "si_factors.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def build_si_factors() -> Path:
    """Write data/si_factors.json from pint for every unit in the lexicon."""
    raw = _raw()
    out = {}
    for kind, table in raw["units"].items():
        si = raw["si_units"][kind]
        for pint_unit in table:
            out[f"{pint_unit} -> {si}"] = list(pint_factor(pint_unit, si))
    path = DATA / "si_factors.json"
    path.write_text(json.dumps(out, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return path


def _unit_info(kind: str, pint_unit: str, si_unit: str, cache: dict) -> UnitInfo:
    f = cache.get(f"{pint_unit} -> {si_unit}")
    factor, offset = f if f else pint_factor(pint_unit, si_unit)
    return UnitInfo(kind, pint_unit, float(factor), float(offset), si_unit)


@functools.lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    raw = _raw()
    cache = _cached_factors()
    si_units = raw["si_units"]
    units: dict[str, UnitInfo] = {}
    by_pint: dict[str, UnitInfo] = {}
    for kind, table in raw["units"].items():
        for pint_unit, aliases in table.items():
            info = _unit_info(kind, pint_unit, si_units[kind], cache)
            by_pint[pint_unit] = info
            for a in aliases:
                units[_norm(str(a))] = info
    units_cs = {k: by_pint[v] for k, v in raw["case_sensitive"].items()}
    max_tokens = max(len(re.findall(r"\w+|[^\w\s]", a)) for a in units) + 1
    cur = raw["currencies"]
    cur_words = {}
    for code, words in cur["words"].items():
        for w in words:
            cur_words[_norm(w)] = code
    number_words = {_norm(k): float(v) for k, v in raw["number_words"].items()}
    vague = {_norm(k): float(v) for k, v in raw["vague_numbers"].items()}
    fractions = {_norm(k): float(v) for k, v in raw["fractions"].items()}
    first = set()
    for d in (number_words, vague, fractions):
        for k in d:
            first.add(re.split(r"[\s-]", k)[0])
    mods_before = {_norm(k): v for k, v in raw["modifiers_before"].items()}
    cn = raw["counted_nouns"]
    return Lexicon(
        units=units,
        units_cs=units_cs,
        attached_only=frozenset(str(a) for a in raw["attached_only"]),
        max_unit_tokens=max_tokens,
        percent=frozenset(_norm(p) for p in raw["percent"]),
        currency_symbols=dict(cur["symbols"]),
        currency_words=cur_words,
        ambiguous_pound=frozenset(cur["ambiguous_pound"]),
        scales={k: float(v) for k, v in raw["scales"].items()},
        number_words=number_words,
        vague_numbers=vague,
        fractions=fractions,
        phrase_first_words=frozenset(first),
        multiplier_words=frozenset(raw["multiplier_words"]),
        multiplier_lexemes={k: float(v) for k, v in raw["multiplier_lexemes"].items()},
        multiplier_followers=frozenset(raw["multiplier_followers"]),
        frequency_followers=frozenset(raw["frequency_followers"]),
        mods_before=mods_before,
        mods_after={_norm(k): v for k, v in raw["modifiers_after"].items()},
        max_before_words=max(len(k.split()) for k in mods_before),
        max_measures=frozenset(_norm(m) for m in raw["max_measures"]),
        duration_point_followers=frozenset(raw["duration_point_followers"]),
        people_nouns=frozenset(cn["people"]),
        casualty_words=frozenset(cn["casualty_words"]),
        measure_verbs=frozenset(raw["measure_verbs"]),
        directions=frozenset(raw["directions"]),
        uncounted_nouns=frozenset(raw["uncounted_nouns"]),
        age_followers=frozenset(raw["age_followers"]),
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
