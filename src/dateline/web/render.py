"""What the article page draws, computed from the same records as its JSON twin: each
sentence cut into plain text and marked spans (entities as displaCy shows them, time
expressions with their resolved value, places linked to the map, quantities in SI), with
the checks that cite the sentence beside it. Text stays text: the templates escape it."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from ..api.queries import entity_key_id
from ..api.records import DocumentDetail
from ..types import Check, Mention, Place, Quantity, TimeValue

# Labels whose mentions are named things with an entity page; numbers and dates are not.
NAMED = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE"})


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    kind: str = ""  # "" plain | ent | time | place | qty
    label: str | None = None  # entity label, TIMEX3 value or quantity kind
    href: str | None = None  # entity page or map position
    title: str | None = None  # what the span resolves to (shown on hover)
    key: str | None = None  # entity key within the document, to highlight its other mentions


@dataclass(frozen=True, slots=True)
class Row:
    index: int
    segments: tuple[Segment, ...]
    time: str | None
    checks: tuple[Check, ...]


@dataclass(frozen=True, slots=True)
class _Span:
    start: int
    end: int
    priority: int
    segment: Segment


def safe_href(url: str | None) -> str | None:
    """Only http(s) URLs with a host become links; ``javascript:``, ``data:`` and the rest stay text."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return parts.geturl()


def _fmt(x: float | None) -> str:
    if x is None:
        return ""
    return f"{x:.4g}" if abs(x) >= 1e4 or (x and abs(x) < 1e-2) else f"{x:,.6g}"


def _time_span(t: TimeValue) -> _Span:
    rng = f" ({t.earliest} to {t.latest})" if t.earliest and t.latest and t.earliest != t.latest else ""
    title = f"{t.type} {t.value}{rng}" + (f" {t.mod}" if t.mod else "")
    return _Span(t.start, t.end, 3, Segment(t.text, "time", t.value, None, title))


def _place_span(p: Place, keys: dict[int, str]) -> _Span:
    located = p.lat is not None and p.lon is not None
    href = f"/map?lat={p.lat:.4f}&lon={p.lon:.4f}" if located else None
    where = ", ".join(x for x in (p.name, p.admin1, p.country_code) if x)
    title = f"{where} ({p.feature})" + (f" {p.lat:.4f}, {p.lon:.4f}" if located else "")
    return _Span(p.start, p.end, 4, Segment(p.text, "place", p.feature, href, title, keys.get(p.start)))


def _quantity_span(q: Quantity) -> _Span:
    si = f" = {_fmt(q.si_value)} {q.si_unit or ''}".rstrip() if q.si_value is not None else ""
    title = f"{q.kind}{si}" + (f" ({q.measures})" if q.measures else "") + (f" {q.mod}" if q.mod else "")
    return _Span(q.start, q.end, 2, Segment(q.text, "qty", q.kind, None, title))


def _mention_span(m: Mention) -> _Span:
    named = m.label in NAMED
    url_id = entity_key_id(m.entity) if named else None
    key = str(m.entity)
    seg = Segment(m.text, "ent", m.label, f"/entities/{url_id}" if url_id else None, key if named else m.label, key)
    return _Span(m.start, m.end, 1, seg)


def spans(view: DocumentDetail) -> list[_Span]:
    """Non-overlapping marked spans, in text order: a place wins over its mention, a
    resolved time over a DATE mention, a quantity over a CARDINAL one."""
    keys = {m.start: str(m.entity) for m in view.document.mentions}
    cands = [_time_span(t) for t in view.times]
    cands += [_place_span(p, keys) for p in view.places]
    cands += [_quantity_span(q) for q in view.quantities]
    cands += [_mention_span(m) for m in view.document.mentions]
    cands.sort(key=lambda s: (s.start, -s.priority, s.start - s.end))
    kept: list[_Span] = []
    for s in cands:
        overlaps = any(s.start < k.end and k.start < s.end for k in kept)
        if not overlaps and s.end > s.start:
            kept.append(s)
    return sorted(kept, key=lambda s: s.start)


def _cut(text: str, offset: int, marked: list[_Span]) -> tuple[Segment, ...]:
    out, pos = [], 0
    for s in marked:
        a, b = s.start - offset, s.end - offset
        if a < pos or b > len(text):
            continue
        if a > pos:
            out.append(Segment(text[pos:a]))
        out.append(Segment(text[a:b], *_fields(s.segment)[1:]))
        pos = b
    if pos < len(text):
        out.append(Segment(text[pos:]))
    return tuple(out)


def _fields(seg: Segment) -> tuple:
    return (seg.text, seg.kind, seg.label, seg.href, seg.title, seg.key)


def rows(view: DocumentDetail) -> list[Row]:
    """The article as sentence rows, each with its resolved time and the checks citing it."""
    doc_id = view.document.doc_id
    marked = spans(view)
    cited: dict[int, list[Check]] = {}
    for c in view.checks:
        for x in {cit.sentence_index for cit in c.citations if cit.doc_id == doc_id}:
            cited.setdefault(x, []).append(c)
    out = []
    for s in view.document.sentences:
        inside = [m for m in marked if m.start >= s.start and m.end <= s.end]
        when = s.time.value if s.time else None
        out.append(Row(s.index, _cut(s.text, s.start, inside), when, tuple(cited.get(s.index, ()))))
    return out
