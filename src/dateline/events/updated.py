"""Reports updated after their publication day: "the crash at 6.13am today" beside "the police
chief said last night". A reaction cannot come before the incident it reacts to, so when a
report dates an incident (data: dating ``incident_types``) on its publication day by its own
words and dates a statement the day before by a deictic expression ("last night",
"yesterday"), the report was updated a day later than it says: every event it dates by that
expression's day is moved one day on (rule ``updated:<rule>``).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from ..types import Event
from ._data import dating
from .context import DocContext

DEICTIC = "timex:relday"  # "last night", "yesterday", "this morning": read from the writing day


def updated_report_times(ctx: DocContext, events: list[Event]) -> list[Event]:
    pub = ctx.parsed.article.published
    if pub is None:
        return events
    stale = _stale_days(events, pub)
    if not stale:
        return events
    return [_moved_on(e) if _dated_on(e, stale) else e for e in events]


def _stale_days(events: list[Event], pub: date) -> set[str]:
    """The day before publication, when a statement is dated on it by a deictic expression and
    an incident on the publication day by the report's own words."""
    today, before = pub.isoformat(), (pub - timedelta(days=1)).isoformat()
    incident = any(
        e.type in dating().incident_types
        and e.status == "occurred"
        and (e.time_rule or "").startswith("timex:")
        and (e.time_value or "")[:10] == today
        for e in events
    )
    said = any(
        e.type == "STATEMENT"
        and e.status == "occurred"
        and e.time_rule == DEICTIC
        and (e.time_value or "")[:10] == before
        for e in events
    )
    return {before} if incident and said else set()


def _dated_on(e: Event, days: set[str]) -> bool:
    """Dated on one of ``days`` by a deictic expression of its sentence (or its governor's)."""
    rule = e.time_rule or ""
    return (e.time_value or "")[:10] in days and (rule == DEICTIC or rule == "sentence:governing")


def _moved_on(e: Event) -> Event:
    return replace(
        e,
        time_value=_next_day(e.time_value),
        time_earliest=_next_day(e.time_earliest),
        time_latest=_next_day(e.time_latest),
        time_rule=f"updated:{e.time_rule}",
    )


def _next_day(v: str | None) -> str | None:
    if not v or len(v) < 10:
        return v
    return (date.fromisoformat(v[:10]) + timedelta(days=1)).isoformat() + v[10:]
