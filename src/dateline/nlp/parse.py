"""spaCy ``Doc`` -> :class:`ParsedDoc`: the only place a Doc is read.

Everything downstream works on the frozen records this module returns. Mentions are
the model's (and the entity ruler's) as they are; the ``entities`` stage decides
which of them are one entity and what type it has.
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
    mentions, entities = _raw_mentions(raw)
    chunks: tuple[tuple[int, int], ...] = ()
    if doc.has_annotation("DEP"):
        chunks = tuple((c.start, c.end) for c in doc.noun_chunks)
    return ParsedDoc(article, tokens, tuple(sentences), mentions, entities, chunks)


def _raw_mentions(raw) -> tuple[tuple[Mention, ...], tuple[Entity, ...]]:
    """The model's mentions as they are, keyed by the ruler's canonical name or their text.

    Which mentions are one entity ("Putin" and "Vladimir Putin") is the entities
    stage's decision; here each distinct key is one entity, most mentioned first.
    """
    mentions = []
    counts: dict[EntityKey, list] = {}
    for start, end, text, label, sent, ts, te, rid in raw:
        key = EntityKey(label, rid or text)
        mentions.append(Mention(start, end, text, label, sent, ts, te, key))
        if label in ENTITY_LABELS:
            entry = counts.setdefault(key, [0, set()])
            entry[0] += 1
            entry[1].add(text)
    entities = tuple(
        sorted(
            (Entity(k, k.name, k.label, n, tuple(sorted(texts - {k.name}))) for k, (n, texts) in counts.items()),
            key=lambda e: (-e.mentions, e.name, str(e.key)),
        )
    )
    return tuple(mentions), entities
