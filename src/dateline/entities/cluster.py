"""Which name mentions of one document are one entity.

Each rule is one function, applied in order:
1. one spelling: the same core name (``names.core``: no titles, no company suffix,
   case and dots aside), the same ruler id, or one curated entity ("US", "U.S.",
   "United States"); an adjectival demonym ("Russian president") names its country;
2. definitions in the text: "the International Monetary Fund (IMF)", "the
   Democratic Unionist Party, or DUP";
3. acronyms made of a longer name's initials, when one name here fits;
4. short forms: "Apple Computer" is "Apple" when "Apple" is a name here too; a one-word
   product name is the one model of it the document names ("iPhone" beside "iPhone 4") when
   it names that model as often or more;
5. people: full names that differ by a doubled letter only are one ("Hilary Clinton");
   a one-word name ("Putin", "Mrs Clinton") is the person whose full name
   starts or ends with it, when exactly one does; several candidates ("Barack Obama",
   "Michelle Obama") are told apart by a title or a gender the text gives, or when the
   document names one of them far more often than the others, and
   otherwise the name stays an entity of its own, typed a person ("Trump" beside
   "Donald Trump" and "Melania Trump" is no organisation, whatever the model says).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..types import ParsedDoc
from . import names
from ._data import resolve_data
from .clean import Cand
from .vote import entity_type

_ADJ_DEPS = ("amod", "compound", "nmod", "npadvmod")
_PERSONISH_LABELS = ("PERSON", "ORG", "GPE", "NORP", "")


@dataclass
class Group:
    """The mentions of one entity so far."""

    key: str
    cands: list[Cand] = field(default_factory=list)

    @property
    def words(self) -> list[str]:
        return self.key.split()


class Groups:
    """Groups by key, merged as the rules find them one."""

    def __init__(self) -> None:
        self.by_key: dict[str, Group] = {}

    def add(self, key: str, c: Cand) -> None:
        self.by_key.setdefault(key, Group(key)).cands.append(c)

    def merge(self, into: Group, other: Group) -> None:
        if into is other:
            return
        into.cands.extend(other.cands)
        other.cands = []
        for k, g in list(self.by_key.items()):
            if g is other:
                self.by_key[k] = into

    def live(self) -> list[Group]:
        seen: dict[int, Group] = {}
        for g in self.by_key.values():
            if g.cands:
                seen.setdefault(id(g), g)
        return list(seen.values())

    def group_of(self, c: Cand) -> Group:
        return next(g for g in self.live() if any(x is c for x in g.cands))


def cluster(parsed: ParsedDoc, cands: list[Cand]) -> list[list[Cand]]:
    """The document's entities, each as the list of its mentions."""
    groups = Groups()
    for c in cands:
        groups.add(_spelling_key(parsed, c), c)
    _definitions(parsed, cands, groups)
    _acronyms(groups)
    _short_forms(groups)
    _versions(groups)
    _people(groups)
    return [g.cands for g in groups.live()]


def _spelling_key(parsed: ParsedDoc, c: Cand) -> str:
    country = names.demonym_country(c.text) if c.label == "NORP" else None
    if country and parsed.tokens[c.token_end - 1].dep in _ADJ_DEPS and not c.text.endswith("s"):
        c.rid = country  # "the Russian president": the country, named as the country
        c.vote("GPE", resolve_data().vote.demonym)
    if c.rid:
        return names.norm(c.rid)
    cur = names.curated_entity(c.text)
    if cur is not None:
        return names.norm(cur[0])
    return names.core(c.text) or names.norm(c.text)


def _definitions(parsed: ParsedDoc, cands: list[Cand], groups: Groups) -> None:
    """ "Name (ABC)" and "Name, or ABC,": the text defines the short form."""
    at = {c.token_start: c for c in cands}
    toks = parsed.tokens
    for c in cands:
        k = c.token_end
        if k + 1 >= len(toks) or toks[k].sentence != c.sentence:
            continue
        if toks[k].text == "(":
            other = at.get(k + 1)
            close = other.token_end if other else -1
            if other and close < len(toks) and toks[close].text == ")":
                groups.merge(groups.group_of(c), groups.group_of(other))
        elif toks[k].text == "," and toks[k + 1].text.lower() == "or":
            other = at.get(k + 2)
            if other and names.is_acronym(other.text):
                groups.merge(groups.group_of(c), groups.group_of(other))


def _acronyms(groups: Groups) -> None:
    """ "IMF" is the International Monetary Fund when that is the one name here with those initials."""
    live = groups.live()
    by_initials: dict[str, list[Group]] = {}
    for g in live:
        if len(g.words) > 1 and not _personish(g):
            by_initials.setdefault(names.initials(g.cands[0].text), []).append(g)
    for g in live:
        text = g.cands[0].text if g.cands else ""
        if not names.is_acronym(text):
            continue
        found = by_initials.get(names.norm(text).replace(" ", ""), [])
        if len(found) == 1:
            groups.merge(found[0], g)


def _short_forms(groups: Groups) -> None:
    """ "Apple Computer" joins "Apple" when "Apple" is named here too."""
    for g in groups.live():
        if _personish(g) or not g.cands:
            continue
        short = names.short_form(g.cands[0].text)
        target = groups.by_key.get(short) if short else None
        if target is not None and target.cands and not _personish(target):
            groups.merge(target, g)


