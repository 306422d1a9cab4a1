"""Quotations and who says them, for "I" and "we" inside a quote.

A quotation runs from an opening to a closing quotation mark (straight quotes
alternate, curly ones say which they are) and never across a paragraph. Its speaker
is the subject of a reporting verb ("say", "tell", "add": ``data/coref.yaml``) outside
the quotation, in the sentence where the quotation starts or ends, or in the sentence
just before it when that one ends with a colon ("Jobs said: ...").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..nlp.syntax import Tree
from ..types import EntityKey, ParsedDoc, Token
from ._data import coref_data

_OPEN = ("“", "``", "‘‘")
_CLOSE = ("”", "''", "’’")
_STRAIGHT = ('"',)


def quotations(toks: Sequence[Token], text: str) -> list[tuple[int, int]]:
    """Token spans (start, end exclusive) inside quotation marks, marks excluded."""
    out: list[tuple[int, int]] = []
    start: int | None = None
    for t in toks:
        mark = t.text
        if start is not None and "\n\n" in text[toks[start].start : t.start]:
            start = None  # a paragraph break ends an unclosed quotation
        if mark in _OPEN or (mark in _STRAIGHT and start is None):
            start = t.i + 1
        elif (mark in _CLOSE or mark in _STRAIGHT) and start is not None:
            if t.i > start:
                out.append((start, t.i))
            start = None
    return out


def speakers(parsed: ParsedDoc, tree: Tree, keys_of: Callable[[int], tuple[EntityKey, ...]]) -> dict[int, EntityKey]:
    """Token index inside a quotation -> the entity the quotation is attributed to."""
    toks = parsed.tokens
    out: dict[int, EntityKey] = {}
    for a, b in quotations(toks, parsed.text):
        who = _speaker(parsed, tree, keys_of, a, b)
        if who is not None:
            for k in range(a, b):
                out[k] = who
    return out


def _speaker(
    parsed: ParsedDoc, tree: Tree, keys_of: Callable[[int], tuple[EntityKey, ...]], a: int, b: int
) -> EntityKey | None:
    toks = parsed.tokens
    verbs = coref_data().speaker_verbs
    for s in _attribution_sentences(parsed, a, b):
        sent = parsed.sentences[s]
        for k in range(sent.token_start, sent.token_end):
            if a <= k < b or toks[k].lemma not in verbs or toks[k].pos not in ("VERB", "AUX"):
                continue
            for c in tree.kids[k]:
                if toks[c].dep in ("nsubj", "nsubjpass") and not a <= c < b:
                    keys = keys_of(c)
                    if len(keys) == 1:
                        return keys[0]
    return None


def _attribution_sentences(parsed: ParsedDoc, a: int, b: int) -> list[int]:
    toks = parsed.tokens
    first, last = toks[a].sentence, toks[b - 1].sentence
    out = [first] if first == last else [first, last]
    if b < len(toks) and toks[b].sentence != last:
        out.append(toks[b].sentence)  # the closing mark opens the next sentence: '"...", he said'
    if first > 0:
        prev = parsed.sentences[first - 1]
        if prev.text.rstrip().endswith(":"):
            out.append(first - 1)
    return out
