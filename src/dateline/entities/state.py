"""What one pass over a document has seen so far: the entities named, their salience,
and the links found (shared by ``coref.py`` and ``describe.py``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ..nlp.syntax import Tree, span_head
from ..types import EntityKey, EntityLink, Mention, ParsedDoc, Token
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
        self.title_start = {k: x.token_start for x in titles for k in range(x.token_start, x.token_end)}
        self.titled = set(self.title_start)
        self.persons: list[Seen] = []
        self.things: list[Seen] = []
        self.pairs: list[tuple[int, tuple[EntityKey, ...]]] = []
        self.freq: Counter[EntityKey] = Counter()
        self.last_word: dict[str, EntityKey] = {}
        self.appositive: dict[str, Seen] = {}  # "a market research firm" -> the firm it describes, where
        self.descriptors: dict[EntityKey, set[str]] = {}
        self.kinds: dict[EntityKey, set[str]] = {}  # the kind nouns written with a thing ("Nimbus phone")
        self.out: dict[int, tuple[EntityKey, ...]] = {}
        self.unnamed: dict[EntityKey, str] = {}  # entities no name names ("the company") -> their noun
        self.kind: dict[int, str] = {}
        self.span: dict[int, tuple[int, int]] = {}
        self.speaker: dict[int, EntityKey] = {}
        self.female: dict[EntityKey, bool] = {}  # a person's gender, from a title ("Mrs")
        self.said_female: dict[EntityKey, bool] = {}  # ... from the latest pronoun linked to them

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
        if kind == "description" and len(keys) == 1:
            self.kinds.setdefault(keys[0], set()).add(t.lemma.lower())  # "the phone": a phone from now on
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
        """The noun phrase up to its head: "the Cupertino-based firm", "a market research firm",
        "the co-founder" (a hyphenated word the tokenizer cut, with its determiner)."""
        lo = i
        for k in self.kids[i]:
            if k < i and self.toks[k].dep in _LEFT_DEPS:
                lo = min(lo, self.tree.subtree(k)[0])
        cut = hyphenated_start(self.toks, lo)
        if cut < lo:
            lo = cut
            if lo > 0 and self.toks[lo - 1].dep in ("det", "poss") and lo <= self.toks[lo - 1].head <= i:
                lo -= 1
        return lo, i + 1


def hyphenated_start(toks: Sequence[Token], a: int) -> int:
    """ "co-founder" is one word that the tokenizer cuts in three: where the word starting it begins."""
    while a >= 2 and toks[a - 1].text == "-" and toks[a - 2].end == toks[a - 1].start == toks[a].start - 1:
        if not toks[a - 2].text.isalpha():
            break
        a -= 2
    return a
