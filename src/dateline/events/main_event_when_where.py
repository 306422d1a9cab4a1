"""The "when" and "where" of the main event: date and place phrases, scored.

Candidates are the document's time expressions and place names, adjacent ones
joined into one answer ("6.10am on Wednesday", "Croydon, south London"). Each
is scored by its position (title and lead first) and by whether it belongs to
the main event's sentence or roles; weights are in ``data/main_event.yaml``
(when, where).

The position weight and the normalisation of candidate scores, which all the
5W1H answers use, live here too, so that this module needs nothing from
``main_event`` (which imports it).
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from functools import partial
from typing import NamedTuple

from ..types import EntityKey, Event, Place, Role, W5Answer
from ._data import lexicon
from .context import PLACE_LABELS, DocContext

_MAX_CANDIDATES = 5
_DURATION = re.compile(r"^\d+[- ]?(?:year|month|week|day|hour|minute)s?\b", re.I)
_DAY_OR_HOUR = re.compile(r"day|night|morning|evening|noon|am\b|pm\b|a\.m\.|p\.m\.")
_DATELINE = re.compile(r"[A-Z][A-Z .,]+(?:—|--|-|\(|:)")


# --- shared by all answers ---------------------------------------------------


def _position_weight(ctx: DocContext, sentence: int, w: dict, offset: int | None = None) -> float:
    if ctx.in_title(sentence, offset):
        return w["title"]
    s = ctx.parsed.sentences[sentence]
    first_body = _first_body_sentence(ctx)
    if s.start < ctx.lead_end or s.index == first_body:
        return w["lead"]
    rank = s.index - first_body
    return w["lead"] / (1.0 + w["decay"] * rank)


def _first_body_sentence(ctx: DocContext) -> int:
    got = ctx.memo.get("first_body")
    if got is None:
        got = next((x.index for x in ctx.parsed.sentences if x.start >= ctx.lead_end), 0)
        ctx.memo["first_body"] = got
    return got


def _norm_scores(cands: list[tuple[float, W5Answer]]) -> tuple[W5Answer, ...]:
    """Best first, duplicates (same lower-cased text) dropped, scores scaled to (0, 1]."""
    cands = sorted(cands, key=lambda x: -x[0])
    seen = set()
    out = []
    top = cands[0][0] if cands else 1.0
    lo = min(c[0] for c in cands) if cands else 0.0
    for sc, a in cands:
        key = a.text.lower().strip()
        if not key or key in seen:
            continue
        seen.add(key)
        rel = 1.0 if top == lo else 0.1 + 0.9 * (sc - lo) / (top - lo)
        out.append(W5Answer(a.text, round(rel, 4), a.start, a.end, a.value, a.lat, a.lon))
        if len(out) >= _MAX_CANDIDATES:
            break
    return tuple(out)


def _merge_adjacent(items: list[tuple], text: str, join) -> list[tuple]:
    """Spans (start, end, text, sentence, ...) in document order, each joined to the one
    before it when ``join(previous, span, gap_text)`` returns the joined span."""
    merged: list[tuple] = []
    for it in sorted(items):
        if merged:
            joined = join(merged[-1], it, text[merged[-1][1] : it[0]])
            if joined is not None:
                merged[-1] = joined
                continue
        merged.append(it)
    return merged


# --- when ----------------------------------------------------------------


def _fmt_date(iso: str) -> str:
    try:
        y, m, d = (int(x) for x in iso.split("-"))
        return f"{calendar.month_name[m]} {d}, {y}"
    except (ValueError, IndexError):
        return iso


def _when(ctx: DocContext, best: Event | None, times, sentence_times) -> tuple[W5Answer, ...]:
    w = lexicon().main["when"]
    not_point = set(w["not_point"])
    main_span = _main_time_span(best)
    cands = []
    for s, e, text, sent, val, typ in _time_spans(ctx, times):
        text, e = _cut_at_line_break(text, s, e)
        low = text.lower()
        if not _is_point_in_time(low, not_point):
            continue
        sc = _time_score(ctx, w, best, main_span, s, e, sent, val, typ, low)
        cands.append((sc, W5Answer(text, sc, s, e, value=val)))
    cands += _publication_date(ctx)
    return _norm_scores(cands)


def _main_time_span(best: Event | None) -> tuple[int, int] | None:
    """Where the main event's own time role is, if it has one."""
    r = best.role("time") if best is not None else None
    return (r.start, r.end) if r is not None else None


