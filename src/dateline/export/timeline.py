"""A timeline for people and their tools: CSV, JSON Lines, TimelineJS JSON, iCalendar.

Every writer takes the events of ``query.timeline.timeline`` (one entry per real-world
event, with all its reports) and writes one row / line / slide / VEVENT per event:
its date (``value``, ``earliest``, ``latest``, ``granularity``, ``dated_by``), status,
type, what happened, the participants (names and entity ids), the place (name, lat,
lon) and the sources (``doc_id``, ``record_id``, sentence index, trigger offsets).

- CSV: one header row, then one row per event; lists are joined with `` | ``, each
  source written ``record_id#sentence_index``.
- JSON Lines: one JSON object per event with the fields above (lists kept as lists).
- TimelineJS: the ``{"title": ..., "events": [...]}`` document TimelineJS 3 reads;
  ``start_date``/``end_date`` carry only the parts the granularity gives (a month
  event has no day), ``group`` is the type.
- iCalendar (RFC 5545): all-day VEVENTs from ``earliest`` to the day after ``latest``,
  UID from the first source, ``STATUS`` TENTATIVE for planned or possible events,
  CANCELLED for negated ones, CONFIRMED otherwise; text escaped and lines folded at 75 octets.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Iterable
from datetime import date, timedelta
from typing import TextIO

CSV_FIELDS = (
    "date",
    "earliest",
    "latest",
    "granularity",
    "dated_by",
    "status",
    "type",
    "what",
    "actors",
    "actor_ids",
    "place",
    "lat",
    "lon",
    "reports",
    "documents",
    "sources",
)


def row(e: dict) -> dict:
    """The flat record of one timeline event, shared by the CSV and JSON Lines writers."""
    place = e.get("place") or {}
    return {
        "date": e["value"],
        "earliest": e["earliest"],
        "latest": e["latest"],
        "granularity": e.get("granularity"),
        "dated_by": e.get("dated_by"),
        "status": e["status"],
        "type": e["type"],
        "what": e["what"],
        "actors": [p["name"] for p in e["participants"]],
        "actor_ids": [p["id"] for p in e["participants"]],
        "place": place.get("name"),
        "lat": place.get("lat"),
        "lon": place.get("lon"),
        "reports": e.get("reports", len(e["sources"])),
        "documents": e.get("documents"),
        "sources": [
            {
                "doc_id": s["doc_id"],
                "record_id": s.get("record_id"),
                "sentence_index": s["sentence_index"],
                "trigger_start": s.get("trigger_start"),
                "trigger_end": s.get("trigger_end"),
                "published": s.get("published"),
            }
            for s in e["sources"]
        ],
    }


def write_csv(events: Iterable[dict], out: TextIO) -> int:
    w = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n")
    w.writeheader()
    n = 0
    for e in events:
        r = row(e)
        r["actors"] = " | ".join(r["actors"])
        r["actor_ids"] = " | ".join(r["actor_ids"])
        r["sources"] = " | ".join(f"{s['record_id'] or s['doc_id']}#{s['sentence_index']}" for s in r["sources"])
        w.writerow(r)
        n += 1
    return n


def write_jsonl(events: Iterable[dict], out: TextIO) -> int:
    n = 0
    for e in events:
        out.write(json.dumps(row(e), ensure_ascii=False) + "\n")
        n += 1
    return n


def _tl_date(iso: str, grain: str | None) -> dict:
    d = date.fromisoformat(iso)
    out: dict = {"year": d.year}
    if grain not in ("year", "decade", "century"):
        out["month"] = d.month
        if grain in ("day", "time", None):
            out["day"] = d.day
    return out


def timelinejs(events: Iterable[dict], title: str) -> dict:
    """The TimelineJS 3 JSON document."""
    slides = []
    for e in events:
        grain = e.get("granularity")
        first = e["sources"][0] if e["sources"] else {}
        slide = {
            "start_date": _tl_date(e["earliest"], grain),
            "text": {
                "headline": e["what"],
                "text": " ".join((first.get("sentence") or first.get("text") or "").split()),
            },
            "group": e["type"],
            "unique_id": _uid(e),
        }
        if e["latest"] != e["earliest"] and grain not in ("day", "time"):
            slide["end_date"] = _tl_date(e["latest"], grain)
        slides.append(slide)
    return {"title": {"text": {"headline": title}}, "events": slides}


def write_timelinejs(events: Iterable[dict], out: TextIO, title: str) -> int:
    doc = timelinejs(events, title)
    out.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    return len(doc["events"])


def _uid(e: dict) -> str:
    s = e["sources"][0] if e["sources"] else {}
    key = f"{s.get('doc_id')}:{s.get('event_index')}:{e['type']}:{e['earliest']}"
    return hashlib.sha1(key.encode()).hexdigest()[:16]


def _ics_text(s: str) -> str:
    return s.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> list[str]:
    """RFC 5545 folding: lines of at most 75 octets, continuations start with a space."""
    out: list[str] = []
    cur = ""
    for ch in line:
        if len((cur + ch).encode()) > (75 if not out else 74):
            out.append(cur)
            cur = ""
        cur += ch
    out.append(cur)
    return [out[0]] + [" " + x for x in out[1:]]


_ICS_STATUS = {"planned": "TENTATIVE", "possible": "TENTATIVE", "negated": "CANCELLED"}


def _vevent(e: dict, stamp: str) -> list[str]:
    end = date.fromisoformat(e["latest"]) + timedelta(days=1)
    who = ", ".join(p["name"] for p in e["participants"])
    place = (e.get("place") or {}).get("name")
    src = "; ".join(f"{s.get('record_id') or s['doc_id']}#{s['sentence_index']}" for s in e["sources"])
    lines = [
        "BEGIN:VEVENT",
        f"UID:{_uid(e)}@dateline",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{e['earliest'].replace('-', '')}",
        f"DTEND;VALUE=DATE:{end.isoformat().replace('-', '')}",
        f"SUMMARY:{_ics_text(e['type'] + ': ' + e['what'])}",
        "DESCRIPTION:" + _ics_text(f"{who} ({e['status']}); sources: {src}"),
        f"STATUS:{_ICS_STATUS.get(e['status'], 'CONFIRMED')}",
        f"CATEGORIES:{_ics_text(e['type'])}",
    ]
    if place:
        lines.append(f"LOCATION:{_ics_text(place)}")
    lat, lon = (e.get("place") or {}).get("lat"), (e.get("place") or {}).get("lon")
    if lat is not None and lon is not None:
        lines.append(f"GEO:{lat:.6f};{lon:.6f}")
    return [*lines, "END:VEVENT"]


def write_ics(events: Iterable[dict], out: TextIO, stamp: str = "20000101T000000Z") -> int:
    """iCalendar; ``stamp`` (DTSTAMP) is fixed by default so one store always gives one file."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Dateline//timeline//EN", "CALSCALE:GREGORIAN"]
    n = 0
    for e in events:
        lines += _vevent(e, stamp)
        n += 1
    lines.append("END:VCALENDAR")
    out.write("".join(x + "\r\n" for line in lines for x in _fold(line)))
    return n
