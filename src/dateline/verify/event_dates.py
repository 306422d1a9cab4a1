"""The same one-off event dated differently across reports.

``time.event_date_across``: two reports date the same first-ever event ("the first
launch from the Vostochny Cosmodrome") on days that do not overlap, beyond a day's slack.
``time.clock_time_across``: two reports of the same story give a one-off moment (an
accident, an attack) two exact clock times ("tipped over at 6.13am", "the accident
happened at 6.10am"); a minute apart is two clocks, a whole number of half hours apart
two time zones, anything else a contradiction. Hedged times ("about 6.15") are not exact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from ..types import Analysis, Check, TimeValue
from .config import tolerances
from .corpus import lead_places, same_story
from .first_since import Claim, claims, describe_who
from .identity import covers
from .occurrences import explicit, where_matches
from .rules import cite_one, iso_day, verdict


@dataclass(frozen=True)
class _Dated:
    claim: Claim
    earliest: date
    latest: date

    @property
    def doc_id(self) -> str:
        return self.claim.analysis.article.doc_id

    def span(self) -> str:
        return self.earliest.isoformat() if self.earliest == self.latest else f"{self.earliest}..{self.latest}"


def _firsts(analyses: list[Analysis]) -> list[_Dated]:
    out = []
    for a in analyses:
        for c in claims(a):
            if c.kind != "ever" or not c.when_explicit:
                continue
            ev = [
                e
                for e in a.events
                if e.sentence == c.sentence and e.type in c.types and explicit(e) and e.time_earliest and e.time_latest
            ]
            d0, d1 = (iso_day(ev[0].time_earliest), iso_day(ev[0].time_latest)) if ev else (None, None)
            if d0 and d1:
                out.append(_Dated(c, d0, d1))
    return out


def _same_first(c: Claim, c0: Claim) -> bool:
    return (
        bool(set(c.types) & set(c0.types))
        and c.noun == c0.noun
        and (covers(c.who, c0.who) or covers(c0.who, c.who))
        and (where_matches(c.where, c0.where) or where_matches(c0.where, c.where))
    )


def _groups(firsts: list[_Dated]) -> list[list[_Dated]]:
    groups: list[list[_Dated]] = []
    for f in firsts:
        home = next((g for g in groups if _same_first(f.claim, g[0].claim)), None)
        if home is None:
            groups.append([f])
        else:
            home.append(f)
    return groups


def _group_check(g: list[_Dated], slack: timedelta) -> Check | None:
    per_doc: dict[str, _Dated] = {}
    for f in g:
        per_doc.setdefault(f.doc_id, f)
    if len(per_doc) < 2:
        return None
    fs = sorted(per_doc.values(), key=lambda f: f.earliest)
    lo, hi = max(f.earliest for f in fs), min(f.latest for f in fs)
    c0 = fs[0].claim
    what = f"first {c0.noun} ({c0.types[0]}): {describe_who(c0)}"
    dates = "; ".join(f"{f.span()} ({f.doc_id[:8]} [{f.claim.sentence}])" for f in fs)
    if lo <= hi:
        computed = f"common dates {lo.isoformat()}..{hi.isoformat()}"
    else:
        computed = (
            f"no common date: {(lo - hi).days} day(s) apart ({hi.isoformat()} vs {lo.isoformat()}; "
            f"slack {slack.days} day)"
        )
    ok = lo - slack <= hi
    why = (
        f"{len(fs)} reports date the {what} compatibly: {dates}."
        if ok
        else f"Reports date the same one-off event, the {what}, differently and the dates do not overlap "
        f"(even allowing {slack.days} day): {dates}."
    )
    cites = tuple(cite_one(f.claim.analysis, f.claim.sentence) for f in fs)
    return verdict("time", "time.event_date_across", ok, f"{what}: {dates}", computed, why, cites)


def check_event_dates_across(analyses: list[Analysis]) -> list[Check]:
    slack = timedelta(days=tolerances().time.date_slack_days)
    out = []
    for g in _groups(_firsts(analyses)):
        c = _group_check(g, slack)
        if c is not None:
            out.append(c)
    return out


# ---------------------------------------------------------------------------
# the clock time of one moment ("the tram tipped over at 6.13am") across reports

CLOCK = re.compile(r"T(\d\d):(\d\d)")
_HAPPEN = frozenset({"happen", "occur", "take", "strike", "hit"})


@dataclass(frozen=True)
class Clock:
    analysis: Analysis
    timex: TimeValue
    minutes: int  # since midnight
    day: date
    type: str  # the event type it times

    @property
    def doc_id(self) -> str:
        return self.analysis.article.doc_id


def _timed_event(a: Analysis, t: TimeValue) -> str | None:
    """The one-off event a clock time times: the nearest event before it in its sentence,
    with no other verb between, of a one-off type ("tipped over ... at 6.13am"), or
    "happened" whose subject names one ("the accident happened at 6.10am")."""
    one_off = tolerances().calendar.one_off_types
    before = [e for e in a.events if e.sentence == t.sentence and e.trigger_end <= t.start]
    if not before:
        return None
    e = max(before, key=lambda e: e.trigger_end)
    sent = a.parsed.sentence_tokens(t.sentence)
    between = [k for k in sent if e.trigger_end <= k.start and k.end <= t.start and k.pos == "VERB"]
    if between:
        return None
    if e.type in one_off:
        return e.type
    agent = e.role("agent")
    if e.lemma in _HAPPEN and agent is not None:
        inside = [o for o in a.events if o.sentence == t.sentence and agent.start <= o.trigger_start < agent.end]
        return next((o.type for o in inside if o.type in one_off), None)
    return None


def clocks(a: Analysis) -> list[Clock]:
    """The exact clock times of one-off events a report states ("tipped over at 6.13am")."""
    out = []
    for t in a.times:
        m = CLOCK.search(t.value or "")
        day = iso_day(t.value)
        if t.type != "TIME" or t.mod or not m or day is None or m.group(2) == "00":
            continue  # hedged ("about 6.15"), on the hour ("6am") or undated: not an exact moment
        typ = _timed_event(a, t)
        if typ is not None:
            out.append(Clock(a, t, int(m.group(1)) * 60 + int(m.group(2)), day, typ))
    return out


def _clock_check(pair: tuple[Clock, Clock]) -> Check:
    cfg = tolerances().calendar
    x, y = sorted(pair, key=lambda c: c.minutes)
    diff = y.minutes - x.minutes
    step = cfg.clock_zone_step_minutes
    zone = diff >= step - cfg.clock_slack_minutes and min(diff % step, step - diff % step) <= cfg.clock_slack_minutes
    ok = diff <= cfg.clock_slack_minutes or zone
    stated = f"{x.timex.text} ({x.doc_id[:8]}); {y.timex.text} ({y.doc_id[:8]})"
    computed = f"{diff} minute(s) apart" + (" (a whole number of half hours: two time zones)" if zone else "")
    claim = f"{x.type.lower()} at {stated}"
    if ok:
        why = f"Two reports of the same event time the {x.type.lower()} at {stated}: " + (
            "the same moment." if diff <= cfg.clock_slack_minutes else "the gap is a time-zone difference."
        )
    else:
        why = (
            f"Two reports of the same event give the {x.type.lower()} two exact times, {diff} minutes apart "
            f"({stated}); a one-off moment has one time, and the gap is no time-zone difference."
        )
    cites = (cite_one(x.analysis, x.timex.sentence), cite_one(y.analysis, y.timex.sentence))
    return verdict("time", "time.clock_time_across", ok, claim, computed, why, cites)


def check_clock_times_across(analyses: list[Analysis]) -> list[Check]:
    clocks_ = [c for a in analyses for c in clocks(a)]
    if len(clocks_) < 2:
        return []
    leads = {c.doc_id: lead_places(c.analysis) for c in clocks_}
    out = []
    for n, x in enumerate(clocks_):
        for y in clocks_[n + 1 :]:
            if (
                x.doc_id != y.doc_id
                and x.type == y.type
                and x.day == y.day
                and same_story(x.analysis, y.analysis, leads)
            ):
                out.append(_clock_check((x, y)))
    return out