def _time_spans(ctx: DocContext, times) -> list[tuple]:
    """Dates and times with a calendar value, as (start, end, text, sentence, value, type), adjacent ones joined."""
    items = [
        (tv.start, tv.end, tv.text, tv.sentence, tv.value, tv.type)
        for tv in times
        if tv.type in ("DATE", "TIME") and tv.value and tv.value[0].isdigit()
    ]
    full = ctx.parsed.text
    return _merge_adjacent(items, full, partial(_join_time, full))


def _join_time(full: str, p: tuple, it: tuple, gap: str) -> tuple | None:
    """ "6.10am on Wednesday": a time of day and its day are one answer."""
    if p[3] == it[3] and gap.strip().lower() in ("", "on", ",", "of", "at") and len(gap) <= 4:
        val = p[4] if p[5] == "DATE" and p[4] else it[4]
        return (p[0], it[1], full[p[0] : it[1]], p[3], val, "DATE" if "DATE" in (p[5], it[5]) else p[5])
    return None


def _cut_at_line_break(text: str, s: int, e: int) -> tuple[str, int]:
    """ "November 8, 2016\\nDozens": a mention run across a line break keeps its first line."""
    nl = text.find("\n")
    if nl > 0:
        text, e = text[:nl].rstrip(), s + len(text[:nl].rstrip())
    return text, e


def _is_point_in_time(low: str, not_point: set[str]) -> bool:
    """Not a duration or an age ("three years", "10-year", "40-year-old")."""
    words = set(re.findall(r"[a-z]+", low))
    return not (words & not_point or _DURATION.match(low) or "-old" in low)


def _time_score(
    ctx: DocContext,
    w: dict,
    best: Event | None,
    main_span: tuple[int, int] | None,
    s: int,
    e: int,
    sent: int,
    val: str,
    typ: str,
    low: str,
) -> float:
    sc = _position_weight(ctx, sent, w, s)
    if best is not None and sent == best.sentence:
        sc += w["main_sentence"]
    if main_span and s < main_span[1] and main_span[0] < e:
        sc += w["main_role"]
    # annotators answer "when" with a day or an hour; a bare year is rarely it
    if typ == "TIME" or (val and len(val) >= 10) or _DAY_OR_HOUR.search(low):
        sc += w["day"]
    elif val and len(val) == 4:
        sc += w["year_only"]
    return sc


def _publication_date(ctx: DocContext) -> list[tuple[float, W5Answer]]:
    """The publication date, the weakest candidate: news that names no date happened about then."""
    published = ctx.parsed.article.published
    if published is None:
        return []
    iso = published.isoformat()
    return [(0.05, W5Answer(_fmt_date(iso), 0.05, None, None, value=iso))]


# --- where ---------------------------------------------------------------


class _PlaceCues(NamedTuple):
    """What a place candidate is scored by, besides its own text and position."""

    w: dict  # main_event.yaml: where
    freq: Counter  # lower-cased name -> mentions
    maxf: int
    best: Event | None
    main_spans: list[tuple[int, int, Role]]  # the main event's place roles
    place_at: dict[tuple[int, int], Place]  # geo-resolved places by span


