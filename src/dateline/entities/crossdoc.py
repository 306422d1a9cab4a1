"""Which stored cross-document entity a document's entity is: the decision, without the SQL.

A document's entity is looked up by keys (``lookup_keys``): the normalised forms of its
names, its core name ("apple" for "Apple Inc."), a person's first and last word, the
initials of a long name, a curated canonical name, a gazetteer id. The stored entities
sharing a key are the candidates (``table.py`` fetches them); ``choose`` keeps the
compatible ones and picks one, or none (a new entity):

- types must be kin (``names.kin``), except a one-word name the model typed otherwise
  ("Trump ORG") joining an established entity much more often seen;
- two people with different full names never join (Barack vs Michelle Obama), and a
  full name never joins an entity known only by the bare surname;
- a one-word person joins the one full name it fits; several: the one sharing most
  other entities with the document, else the bare-surname entity, else a new one;
- places with two different gazetteer entries never join; one entry joins its entity;
- a name with a model number ("iPhone 4") joins only that name with that number, never the
  bare name or another model, whatever aliases they share;
- otherwise the candidate whose name is the document entity's name, then the one
  sharing most of its names; an acronym alone joins only an unambiguous expansion.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from . import names

_SLUG = re.compile(r"[^0-9a-z&]+")
# a one-word name typed against the corpus joins when the corpus has seen it this much more
_ESTABLISHED = 3


@dataclass(frozen=True, slots=True)
class DocEntity:
    """One document's entity as the cross-document linker sees it."""

    key: str  # the per-document EntityKey, written LABEL:name
    name: str
    label: str
    mentions: int
    links: int
    aliases: tuple[tuple[str, int], ...]  # names as written, with how often
    titles: tuple[tuple[str, int], ...]  # titles and role descriptions written with it
    geonameid: int | None = None

    @property
    def one_word(self) -> bool:
        return len(names.person_core(self.name).split()) == 1

    def full_names(self) -> set[str]:
        return {names.person_core(a) for a, _ in self.aliases if len(names.person_core(a).split()) > 1}


@dataclass(frozen=True, slots=True)
class Candidate:
    """A stored entity sharing at least one lookup key with the document's entity."""

    entity_id: str
    name: str
    label: str
    mentions: int
    geonameid: int | None
    matched: Mapping[str, str]  # lookup key -> the kind of stored key it matched (name, part, title, geo)


def lookup_keys(e: DocEntity) -> dict[str, str]:
    """Keys to look the entity up by, each with its kind: name | part | geo."""
    keys: dict[str, str] = {}
    for form in sorted({e.name, *(a for a, _ in e.aliases)}):  # sorted: the same keys in the same order in every run
        keys[names.norm(form)] = "name"
    for k, kind in stored_keys(e, initials=False).items():
        keys.setdefault(k, kind)  # a long name is not looked up by its initials ("Apple Corps" is no "AC")
    return {k: v for k, v in keys.items() if k}


def stored_keys(e: DocEntity, initials: bool = True) -> dict[str, str]:
    """Keys a stored entity answers to besides its names: parts of its names (and the
    initials of a long one, for an acronym to find), its place."""
    keys: dict[str, str] = {}
    for form in sorted({e.name, *(a for a, _ in e.aliases)}):  # sorted: stored in the same order whatever the hash seed
        for part in sorted(_parts(form, e.label, initials)):
            keys.setdefault(part, "part")
    if e.geonameid is not None:
        keys[f"geo:{e.geonameid}"] = "geo"
    return keys


def _parts(form: str, label: str, initials: bool) -> set[str]:
    out: set[str] = set()
    cur = names.curated_entity(form)
    if cur is not None:
        out.add(names.norm(cur[0]))
    if label == "PERSON":
        ws = names.person_core(form).split()
        if len(ws) > 1:
            out.update({ws[0], ws[-1], " ".join(ws)})
        return out
    core = names.core(form, label)
    out.add(core)
    short = names.short_form(form)
    if short:
        out.add(short)
    single = names.singular(core)
    if single:
        out.add(single)  # "iPods" is the iPod: a plural names the thing of the singular name
    if initials and len(core.split()) > 1:
        out.add(names.initials(form))
    return out


