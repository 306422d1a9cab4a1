"""Orderings that contradict each other: a response timed before what it responds to.

``time.response_before_event``: a report of a one-off event (an accident, an attack) gives
its exact clock time ("the tram tipped over at 6.13am"), and a report of the same story (or
the same report) says the emergency services were called to it at an exact time before
that ("they had been called at 6.04am to an overturned tram"). A call cannot precede what
it reports, so the two times cannot both hold; a gap of a whole number of half hours may
be two time zones and is left alone, a minute is two clocks, and a call hours before the
event was to another incident. Only passive responses
("were called", "had been alerted") count: they are the services' own log of the event;
"called" in the active voice is any phone call. When the response names what it was
called to, that thing must be what the event's report speaks of (its noun in the event's
sentence or the report's lead), so a call to another incident that morning is not compared.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..nlp.syntax import governing_verb, span_head
from ..types import Analysis, Check, TimeValue
from .config import tolerances
from .corpus import lead_places, same_story
from .event_dates import CLOCK, Clock, clocks
from .rules import cite_one, iso_day, verdict


@dataclass(frozen=True)
class _Response:
    analysis: Analysis
    timex: TimeValue
    minutes: int
    verb: str
    to: str | None  # the lemma of what the services were called to, when the sentence says

    @property
    def doc_id(self) -> str:
        return self.analysis.article.doc_id


def _exact_minutes(t: TimeValue) -> int | None:
    m = CLOCK.search(t.value or "")
    if t.type != "TIME" or t.mod or not m or m.group(2) == "00" or iso_day(t.value) is None:
        return None  # hedged, on the hour or undated: not an exact moment
    return int(m.group(1)) * 60 + int(m.group(2))


def _destination(a: Analysis, v: int) -> str | None:
    """ "called ... to an overturned tram": the lemma of the noun after "to"."""
    for prep in a.parsed.children(v):
        if prep.dep == "prep" and prep.text.lower() == "to":
            obj = next((k for k in a.parsed.children(prep.i) if k.dep == "pobj"), None)
            return obj.lemma.lower() if obj is not None else None
    return None


def _responses(a: Analysis) -> list[_Response]:
    words = tolerances().calendar.response_verbs
    toks = a.parsed.tokens
    out = []
    for t in a.times:
        minutes = _exact_minutes(t)
        if minutes is None:
            continue
        s = a.parsed.sentences[t.sentence]
        inside = [k.i for k in toks[s.token_start : s.token_end] if k.start >= t.start and k.end <= t.end]
        if not inside:
            continue
        v = governing_verb(toks, span_head(toks, inside[0], inside[-1] + 1))
        if v is None or toks[v].lemma.lower() not in words:
            continue
        if not any(k.dep in ("auxpass", "nsubjpass") for k in a.parsed.children(v)):
            continue
        out.append(_Response(a, t, minutes, toks[v].text, _destination(a, v)))
    return out


def _speaks_of(c: Clock, noun: str | None) -> bool:
    """The event's report speaks of what the services were called to (or the call names nothing)."""
    if noun is None:
        return True
    lead = tolerances().counts.lead_sentences
    a = c.analysis
    sentences = {c.timex.sentence, *range(min(lead, len(a.parsed.sentences)))}
    return any(k.lemma.lower() == noun for s in sentences for k in a.parsed.sentence_tokens(s))


def _order_check(r: _Response, c: Clock) -> Check | None:
    cfg = tolerances().calendar
    gap = c.minutes - r.minutes
    step = cfg.clock_zone_step_minutes
    if gap <= cfg.clock_slack_minutes or min(gap % step, step - gap % step) <= cfg.clock_slack_minutes:
        return None  # after the event, within two clocks' minute, or a time-zone difference
    if gap > cfg.response_max_gap_minutes:
        return None  # hours before: a call to another incident that day
    event = c.type.lower()
    stated = f"{event} at {c.timex.text} ({c.doc_id[:8]}); services {r.verb} at {r.timex.text} ({r.doc_id[:8]}" + (
        f", to the {r.to})" if r.to else ")"
    )
    computed = f"the response is timed {gap} minute(s) before the {event}"
    why = (
        f"One report times the {event} at {c.timex.text}; a report of the same story says the services were "
        f"{r.verb} at {r.timex.text}, {gap} minutes earlier. A response cannot precede what it responds to, "
        "and the gap is no time-zone difference: one of the two times is wrong."
    )
    pair = {cite_one(c.analysis, c.timex.sentence), cite_one(r.analysis, r.timex.sentence)}
    cites = tuple(sorted(pair, key=lambda x: (x.doc_id, x.sentence_index)))
    return verdict("time", "time.response_before_event", False, stated, computed, why, cites)


def check_responses_before_events(analyses: list[Analysis]) -> list[Check]:
    events = [c for a in analyses for c in clocks(a)]
    responses = [r for a in analyses for r in _responses(a)] if events else []
    leads = {a.article.doc_id: lead_places(a) for a in analyses} if responses else {}
    out = []
    for r in responses:
        for c in events:
            same = r.doc_id == c.doc_id or same_story(r.analysis, c.analysis, leads)
            if same and iso_day(r.timex.value) == c.day and _speaks_of(c, r.to):
                check = _order_check(r, c)
                if check is not None:
                    out.append(check)
    return out
