"""The same one-off event dated differently across reports.

``time.event_date_across``: two reports date the same first-ever event ("the first
launch from the Vostochny Cosmodrome") on days that do not overlap, beyond a day's slack.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from ..types import Analysis, Check
from .config import tolerances
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
