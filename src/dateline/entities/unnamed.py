"""Entities a document never names: "a U.S. manufacturing company ... the company ... its".

A description of a thing ("the device", "a U.S. manufacturing company") that refers to no
entity named before it stands for an entity of its own, typed by its noun's kind
(``thing_nouns`` in ``data/coref.yaml``): an indefinite one introduces it, a definite one
with the same noun within the description window refers back to it, and pronouns take it
up like any entity seen (``coref.py``). A plural noun for people ("users", ``people_nouns``)
is a group of people (PERSON) the same way, taken up by "they"/"their" only (never "he", nor
one of "the two leaders"). Only a chain (two references or more) is kept: a
single description is no entity anyone follows. Such an entity is local to its document
(``Entity.mentions`` is 0: it has no name mention) and never joined across documents
(``entities/table.py``).
"""

from __future__ import annotations

from collections import Counter

from ..types import Entity, EntityKey, EntityLink
from ._data import coref_data
from .state import PERSON, DocState

_DEFINITE = ("the", "this", "that", "these", "those")


def refer(d: DocState, i: int, lem: str, label: str, new: bool) -> None:
    """The thing description at ``i`` named nothing: it introduces an unnamed entity (``new``:
    an indefinite) or refers back to the latest one of its noun."""
    if not new:
        window = coref_data().description_window
        s = d.toks[i].sentence
        for x in reversed(d.persons if label == PERSON else d.things):
            if s - x.sentence > window:
                break
            if x.i < i and d.unnamed.get(x.key) == lem:
                d.link(i, (x.key,), "description", d.np_span(i))
                return
    base = f"the {lem}"
    n = sum(1 for k in d.unnamed if k.label == label and k.name.split(" #")[0] == base)
    key = EntityKey(label, base if n == 0 else f"{base} #{n + 1}")
    d.unnamed[key] = lem
    d.link(i, (key,), "description", d.np_span(i))


def keep_chains(d: DocState) -> None:
    """Drop the unnamed entities referred to once: their one link goes."""
    count: Counter[EntityKey] = Counter(k for keys in d.out.values() for k in keys if k in d.unnamed)
    for i in [i for i, keys in d.out.items() if any(k in d.unnamed and count[k] < 2 for k in keys)]:
        keys = tuple(k for k in d.out[i] if k not in d.unnamed or count[k] >= 2)
        if keys:
            d.out[i] = keys
        else:
            del d.out[i], d.kind[i], d.span[i]


def unnamed_entities(named: tuple[Entity, ...], links: tuple[EntityLink, ...]) -> list[Entity]:
    """The document's unnamed entities, from the links to keys no named entity has: each called
    by its commonest definite description ("the company"), its other wordings as aliases."""
    known = {e.key for e in named}
    texts: dict[EntityKey, Counter[str]] = {}
    described: dict[EntityKey, Counter[str]] = {}
    for x in links:
        if x.entity not in known:
            texts.setdefault(x.entity, Counter())[x.text] += 1
            if x.kind == "description" and len(x.text.split()) > 1 and x.text.split()[0].lower() in _DEFINITE:
                described.setdefault(x.entity, Counter())[x.text.lower()] += 1
    out = []
    for key, seen in texts.items():
        definite = described.get(key, Counter())
        name = max(sorted(definite), key=lambda t: (definite[t], -len(t))) if definite else key.name.split(" #")[0]
        out.append(Entity(key, name, key.label, 0, tuple(sorted(set(seen) - {name}))))
    return sorted(out, key=lambda e: str(e.key))
