"""An entity's timeline in the SemEval-2015 Task 4 (TimeLine) file format.

    Steve Jobs
    0	XXXX-XX-XX	18355-9-reassumed
    1	1976	18355-6-started
    2	2004	17677-5-fought	18355-4-fighting

The first line names the entity asked for; each other line is ``order TAB date TAB
mention ...``: one order number per distinct date, rising with the date (a date
sorts by its first day; of two dates starting on one day the longer comes first, so
"2006", "2006-01", "2006-01-01"); the date at the granularity the event has
(YYYY, YYYY-MM or YYYY-MM-DD: the finest unit that holds the event's whole time
span); one line per event, listing every report of it; events the timeline leaves
undated at order 0 with ``XXXX-XX-XX``. A mention is ``docid-sentence-word``: the
document's record id (news-please ``dId`` or the file stem), the index of the
stored sentence holding the event's word (0-based, the title being sentence 0, as
the task's CAT files count), and the word in lower case with ``_`` between the
words of a multi-word trigger. A scorer with the annotated tokens passes its own
``locate`` to name mentions by them instead (``eval/timeline_run.py``).

:func:`entity_timeline` is the one place that reads Dateline's timeline for this
export and the TimeLine evaluation (the adapter): ``dateline.query.timeline.timeline``,
whose every report names its stored event and trigger offsets (``event_index``,
``trigger_start``, ``trigger_end``); an event shows at most ``max_sources`` reports
(``query/data/timeline.yaml``), so further reports of a large event are not named.
Undated events are the entity's stored events on no timeline entry with no time of their own.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..store import columns
from ..store.keys import BY_DOC
from ..store.read import event_records
from ..types import Event

UNDATED = "XXXX-XX-XX"


@dataclass(frozen=True, slots=True)
class TimelineMention:
    doc_id: str
    record_id: str  # the document id the task uses: news-please dId or the file stem
    sentence: int  # stored sentence index
    start: int  # the trigger's character offsets into the stored text
    end: int
    trigger: str


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    date: str | None  # YYYY, YYYY-MM or YYYY-MM-DD; None when undated
    earliest: str | None
    latest: str | None
    type: str
    mentions: tuple[TimelineMention, ...]


@dataclass(frozen=True, slots=True)
class EntityTimeline:
    query: str  # the name asked for
    entity_id: str | None  # None when no Dateline entity answers to it
    entity_name: str | None
    members: frozenset[tuple[str, str]]  # (doc_id, entity_key) of the entity's per-document entities
    entries: tuple[TimelineEntry, ...]


def granular_date(earliest: str, latest: str) -> str:
    """The finest of day, month and year that holds [earliest, latest] (a span across years: its first year)."""
    if earliest == latest:
        return earliest
    if earliest[:7] == latest[:7]:
        return earliest[:7]
    return earliest[:4]


def _date_key(e: TimelineEntry) -> tuple[str, int]:
    """First day ascending, then the longer span first: 2006 < 2006-01 < 2006-01-01."""
    span = (date.fromisoformat(e.latest or "") - date.fromisoformat(e.earliest or "")).days
    return (e.earliest or "", -span)


def entity_timeline(store, name: str) -> EntityTimeline:
    """The adapter: Dateline's timeline of the entity NAME (see the module docstring)."""
    from ..entities.lookup import members as entity_members
    from ..errors import NotFound
    from ..query.timeline import timeline

    try:
        out = timeline(store, entity=name)
    except NotFound:
        return EntityTimeline(name, None, None, frozenset(), ())
    ent = out["entity"]
    members = frozenset(entity_members(store, ent["id"]))
    pool = _entity_events(store, members)
    records = _record_ids(store, {d for d, _ in members})
    claimed: set[tuple[str, int]] = set()
    entries = [_entry(e, pool, records, claimed) for e in out["events"]]
    entries += _undated(pool, records, claimed)
    return EntityTimeline(name, ent["id"], ent["name"], members, tuple(entries))


