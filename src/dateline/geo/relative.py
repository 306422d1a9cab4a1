"""Relative locations: "around 900 miles north of Vladivostok" -> distance, bearing, anchor."""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Sequence

from ..types import ParsedDoc, Place, RelativeLocation
from .distance import BEARING_DEG
from .gazetteer import get_gazetteer
from .resolve import prior
from .settings import relative, resolution


def _alt(words: Iterable[str]) -> str:
    """A regex alternation, longest first so "nautical miles" wins over "miles"."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@functools.cache
def pattern() -> re.Pattern:
    cfg = relative()
    return re.compile(
        rf"(?:\b(?P<mod>(?i:{_alt(cfg.modifiers)}))\s+)?"
        r"(?<![\d.,])(?P<num>\d{1,3}(?:,\d{3})++|\d++(?:\.\d+)?)\s*"  # a number from its start, no backtracking
        rf"(?P<unit>(?i:{_alt(cfg.units_m)}))\b"
        r"(?:\s*\([^)]{0,40}\))?\s*"
        rf"(?P<dir>(?i:{_alt(cfg.directions)}))\s+of\s+"
        r"(?:the\s+)?(?P<anchor>[A-Z][\w’'-]*(?:[ \t]+(?:of[ \t]+)?[A-Z][\w’'-]*){0,3})",
    )


def _anchor_point(anchor: str, a_start: int, places: Sequence[Place]) -> tuple[float | None, float | None]:
    """The resolved place at the anchor, else one with the same name, else the
    gazetteer's likeliest reading of the name."""
    located = [p for p in places if p.lat is not None]
    for p in located:
        if p.start <= a_start < p.end:
            return p.lat, p.lon
    for p in located:
        if anchor in (p.text, p.name):
            return p.lat, p.lon
    ents = get_gazetteer().lookup(anchor)
    if not ents:
        return None, None
    best = max(ents, key=lambda e: prior(e, resolution()))
    return best.lat, best.lon


def extract_relative(parsed: ParsedDoc, places: Sequence[Place]) -> tuple[RelativeLocation, ...]:
    cfg = relative()
    text = parsed.text
    out = []
    sent_starts = [s.start for s in parsed.sentences]
    for m in pattern().finditer(text):
        anchor = re.sub(r"(?:’s|'s)$", "", m.group("anchor"))
        dist = float(m.group("num").replace(",", "")) * cfg.units_m[m.group("unit").lower()]
        bearing = cfg.directions[m.group("dir").lower()]
        lat, lon = _anchor_point(anchor, m.start("anchor"), places)
        mod = m.group("mod")
        sent = max(0, bisect.bisect_right(sent_starts, m.start()) - 1)
        out.append(
            RelativeLocation(
                m.start(),
                m.end("anchor"),
                text[m.start() : m.end("anchor")],
                sent,
                round(dist, 1),
                bearing,
                BEARING_DEG.get(bearing),
                anchor,
                lat,
                lon,
                cfg.modifiers.get(mod.lower()) if mod else None,
            )
        )
    return tuple(out)
