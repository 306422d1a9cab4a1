"""Long documents in bounded pieces: segments for the pipeline, short runs for the tokenizer.

The text is never changed: segments are exact slices, and a run of non-space
characters over the limit becomes several tokens, so every offset still points into
``Article.text``. Each piece's records are joined to the previous ones after parsing.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from .. import config

PATH = Path(__file__).parent / "data" / "segments.yaml"
# Where to cut a segment, best first.
_BREAKS = ("\n\n", "\n", ". ", " ")


@dataclass(frozen=True)
class Segments:
    segment_chars: int
    segment_batch: int
    max_token_chars: int


@functools.cache
def settings() -> Segments:
    return config.load(Segments, PATH)


config.register(PATH, settings)


def cut(text: str, size: int | None = None) -> list[str]:
    """``text`` as consecutive slices of at most ``size`` characters, cut at breaks."""
    size = size or settings().segment_chars
    out: list[str] = []
    start = 0
    while len(text) - start > size:
        window = text[start : start + size]
        end = size
        for br in _BREAKS:
            k = window.rfind(br, size // 2)
            if k > 0:
                end = k + len(br)
                break
        out.append(window[:end])
        start += end
    out.append(text[start:])
    return out


@functools.cache
def _long_run(limit: int) -> re.Pattern[str]:
    return re.compile(rf"\S{{{limit + 1},}}")


def make_doc(nlp, text: str):
    """The tokenized Doc of ``text``, with over-long runs cut before the tokenizer sees them."""
    limit = settings().max_token_chars
    runs = list(_long_run(limit).finditer(text))
    if not runs:
        return nlp.make_doc(text)
    from spacy.tokens import Doc

    words: list[str] = []
    spaces: list[bool] = []
    pos = 0
    for m in runs:
        _add_tokens(nlp, text[pos : m.start()], words, spaces)
        run = m.group()
        for k in range(0, len(run), limit):
            words.append(run[k : k + limit])
            spaces.append(False)
        pos = m.end()
    _add_tokens(nlp, text[pos:], words, spaces)
    return Doc(nlp.vocab, words=words, spaces=spaces)


def _add_tokens(nlp, piece: str, words: list[str], spaces: list[bool]) -> None:
    if not piece:
        return
    if piece[0] == " " and words and not spaces[-1] and piece[1:2] not in ("", " ", "\n"):
        spaces[-1], piece = True, piece[1:]  # the space after a cut run is its whitespace
    for t in nlp.make_doc(piece):
        words.append(t.text)
        spaces.append(bool(t.whitespace_))
