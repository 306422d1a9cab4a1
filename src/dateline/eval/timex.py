"""TempEval-3 Task A scoring of time expressions (UzZaman et al. 2013).

- extent: strict match = identical offsets, relaxed match = any overlap (one-to-one);
  precision over system expressions, recall over gold, F1;
- attributes (type, value) on relaxed matches: accuracy = correct / matched, and
  attribute F1 from P = correct / |system|, R = correct / |gold| (TempEval-3's
  "value F1" and "type F1").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from ..types import Article
from .timeml import TimeMLDoc, read_dir

# Published TempEval-3 Task A figures (test set) to print beside ours.
PUBLISHED = {
    "HeidelTime": {"value_f1": 77.61, "strict_f1": 81.34, "relaxed_f1": 90.30},
    "SUTime": {"value_f1": 67.38},
}


@dataclass
class Counts:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    type_ok: int = 0
    value_ok: int = 0
    # (doc, kind, gold text, gold type, gold value, system text, system type, system value)
    errors: list[tuple[str, ...]] = field(default_factory=list)


def _prf(hit: int, sys_n: int, gold_n: int) -> tuple[float, float, float]:
    p = hit / sys_n if sys_n else 0.0
    r = hit / gold_n if gold_n else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


class Span(Protocol):
    """What scoring reads of a gold or system expression (GoldTimex and TimeValue both have it)."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def type(self) -> str: ...
    @property
    def value(self) -> str: ...


Pair = tuple[int | None, int | None]


def match(gold: Sequence[Span], system: Sequence[Span]) -> list[Pair]:
    """One-to-one pairs (gold index, system index) by largest overlap; unmatched get None."""
    pairs = []
    for gi, g in enumerate(gold):
        for si, s in enumerate(system):
            ov = min(g.end, s.end) - max(g.start, s.start)
            if ov > 0:
                pairs.append((-(ov), 0 if (g.start, g.end) == (s.start, s.end) else 1, gi, si))
    pairs.sort()
    used_g: set[int] = set()
    used_s: set[int] = set()
    out: list[Pair] = []
    for _, _, gi, si in pairs:
        if gi in used_g or si in used_s:
            continue
        used_g.add(gi)
        used_s.add(si)
        out.append((gi, si))
    out += [(gi, None) for gi in range(len(gold)) if gi not in used_g]
    out += [(None, si) for si in range(len(system)) if si not in used_s]
    return out


def _count_match(c: Counts, name: str, g: Span, s: Span) -> None:
    c.relaxed += 1
    if (g.start, g.end) == (s.start, s.end):
        c.strict += 1
    c.type_ok += g.type == s.type
    c.value_ok += g.value == s.value
    if g.value != s.value or g.type != s.type or (g.start, g.end) != (s.start, s.end):
        c.errors.append((name, "mismatch", g.text, g.type, g.value, s.text, s.type, s.value))


def count_doc(c: Counts, name: str, gold: Sequence[Span], system: Sequence[Span]) -> None:
    c.gold += len(gold)
    c.system += len(system)
    for gi, si in match(gold, system):
        g = gold[gi] if gi is not None else None
        s = system[si] if si is not None else None
        if g is not None and s is not None:
            _count_match(c, name, g, s)
        elif g is not None:
            c.errors.append((name, "missed", g.text, g.type, g.value, "", "", ""))
        elif s is not None:
            c.errors.append((name, "spurious", "", "", "", s.text, s.type, s.value))


def _pct(x: float) -> float:
    return round(100 * x, 2)


def figures(c: Counts) -> dict[str, Any]:
    sp, sr, sf = _prf(c.strict, c.system, c.gold)
    rp, rr, rf = _prf(c.relaxed, c.system, c.gold)
    tp, tr, tf = _prf(c.type_ok, c.system, c.gold)
    vp, vr, vf = _prf(c.value_ok, c.system, c.gold)
    pct = _pct
    return {
        "gold": c.gold,
        "system": c.system,
        "strict": {"precision": pct(sp), "recall": pct(sr), "f1": pct(sf)},
        "relaxed": {"precision": pct(rp), "recall": pct(rr), "f1": pct(rf)},
        "type": {"accuracy": pct(c.type_ok / c.relaxed if c.relaxed else 0), "f1": pct(tf)},
        "value": {
            "accuracy": pct(c.value_ok / c.relaxed if c.relaxed else 0),
            "precision": pct(vp),
            "recall": pct(vr),
            "f1": pct(vf),
        },
    }


def tml_article(doc: TimeMLDoc, source: str) -> Article:
    """The gold text exactly as is (offsets must not move), dated by the DCT."""
    from ..ingest.normalize import doc_id_for

    return Article(doc_id=doc_id_for(doc.text), text=doc.text, source=source, published=doc.dct)


def evaluate_docs(
    docs: Iterable[TimeMLDoc], on_progress: Callable[[int, int], None] | None = None
) -> tuple[dict[str, Any], Counts]:
    """Score the documents; ``on_progress(done, total)`` after each one."""
    from ..nlp import parse_many
    from ..time import extract_times

    docs = list(docs)
    arts = [tml_article(d, d.name) for d in docs]
    c = Counts()
    tick = on_progress or (lambda done, total: None)
    for k, (d, parsed) in enumerate(zip(docs, parse_many(arts), strict=True), 1):
        count_doc(c, d.name, d.timexes, extract_times(parsed))
        tick(k, len(docs))
    return figures(c), c


def evaluate_dir(
    folder: str | Path, on_progress: Callable[[int, int], None] | None = None
) -> tuple[dict[str, Any], Counts]:
    return evaluate_docs(read_dir(folder), on_progress)
