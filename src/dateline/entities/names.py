"""Name normalisation and the one same-entity decision.

Everything in Dateline that asks "is Putin Vladimir Putin?" asks :func:`same_entity`;
everything that compares names compares :func:`norm` (or :func:`core`) forms. The
words involved (honorifics, titles, company suffixes, demonyms, curated aliases) are
data (``data/names.yaml``, ``data/aliases.yaml``, ``data/demonyms.yaml``).

- ``norm``: case, diacritics, dots, hyphens, a leading "the" and a possessive do not
  make a different name ("Kim Jong-un" = "Kim Jong Un", "U.S." = "US").
- ``core``: ``norm`` without honorifics and titles in front ("Mr Trump" -> "trump")
  and without company-form suffixes ("Apple Inc." -> "apple").
- ``same_entity(a, b)``: two names (or ``EntityKey``s) of compatible types name one
  entity when their cores are equal, when one is a curated alias or the acronym of
  the other, when a demonym names its country, or, for people, when a one-word name
  is the first or last word of the other and no first names differ
  ("Obama" ~ "Barack Obama"; "Barack Obama" vs "Michelle Obama": no).
"""

from __future__ import annotations

import functools
import re
import unicodedata

from ..types import EntityKey
from ._data import curated, demonyms, name_words, resolve_data

_SPACES = re.compile(r"[\s\-‐‑–_/]+")
_POSSESSIVE = re.compile(r"(’s|'s|’|')$")
_DOTS = re.compile(r"(?<!\d)\.|\.(?!\d)")  # "U.S." -> "US", but "10.4" stays
_EDGE = re.compile(r"^[\W_]+|[\W_]+$")
_PERSON_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


@functools.lru_cache(maxsize=65536)
def norm(name: str) -> str:
    """Lower case, no diacritics or dots, single spaces, no leading "the" or trailing possessive."""
    text = unicodedata.normalize("NFKD", name.strip())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _POSSESSIVE.sub("", text)
    text = _DOTS.sub("", text).replace(",", " ")
    words = _SPACES.sub(" ", text).casefold().split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return _EDGE.sub("", " ".join(words))


def words(name: str) -> list[str]:
    return norm(name).split()


@functools.cache
def _titles_by_length() -> tuple[tuple[str, ...], ...]:
    nw = name_words()
    phrases = {tuple(norm(t).split()) for t in nw.titles | nw.honorifics | nw.female_titles | nw.male_titles}
    return tuple(sorted(phrases, key=len, reverse=True))


def title_prefix(ws: list[str]) -> int:
    """How many leading words are titles, honorifics or their modifiers ("former US President")."""
    mods = name_words().title_modifiers
    k = 0
    while k < len(ws):
        if ws[k] in mods and k + 1 < len(ws):
            j = _title_at(ws, k + 1)
            if j:
                k = j
                continue
        j = _title_at(ws, k)
        if not j:
            break
        k = j
    return k


@functools.cache
def _titles_by_first_word() -> dict[str, tuple[tuple[str, ...], ...]]:
    """The title phrases by their first word, longest first (a lookup, not a scan of all)."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for phrase in _titles_by_length():
        if phrase:
            out.setdefault(phrase[0], []).append(phrase)
    return {w: tuple(ps) for w, ps in out.items()}


def _title_at(ws: list[str], k: int) -> int:
    if k >= len(ws):
        return 0
    for phrase in _titles_by_first_word().get(ws[k], ()):
        n = len(phrase)
        if tuple(ws[k : k + n]) == phrase:
            return k + n
    return 0


@functools.lru_cache(maxsize=65536)
def person_core(name: str) -> str:
    """A person's name without titles, honorifics or "Jr."."""
    ws = words(name)
    k = title_prefix(ws)
    ws = ws[k:] if k < len(ws) else ws
    while len(ws) > 1 and ws[-1] in _PERSON_SUFFIXES:
        ws = ws[:-1]
    return " ".join(ws)


def org_core(name: str) -> str:
    """An organisation's name without company-form suffixes ("Apple Inc." -> "apple")."""
    ws = words(name)
    suffixes = name_words().org_suffixes
    while len(ws) > 1 and (ws[-1] in suffixes or " ".join(ws[-2:]) in suffixes):
        ws = ws[:-2] if " ".join(ws[-2:]) in suffixes else ws[:-1]
    return " ".join(ws)


def core(name: str, label: str = "") -> str:
    """The form two names of one entity share: ``norm`` without titles or company suffixes."""
    if label == "PERSON":
        return person_core(name)
    return org_core(person_core(name)) if label in ("", "ORG") else org_core(name)


def short_form(name: str) -> str | None:
    """ "Apple Computer" -> "apple", "iTunes Music Store" -> "itunes": the name without a
    trailing company or product descriptor, if it has one."""
    ws = org_core(name).split()
    nw = name_words()
    for n in (2, 1):
        tail = " ".join(ws[-n:])
        if len(ws) > n and (tail in nw.org_descriptors or tail in nw.product_descriptors):
            return " ".join(ws[:-n])
    return None