def _versions(groups: Groups) -> None:
    """ "the new iPhone" in a report about the "iPhone 4": a one-word product name is the
    version of it the document names (a model number after it), when it names that version as
    often or more, and far more often (``dominant_name_ratio``) than any other version."""
    live = groups.live()
    for g in live:
        if len(g.words) != 1 or not g.cands or entity_type(g.cands, False) != "PRODUCT":
            continue
        versions = [h for h in live if h.cands and names.version_of(h.cands[0].text) == g.words[0]]
        versions.sort(key=lambda h: -len(h.cands))
        if not versions or len(versions[0].cands) < len(g.cands):
            continue
        if len(versions) > 1 and len(versions[0].cands) < resolve_data().dominant_name_ratio * len(versions[1].cands):
            continue  # "iPhone 4" beside "iPhone 3GS" as often: the bare name is neither
        if entity_type(versions[0].cands, False) == "PRODUCT":
            groups.merge(versions[0], g)


@dataclass
class _Who:
    """What the text says about a person's name: its titles (head words) and gender."""

    titles: set[str]
    female: bool | None


def _who(cands: Iterable[Cand]) -> _Who:
    titles: set[str] = set()
    female: bool | None = None
    for c in cands:
        if c.title is None:
            continue
        if c.honorific:  # "Mrs": a gender, not a role
            f = names.female(c.honorific)
        else:
            titles.add(names.title_head(c.title_text))
            f = names.female(c.title_text)
        female = f if f is not None else female
    return _Who(titles, female)


def _personish(g: Group) -> bool:
    """A person by the votes so far (its type is decided once the groups are final)."""
    return bool(g.cands) and entity_type(g.cands, False) == "PERSON"


def _spellings(groups: Groups) -> None:
    """ "Hilary Clinton" is "Hillary Clinton": full names of people that differ only by a doubled letter."""
    seen: dict[str, Group] = {}
    for g in groups.live():
        if len(g.words) > 1 and _personish(g):
            key = " ".join(_single_letters(w) for w in g.words)
            if key in seen:
                groups.merge(seen[key], g)
            else:
                seen[key] = g


def _single_letters(word: str) -> str:
    return "".join(ch for k, ch in enumerate(word) if k == 0 or ch != word[k - 1])


def _people(groups: Groups) -> None:
    """One-word names join the one full name here that starts or ends with them."""
    _spellings(groups)
    live = groups.live()
    full_by_word: dict[str, list[Group]] = {}
    for g in live:
        if len(g.words) > 1 and _personish(g):
            for w in {g.words[0], g.words[-1]}:
                full_by_word.setdefault(w, []).append(g)
    for g in live:
        if len(g.words) != 1 or not g.cands:
            continue
        fulls = full_by_word.get(g.words[0], [])
        if not fulls or entity_type(g.cands, False) not in _PERSONISH_LABELS:
            continue
        for c in g.cands:  # the first or last word of a person's full name here: a person, joined or not
            c.vote("PERSON", resolve_data().vote.full_person)
        _join_person(groups, g, fulls)


def _join_person(groups: Groups, part: Group, fulls: list[Group]) -> None:
    """Join a one-word name to its full name; when several fit, each titled mention on its own evidence."""
    who_full = {id(f): _who(f.cands) for f in fulls}
    titled = [c for c in part.cands if c.title is not None]
    each = [_who([c]) for c in titled]
    uniform = all(_compatible(a, b) for k, a in enumerate(each) for b in each[k + 1 :])  # no "Mr" beside "Mrs"
    fits = [f for f in fulls if _compatible(_who(part.cands), who_full[id(f)])]
    if len(fits) == 1 and uniform:
        groups.merge(fits[0], part)
        return
    for c in titled:
        mine = _who([c])
        ok = [f for f in fulls if _compatible(mine, who_full[id(f)])]
        strong = [f for f in ok if len(ok) == 1 or _evidence(mine, who_full[id(f)])]
        if len(strong) == 1:
            part.cands.remove(c)
            strong[0].cands.append(c)
    _to_dominant(part, [f for f in fulls if _compatible(_who(part.cands), who_full[id(f)])])


def _to_dominant(part: Group, fulls: list[Group]) -> None:
    """ "Trump" beside "Donald Trump" (6 times) and "Melania Trump" (twice): the untitled mentions
    are the person the document names far more often (``dominant_name_ratio`` times the next)."""
    ranked = sorted(fulls, key=lambda f: -len(f.cands))
    if len(ranked) < 2 or len(ranked[0].cands) < resolve_data().dominant_name_ratio * len(ranked[1].cands):
        return
    untitled = [c for c in part.cands if c.title is None]
    for c in untitled:
        part.cands.remove(c)
        ranked[0].cands.append(c)


def _compatible(a: _Who, b: _Who) -> bool:
    if a.female is not None and b.female is not None and a.female != b.female:
        return False
    return not (a.titles and b.titles and not a.titles & b.titles)


def _evidence(a: _Who, b: _Who) -> bool:
    return bool(a.titles & b.titles) or (a.female is not None and a.female == b.female)
