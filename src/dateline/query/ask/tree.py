"""Tree helpers on a stored sentence's parse that the reader needs beyond `nlp.syntax`:
tokens at character offsets, tree distance, subtree text."""

from __future__ import annotations

from ...types import ParsedDoc
from .config import _DETS


def _tok_at(pd: ParsedDoc, char: int) -> int | None:
    for t in pd.tokens:
        if t.start <= char < t.end or (t.start >= char):
            return t.i
    return None


def _tok_at_or(pd: ParsedDoc, char: int, default: int = -1) -> int:
    i = _tok_at(pd, char)
    return default if i is None else i


def _span_toks(pd: ParsedDoc, s: int, e: int) -> list[int]:
    return [t.i for t in pd.tokens if t.start < e and t.end > s]


def _ancestors(pd: ParsedDoc, i: int) -> list[int]:
    out = [i]
    seen = {i}
    while pd.tokens[out[-1]].head != out[-1]:
        h = pd.tokens[out[-1]].head
        if h in seen:
            break
        out.append(h)
        seen.add(h)
    return out


def _dist(pd: ParsedDoc, i: int, j: int) -> int:
    a, b = _ancestors(pd, i), _ancestors(pd, j)
    pos_b = {x: k for k, x in enumerate(b)}
    for k, x in enumerate(a):
        if x in pos_b:
            return k + pos_b[x]
    return 20


def _head_of(pd: ParsedDoc, toks: list[int]) -> int:
    """The token of a non-empty span whose head lies outside it."""
    s = set(toks)
    for i in toks:
        if pd.tokens[i].head not in s or pd.tokens[i].head == i:
            return i
    return toks[0]


def _children(pd: ParsedDoc, i: int) -> list:
    return [t for t in pd.tokens if t.head == i and t.i != i]


def _subtree_text(pd: ParsedDoc, i: int, drop=("relcl", "punct", "advcl")) -> str:
    inside = {i}
    changed = True
    while changed:
        changed = False
        for t in pd.tokens:
            if t.i not in inside and t.head in inside and t.head != t.i and not (t.dep in drop and t.head == i):
                inside.add(t.i)
                changed = True
    lo, hi = min(inside), max(inside)
    # keep it contiguous and trimmed of edge punctuation
    while lo < hi and pd.tokens[lo].pos == "PUNCT":
        lo += 1
    while hi > lo and pd.tokens[hi].pos == "PUNCT":
        hi -= 1
    return pd.text[pd.tokens[lo].start : pd.tokens[hi].end]


def _clean(text: str) -> str:
    return _DETS.sub("", text.strip().strip(",;:.")).strip()