def version_of(name: str) -> str | None:
    """ "iPhone 4" -> "iphone", "iOS 5" -> "ios": the normalised name a model number follows
    (two words, the second a version: ``resolve.yaml`` version_pattern), else None."""
    raw = name.split()
    if len(raw) != 2 or not resolve_data().version_rx.match(raw[1]):
        return None
    return norm(raw[0])


_NOT_PLURAL_ENDS = ("ss", "us", "is", "os")


def singular(core_name: str) -> str | None:
    """ "ipods" -> "ipod", "galaxy phones" -> "galaxy phone": the form without a plural "s" on the
    last word, for names of things (a lookup key: "itunes" -> "itune" finds nothing to join)."""
    ws = core_name.split()
    last = ws[-1] if ws else ""
    if len(last) < 4 or not last.endswith("s") or last.endswith(_NOT_PLURAL_ENDS) or not last.isalpha():
        return None
    return " ".join([*ws[:-1], last[:-1]])


def initials(name: str) -> str:
    """ "International Monetary Fund" -> "imf"; words like "of" and "the" are skipped."""
    skip = name_words().acronym_skip
    return "".join(w[0] for w in words(name) if w not in skip and w[0].isalnum())


def is_acronym(text: str) -> bool:
    """ "IMF", "U.N.", "DUP", "NATO": two to six capitals, dots allowed."""
    letters = text.replace(".", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


def is_acronym_of(short: str, long: str) -> bool:
    """Whether ``short`` is made of the initials of ``long``'s words (``long`` has two or more)."""
    if not is_acronym(short) or len(words(long)) < 2:
        return False
    return norm(short).replace(" ", "") == initials(long)


@functools.cache
def _curated_index() -> dict[str, tuple[str, str]]:
    out: dict[str, tuple[str, str]] = {}
    for e in curated().entries:
        for form in (e.name, *e.aliases):
            out.setdefault(norm(form), (e.name, e.label))
    return out


def curated_entity(name: str) -> tuple[str, str] | None:
    """(canonical name, type) when the curated alias file knows the name."""
    return _curated_index().get(norm(name))


@functools.cache
def _demonym_index() -> dict[str, str]:
    return {norm(k): v for k, v in demonyms().countries.items()}


def demonym_country(text: str) -> str | None:
    """ "Russian" -> "Russia"; None when the word is no demonym we know."""
    return _demonym_index().get(norm(text))


def female(word: str) -> bool | None:
    """True for "Mrs" or "first lady", False for "Mr" or "king", None when the words say nothing."""
    w = norm(word)
    nw = name_words()
    if w in nw.female_honorifics or w in nw.female_titles:
        return True
    if w in nw.male_honorifics or w in nw.male_titles:
        return False
    return None


def title_head(title: str) -> str:
    """The word a title is about: "former US President" -> "president", "President-elect" -> "president"."""
    ws = words(title)
    if len(ws) > 1 and ws[-1] == "elect":
        ws = ws[:-1]
    return ws[-1] if ws else ""


def kin(a: str, b: str) -> bool:
    """Whether two types can name one entity (equal, or in one group of ``kin_labels``)."""
    if a == b or not a or not b:
        return True
    return any(a in group and b in group for group in resolve_data().kin_labels)


def _key(x: EntityKey | str) -> EntityKey:
    return x if isinstance(x, EntityKey) else EntityKey.parse(x)


def same_entity(a: EntityKey | str, b: EntityKey | str) -> bool:
    """Whether two names (``EntityKey``s or ``LABEL:name`` strings) name one entity."""
    ka, kb = _key(a), _key(b)
    if not kin(ka.label, kb.label):
        return False
    if ka.label == "PERSON" or kb.label == "PERSON":
        return ka.label == kb.label and same_person(ka.name, kb.name)
    return same_thing(ka.name, kb.name, ka.label or kb.label)


def same_person(a: str, b: str) -> bool:
    """Full names must be equal; a one-word name is the first or last word of the other."""
    wa, wb = person_core(a).split(), person_core(b).split()
    if not wa or not wb:
        return False
    if wa == wb:
        return True
    if len(wa) > 1 and len(wb) > 1:
        return False
    short, long_ = (wa, wb) if len(wa) < len(wb) else (wb, wa)
    return short[0] in (long_[0], long_[-1])


def same_thing(a: str, b: str, label: str = "") -> bool:
    """Organisations, places, products: equal cores, a curated alias, an acronym, a demonym."""
    ca, cb = core(a, label), core(b, label)
    if ca and ca == cb:
        return True
    ea, eb = curated_entity(a), curated_entity(b)
    if ea is not None and ea == eb:
        return True
    if is_acronym_of(a, b) or is_acronym_of(b, a):
        return True
    da, db = demonym_country(a), demonym_country(b)
    return norm(da or a) == norm(db or b) if (da or db) else False


def names_match(asked: str, name: str) -> bool:
    """A looser test for a name typed by a user: one name's words inside the other's
    ("Kim" ~ "Kim Jong Un", "Vostochny Cosmodrome" ~ "Vostochny"), or :func:`same_entity`."""
    qa, qb = set(words(asked)), set(words(name))
    if not qa or not qb:
        return False
    return qa <= qb or qb <= qa or same_thing(asked, name)
