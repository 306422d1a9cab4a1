"""What one pass over a document has seen so far: the entities named, their salience,
and the links found (shared by ``coref.py`` and ``describe.py``)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..nlp.syntax import Tree, span_head
from ..types import EntityKey, EntityLink, Mention, ParsedDoc
from ._data import resolve_data

SUBJ = ("nsubj", "nsubjpass")
PERSON = "PERSON"
_LEFT_DEPS = ("det", "amod", "compound", "nummod", "poss", "nmod", "quantmod", "advmod", "npadvmod", "case")


@dataclass(frozen=True, slots=True)
class Seen:
    """An entity named (or referred to) at token ``i``."""

    i: int
    key: EntityKey
    subject: bool
    sentence: int


class DocState:
    """One pass over a document: what has been named so far, and the links found."""

    def __init__(self, parsed: ParsedDoc, titles: tuple[EntityLink, ...]) -> None:
        self.parsed = parsed
        self.toks = parsed.tokens
        self.tree = Tree(parsed)
        self.kids = self.tree.kids
        self.lower = self.tree.lower
        names = resolve_data().name_labels
        self.mention_at: dict[int, Mention] = {}
        self.head_at: dict[int, Mention] = {}
        for m in parsed.mentions:
            if m.label in names:
                for k in range(m.token_start, m.token_end):
                    self.mention_at[k] = m
                self.head_at.setdefault(span_head(self.toks, m.token_start, m.token_end), m)
        self.titled = {k for x in titles for k in range(x.token_start, x.token_end)}
        self.persons: list[Seen] = []
        self.things: list[Seen] = []
        self.pairs: list[tuple[int, tuple[EntityKey, ...]]] = []
        self.freq: Counter[EntityKey] = Counter()
        self.last_word: dict[str, EntityKey] = {}
        self.appositive: dict[str, Seen] = {}  # "a market research firm" -> the firm it describes, where
        self.descriptors: dict[EntityKey, set[str]] = {}
        self.out: dict[int, tuple[EntityKey, ...]] = {}
        self.kind: dict[int, str] = {}
        self.span: dict[int, tuple[int, int]] = {}
        self.speaker: dict[int, EntityKey] = {}

    # -- what a token refers to ---------------------------------------------------
    def keys_of(self, i: int) -> tuple[EntityKey, ...]:
        m = self.mention_at.get(i)
        if m is not None:
            return (m.entity,)
        return self.out.get(i, ())

    def link(self, i: int, keys: tuple[EntityKey, ...], kind: str, span: tuple[int, int] | None = None) -> None:
        if not keys or i in self.out:
            return
        self.out[i] = keys
        self.kind[i] = kind
        self.span[i] = span or (i, i + 1)
        t = self.toks[i]
        for k in keys:
            seen = Seen(i, k, t.dep in SUBJ, t.sentence)
            (self.persons if k.label == PERSON else self.things).append(seen)

    def recent(self, seen: list[Seen], before: int, sentences: int) -> list[Seen]:
        """What was seen before token ``before``, at most ``sentences`` sentences back, in order."""
        s = self.toks[before].sentence
        out: list[Seen] = []
        for x in reversed(seen):  # appended in reading order: stop at the window's start
            if s - x.sentence > sentences:
                break
            if x.i < before:
                out.append(x)
        out.reverse()
        return out

    def np_span(self, i: int) -> tuple[int, int]:
        """The noun phrase up to its head: "the Cupertino-based firm", "a market research firm"."""
        lo = i
        for k in self.kids[i]:
            if k < i and self.toks[k].dep in _LEFT_DEPS:
                lo = min(lo, self.tree.subtree(k)[0])
        return lo, i + 1