def slug(name: str) -> str:
    """A readable entity id from a name: "Vladimir Putin" -> "vladimir-putin"."""
    return _SLUG.sub("-", names.norm(name)).strip("-") or "entity"


def choose(
    e: DocEntity,
    cands: list[Candidate],
    shared: Callable[[list[str]], Mapping[str, int]],
    blocked: frozenset[str] = frozenset(),
) -> str | None:
    """The stored entity the document's entity is, or None for a new one."""
    ok = [c for c in cands if c.entity_id not in blocked and compatible(e, c)]
    if not ok:
        return None
    if e.geonameid is not None:
        same_place = [c for c in ok if f"geo:{e.geonameid}" in c.matched]
        if same_place:
            return _most_seen(same_place).entity_id
    if e.label == "PERSON" and e.one_word:
        return _one_word_person(e, ok, shared)
    return _by_names(e, ok)


def compatible(e: DocEntity, c: Candidate) -> bool:
    if e.geonameid is not None and c.geonameid is not None and e.geonameid != c.geonameid:
        return False
    established = e.one_word and c.mentions >= _ESTABLISHED * e.mentions and _name_matched(e, c)
    if not names.kin(e.label, c.label) and not established:
        return False
    if "PERSON" in (e.label, c.label) and (e.label == c.label or not e.one_word):
        return _same_person_names(e, c)
    return _same_version(e.name, c.name)


def _same_version(a: str, b: str) -> bool:
    """ "iPhone 4" is not the "iPhone 3GS" nor the "iPhone" (one of its aliases may be): a name
    with a model number joins only the same name with the same number."""
    va, vb = names.version_of(a), names.version_of(b)
    if va is None and vb is None:
        return True
    return names.norm(a) == names.norm(b) or (va != names.norm(b) and vb != names.norm(a) and va != vb)


def _name_matched(e: DocEntity, c: Candidate) -> bool:
    return c.matched.get(names.norm(e.name)) in ("name", "part")


def _same_person_names(e: DocEntity, c: Candidate) -> bool:
    """Full names must agree: a full name joins an entity with that full name only."""
    mine = e.full_names()
    theirs = names.person_core(c.name).split()
    if not mine:
        return True  # a one-word name: checked against the candidates' full names later
    if len(theirs) < 2:
        return False  # an entity known only by a bare surname is ambiguous: keep full names out
    return any(c.matched.get(n) == "name" or names.same_person(n, c.name) for n in mine)


def _one_word_person(e: DocEntity, ok: list[Candidate], shared: Callable[[list[str]], Mapping[str, int]]) -> str | None:
    fulls = [c for c in ok if len(names.person_core(c.name).split()) > 1 and names.same_person(e.name, c.name)]
    if len(fulls) == 1:
        return fulls[0].entity_id
    if len(fulls) > 1:
        counts = shared([c.entity_id for c in fulls])
        ranked = sorted(fulls, key=lambda c: (-counts.get(c.entity_id, 0), c.entity_id))
        top = counts.get(ranked[0].entity_id, 0)
        if top > 0 and counts.get(ranked[1].entity_id, 0) < top:
            return ranked[0].entity_id
    bare = [c for c in ok if names.norm(c.name) == names.norm(e.name)]
    return bare[0].entity_id if bare else None


def _by_names(e: DocEntity, ok: list[Candidate]) -> str | None:
    mine = names.norm(e.name)
    exact = [c for c in ok if names.norm(c.name) == mine or c.matched.get(mine) == "name"]
    if exact:
        return _most_seen(exact).entity_id
    acronym_only = names.is_acronym(e.name) and len(e.aliases) <= 1
    if acronym_only:
        return ok[0].entity_id if len(ok) == 1 else None
    return max(ok, key=lambda c: (len(c.matched), c.mentions, c.entity_id)).entity_id


def _most_seen(cands: list[Candidate]) -> Candidate:
    return max(cands, key=lambda c: (c.mentions, c.entity_id))
