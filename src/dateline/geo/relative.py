"""Relative locations: "around 900 miles north of Vladivostok" -> distance, bearing, anchor."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import yaml

from ..types import ParsedDoc, Place, RelativeLocation
from .distance import BEARING_DEG

DATA = Path(__file__).parent / "data"


@functools.lru_cache(maxsize=1)
def _pattern() -> tuple[re.Pattern, dict]:
    cfg = yaml.safe_load((DATA / "relative.yaml").read_text(encoding="utf-8"))

    def alt(words):  # longest first so "nautical miles" wins over "miles"
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

    rx = re.compile(
        rf"(?:\b(?P<mod>(?i:{alt(cfg['modifiers'])}))\s+)?"
        r"(?<![\d.,])(?P<num>\d{1,3}(?:,\d{3})++|\d++(?:\.\d+)?)\s*"  # a number from its start, no backtracking
        rf"(?P<unit>(?i:{alt(cfg['units_m'])}))\b"
        r"(?:\s*\([^)]{0,40}\))?\s*"
        rf"(?P<dir>(?i:{alt(cfg['directions'])}))\s+of\s+"
        r"(?:the\s+)?(?P<anchor>[A-Z][\w’'-]*(?:[ \t]+(?:of[ \t]+)?[A-Z][\w’'-]*){0,3})",
    )
    return rx, cfg


def extract_relative(parsed: ParsedDoc, places: tuple[Place, ...] | list[Place]) -> tuple[RelativeLocation, ...]:
    rx, cfg = _pattern()
    text = parsed.text
    out = []
    sent_starts = [s.start for s in parsed.sentences]
    for m in rx.finditer(text):
        anchor = m.group("anchor")
        if not anchor[:1].isupper():
            continue
        anchor = re.sub(r"(?:’s|'s)$", "", anchor)
        a_start = m.start("anchor")
        unit = m.group("unit").lower()
        dist = float(m.group("num").replace(",", "")) * cfg["units_m"][unit]
        bearing = cfg["directions"][m.group("dir").lower()]
        lat = lon = None
        for p in places:  # the resolved place at the anchor, else one with the same name
            if p.start <= a_start < p.end:
                lat, lon = p.lat, p.lon
                break
        if lat is None:
            for p in places:
                if p.text == anchor or p.name == anchor:
                    lat, lon = p.lat, p.lon
                    break
        if lat is None:
            from .gazetteer import get_gazetteer
            from .resolve import _config, _prior

            ents = get_gazetteer().lookup(anchor)
            if ents:
                best = max(ents, key=lambda e: _prior(e, _config()))
                lat, lon = best.lat, best.lon
        mod = m.group("mod")
        sent = max(0, _bisect_right(sent_starts, m.start()) - 1)
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
                cfg["modifiers"].get(mod.lower()) if mod else None,
            )
        )
    return tuple(out)


def _bisect_right(a, x):
    import bisect

    return bisect.bisect_right(a, x)
