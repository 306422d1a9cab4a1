"""Encoding 4 of a sentence's tokens (``sentences.tokens``, written since migration 0018):
the columns of encoding 3 as bytes instead of JSON, and less of them.

Encoding 3 wrote each column as a JSON list (a label number took two or three characters
with its comma) and each lemma that is not the lower-cased text whole. Here every number is
a varint (labels by their position in ``data/token_labels.yaml``, heads relative to the
token, zigzagged), one byte a token holds the flags and how the lemma is made, a POS is
stored only where it is not the one the model's attribute ruler gives the tag
(``pos_of_tag`` in the labels file), and a lemma is only what it takes to make it from the
text (characters cut from the end of the word or of its lower case, and an ending):
"injured" -> "injure" is ``[1, ""]``. What has no number (lemma endings, a token's own text
where the sentence's characters differ, labels not in the file) follows as one JSON list.
The body is deflated against the ``SentenceTokens4`` preset dictionary (label and head runs
of another corpus's sentences, no words), as encoding 3 was.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from typing import Any

from ..types import Sentence, Token
from ._data import token_labels

_STOP, _NUM = 1, 2
_IOB = ("O", "B", "I", "")
# how a lemma is made, in the flag byte's upper bits
_LOWER, _AS_TEXT, _FROM_LOWER, _FROM_TEXT = 0, 1, 2, 3
_FIELDS = ("tag", "dep", "ent_type")


@functools.cache
def _tables() -> tuple[dict[str, dict[str, int]], dict[str, str]]:
    labels = token_labels()
    codes = {name: {lab: k for k, lab in enumerate(getattr(labels, name))} for name in ("pos", *_FIELDS)}
    return codes, dict(labels.pos_of_tag)


def _varint(n: int, out: bytearray) -> None:
    while n > 0x7F:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    out.append(n)


def _zigzag(n: int) -> int:
    return n << 1 if n >= 0 else ((-n) << 1) - 1


def _lemma(t: Token) -> tuple[int, list[object]]:
    """How the token's lemma is made, and the cut and ending when it is not the word itself."""
    lower = t.text.lower()
    if t.lemma == lower:
        return _LOWER, []
    if t.lemma == t.text:
        return _AS_TEXT, []
    best: tuple[int, list[object]] = (_FROM_LOWER, [len(lower), t.lemma])
    for kind, base in ((_FROM_LOWER, lower), (_FROM_TEXT, t.text)):
        p = 0
        while p < min(len(base), len(t.lemma)) and base[p] == t.lemma[p]:
            p += 1
        if len(t.lemma) - p < len(str(best[1][1])):
            best = (kind, [len(base) - p, t.lemma[p:]])
    return best


