"""NewsReader MEANTIME gold: entity mentions and their cross-document instances.

Read from the CAT XML of ``intra_cross-doc_annotation/corpus_*`` (see ``eval/cat.py``
for the tokens and the rebuilt text):

- a gold mention is an ``ENTITY_MENTION`` with its ``token_anchor``s; its span is
  the first token's start to the last token's end in the rebuilt text;
- its cluster is the ``instance_id`` of the ``ENTITY`` that a ``REFERS_TO`` relation
  links it to (``<source m_id=mention>`` -> ``<target m_id=entity>``); instance ids
  are shared across the documents of a corpus, so clusters are cross-document.
  A mention no relation links is a cluster of its own (``<doc_id>#<m_id>``);
- its class is that ENTITY's ``ent_type`` (PER, ORG, LOC, PRO, FIN, MIX, ...: the
  CLASS column of ``list_instances_*.csv``), empty for an unlinked mention;
- its head, for head matching, is a token span inside the mention:
  - when the annotators wrote a ``head`` attribute (a word or a name, e.g. "court"
    for "a London court", "Apple Inc."), the first run of the mention's tokens that
    spells it, compared case-insensitively, ignoring punctuation tokens and
    punctuation at the ends of words, and letting a word differ by a plural "s"/"es"
    ("versions" for head "version");
  - otherwise (names, pronouns, appositions and conjunctions mostly have none) the
    last token before the first preposition that is not the mention's first word,
    skipping trailing punctuation and possessive markers ("the Royal Courts of
    Justice" -> "Courts", "Steve Jobs" -> "Jobs"; word lists in ``data/meantime.yaml``).
  Punctuation a CAT token carries at the head's end ("Inc.," "3GS.") is no part of the
  head: a comma, semicolon or colon, or a full stop after a digit.
    ``GoldMention.head_rule`` says which rule gave the head.

Not every sentence is annotated alike. MEANTIME annotates every entity mention
(names, descriptions, pronouns, with a ``syntactic_type``) in the first sentences of
each document (the title and about five sentences); after them, the cross-document
layer marks only the mentions of the corpus's selected cross-document entities (no
``syntactic_type``). ``MeantimeCorpus.fully_annotated`` gives, per document, the
character offset where the fully annotated part ends: the end of the last sentence
holding a mention with a syntactic type.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .. import config
from .cat import CatDocument, CatMarkable, CatToken, read_cat_dir

DATA = Path(__file__).parent / "data" / "meantime.yaml"


@dataclass(frozen=True, slots=True)
class MeantimeData:
    prepositions: frozenset[str]
    not_heads: frozenset[str]


@functools.cache
def data() -> MeantimeData:
    return config.load(MeantimeData, DATA)


config.register(DATA, data)


@dataclass(frozen=True, slots=True)
class GoldMention:
    doc_id: str  # the CAT doc_id
    m_id: str
    start: int  # character offsets into the document's rebuilt text
    end: int
    head_start: int
    head_end: int
    text: str
    instance: str  # the cross-document instance: the gold cluster
    ent_class: str  # PER, ORG, LOC, PRO, FIN, MIX, ...; "" when the mention is linked to none
    syntactic_type: str  # NAM, NOM, PRO, APP, CONJ, PRE.NAM, ...
    head_rule: str  # "attribute" or "last word before a preposition"


@dataclass(frozen=True, slots=True)
class MeantimeCorpus:
    documents: tuple[CatDocument, ...]
    mentions: tuple[GoldMention, ...]
    fully_annotated: tuple[tuple[str, int], ...] = ()  # (doc_id, end offset of the fully annotated part)


def _word(text: str) -> str:
    """A word for head comparison: lower case, no punctuation at its ends."""
    return "".join(text.lower().split()).strip("".join(_PUNCT))


_PUNCT = frozenset(chr(c) for c in range(0x2070) if unicodedata.category(chr(c)).startswith("P"))


def _same_word(token: str, head: str) -> bool:
    return token == head or token in (head + "s", head + "es") or head in (token + "s", token + "es")


def _head_by_attribute(toks: list[CatToken], head: str) -> tuple[CatToken, CatToken] | None:
    words = [w for w in (_word(x) for x in head.split()) if w]
    content = [t for t in toks if _word(t.text)]  # punctuation tokens ("Wal - Mart") do not count
    if not words:
        return None
    for i in range(len(content) - len(words) + 1):
        if all(_same_word(_word(content[i + k].text), words[k]) for k in range(len(words))):
            return content[i], content[i + len(words) - 1]
    return None


def _trailing_punct(word: str) -> int:
    """How many characters at a head's end are punctuation the token carries but the word does
    not ("Inc.," -> 1, "3GS." -> 1): a comma or colon, or a full stop after a digit."""
    n = len(word) - len(word.rstrip(",;:"))
    rest = word[: len(word) - n]
    if rest.endswith(".") and rest[:-1][-1:].isdigit():
        n += 1
    return n if n < len(word) else 0


def _head_by_position(toks: list[CatToken]) -> CatToken:
    cfg = data()
    cut = next((k for k, t in enumerate(toks) if k > 0 and t.text.lower() in cfg.prepositions), len(toks))
    before = toks[:cut]
    while len(before) > 1 and (not _word(before[-1].text) or before[-1].text.lower() in cfg.not_heads):
        before = before[:-1]
    return before[-1]


def _instances(doc: CatDocument) -> dict[str, CatMarkable]:
    """mention m_id -> the ENTITY markable it refers to."""
    entities = {m.m_id: m for m in doc.markables if m.tag == "ENTITY"}
    out: dict[str, CatMarkable] = {}
    for r in doc.relations:
        if r.tag != "REFERS_TO":
            continue
        target = next((entities[t] for t in r.targets if t in entities), None)
        if target is None:
            continue
        for s in r.sources:
            out.setdefault(s, target)
    return out


def _mention(doc: CatDocument, toks: list[CatToken], m: CatMarkable, target: CatMarkable | None) -> GoldMention:
    found = _head_by_attribute(toks, m.attr("head")) if m.attr("head").strip() else None
    rule = "attribute"
    if found is None:
        last = _head_by_position(toks)
        found, rule = (last, last), "last word before a preposition"
    if target is not None:
        instance = target.attr("instance_id") or f"{doc.doc_id}#{target.m_id}"
    else:
        instance = f"{doc.doc_id}#{m.m_id}"
    return GoldMention(
        doc_id=doc.doc_id,
        m_id=m.m_id,
        start=toks[0].start,
        end=toks[-1].end,
        head_start=found[0].start,
        head_end=found[1].end - _trailing_punct(found[1].text),
        text=doc.text[toks[0].start : toks[-1].end],
        instance=instance,
        ent_class=target.attr("ent_type") if target is not None else "",
        syntactic_type=m.attr("syntactic_type"),
        head_rule=rule,
    )


def gold_mentions(doc: CatDocument) -> list[GoldMention]:
    """The document's entity mentions, with span, head, cluster and class."""
    tmap = doc.token_map()
    inst = _instances(doc)
    out = []
    for m in doc.markables:
        if m.tag != "ENTITY_MENTION" or not m.t_ids or any(i not in tmap for i in m.t_ids):
            continue
        toks = sorted((tmap[i] for i in m.t_ids), key=lambda t: t.start)
        out.append(_mention(doc, toks, m, inst.get(m.m_id)))
    return out


def fully_annotated_end(doc: CatDocument, mentions: list[GoldMention]) -> int:
    """Where the part of the document with every entity mention annotated ends (a character offset):
    the end of the last sentence holding a mention with a syntactic type (0 when none has one)."""
    typed = [m.start for m in mentions if m.syntactic_type]
    if not typed:
        return 0
    last = max(t.sentence for t in doc.tokens if t.start <= max(typed))
    return max(t.end for t in doc.tokens if t.sentence == last)


def read_corpus(folder: str | Path, limit: int | None = None) -> MeantimeCorpus:
    """A MEANTIME corpus folder of CAT files (the first ``limit`` documents by file name)."""
    docs = read_cat_dir(folder, limit)
    mentions = {d.doc_id: gold_mentions(d) for d in docs}
    full = tuple((d.doc_id, fully_annotated_end(d, mentions[d.doc_id])) for d in docs)
    return MeantimeCorpus(tuple(docs), tuple(m for d in docs for m in mentions[d.doc_id]), full)
