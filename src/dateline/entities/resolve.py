"""Name mentions -> the document's entities: one key, one type and one name each.

The stage's first half (the second is ``coref.py``): the model's mentions are cleaned
(``clean.py``), grouped (``cluster.py``) and typed by vote (``vote.py``); each group
becomes one :class:`Entity` whose key every one of its mentions carries. Titles moved
out of a name ("President" in "President Obama") become ``title`` links.
"""

from __future__ import annotations

import dataclasses
from collections import Counter

from ..nlp.lexicon import english
from ..types import Entity, EntityKey, EntityLink, Mention, ParsedDoc
from . import names
from .clean import Cand, candidates, found_again
from .cluster import cluster
from .state import hyphenated_start
from .vote import cue_votes, entity_type, pronoun_votes


def resolve_names(parsed: ParsedDoc) -> tuple[ParsedDoc, tuple[EntityLink, ...]]:
    """The document with resolved name mentions and entities, and the title links."""
    cands, others = candidates(parsed)
    cands += found_again(parsed, cands)
    for c in cands:
        cue_votes(parsed, c)
    pronoun_votes(parsed, cands)
    by_key: dict[EntityKey, list[Cand]] = {}
    for group in cluster(parsed, cands):
        key = _key_of(group)
        by_key.setdefault(key, []).extend(group)
    mentions: list[Mention] = list(others)
    links: list[EntityLink] = []
    entities: list[Entity] = []
    for key, group in by_key.items():
        for c in group:
            mentions.append(_mention(c, key))
            if c.title is not None:
                links.append(_title_link(parsed, c, key))
        entities.append(_entity(key, group))
    entities += _time_entities(others)
    mentions.sort(key=lambda m: (m.start, m.end))
    entities.sort(key=lambda e: (-e.mentions, e.name, str(e.key)))
    out = dataclasses.replace(parsed, mentions=tuple(mentions), entities=tuple(entities))
    return out, tuple(sorted(links, key=lambda x: (x.start, x.end)))


def _key_of(group: list[Cand]) -> EntityKey:
    # one-word and longer names together make a person ("Trump", "Donald Trump"); a name and its
    # model ("iPhone", "iPhone 4") do not
    named = [c for c in group if names.version_of(c.text) is None]
    sizes = {len(c.text.split()) > 1 for c in named if c.label in ("PERSON", "")} | {
        len(c.text.split()) > 1 for c in named if c.label == "PERSON"
    }
    label = entity_type(group, sizes == {True, False})
    return EntityKey(label, canonical_name(group, label))


def canonical_name(group: list[Cand], label: str) -> str:
    """The ruler's or the curated name when there is one; a person's fullest name; else the commonest."""
    rids = Counter(c.rid for c in group if c.rid)
    if rids:
        return rids.most_common(1)[0][0]
    for c in group:
        cur = names.curated_entity(c.text)
        if cur is not None:
            return cur[0]
    texts = Counter(c.text for c in group if not c.found) or Counter(c.text for c in group)
    models = {names.version_of(c.text) for c in group} - {None}
    texts = Counter({t: n for t, n in texts.items() if names.norm(t) not in models}) or texts  # "iPhone 4"
    if label == "PERSON":
        return max(texts, key=lambda t: (len(t.split()), texts[t], -_first(group, t)))
    return max(texts, key=lambda t: (texts[t], len(t), -_first(group, t)))


def _first(group: list[Cand], text: str) -> int:
    return min(c.start for c in group if c.text == text)


def _mention(c: Cand, key: EntityKey) -> Mention:
    # an adjectival demonym keeps its own label ("Russian" NORP) and names its country's entity
    label = c.label if c.label == "NORP" and key.label != "NORP" else key.label
    return Mention(c.start, c.end, c.text, label, c.sentence, c.token_start, c.token_end, key)


def _title_link(parsed: ParsedDoc, c: Cand, key: EntityKey) -> EntityLink:
    """The title, with the names that qualify it: "North Korean leader", "Apple CEO"."""
    a, b = c.title or (c.token_start, c.token_start)
    toks = parsed.tokens
    a = hyphenated_start(toks, a)
    while a > 0 and toks[a - 1].sentence == c.sentence and toks[a - 1].ent_type in _QUALIFIERS:
        if toks[a - 1].ent_iob == "O" or toks[a - 1].pos == "PUNCT":
            break
        a -= 1
    s, e = toks[a].start, toks[b - 1].end
    return EntityLink(s, e, parsed.text[s:e], c.sentence, a, b, b - 1, "title", key)


_QUALIFIERS = ("NORP", "ORG", "GPE")


def _time_entities(others: list[Mention]) -> list[Entity]:
    """Dates are listed among a document's entities too (a reader looks for them there)."""
    times = english().labels.times
    counts = Counter(m.entity for m in others if m.label in times)
    return [Entity(k, k.name, k.label, n) for k, n in counts.items()]


def _entity(key: EntityKey, group: list[Cand]) -> Entity:
    aliases = sorted({c.text for c in group} - {key.name})
    return Entity(key, key.name, key.label, len(group), tuple(aliases))
