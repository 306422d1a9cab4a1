"""A sentence's tokens and noun chunks as one compact, compressed blob.

Stored per sentence (``sentences.tokens``) so that the read side gets back exactly the
parse the pipeline made, without running spaCy again. Columns, not objects: one list
per field, then raw deflate. Encoding 2 (written since migration 0014) keeps only what
the sentence text does not already say: each token's gap and width instead of its text
(the text where it is not the sentence's own characters), lemmas only where they differ
from the lower-cased text, labels as their positions in ``data/token_labels.yaml``
(a label not listed there is stored by name), heads relative to the token. Encoding 3
(written since migration 0015) is the same columns deflated against a preset dictionary
of their shape (``SentenceTokens`` in ``data/record_dictionaries.json``, its number in the
blob's second byte): a sentence's blob is too short for deflate alone to find the label
runs that recur across sentences, and takes about a quarter less with it. Encoding 4
(written since migration 0018) holds the same tokens as bytes (store/token_bytes.py).
Encodings 1 (JSON of the texts and labels, zlib), 2 (no dictionary) and 3 are still read.
"""

from __future__ import annotations

import functools
import json
import zlib

from .. import serialize
from ..types import Sentence, Token
from . import token_bytes
from ._data import token_labels

VERSION = 4
_COLUMNS = 3  # encoding 3: the columns as JSON, deflated against DICTIONARY
_PLAIN = 2  # encoding 2: the same columns without a dictionary
DICTIONARY = "SentenceTokens"
BYTES_DICTIONARY = "SentenceTokens4"
_STOP, _NUM = 1, 2
_LABEL_FIELDS = (("p", "pos"), ("t", "tag"), ("d", "dep"), ("n", "ent_type"))


@functools.cache
def _codes() -> dict[str, dict[str, int]]:
    labels = token_labels()
    return {key: {lab: k for k, lab in enumerate(getattr(labels, name))} for key, name in _LABEL_FIELDS}


def encode(tokens: tuple[Token, ...], sentence: Sentence, chunks: tuple[tuple[int, int], ...]) -> bytes:
    """Tokens [sentence.token_start, token_end) and the noun chunks starting inside them."""
    return encode_sentence(tokens[sentence.token_start : sentence.token_end], sentence, chunks)


def encode_sentence(toks: tuple[Token, ...], sentence: Sentence, chunks: tuple[tuple[int, int], ...]) -> bytes:
    """:func:`encode` of the sentence's own tokens."""
    number, stream = serialize.deflate(BYTES_DICTIONARY, token_bytes.body(toks, sentence, chunks))
    return bytes((VERSION, number)) + stream


def encode_columns(toks: tuple[Token, ...], sentence: Sentence, chunks: tuple[tuple[int, int], ...]) -> bytes:
    """Encoding 3 of the sentence's own tokens (written by migrations 0015 to 0017)."""
    number, stream = serialize.deflate(DICTIONARY, columns_json(toks, sentence, chunks))
    return bytes((_COLUMNS, number)) + stream


