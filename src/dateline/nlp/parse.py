"""spaCy ``Doc`` -> :class:`ParsedDoc`: the only place a Doc is read.

Everything downstream works on the frozen records this module returns. Mentions are
the model's (and the entity ruler's) as they are; the ``entities`` stage decides
which of them are one entity and what type it has.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, IDX, IS_STOP, LEMMA, LIKE_NUM, ORTH, POS, TAG

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
    so that time and memory grow linearly with a document's length: each segment's Doc
    becomes records as soon as it is parsed and is then dropped, so no more than one
    batch of segments is held as spaCy objects at a time.

    A document over ``max_document_chars`` (``ingest/data/limits.yaml``) is refused (E602).
    """
    nlp = load_pipeline()
    arts = list(articles) if not isinstance(articles, list) else articles
    cap = limits().max_document_chars
    for a in arts:
        if len(a.text) > cap:
            raise DocumentTooLarge(f"{a.source}: {len(a.text):,} characters, over the limit of {cap:,}")
    pieces = [segment.cut(a.text) for a in arts]
    if any(len(ps) > 1 for ps in pieces):
        # spaCy holds a whole batch of Docs and their tensors: segments go in small batches
        batch_size = min(batch_size, segment.settings().segment_batch)
    docs = nlp.pipe((segment.make_doc(nlp, p) for ps in pieces for p in ps), batch_size=batch_size)
    for art, ps in zip(arts, pieces, strict=True):
        records = _Records()
        for _ in ps:
            records.add(next(docs))
        yield records.parsed(art)


def parse_text(text: str, **article_fields) -> ParsedDoc:
    """Convenience for tests and scorers: parse raw text as an anonymous article."""
    from ..ingest.normalize import make_article

    return parse(make_article(text, source=article_fields.pop("source", "<text>"), **article_fields))


def from_doc(article: Article, doc) -> ParsedDoc:
    """The records of one Doc covering the whole of ``article.text``."""
    records = _Records()
    records.add(doc)
    return records.parsed(article)


class _Records:
    """Records of consecutive segment Docs, offsets shifted as if they were one Doc.

    Segments are exact slices of the text, so character offsets run on unchanged;
    token and sentence indices continue from the previous segment's.
    """

    def __init__(self) -> None:
        self.sentences: list[Sentence] = []
        self.tokens: list[Token] = []
        self.raw: list[tuple] = []
        self.chunks: list[tuple[int, int]] = []
        self.chars = 0

    def add(self, doc) -> None:
        t0, s0, c0 = len(self.tokens), len(self.sentences), self.chars
        sent_of = [0] * len(doc)
        for si, s in enumerate(doc.sents):
            text = s.text.rstrip()  # a paragraph break belongs to no sentence
            start = c0 + s.start_char
            self.sentences.append(Sentence(s0 + si, start, start + len(text), text, t0 + s.start, t0 + s.end))
            for k in range(s.start, s.end):
                sent_of[k] = s0 + si
        self.tokens.extend(_tokens(doc, t0, c0, sent_of))
        for e in doc.ents:
            self.raw.append(_raw_mention(e, c0, t0, sent_of[e.start]))
        if doc.has_annotation("DEP"):
            self.chunks.extend((t0 + c.start, t0 + c.end) for c in doc.noun_chunks)
        self.chars += len(doc.text)

    def parsed(self, article: Article) -> ParsedDoc:
        mentions, entities = _raw_mentions(self.raw)
        return ParsedDoc(article, tuple(self.tokens), tuple(self.sentences), mentions, entities, tuple(self.chunks))


# The token fields read as one array: a Token object per token and attribute cost more than the stages
_COLUMNS = (ORTH, IDX, LEMMA, POS, TAG, DEP, HEAD, ENT_TYPE, ENT_IOB, IS_STOP, LIKE_NUM)
_IOB = ("O", "I", "O", "B")  # spaCy's ENT_IOB codes; 0 (unset) reads as outside


def _tokens(doc, t0: int, c0: int, sent_of: list[int]) -> Iterator[Token]:
    """The Doc's tokens as records (indexes shifted by ``t0``, characters by ``c0``)."""
    strings = doc.vocab.strings
    text_of: dict[int, str] = {}

    def name(h: int) -> str:
        s = text_of.get(h)
        if s is None:
            s = text_of[h] = strings[h]
        return s

    if not len(doc):
        return
    arr = doc.to_array(list(_COLUMNS))  # unsigned: string hashes, and heads relative to the token
    heads = arr[:, _COLUMNS.index(HEAD)].astype("int64").tolist()
    for i, (orth, idx, lemma, pos, tag, dep, _, ent, iob, stop, num) in enumerate(arr.tolist()):
        head = heads[i]
        text = name(orth)
        yield Token(t0 + i, text, c0 + idx, c0 + idx + len(text), name(lemma), name(pos), name(tag), name(dep),
                    t0 + i + head, sent_of[i], name(ent), _IOB[iob], bool(stop), bool(num))  # fmt: skip


def _raw_mention(e, c0: int, t0: int, sentence: int) -> tuple:
    """One entity span as (start, end, text, label, sentence, token start, token end, ruler id)."""
    start, end, text = c0 + e.start_char, c0 + e.end_char, e.text
    # "the Baikonur Cosmodrome": keep the article out of the name
    if e.label_ in NAME_LABELS and text.lower().startswith("the ") and len(e) > 1:
        start, text = start + 4, text[4:]
    for p in POSSESSIVE:
        if e.label_ in NAME_LABELS and text.endswith(p) and len(text) > len(p):
            end, text = end - len(p), text[: -len(p)]
            break
    return (start, end, text, e.label_, sentence, t0 + e.start, t0 + e.end, e.ent_id_ or None)


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
