"""An entity's type by vote over all its mentions, with the context each one gives.

The small model's label is one vote per mention; the context adds more, each weight
in ``data/resolve.yaml``: a title or honorific ("Mr Trump") or a full person's name
makes a person; a company suffix ("Inc."), or "shares"/"CEO" after the name, an
organisation; "device"/"player" after it, a camelCase spelling ("iPod") or a model
number ("iPhone 4"), a product; "in"/"near" before it, a place, and digits ("F1")
a vote against one; "... Grand Prix", "Brexit", an event; "... Act", a law; "FTSE 100",
"... Index", an index; the curated alias file, its own type. A person's name is not a
place unless a place cue says so: the cues of one spelling count for all its mentions.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from ..nlp.lexicon import english
from ..types import ParsedDoc, Token
from . import names
from ._data import coref_data, name_words, resolve_data
from .clean import Cand


def cue_votes(parsed: ParsedDoc, c: Cand) -> None:
    """The votes one mention's spelling and neighbours give (added to ``c.cues``)."""
    rd = resolve_data()
    w = rd.vote
    if c.label:
        c.vote(c.label, w.ner_label)
    cur = names.curated_entity(c.rid or c.text)
    if cur is not None:
        c.vote(cur[1], w.curated)
    if c.title is not None and c.person_title:
        c.vote("PERSON", w.honorific if c.honorific else w.title)
    _shape_votes(c)
    _neighbour_votes(parsed.tokens, c)


def _shape_votes(c: Cand) -> None:
    rd = resolve_data()
    w = rd.vote
    ws = names.words(c.text)
    if not ws:
        return
    raw = c.text.split()
    if ws[-1] in name_words().org_suffixes or " ".join(ws[-2:]) in name_words().org_suffixes:
        c.vote("ORG", w.org_suffix)
    if rd.camel_rx.match(raw[0]) or (len(raw) > 1 and rd.version_rx.match(raw[-1]) and c.label != "PERSON"):
        c.vote("PRODUCT", w.product_shape)
    if any(ch.isdigit() for ch in c.text) and c.label in rd.place_labels:
        c.vote(c.label, -w.not_place_shape)
    if rd.event_rx.match(c.text) or _ends_with(ws, rd.event_last_words):
        c.vote("EVENT", w.event_shape)
    if len(ws) > 1 and _ends_with(ws, rd.law_last_words):
        c.vote("LAW", w.law_shape)
    if len(ws) > 1 and ws[-1] in rd.fac_last_words:
        c.vote("FAC", w.fac_shape)
    if ws[0] in rd.index_first_words and (len(ws) > 1 and _ends_with(ws, rd.index_last_words)):
        c.vote("INDEX", w.index_shape)


def _ends_with(ws: list[str], phrases: frozenset[str]) -> bool:
    return ws[-1] in phrases or " ".join(ws[-2:]) in phrases


def _neighbour_votes(toks: Sequence[Token], c: Cand) -> None:
    rd = resolve_data()
    w = rd.vote
    after = _words_after(toks, c)
    if after & rd.org_after_nouns:
        c.vote("ORG", w.org_after)
    elif after & rd.product_after_nouns:
        c.vote("PRODUCT", w.product_after)
    start = c.title[0] if c.title else c.token_start
    before = toks[start - 1] if start > 0 and toks[start - 1].sentence == c.sentence else None
    if before is not None and before.text.lower() in rd.place_before_words:
        c.vote(c.label if c.label in rd.place_labels else "GPE", w.place_before)
    k = c.token_end
    if k + 2 < len(toks) and toks[k].text == "," and toks[k + 1].like_num and toks[k + 2].text in (",", "."):
        c.vote("PERSON", w.age_after)  # "Papermaster, 49,"
    kind = _descriptor_kind(toks, c)
    if kind is not None:
        c.vote(kind, w.descriptor)
    head = toks[c.token_end - 1].head
    if toks[head].text.lower() == "of":
        owner = toks[toks[head].head]
        if {owner.lemma.lower(), owner.text.lower()} & rd.product_of_nouns:
            c.vote("PRODUCT", w.product_after)  # "the price of Marmite"