def columns_json(toks: tuple[Token, ...], sentence: Sentence, chunks: tuple[tuple[int, int], ...]) -> bytes:
    """The sentence's tokens as the JSON of their columns (encodings 2 and 3 deflate it)."""
    base_t, base_c, text = sentence.token_start, sentence.start, sentence.text
    gaps, widths, own = [], [], []
    end = 0
    for t in toks:
        start = t.start - base_c
        gaps.append(start - end)
        widths.append(len(t.text))
        own.append(None if text[start : start + len(t.text)] == t.text else t.text)
        end = start + len(t.text)
    cols: dict[str, object] = {"g": gaps, "w": widths}
    if any(x is not None for x in own):
        cols["x"] = own
    unlisted: list[str] = []
    codes = _codes()
    for key, name in _LABEL_FIELDS:
        table = codes[key]
        labels = [getattr(t, name) for t in toks]
        # a listed label straight from the table; label_code only for the rest (it keeps their order)
        cols[key] = [table[v] if v in table else token_bytes.label_code(v, table, unlisted) for v in labels]
    if unlisted:
        cols["u"] = unlisted
    cols |= {
        "l": [None if t.lemma == t.text.lower() else t.lemma for t in toks],
        "h": [t.head - t.i for t in toks],
        "b": "".join(t.ent_iob or "O" for t in toks),
        "f": [(_STOP if t.is_stop else 0) | (_NUM if t.like_num else 0) for t in toks],
        "c": [[a - base_t, b - base_t] for a, b in chunks if sentence.token_start <= a < sentence.token_end],
    }
    return json.dumps(cols, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def decode(blob: bytes, sentence: Sentence) -> tuple[tuple[Token, ...], tuple[tuple[int, int], ...]]:
    """The tokens and noun chunks :func:`encode` stored, with document-level indexes again."""
    if blob[:1] == bytes((VERSION,)):
        return token_bytes.decode_body(serialize.inflate(blob[1], blob[2:]), sentence)
    if blob[:1] == bytes((_COLUMNS,)):
        raw = serialize.inflate(blob[1], blob[2:])
    elif blob[:1] == bytes((_PLAIN,)):
        raw = zlib.decompress(blob[1:], -15)
    else:
        return _decode_v1(blob, sentence)
    cols = json.loads(raw.decode("utf-8"))
    base_t, base_c, text = sentence.token_start, sentence.start, sentence.text
    labels = token_labels()
    unlisted = cols.get("u", [])
    names = {key: (*getattr(labels, name), *unlisted) for key, name in _LABEL_FIELDS}
    pos, tag, dep, ent = (names[k] for k, _ in _LABEL_FIELDS)
    n = len(cols["g"])
    own = cols.get("x") or (None,) * n
    toks = []
    end = 0
    index = sentence.index
    rows = zip(cols["g"], cols["w"], own, cols["l"], cols["h"], cols["f"], cols["b"], strict=True)
    codes = zip(cols["p"], cols["t"], cols["d"], cols["n"], strict=True)
    for k, ((gap, width, word, lemma, head, flags, iob), (p, t, d, e)) in enumerate(zip(rows, codes, strict=True)):
        start = end + gap
        end = start + width
        if word is None:
            word = text[start:end]
        toks.append(
            Token(
                base_t + k,
                word,
                base_c + start,
                base_c + end,
                word.lower() if lemma is None else lemma,
                pos[p],
                tag[t],
                dep[d],
                base_t + k + head,
                index,
                ent[e],
                iob,
                bool(flags & _STOP),
                bool(flags & _NUM),
            )  # fmt: skip
        )
    chunks = tuple((base_t + a, base_t + b) for a, b in cols["c"])
    return tuple(toks), chunks


def _decode_v1(blob: bytes, sentence: Sentence) -> tuple[tuple[Token, ...], tuple[tuple[int, int], ...]]:
    cols = json.loads(zlib.decompress(blob).decode("utf-8"))
    base_t, base_c = sentence.token_start, sentence.start
    toks = []
    for k, text in enumerate(cols["x"]):
        start = base_c + cols["s"][k]
        lemma = cols["l"][k]
        toks.append(
            Token(
                i=base_t + k,
                text=text,
                start=start,
                end=start + len(text),
                lemma=text.lower() if lemma is None else lemma,
                pos=cols["p"][k],
                tag=cols["t"][k],
                dep=cols["d"][k],
                head=base_t + cols["h"][k],
                sentence=sentence.index,
                ent_type=cols["n"][k],
                ent_iob=cols["b"][k],
                is_stop=bool(cols["f"][k] & _STOP),
                like_num=bool(cols["f"][k] & _NUM),
            )
        )
    chunks = tuple((base_t + a, base_t + b) for a, b in cols["c"])
    return tuple(toks), chunks