def body(toks: tuple[Token, ...], sentence: Sentence, chunks: tuple[tuple[int, int], ...]) -> bytes:
    """The sentence's tokens and the noun chunks starting in them, before deflate."""
    numbers, words = parts(toks, sentence, chunks)
    return numbers + json.dumps(words, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def parts(
    toks: tuple[Token, ...], sentence: Sentence, chunks: tuple[tuple[int, int], ...]
) -> tuple[bytes, list[list[object]]]:
    """:func:`body` in its two parts: the numbers, and what is no number (lemma endings, own texts,
    POS exceptions, unlisted labels)."""
    codes, pos_of_tag = _tables()
    base_t, base_c, text = sentence.token_start, sentence.start, sentence.text
    cols = {name: bytearray() for name in ("tag", "dep", "ent", "head", "flags", "gap", "width")}
    own: list[object] = []
    pos: list[object] = []
    lemmas: list[object] = []
    unlisted: list[str] = []
    end = 0
    for k, t in enumerate(toks):
        start = t.start - base_c
        _varint(start - end, cols["gap"])
        _varint(len(t.text), cols["width"])
        end = start + len(t.text)
        if text[start:end] != t.text:
            own += [k, t.text]
        _varint(label_code(t.tag, codes["tag"], unlisted), cols["tag"])
        _varint(label_code(t.dep, codes["dep"], unlisted), cols["dep"])
        _varint(label_code(t.ent_type, codes["ent_type"], unlisted) * 4 + _IOB.index(t.ent_iob), cols["ent"])
        if pos_of_tag.get(t.tag) != t.pos:
            pos += [k, label_code(t.pos, codes["pos"], unlisted)]
        _varint(_zigzag(t.head - t.i), cols["head"])
        how, edit = _lemma(t)
        lemmas += edit
        cols["flags"].append((_STOP if t.is_stop else 0) | (_NUM if t.like_num else 0) | how << 2)
    out = bytearray()
    _varint(len(toks), out)
    for name in ("tag", "dep", "ent", "head", "flags", "gap", "width"):
        out += cols[name]
    mine = [(a - base_t, b - a) for a, b in chunks if sentence.token_start <= a < sentence.token_end]
    _varint(len(mine), out)
    for a, n in mine:
        _varint(a, out)
        _varint(n, out)
    return bytes(out), [lemmas, own, pos, list(unlisted)]


def label_code(label: str, table: dict[str, int], unlisted: list[str]) -> int:
    """A label's position in the frozen list, or past its end in the blob's own list (all fields share it)."""
    if label in table:
        return table[label]
    if label not in unlisted:
        unlisted.append(label)
    return len(table) + unlisted.index(label)


class _Reader:
    __slots__ = ("data", "at")

    def __init__(self, data: bytes) -> None:
        self.data, self.at = data, 0

    def varint(self) -> int:
        data, at = self.data, self.at
        n = shift = 0
        while True:
            b = data[at]
            at += 1
            n |= (b & 0x7F) << shift
            if b < 0x80:
                self.at = at
                return n
            shift += 7

    def varints(self, n: int) -> list[int] | bytes:
        """``n`` varints; where each is one byte (most columns of most sentences), the bytes themselves."""
        run = self.data[self.at : self.at + n]
        if not run or max(run) < 0x80:
            self.at += n
            return run
        return [self.varint() for _ in range(n)]


def _unzigzag(n: int) -> int:
    return -((n + 1) >> 1) if n & 1 else n >> 1


def decode_body(raw: bytes, sentence: Sentence) -> tuple[tuple[Token, ...], tuple[tuple[int, int], ...]]:
    """:func:`body`'s tokens and noun chunks, with document-level indexes."""
    read = _Reader(raw)
    n = read.varint()
    tags, deps, ents, heads = read.varints(n), read.varints(n), read.varints(n), read.varints(n)
    flags = raw[read.at : read.at + n]
    read.at += n
    gaps, widths = read.varints(n), read.varints(n)
    chunk_pairs = [(read.varint(), read.varint()) for _ in range(read.varint())]
    lemmas, own, pos_x, unlisted = json.loads(raw[read.at :].decode("utf-8"))
    labels = token_labels()
    names = {f: (*getattr(labels, f), *unlisted) for f in ("pos", *_FIELDS)}
    pos_of_tag = labels.pos_of_tag
    own_text = dict(zip(own[::2], own[1::2], strict=True))
    own_pos = dict(zip(pos_x[::2], pos_x[1::2], strict=True))
    edits = iter(lemmas)
    base_t, base_c, text, index = sentence.token_start, sentence.start, sentence.text, sentence.index
    toks = []
    end = 0
    for k in range(n):
        start = end + gaps[k]
        end = start + widths[k]
        word = own_text.get(k)
        if word is None:
            word = text[start:end]
        tag = names["tag"][tags[k]]
        ent, iob = divmod(ents[k], 4)
        f = flags[k]
        toks.append(
            Token(
                base_t + k,
                word,
                base_c + start,
                base_c + end,
                _lemma_of(word, f >> 2, edits),
                names["pos"][own_pos[k]] if k in own_pos else pos_of_tag[tag],
                tag,
                names["dep"][deps[k]],
                base_t + k + _unzigzag(heads[k]),
                index,
                names["ent_type"][ent],
                _IOB[iob],
                bool(f & _STOP),
                bool(f & _NUM),
            )  # fmt: skip
        )
    return tuple(toks), tuple((base_t + a, base_t + a + w) for a, w in chunk_pairs)


def _lemma_of(word: str, how: int, edits: Iterator[Any]) -> str:
    if how == _LOWER:
        return word.lower()
    if how == _AS_TEXT:
        return word
    base = word.lower() if how == _FROM_LOWER else word
    cut, ending = next(edits), next(edits)
    return base[: len(base) - cut] + ending
