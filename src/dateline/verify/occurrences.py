"""Occurrences: stored events (or, in older stores, sentences) with who, where and when,
as the time checks compare them.

Same event = same type + participants (MEET) or traveller and place (VISIT, TRAVEL)
or site (LAUNCH), as the events stage gives them in roles. Only events that happened
(status occurred) with a date their own sentence states count as evidence.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from ..types import Analysis, EntityKey, Event
from .config import tolerances
from .rules import iso_day

Where = tuple[str, str | None, str | None]  # (name, country code, feature)
_FEATURE_RANK = {"facility": 0, "area": 1, "city": 1, "natural": 2, "region": 3, "country": 4}


@dataclass(frozen=True)
class Occ:
    analysis: Analysis
    sentence: int
    type: str
    status: str
    who: frozenset[EntityKey]
    where: tuple[Where, ...]  # most specific first
    earliest: date | None
    latest: date | None
    explicit: bool  # the date is stated by the event's own sentence
    trigger: str

    @property
    def doc_id(self) -> str:
        return self.analysis.article.doc_id


@functools.cache
def _cues() -> tuple[re.Pattern[str], dict[str, re.Pattern[str]]]:
    cfg = tolerances().time
    not_past = re.compile(r"\b(?:" + "|".join(re.escape(c) for c in cfg.not_past_cues) + r")\b", re.I)
    triggers = {
        t: re.compile(r"\b(?:" + "|".join(map(re.escape, ws)) + r")\b", re.I) for t, ws in cfg.fallback_triggers.items()
    }
    return not_past, triggers


def place_of(a: Analysis, name: str, start: int | None = None, end: int | None = None) -> Where:
    low = name.casefold()
    for p in a.places:
        if p.text.casefold() == low or p.name.casefold() == low:
            return (p.name, p.country_code, p.feature)
    if start is not None and end is not None:
        for p in a.places:
            if p.start >= start and p.end <= end and p.feature != "country":
                return (p.name, p.country_code, p.feature)
    return (name, None, None)


def sort_where(places: Iterable[Where]) -> tuple[Where, ...]:
    uniq = {p[0].casefold(): p for p in places}
    return tuple(sorted(uniq.values(), key=lambda p: (_FEATURE_RANK.get(p[2] or "", 1), p[0])))


def event_identity(a: Analysis, events: Iterable[Event]) -> tuple[frozenset[EntityKey], tuple[Where, ...]]:
    """The participants and places that identify events of a type (config ``time.identity``)."""
    cfg = tolerances().time
    who: set[EntityKey] = set()
    where: list[Where] = []
    for e in events:
        ident = cfg.identity.get(e.type)
        for r in e.roles:
            if not r.entity:
                continue
            if ident is not None and r.name in ident.who and r.entity.label in cfg.who_labels:
                who.add(r.entity)
            elif r.entity.label in cfg.where_labels and r.name != "agent":
                where.append(place_of(a, r.entity.name, r.start, r.end))
    return frozenset(who), sort_where(where)


def explicit(e: Event) -> bool:
    """The event's date is stated by its own sentence (or the lead states the present)."""
    cfg = tolerances().time
    rule = e.time_rule or ""
    if "since" in rule:  # "since 2019" dates the anchor, not the event
        return False
    if any(rule.startswith(p) for p in cfg.explicit_time_rules):
        return True
    return rule == "sentence:publication" and e.sentence < cfg.publication_time_lead


def sentence_places(a: Analysis, sentence: int) -> tuple[Where, ...]:
    return sort_where((p.name, p.country_code, p.feature) for p in a.places if p.sentence == sentence)


def _from_events(a: Analysis) -> tuple[Occ, ...]:
    cfg = tolerances().time
    out = []
    for e in a.events:
        ident = cfg.identity.get(e.type)
        if ident is None:
            continue
        who, where = event_identity(a, [e])
        if ident.where and not where:
            where = sentence_places(a, e.sentence)
        d0, d1 = iso_day(e.time_earliest), iso_day(e.time_latest)
        out.append(Occ(a, e.sentence, e.type, e.status, who, where, d0, d1, explicit(e), e.trigger))
    return tuple(out)


def _sentence_date(a: Analysis, sentence: int) -> tuple[date | None, date | None]:
    """The one date a sentence states (none when it states several)."""
    dates = [
        t
        for t in a.times
        if t.sentence == sentence
        and t.type in ("DATE", "TIME")
        and t.earliest
        and "since" not in (t.rule or "")
        and t.value != "PRESENT_REF"
    ]
    return (iso_day(dates[0].earliest), iso_day(dates[0].latest)) if len(dates) == 1 else (None, None)


def _from_sentences(a: Analysis) -> tuple[Occ, ...]:
    """No events stored: sentences with a trigger word and no modal or future cue."""
    not_past, triggers = _cues()
    who_labels = tolerances().time.who_labels
    out = []
    for s in a.parsed.sentences:
        if not_past.search(s.text):
            continue
        d0, d1 = _sentence_date(a, s.index)
        who = frozenset(m.entity for m in a.parsed.mentions if m.sentence == s.index and m.label in who_labels)
        for typ, rx in triggers.items():
            m = rx.search(s.text)
            if m:
                out.append(
                    Occ(
                        a,
                        s.index,
                        typ,
                        "occurred",
                        who,
                        sentence_places(a, s.index),
                        d0,
                        d1,
                        d0 is not None,
                        m.group(0),
                    )
                )
    return tuple(out)


def occurrences(a: Analysis) -> tuple[Occ, ...]:
    return _from_events(a) if a.events else _from_sentences(a)


def where_matches(claim: tuple[Where, ...], cand: tuple[Where, ...]) -> bool:
    """The claim's most specific place is named by the candidate, or contains it (a country)."""
    if not claim:
        return True
    name, cc, feature = claim[0]
    for n2, cc2, _ in cand:
        if n2.casefold() == name.casefold():
            return True
        if feature == "country" and cc and cc2 == cc:
            return True
    return False


def occ_text(o: Occ) -> str:
    if o.earliest is None or o.latest is None:
        return f"{o.type} '{o.trigger}' undated ({o.doc_id[:8]} [{o.sentence}])"
    when = o.earliest.isoformat() if o.earliest == o.latest else f"{o.earliest.isoformat()}..{o.latest.isoformat()}"
    return f"{o.type} '{o.trigger}' {when} ({o.doc_id[:8]} [{o.sentence}])"
