"""Running the grammar over a text: candidates near trigger words, overlaps resolved longest first.

The patterns and their handlers live in ``grammar.py`` (built from ``data/lexicon.yaml``)
and in the handler modules (``absolute``, ``relative``, ``spans``, ``clock``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .base import Ctx, Hit
from .grammar import Grammar, Pattern, grammar
from .normalize import underspecify_out_of_range

# Longest prefix or suffix around a trigger word ("the better part of the past ...").
_MARGIN = 48


@dataclass(slots=True)
class Found:
    """A normalized candidate before it becomes a TimeValue."""

    start: int
    end: int
    type: str
    value: str
    mod: str | None
    rule: str
    priority: int = 0


def trigger_windows(g: Grammar, text: str) -> list[list[int]]:
    """Character ranges within ``_MARGIN`` of a trigger word, merged when they touch."""
    windows: list[list[int]] = []
    for t in g.trigger.finditer(text):
        a, b = max(0, t.start() - _MARGIN), min(len(text), t.end() + _MARGIN)
        if windows and a <= windows[-1][1]:
            windows[-1][1] = b
        else:
            windows.append([a, b])
    return windows


def _read(p: Pattern, m: re.Match[str], ctx: Ctx) -> Hit | None:
    try:
        return p.handler(m, ctx)
    except (OverflowError, ValueError):
        # Last line of defence for date arithmetic at the edge of what a date holds
        # (the handlers return underspecified values there): drop the match.
        return None


def _run(p: Pattern, ctx: Ctx, windows: list[list[int]]) -> list[Found]:
    out: list[Found] = []
    for a, b in windows:
        for m in p.rx.finditer(ctx.text, a, b):
            hit = _read(p, m, ctx)
            if hit is not None:
                out.append(_found(ctx.text, p, hit, m.start(), m.end()))
    return out


def _found(text: str, p: Pattern, hit: Hit, start: int, end: int) -> Found:
    s = start if hit.start is None else hit.start
    e = end if hit.end is None else hit.end
    # trailing punctuation a pattern swallowed (abbreviation dots at sentence end stay)
    while e > s and text[e - 1] in " ,;":
        e -= 1
    return Found(s, e, hit.type, underspecify_out_of_range(hit.value), hit.mod, p.name, p.priority)


def longest_first(cands: list[Found], length: int) -> list[Found]:
    """Non-overlapping candidates, longest (then higher priority, then earlier) first; in text order."""
    cands = sorted(cands, key=lambda f: (-(f.end - f.start), -f.priority, f.start))
    taken: list[Found] = []
    occupied = bytearray(length + 1)
    for f in cands:
        if any(occupied[f.start : f.end]):
            continue
        occupied[f.start : f.end] = b"\x01" * (f.end - f.start)
        taken.append(f)
    taken.sort(key=lambda f: f.start)
    return taken


def find_all(ctx: Ctx) -> list[Found]:
    """Every pattern over the text; overlapping matches resolved longest-first."""
    g = grammar()
    windows = trigger_windows(g, ctx.text)
    cands: list[Found] = []
    for p in g.patterns:
        cands.extend(_run(p, ctx, windows))
    return longest_first(cands, len(ctx.text))


def match_at(ctx: Ctx, name: str) -> Found | None:
    """The reading of the whole of ``ctx.text`` by the pattern ``name`` (None when it does not match)."""
    p = next((q for q in grammar().patterns if q.name == name), None)
    if p is None:
        return None
    m = p.rx.match(ctx.text)
    hit = None if m is None else _read(p, m, ctx)
    if m is None or hit is None:
        return None
    return _found(ctx.text, p, hit, m.start(), m.end())
