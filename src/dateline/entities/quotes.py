"""Quotations and who says them, for "I" and "we" inside a quote.

A quotation runs from an opening to a closing quotation mark (straight quotes
alternate, curly ones say which they are) and never across a paragraph: one left
open ends with its paragraph. Its speaker
is the subject of a reporting verb ("say", "tell", "add": ``data/coref.yaml``) outside
the quotation, in the sentence where the quotation starts or ends, or in the sentence
just before it when that one ends with a colon ("Jobs said: ..."). A quotation nothing
attributes, next to one that is attributed (one sentence apart at most), is that speaker's,
unless a reporting verb with an indefinite subject brings in someone new ("A spokeswoman added:").

A passage a reporting verb introduces with a colon and no quotation marks ("Jobs's
email, which reads: Team, ...") is its writer's to the end of the text
(:func:`passage_speakers`); a quotation inside it still has its own speaker.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..nlp.syntax import Tree
from ..types import EntityKey, ParsedDoc, Token
from ._data import coref_data

_OPEN = ("“", "``", "‘‘")
_CLOSE = ("”", "''", "’’")
_STRAIGHT = ('"',)
_SUBJ = ("nsubj", "nsubjpass")


def quotations(toks: Sequence[Token], text: str) -> list[tuple[int, int]]:
    """Token spans (start, end exclusive) inside quotation marks, marks excluded."""
    out: list[tuple[int, int]] = []
    start: int | None = None
    for t in toks:
        mark = t.text
        if start is not None and start < t.i and "\n\n" in text[toks[start].start : t.start]:
            out.append((start, t.i))  # a paragraph break ends an unclosed quotation: '"I have always said ...'
            start = None
        if mark in _OPEN or (mark in _STRAIGHT and start is None):
            start = t.i + 1
        elif (mark in _CLOSE or mark in _STRAIGHT) and start is not None:
            if t.i > start:
                out.append((start, t.i))
            start = None
    if start is not None and start < len(toks):
        out.append((start, len(toks)))
    return out


def speakers(parsed: ParsedDoc, tree: Tree, keys_of: Callable[[int], tuple[EntityKey, ...]]) -> dict[int, EntityKey]:
    """Token index inside a quotation -> the entity the quotation is attributed to."""
    toks = parsed.tokens
    spans = quotations(toks, parsed.text)
    found = [_speaker(parsed, tree, keys_of, a, b) for a, b in spans]
    out: dict[int, EntityKey] = {}
    for n, (a, b) in enumerate(spans):
        who = found[n]
        if who is None and not _new_speaker(parsed, tree, a, b):
            who = _neighbour_speaker(toks, spans, found, n)
        if who is not None:
            for k in range(a, b):
                out[k] = who
    return out


def _new_speaker(parsed: ParsedDoc, tree: Tree, a: int, b: int) -> bool:
    """'A spokeswoman added: "..."': a reporting verb whose subject is indefinite brings in
    someone not named before, so the quotation is not its neighbour's."""
    toks = parsed.tokens
    cd = coref_data()
    for s in _attribution_sentences(parsed, a, b):
        sent = parsed.sentences[s]
        for k in range(sent.token_start, sent.token_end):
            if a <= k < b or toks[k].lemma not in cd.speaker_verbs or toks[k].pos not in ("VERB", "AUX"):
                continue
            for c in tree.kids[k]:
                if toks[c].dep in _SUBJ and any(tree.lower[x] in cd.indefinite_determiners for x in tree.kids[c]):
                    return True
    return False


def _neighbour_speaker(
    toks: Sequence[Token], spans: list[tuple[int, int]], found: list[EntityKey | None], n: int
) -> EntityKey | None:
    """A quotation no sentence of its own attributes ('"...," he said. "Today, I ..."') is the
    speaker's of the attributed quotation right before it, else of the one right after it:
    at most one sentence between them."""
    a, b = spans[n]
    if n > 0 and found[n - 1] is not None and toks[a].sentence - toks[spans[n - 1][1] - 1].sentence <= 1:
        return found[n - 1]
    if n + 1 < len(spans) and found[n + 1] is not None and toks[spans[n + 1][0]].sentence - toks[b - 1].sentence <= 1:
        return found[n + 1]
    return None


def passage_speakers(
    parsed: ParsedDoc, tree: Tree, keys_of: Callable[[int], tuple[EntityKey, ...]]
) -> dict[int, EntityKey]:
    """Token index -> the writer of a passage a colon introduces without quotation marks
    ("Jobs's email, which reads: Team, at my request..."): from the colon to the end of the text."""
    toks = parsed.tokens
    verbs = coref_data().speaker_verbs
    for t in toks:
        if t.text != ":":
            continue
        sent = parsed.sentences[t.sentence]
        for k in range(sent.token_start, t.i):
            if toks[k].lemma in verbs and toks[k].pos in ("VERB", "AUX"):
                who = _subject(tree, keys_of, k, t.i, t.i) or _owner(tree, keys_of, k)
                if who is not None:
                    return {j: who for j in range(t.i + 1, len(toks))}
    return {}


def _owner(tree: Tree, keys_of: Callable[[int], tuple[EntityKey, ...]], v: int) -> EntityKey | None:
    """ "Jobs's email, which reads": the owner of the noun a reporting relative clause hangs on."""
    toks = tree.tokens
    if toks[v].dep != "relcl":
        return None
    for c in tree.kids[toks[v].head]:
        keys = keys_of(c) if toks[c].dep == "poss" else ()
        if len(keys) == 1 and keys[0].label == "PERSON":
            return keys[0]
    return None


def _speaker(
    parsed: ParsedDoc, tree: Tree, keys_of: Callable[[int], tuple[EntityKey, ...]], a: int, b: int
) -> EntityKey | None:
    """The subject of a reporting verb outside the quotation ("Jobs said", "..., stating"),
    else the one person who is a subject outside it in those sentences."""
    toks = parsed.tokens
    verbs = coref_data().speaker_verbs
    people: list[EntityKey] = []
    for s in _attribution_sentences(parsed, a, b):
        sent = parsed.sentences[s]
        for k in range(sent.token_start, sent.token_end):
            if a <= k < b:
                continue
            if toks[k].lemma in verbs and toks[k].pos in ("VERB", "AUX"):
                who = _subject(tree, keys_of, k, a, b)
                if who is not None:
                    return who
            if toks[k].dep in _SUBJ:
                people.extend(x for x in keys_of(k) if x.label == "PERSON")
    return people[0] if len(set(people)) == 1 else None


_CLIMB = ("advcl", "xcomp", "conj", "ccomp", "acl", "pobj", "prep")


def _subject(tree: Tree, keys_of: Callable[[int], tuple[EntityKey, ...]], v: int, a: int, b: int) -> EntityKey | None:
    """The subject of verb ``v``, or of the verb it hangs on ("Jobs resigned, stating ...", "Jobs
    resigned in a letter stating ...": up through the letter and its preposition)."""
    toks = tree.tokens
    verb = v
    for _ in range(4):
        for c in tree.kids[verb]:
            if toks[c].dep in _SUBJ and not a <= c < b:
                keys = keys_of(c)
                if len(keys) == 1:
                    return keys[0]
        if toks[verb].dep not in _CLIMB or toks[verb].head == verb:
            break
        verb = toks[verb].head
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