def _where(ctx: DocContext, best: Event | None, places) -> tuple[W5Answer, ...]:
    w = lexicon().main["where"]
    freq, maxf = _place_frequency(ctx)
    main_spans = [(r.start, r.end, r) for r in best.roles if r.name == "place"] if best is not None else []
    cues = _PlaceCues(w, freq, maxf, best, main_spans, {(p.start, p.end): p for p in places})
    merged = _place_spans(ctx, places)
    full = ctx.parsed.text
    not_places = set(w["not_places"])
    cands = []
    for s, e, text, sent, label, _ent in merged:
        if text.lower() in not_places:
            continue
        e2 = _hyphenated_end(full, e)
        if e2 != e:
            e, text = e2, full[s:e2]
        p = _resolved_place(cues.place_at, s, e)
        sc = _place_score(ctx, cues, s, e, text, sent, label, p)
        cands.append((sc, W5Answer(text, sc, s, e, lat=p.lat if p else None, lon=p.lon if p else None)))
    cands += _unnamed_main_places(w, main_spans, merged)
    return _norm_scores(cands)


def _place_frequency(ctx: DocContext) -> tuple[Counter, int]:
    """How often each name occurs, whatever label the model gave each mention."""
    freq = Counter(
        m.text.lower() for m in ctx.parsed.mentions if m.label in PLACE_LABELS or m.label in ("ORG", "PRODUCT")
    )
    return freq, max(freq.values()) if freq else 1


def _place_spans(ctx: DocContext, places) -> list[tuple]:
    """Place names as (start, end, text, sentence, label, entity), adjacent ones joined."""
    mentions = ctx.parsed.mentions
    items = [(m.start, m.end, m.text, m.sentence, m.label, m.entity) for m in mentions if m.label in PLACE_LABELS]
    have = [(s, e) for s, e, *_ in items] + [(m.start, m.end) for m in mentions if m.label == "NORP"]
    for p in places:
        # a resolved place the model did not tag as a place ("Croydon" read as ORG)
        if not any(p.start < e and s < p.end for s, e in have):
            text = p.text.strip()
            items.append((p.start, p.start + len(text), text, p.sentence, "GPE", EntityKey("GPE", p.name)))
    full = ctx.parsed.text
    return _merge_adjacent(items, full, partial(_join_places, full))


def _join_places(full: str, q: tuple, it: tuple, gap: str) -> tuple | None:
    """ "Croydon, south London": adjacent places are one answer."""
    if q[3] == it[3] and gap in (", ", ","):
        return (q[0], it[1], full[q[0] : it[1]], q[3], q[4], q[5])
    return None


def _hyphenated_end(full: str, e: int) -> int:
    """ "Mazar-i-Sharif": the tokenizer splits hyphenated names; the end of the whole name."""
    while e < len(full) and full[e] == "-" and e + 1 < len(full) and full[e + 1].isalpha():
        e2 = e + 1
        while e2 < len(full) and (full[e2].isalpha() or full[e2] == "-"):
            e2 += 1
        e = e2
    return e


def _resolved_place(place_at: dict[tuple[int, int], Place], s: int, e: int) -> Place | None:
    return next((place_at[k] for k in place_at if k[0] < e and s < k[1]), None)


def _place_score(
    ctx: DocContext, cues: _PlaceCues, s: int, e: int, text: str, sent: int, label: str, p: Place | None
) -> float:
    w = cues.w
    sc = _position_weight(ctx, sent, w, s)
    if ", " in text:
        sc += w["specific"]
    sc += w["labels"].get(label, 0.0)
    sc += w["frequency"] * cues.freq.get(text.lower(), 0) / cues.maxf
    if cues.best is not None and sent == cues.best.sentence:
        sc += w["main_sentence"]
    if any(s < me and ms < e for ms, me, _ in cues.main_spans):
        sc += w["main_role"]
    if s == ctx.lead_end and _DATELINE.match(ctx.parsed.text[s : s + 40]):
        sc += w["dateline"]  # "LONDON —": where the story was filed
    if p is not None:
        sc += w["features"].get(p.feature, 0.0)
    return sc


def _unnamed_main_places(w: dict, main_spans: list[tuple[int, int, Role]], merged: list[tuple]) -> list:
    """A main-event place phrase that is no named place ("the cosmodrome")."""
    return [
        (w["main_role"] + 0.3, W5Answer(r.text, 0.0, ms, me, lat=r.lat, lon=r.lon))
        for ms, me, r in main_spans
        if not any(s < me and ms < e for s, e, *_ in merged)
    ]