def _descriptor_kind(toks: Sequence[Token], c: Cand) -> str | None:
    """ "web browser Safari", "U.S. electronics retailer Best Buy", "Tiger, the newest version": the
    type a thing noun describing a name the model took for a person gives it (a compound before the
    name, or its apposition). Only against PERSON: another type flipped in one document alone would
    part it from the same name in the others."""
    if c.label != "PERSON":
        return None
    kinds = coref_data().thing_type
    for k in _describing_nouns(toks, c):
        t = toks[k]
        if t.pos == "NOUN" and t.ent_type == "" and t.lemma.lower() in kinds:
            return kinds[t.lemma.lower()]
    return None


def _describing_nouns(toks: Sequence[Token], c: Cand) -> list[int]:
    """The name's appositions (after it in its sentence, or the noun it is in apposition to) and the
    compound noun right before it, unless someone's ("his car Raikkonen" is a caption's run-on)."""
    last = c.token_end - 1
    near: list[int] = []
    for k in range(last + 1, len(toks)):
        if toks[k].sentence != c.sentence:
            break  # a dependent is never past its sentence's end
        if toks[k].head == last and toks[k].dep == "appos":
            near.append(k)
    if toks[last].dep == "appos":
        near.append(toks[last].head)
    before = c.token_start - 1
    owned = any(t.head == before and t.dep == "poss" for t in toks[max(0, before - 3) : max(0, before)])
    inside = before >= 0 and c.token_start <= toks[before].head < c.token_end
    if inside and toks[before].dep == "compound" and not owned:
        near.append(before)
    return near


def _subject(toks: Sequence[Token], c: Cand) -> bool:
    return toks[c.token_end - 1].dep in ("nsubj", "nsubjpass")


def pronoun_votes(parsed: ParsedDoc, cands: list[Cand]) -> None:
    """ "Clinton spoke in Ohio. She said...": the subject a "he"/"she" takes up next is a person."""
    toks = parsed.tokens
    person = english().pronouns.person_singular
    # a place or nationality the model saw ("Clinton GPE") can be a person; an organisation keeps its
    # label here ("Apple said ... He added": the spokesman), and the corpus's votes decide later
    subjects = sorted(
        ((c.token_start, c) for c in cands if _subject(toks, c) and c.label in ("PERSON", "GPE", "NORP", "LOC", "")),
        key=lambda x: x[0],
    )
    if not subjects:
        return
    starts = [s for s, _ in subjects]
    w = resolve_data().vote.person_pronoun
    for t in toks:
        if t.text.lower() not in person or t.dep not in ("nsubj", "nsubjpass"):
            continue
        k = bisect.bisect_left(starts, t.i) - 1
        if k >= 0 and t.sentence - subjects[k][1].sentence <= 1:
            subjects[k][1].vote("PERSON", w)


def _words_after(toks: Sequence[Token], c: Cand) -> set[str]:
    """The noun after the name, past a possessive ("Apple's CEO" -> "ceo"), and the noun the name
    modifies ("the zPod portable music players" -> "players"), as written and as lemma."""
    out: set[str] = set()
    k = c.token_end
    if k < len(toks) and toks[k].text in ("'s", "’s", "'", "’"):
        k += 1
    if k < len(toks) and toks[k].sentence == c.sentence and toks[k].pos == "NOUN":
        out.update((toks[k].lemma.lower(), toks[k].text.lower()))
    last = toks[c.token_end - 1]
    head = toks[last.head] if last.dep in ("compound", "nmod") and last.head >= c.token_end else None
    if head is not None and head.pos == "NOUN" and head.sentence == c.sentence:
        out.update((head.lemma.lower(), head.text.lower()))
    return out


def entity_type(cands: list[Cand], joined_person: bool) -> str:
    """The type with the most votes; a title or honorific on one mention counts for every mention."""
    rd = resolve_data()
    total: dict[str, float] = {}
    for c in cands:
        for label, v in c.cues.items():
            total[label] = total.get(label, 0.0) + v
    n = len(cands)
    if any(c.title is not None and c.person_title for c in cands):
        total["PERSON"] = total.get("PERSON", 0.0) + rd.vote.title * n
    if joined_person:
        total["PERSON"] = total.get("PERSON", 0.0) + rd.vote.full_person * n
    labels = {c.label for c in cands if c.label}
    best = max(sorted(total), key=lambda k: total[k], default="")
    if not best or total[best] <= 0:  # the model's label was voted down ("F1" is no place)
        return next(iter(sorted(labels - rd.place_labels)), "ORG")
    return best
