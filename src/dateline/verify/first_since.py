""" "First ... since X" claims (``time.first_since``, across documents).

"Their first meeting since 2019", "the first launch from X", "first visit in four
years" claim that no event of that type with those participants (or at that place)
happened in a gap: after 2019 (after about four years ago; ever) and before the
claimed event. Another stored report of such an event, dated inside the gap,
contradicts the claim; stored events that fit (the latest one before it lies in
2019) confirm it. Claims are read here; the comparison is in ``first_since_check``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date, timedelta

from ..types import Analysis, Check, EntityKey, Event, Sentence, TimeValue
from .config import Identity, tolerances
from .identity import covers, name_words
from .occurrences import Occ, Where, event_identity, explicit, occ_text, occurrences, sentence_places, where_matches
from .rules import cite_one, iso_day, verdict

_UNIT_DAYS = {"Y": 365.25, "M": 30.44, "W": 7.0, "D": 1.0}
COUNTED = re.compile(r"^P(\d+(?:\.\d+)?)([YMWD])$")
_RELATIVE = re.compile(r"\b(before|ahead|after|since|following)\s+(?:of\s+)?(?:[\w'’-]+\s+){0,3}$", re.I)
_PLURAL_PRONOUN = re.compile(r"\b(?:their|they|both|the two)\b", re.I)
_IN_LAST = re.compile(r"^\s*(?:in|for)\s+(?:the\s+)?(?:last|past)?\s*$", re.I)


@dataclass(frozen=True)
class Claim:
    analysis: Analysis
    sentence: int
    noun: str
    types: tuple[str, ...]
    kind: str  # since | in | ever
    anchor_text: str
    anchor_lo: date | None  # the period the previous event is said to lie in
    anchor_hi: date | None
    gap_start: date | None  # no event of the kind in (gap_start, claim date)
    when: date  # the claimed event's date
    when_explicit: bool
    who: frozenset[EntityKey]
    where: tuple[Where, ...]


@dataclass(frozen=True)
class _Found:
    """A "first" phrase in a sentence: what is first, and where the phrase ends."""

    noun: str
    types: tuple[str, ...]
    pos: int  # character offset after the claim noun
    start: int  # offset of the phrase in the sentence text


@functools.cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    nouns = "|".join(sorted(map(re.escape, tolerances().time.claim_nouns), key=len, reverse=True))
    first = re.compile(r"\bfirst(?:-ever)?\s+((?:[\w-]+\s+){0,2}?)(" + nouns + r")\b", re.I)
    first_time = re.compile(r"\bfor\s+the\s+first\s+time\b", re.I)
    return first, first_time


def _first_time_types(a: Analysis, s: Sentence, k: int) -> tuple[str, ...]:
    """The event "for the first time" modifies: one just before the phrase ("met for the first time")."""
    cfg = tolerances().time
    return tuple(
        sorted(
            {
                e.type
                for e in a.events
                if e.sentence == s.index
                and e.type in cfg.first_time_types
                and e.status != "negated"
                and 0 <= k - e.trigger_end <= cfg.first_time_window
            }
        )
    )


def _find(a: Analysis, s: Sentence) -> _Found | None:
    cfg = tolerances().time
    first, first_time = _patterns()
    m = first.search(s.text)
    if m and all(w.lower() in cfg.claim_adjectives for w in m.group(1).split()):
        noun = m.group(2).lower()
        return _Found(noun, tuple(cfg.claim_nouns[noun]), s.start + m.end(), m.start())
    m = first_time.search(s.text)
    if not m:
        return None
    types = _first_time_types(a, s, s.start + m.start())
    if len(types) != 1:
        return None  # no event, or several: the parse does not say what was first
    return _Found("time", types, s.start + m.end(), m.start())


def _named(a: Analysis, sentence: int) -> set[EntityKey]:
    labels = tolerances().time.who_labels
    return {mm.entity for mm in a.parsed.mentions if mm.sentence == sentence and mm.label in labels}


def _participants(
    a: Analysis, s: Sentence, f: _Found, events: list[Event], ident: Identity
) -> tuple[frozenset[EntityKey], tuple[Where, ...]] | None:
    who, where = event_identity(a, events)
    if not events:  # no event parsed: the sentence's named participants stand in,
        extra = _named(a, s.index)  # or for "their first meeting" those of the sentence before
        if len(extra) < ident.min_who and s.index > 0 and _PLURAL_PRONOUN.search(s.text[: f.start]):
            extra |= _named(a, s.index - 1)
        who = frozenset(who | extra)
    if not ident.where:
        where = ()  # a meeting is the same meeting wherever it is said to be held
    elif not where:
        where = sentence_places(a, s.index)
    if len(who) < ident.min_who or (ident.where and not ident.who and not where):
        return None
    return who, where


def _since_times(a: Analysis, s: Sentence, pos: int) -> list[TimeValue]:
    return [
        t
        for t in a.times
        if t.sentence == s.index and "since" in (t.rule or "") and t.start >= pos - 1 and t.earliest and t.latest
    ]


def _in_durations(a: Analysis, s: Sentence, pos: int) -> list[TimeValue]:
    """ "first meeting in four years", "for the past two years"."""
    return [
        t
        for t in a.times
        if t.sentence == s.index
        and t.type == "DURATION"
        and t.start >= pos
        and _IN_LAST.match(a.parsed.text[pos : t.start])
    ]


def _narrowed(
    a: Analysis, s: Sentence, pos: int, since: list[TimeValue], dur: list[TimeValue], ident: Identity
) -> bool:
    """Words between the claim noun and its anchor (or, for "ever", the rest of its
    phrase) that narrow it: "first meeting in Moscow", "first launch of the year",
    "first trip as president". For a visit or launch, "to"/"from"/"in"/"at" a place is its identity."""
    cfg = tolerances().time
    text = a.parsed.text
    if since:
        rest = re.sub(r"since\s*$", "", text[pos : since[0].start].strip(), flags=re.I)
    elif dur:
        rest = ""
    else:
        stop = min([e.trigger_start for e in a.events if e.sentence == s.index and e.trigger_start >= pos] + [s.end])
        rest = re.split(r"[,;:.!?()]", text[pos:stop], maxsplit=1)[0]
    narrowing = cfg.narrowing_words - (cfg.place_words if ident.where else frozenset())
    return bool(narrowing & set(re.findall(r"[a-z]+", rest.lower())))


def _claimed_date(a: Analysis, s: Sentence, f: _Found, events: list[Event]) -> tuple[date, bool] | None:
    """The claimed event's date and whether its sentence states it; None when unknown.

    "a day before his first summit": the sentence's date is not the claimed event's.
    Before it, that date is a safe (earlier) end for the gap; after it, the event lies
    at an unknown earlier date and nothing can be said. An undated claimed event is
    the report's news, at its date ("this will be their first meeting since 2019")."""
    dated = [e for e in events if explicit(e) and e.time_earliest and e.time_value != "PRESENT_REF"]
    when = iso_day(dated[0].time_earliest) if dated else a.article.published
    rel = _RELATIVE.search(s.text[: f.start])
    if rel and rel.group(1).lower() not in ("before", "ahead"):
        return None
    if when is None:
        return None
    return when, bool(dated) and not rel


