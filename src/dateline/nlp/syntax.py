"""Tree helpers over a :class:`ParsedDoc`: the one home for heads, subtrees, clauses,
tense, modality and negation.

Every stage after ``nlp`` reads the dependency parse through these; none needs the
spaCy ``Doc``. Build one :class:`Tree` per document (children lists and memoized
subtrees, O(tokens)) and pass token indexes around.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from ..types import ParsedDoc, Token
from .lexicon import english

Tense = Literal["past", "perfect", "present", "future", "modal", "infinitive", "other"]

_AUX_DEPS = ("aux", "auxpass")
# Far enough for any real sentence; a malformed parse never loops.
_MAX_CLIMB = 40


class Tree:
    """Children lists, lower-cased texts and memoized subtree spans of one document."""

    __slots__ = ("parsed", "tokens", "kids", "lower", "_subtree", "_starts")

    def __init__(self, parsed: ParsedDoc) -> None:
        self.parsed = parsed
        self.tokens = parsed.tokens
        kids: list[list[int]] = [[] for _ in self.tokens]
        for t in self.tokens:
            if t.head != t.i:
                kids[t.head].append(t.i)
        self.kids = kids
        self.lower = [t.text.lower() for t in self.tokens]
        self._subtree: dict[int, tuple[int, int]] = {}
        self._starts: list[int] | None = None

    def starts(self) -> list[int]:
        """Character offsets of the tokens' starts (for bisecting an offset to its token), built once."""
        if self._starts is None:
            self._starts = [t.start for t in self.tokens]
        return self._starts

    def children(self, i: int) -> list[Token]:
        return [self.tokens[k] for k in self.kids[i]]

    def subtree(self, i: int) -> tuple[int, int]:
        """Token span (start, end exclusive) of the subtree headed by ``i``."""
        got = self._subtree.get(i)
        if got is not None:
            return got
        lo = hi = i
        stack = [i]
        while stack:
            k = stack.pop()
            lo, hi = min(lo, k), max(hi, k)
            stack.extend(self.kids[k])
        self._subtree[i] = (lo, hi + 1)
        return lo, hi + 1

    def ancestors(self, i: int) -> list[int]:
        """Heads above ``i``, nearest first (the root last)."""
        out: list[int] = []
        cur = i
        for _ in range(_MAX_CLIMB):
            h = self.tokens[cur].head
            if h == cur:
                break
            out.append(h)
            cur = h
        return out

    def distance(self, i: int, j: int) -> int:
        """Edges between two tokens through their lowest common head (large when unrelated)."""
        a, b = [i, *self.ancestors(i)], [j, *self.ancestors(j)]
        pos_b = {x: k for k, x in enumerate(b)}
        for k, x in enumerate(a):
            if x in pos_b:
                return k + pos_b[x]
        return _MAX_CLIMB

    def aux_words(self, v: int) -> list[str]:
        """Lower-cased auxiliaries of verb ``v`` ("will", "has", "was")."""
        return [self.lower[k] for k in self.kids[v] if self.tokens[k].dep in _AUX_DEPS]


def span_head(tokens: Sequence[Token], start: int, end: int) -> int:
    """The token of [start, end) whose head lies outside it: the span's syntactic head."""
    for k in range(start, end):
        h = tokens[k].head
        if h < start or h >= end or h == k:
            return k
    return end - 1


def governing_verb(tokens: Sequence[Token], i: int) -> int | None:
    """The first verb up the head chain from token ``i`` (itself when it is one)."""
    for _ in range(12):
        t = tokens[i]
        if t.pos in ("VERB", "AUX") and t.dep not in _AUX_DEPS:
            return i
        if t.head == i:
            return None
        i = t.head
    return None


def clause_of(tree: Tree, i: int) -> int:
    """The verb heading the clause token ``i`` belongs to (``i`` itself when none is found)."""
    v = governing_verb(tree.tokens, i)
    return i if v is None else v


def tense(tree: Tree, v: int) -> Tense:
    """past | perfect | present | future | modal | infinitive | other, for verb token ``v``."""
    eng = english()
    toks = tree.tokens
    verb = toks[v]
    auxes = [toks[k] for k in tree.kids[v] if toks[k].dep in _AUX_DEPS]
    low = [a.text.lower() for a in auxes]
    if any(a in eng.auxiliaries.future for a in low):
        return "future"
    if any(a.tag == "MD" for a in auxes):
        return "modal"
    if verb.tag == "VBD" or any(a.tag == "VBD" for a in auxes):
        return "past"
    if any(a.lemma == "have" for a in auxes):
        return "perfect"
    if verb.tag == "VB" and "to" in low:
        return _infinitive_tense(tree, v)
    if verb.tag in ("VBZ", "VBP") or any(a.tag in ("VBZ", "VBP") for a in auxes):
        return "present"
    return "other"


def _infinitive_tense(tree: Tree, v: int) -> Tense:
    """ "plans to visit" looks ahead; "tried to leave" takes its governor's time."""
    toks = tree.tokens
    head = toks[toks[v].head]
    if head.lemma in english().planned_governors or head.lemma == "be":
        return "future"
    if head.i != v and head.pos in ("VERB", "AUX", "ADJ", "NOUN"):
        t = tense(tree, head.i) if head.pos in ("VERB", "AUX") else "other"
        return "future" if t in ("present", "future") else "infinitive"
    return "infinitive"


def is_negated(tree: Tree, i: int) -> bool:
    """Whether token ``i`` carries a negation ("did not meet", "never met")."""
    neg = english().negation
    return any(
        tree.tokens[k].dep == "neg" or (tree.lower[k] in neg and tree.tokens[k].dep in ("advmod", "preconj"))
        for k in tree.kids[i]
    )


def modality(tree: Tree, v: int) -> Literal["future", "modal", "none"]:
    """The auxiliary modality of verb ``v``: "will meet" future, "may meet" modal."""
    aux = set(tree.aux_words(v))
    eng = english().auxiliaries
    if aux & eng.future:
        return "future"
    if aux & eng.modal:
        return "modal"
    return "none"
