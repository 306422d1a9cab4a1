"""Page furniture out of article text: photo credits, caption markers, galleries, share and
subscribe widgets, video notices, "read more" links, bylines (``data/boilerplate.yaml``).

Removed before a text is stored (``normalize.normalize_text`` calls :func:`strip`), so the
stored text is what every stage analyses and all offsets point into it. Removing twice
removes nothing more: a document's identity, hashed over the normalized text, is stable.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from .. import config

PATH = Path(__file__).parent / "data" / "boilerplate.yaml"


@dataclass(frozen=True)
class Furniture:
    why: str
    pattern: str


@dataclass(frozen=True)
class Boilerplate:
    patterns: tuple[Furniture, ...]
    gallery_header: str
    gallery_counter: str

    @functools.cached_property
    def compiled(self) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(p.pattern, re.MULTILINE) for p in self.patterns)

    @functools.cached_property
    def header(self) -> re.Pattern[str]:
        return re.compile(self.gallery_header)


@functools.cache
def boilerplate() -> Boilerplate:
    return config.load(Boilerplate, PATH)


config.register(PATH, boilerplate)


def strip(text: str) -> str:
    """``text`` without the furniture the data file lists (cheap when there is none)."""
    b = boilerplate()
    galleries = sorted({m.group(1) for m in b.header.finditer(text)})
    for rx in b.compiled:
        text = rx.sub("", text)
    for n in galleries:
        text = re.sub(b.gallery_counter.format(n=n), "", text)
    return text