def _claim_of(a: Analysis, s: Sentence) -> Claim | None:
    f = _find(a, s)
    if f is None:
        return None
    ident = tolerances().time.identity[f.types[0]]
    events = [e for e in a.events if e.sentence == s.index and e.type in f.types]
    party = _participants(a, s, f, events, ident)
    dated = _claimed_date(a, s, f, events)
    if party is None or dated is None:
        return None
    who, where = party
    when, when_explicit = dated
    since, dur = _since_times(a, s, f.pos), _in_durations(a, s, f.pos)
    if _narrowed(a, s, f.pos, since, dur, ident):
        return None

    def make(kind: str, text: str, lo: date | None, hi: date | None) -> Claim:
        return Claim(a, s.index, f.noun, f.types, kind, text, lo, hi, hi, when, when_explicit, who, where)

    if since:
        return make("since", since[0].text, iso_day(since[0].earliest), iso_day(since[0].latest))
    if dur:
        cm = COUNTED.match(dur[0].value)
        if not cm:
            return None
        n, days = float(cm.group(1)), _UNIT_DAYS[cm.group(2)]
        r = tolerances().time.count_rounding_units
        return make("in", dur[0].text, when - timedelta(days=(n + r) * days), when - timedelta(days=(n - r) * days))
    if not when_explicit:  # "ever" needs the first event's own date
        return None
    return make("ever", "ever", None, None)