def _entry(event: dict, pool: dict, records: dict, claimed: set) -> TimelineEntry:
    mentions = []
    for src in event["sources"]:
        doc, sent = src["doc_id"], src["sentence_index"]
        if "trigger_start" in src:  # a timeline that names each report's trigger
            hit = [(src.get("event_index", -1), src["trigger_start"], src["trigger_end"], src.get("trigger", ""))]
        else:
            hit = [
                (ev.index, ev.trigger_start, ev.trigger_end, ev.trigger)
                for ev in pool.get(doc, ())
                if ev.sentence == sent and ev.type == event["type"] and (doc, ev.index) not in claimed
            ]
        for idx, start, end, trig in hit:
            claimed.add((doc, idx))
            mentions.append(TimelineMention(doc, records.get(doc, doc), sent, start, end, trig))
    when = granular_date(event["earliest"], event["latest"])
    return TimelineEntry(when, event["earliest"], event["latest"], event["type"], tuple(mentions))


def _entity_events(store, members: frozenset[tuple[str, str]]) -> dict[str, list[Event]]:
    """Stored events of the entity's documents in which one of its per-document entities has a role."""
    out: dict[str, list[Event]] = {}
    for doc in sorted({d for d, _ in members}):
        rows = store.query(f"SELECT {columns.select('events')} FROM events WHERE {BY_DOC} ORDER BY idx", d=doc)
        for ev in event_records(store.query, rows):
            if any(x.entity and (doc, str(x.entity)) in members for x in ev.roles):
                out.setdefault(doc, []).append(ev)
    return out


def _record_ids(store, docs: set[str]) -> dict[str, str]:
    out = {}
    for doc in docs:
        rows = store.query("SELECT record_id, source FROM documents WHERE doc_id = :d", d=doc)
        if rows:
            out[doc] = rows[0]["record_id"] or Path(rows[0]["source"]).stem
    return out


def _undated(pool: dict[str, list[Event]], records: dict, claimed: set) -> list[TimelineEntry]:
    out = []
    for doc, events in pool.items():
        for ev in events:
            if (doc, ev.index) in claimed or ev.time_earliest:
                continue
            m = TimelineMention(doc, records.get(doc, doc), ev.sentence, ev.trigger_start, ev.trigger_end, ev.trigger)
            out.append(TimelineEntry(None, None, None, ev.type, (m,)))
    return out


def stored_locator(store) -> Callable[[TimelineMention], str]:
    """``docid-sentence-word`` from the stored document: record id, sentence index, trigger text."""

    def locate(m: TimelineMention) -> str:
        return f"{m.record_id}-{m.sentence}-{word_of(m.trigger)}"

    return locate


def word_of(text: str) -> str:
    """A trigger as the task writes it: lower case, ``_`` between words."""
    return re.sub(r"\s+", "_", text.strip().lower())


def semeval_lines(tl: EntityTimeline, locate: Callable[[TimelineMention], str]) -> list[str]:
    """The timeline in the task's format, the entity asked for on the first line.

    A mention named twice (one word on two entries) is kept on its first dated entry."""
    dated = sorted((e for e in tl.entries if e.date), key=_date_key)
    orders: dict[str, int] = {}
    for e in dated:
        orders.setdefault(e.date or "", len(orders) + 1)
    seen: set[str] = set()
    rows: list[tuple[int, str, list[str]]] = []
    for e in dated + [x for x in tl.entries if not x.date]:
        ids = [i for i in dict.fromkeys(locate(m) for m in e.mentions) if i not in seen]
        seen.update(ids)
        if ids:
            rows.append((orders.get(e.date or "", 0), e.date or UNDATED, ids))
    rows.sort(key=lambda r: r[0])
    return [tl.query] + ["\t".join([str(order), when, *ids]) for order, when, ids in rows]
