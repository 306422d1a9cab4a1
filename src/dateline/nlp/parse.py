"""spaCy ``Doc`` -> :class:`ParsedDoc`: the only place a Doc is read.

Everything downstream works on the frozen records this module returns.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..errors import DocumentTooLarge
from ..ingest.limits import limits
from ..types import Article, Entity, EntityKey, Mention, ParsedDoc, Sentence, Token
from . import segment
from .lexicon import english
from .model import load_pipeline

# Labels that name things; numbers are left to the quantity stage.
NAME_LABELS = english().labels.names
# Dates are listed among a document's entities too (a reader looks for them there);
# their values come from the time stage.
ENTITY_LABELS = NAME_LABELS | english().labels.times
POSSESSIVE = ("’s", "'s", "’", "'")


def parse(article: Article) -> ParsedDoc:
    return next(parse_many([article]))


def parse_many(articles: Iterable[Article], batch_size: int = 32) -> Iterator[ParsedDoc]:
    """Parse articles in order, each in segments of bounded size (``nlp/data/segments.yaml``),
    so that time and memory grow linearly with a document's length.

    A document over ``max_document_chars`` (``ingest/data/limits.yaml``) is refused (E602).
    """
    from spacy.tokens import Doc

    nlp = load_pipeline()
    arts = list(articles) if not isinstance(articles, list) else articles
    cap = limits().max_document_chars
    for a in arts:
        if len(a.text) > cap:
            raise DocumentTooLarge(f"{a.source}: {len(a.text):,} characters, over the limit of {cap:,}")
    pieces = [segment.cut(a.text) for a in arts]
    docs = nlp.pipe((segment.make_doc(nlp, p) for ps in pieces for p in ps), batch_size=batch_size)
    for art, ps in zip(arts, pieces, strict=True):
        parts = [next(docs) for _ in ps]
        yield from_doc(art, parts[0] if len(parts) == 1 else Doc.from_docs(parts, ensure_whitespace=False))


def parse_text(text: str, **article_fields) -> ParsedDoc:
    """Convenience for tests and scorers: parse raw text as an anonymous article."""
    from ..ingest.normalize import make_article

    return parse(make_article(text, source=article_fields.pop("source", "<text>"), **article_fields))


def from_doc(article: Article, doc) -> ParsedDoc:
    sentences: list[Sentence] = []
    sent_of = [0] * len(doc)
    for si, s in enumerate(doc.sents):
        text = s.text.rstrip()  # a paragraph break belongs to no sentence
        sentences.append(Sentence(si, s.start_char, s.start_char + len(text), text, s.start, s.end))
        for k in range(s.start, s.end):
            sent_of[k] = si
    tokens = tuple(
        Token(
            t.i,
            t.text,
            t.idx,
            t.idx + len(t.text),
            t.lemma_,
            t.pos_,
            t.tag_,
            t.dep_,
            t.head.i,
            sent_of[t.i],
            t.ent_type_,
            t.ent_iob_ or "O",
            t.is_stop,
            t.like_num,
        )
        for t in doc
    )
    raw = []
    for e in doc.ents:
        start, end, text = e.start_char, e.end_char, e.text
        # "the Baikonur Cosmodrome": keep the article out of the name
        if e.label_ in NAME_LABELS and text.lower().startswith("the ") and len(e) > 1:
            start, text = start + 4, text[4:]
        for p in POSSESSIVE:
            if e.label_ in NAME_LABELS and text.endswith(p) and len(text) > len(p):
                end, text = end - len(p), text[: -len(p)]
                break
        raw.append((start, end, text, e.label_, sent_of[e.start], e.start, e.end, e.ent_id_ or None))
    mentions, entities = _canonicalize(raw)
    chunks: tuple[tuple[int, int], ...] = ()
    if doc.has_annotation("DEP"):
        chunks = tuple((c.start, c.end) for c in doc.noun_chunks)
    return ParsedDoc(article, tokens, tuple(sentences), mentions, entities, chunks)


def _canonicalize(raw) -> tuple[tuple[Mention, ...], tuple[Entity, ...]]:
    """Group the mentions of one article into entities.

    A person named by a surname or first name alone ("Putin") is the person
    whose full name ends or starts with it ("Vladimir Putin") when exactly one
    such full name occurs; other names group by exact text. Ruler ids give the
    canonical spelling of names we know.
    """
    full_persons: dict[str, str] = {}
    for _, _, text, label, *_rest, rid in raw:
        if label == "PERSON":
            name = rid or text
            full_persons.setdefault(name, name)
    parts_to_full: dict[str, set[str]] = {}
    for name in full_persons:
        words = name.split()
        if len(words) > 1:
            for w in (words[0], words[-1]):
                parts_to_full.setdefault(w, set()).add(name)

    def key_for(text: str, label: str, rid: str | None) -> tuple[str, str]:
        if rid:
            return label, rid
        if label == "PERSON" or (label in ("ORG", "GPE", "NORP") and text in parts_to_full):
            fulls = parts_to_full.get(text)
            if fulls and len(fulls) == 1 and len(text.split()) == 1:
                return "PERSON", next(iter(fulls))
        return label, text

    mentions = []
    counts: dict[EntityKey, list] = {}
    for start, end, text, label, sent, ts, te, rid in raw:
        if label in ENTITY_LABELS:
            elabel, name = key_for(text, label, rid) if label in NAME_LABELS else (label, text)
            key = EntityKey(elabel, name)
            entry = counts.setdefault(key, [elabel, name, 0, set()])
            entry[2] += 1
            entry[3].add(text)
        else:
            key = EntityKey(label, text)
        mentions.append(Mention(start, end, text, label, sent, ts, te, key))
    # most mentioned first, as the store returns them
    entities = tuple(
        sorted(
            (
                Entity(key, name, label, n, tuple(sorted(aliases - {name})))
                for key, (label, name, n, aliases) in counts.items()
            ),
            key=lambda e: (-e.mentions, e.name, str(e.key)),
        )
    )
    return tuple(mentions), entities