def claims(a: Analysis) -> tuple[Claim, ...]:
    """The "first ... since/in/ever" claims of one document."""
    out = []
    for s in a.parsed.sentences:
        if "first" not in s.text.lower():
            continue  # most sentences claim nothing first: skip them before any regex
        c = _claim_of(a, s)
        if c is not None:
            out.append(c)
    return tuple(out)


def describe_who(c: Claim) -> str:
    parts = [k.name for k in sorted(c.who)]
    if c.where:
        parts.append(("at " if c.types[0] == "LAUNCH" else "to ") + c.where[0][0])
    return ", ".join(parts) or "?"


# ---------------------------------------------------------------------------
# the comparison with stored events


@dataclass(frozen=True)
class _Evidence:
    """Events that can count at all, indexed by type and by participant name words,
    so a large store costs a few candidates per claim, not every event."""

    by_type: dict[str, list[Occ]]
    by_word: dict[tuple[str, str], list[Occ]]


def _evidence(analyses: list[Analysis]) -> _Evidence:
    statuses = tolerances().time.evidence_statuses
    by_type: dict[str, list[Occ]] = {}
    by_word: dict[tuple[str, str], list[Occ]] = {}
    for a in analyses:
        for o in occurrences(a):
            if o.status in statuses and o.explicit and o.earliest and o.latest:
                by_type.setdefault(o.type, []).append(o)
                for w in {w for k in o.who for w in name_words(k)}:
                    by_word.setdefault((o.type, w), []).append(o)
    return _Evidence(by_type, by_word)


def _pool(c: Claim, ev: _Evidence) -> list[Occ]:
    """Candidates naming every participant of the claim (any of its name words)."""
    if not c.who:
        return [o for t in c.types for o in ev.by_type.get(t, ())]
    ids: set[int] | None = None
    found: dict[int, Occ] = {}
    for key in c.who:
        here = {id(o): o for t in c.types for w in name_words(key) for o in ev.by_word.get((t, w), ())}
        found.update(here)
        ids = set(here) if ids is None else ids & set(here)
    return [found[i] for i in found if ids and i in ids]


def _matches(c: Claim, o: Occ) -> bool:
    return (
        o.type in c.types
        and o.explicit
        and o.earliest is not None
        and o.latest is not None
        and not (o.doc_id == c.analysis.article.doc_id and o.sentence == c.sentence)
        and covers(c.who, o.who)
        and where_matches(c.where, o.where)
    )


def _kind_text(c: Claim) -> str:
    return {
        "since": f"first {c.noun} since {c.anchor_text}",
        "in": f"first {c.noun} in {c.anchor_text}",
        "ever": f"first {c.noun} ever",
    }[c.kind]


def _span(o: Occ) -> str:
    assert o.earliest is not None and o.latest is not None
    return o.earliest.isoformat() + ("" if o.earliest == o.latest else f"..{o.latest.isoformat()}")


def _contradicted(c: Claim, in_gap: list[Occ], gap: str, claim: str) -> Check:
    in_gap.sort(key=lambda o: o.latest or date.min, reverse=True)
    shown = in_gap[:3]
    computed = f"stored {c.types[0]} events {gap}: " + "; ".join(occ_text(o) for o in shown)
    where = (
        "the same report"
        if shown[0].doc_id == c.analysis.article.doc_id
        else f"another stored report ({shown[0].doc_id[:8]})"
    )
    why = (
        f"The report says this is the {_kind_text(c)} for {describe_who(c)}, but {where} dates such an event "
        f"to {_span(shown[0])}, {gap.replace('after', 'which is after')}: the claim and the stored event "
        "contradict each other."
    )
    cites = (cite_one(c.analysis, c.sentence),) + tuple(cite_one(o.analysis, o.sentence) for o in shown)
    return verdict("time", "time.first_since", False, claim, computed, why, cites)


def _supported(c: Claim, ev: list[Occ], end: date, gap: str, claim: str) -> Check | None:
    """The latest earlier event lies in the anchor period and none lies in the gap."""
    others = [o for o in ev if o.doc_id != c.analysis.article.doc_id]
    assert c.anchor_lo is not None and c.anchor_hi is not None
    support = [o for o in ev if o.latest and o.earliest and o.latest >= c.anchor_lo and o.earliest <= c.anchor_hi]
    if not support or not others:
        return None  # nothing stored to compare with: no verdict worth printing
    # the latest; among equals the narrowest date, then the plainest sentence to cite
    last = max(support, key=lambda o: (o.latest, o.earliest, -len(o.analysis.parsed.sentences[o.sentence].text)))
    computed = f"latest stored {c.types[0]} before {end.isoformat()}: {occ_text(last)}; none {gap}"
    period = c.anchor_text if c.kind == "since" else "the period " + c.anchor_text + " before it"
    why = (
        f"The stored reports of {describe_who(c)} fit the {_kind_text(c)}: the latest earlier event lies in "
        f"{period} ({c.anchor_lo.isoformat()}..{c.anchor_hi.isoformat()}) and none is dated between then and this one."
    )
    cites = (cite_one(c.analysis, c.sentence), cite_one(last.analysis, last.sentence))
    return verdict("time", "time.first_since", True, claim, computed, why, cites)


def _first_ever(c: Claim, ev: list[Occ], end: date, slack: timedelta, claim: str) -> Check | None:
    """Other reports of the same event agree it is the first."""
    others = [o for o in ev if o.doc_id != c.analysis.article.doc_id]
    same = sorted(
        (o for o in others if o.earliest and o.latest and o.earliest <= c.when + slack and o.latest >= end),
        key=lambda o: len(o.analysis.parsed.sentences[o.sentence].text),
    )
    if not same:
        return None
    computed = f"stored {c.types[0]} events before {end.isoformat()}: none; same event: {occ_text(same[0])}"
    why = (
        f"No stored report dates a {c.types[0]} of {describe_who(c)} before this one; "
        "other reports of the same event agree it is the first."
    )
    cites = (cite_one(c.analysis, c.sentence), cite_one(same[0].analysis, same[0].sentence))
    return verdict("time", "time.first_since", True, claim, computed, why, cites)


def _judge(c: Claim, ev: list[Occ], ever_sents: set[tuple[str, int]]) -> Check | None:
    slack = timedelta(days=tolerances().time.same_event_days)
    if c.kind == "ever":
        ev = [o for o in ev if (o.doc_id, o.sentence) not in ever_sents]
    end = c.when - slack
    in_gap = [
        o
        for o in ev
        if o.earliest and o.latest and (c.gap_start is None or o.earliest > c.gap_start) and o.latest < end
    ]
    claim = f"{_kind_text(c)}: {describe_who(c)} ({c.analysis.article.doc_id[:8]}, {c.when.isoformat()})"
    gap = (f"after {c.gap_start.isoformat()} and " if c.gap_start else "") + f"before {end.isoformat()}"
    if in_gap:
        return _contradicted(c, in_gap, gap, claim)
    if c.kind in ("since", "in"):
        return _supported(c, ev, end, gap, claim)
    return _first_ever(c, ev, end, slack, claim)


def check_first_since(analyses: list[Analysis]) -> list[Check]:
    found = [c for a in analyses for c in claims(a)]
    if not found:
        return []
    evidence = _evidence(analyses)
    # sentences stating a first-ever event: their dates are compared by time.event_date_across, not here
    ever_sents = {(c.analysis.article.doc_id, c.sentence) for c in found if c.kind == "ever"}
    out = []
    for c in found:
        check = _judge(c, [o for o in _pool(c, evidence) if _matches(c, o)], ever_sents)
        if check is not None:
            out.append(check)
    return out
