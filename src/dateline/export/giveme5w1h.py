"""Main events in Giveme5W1H's output layout, one JSON file per document.

``fiveWoneH.<question>.extracted[]`` holds ``{text, score}`` candidates, best
first (plus ``value``/``lat``/``lon`` where we have them); files are named
after the input record (news-please ``dId`` or the file stem) so they line up
with the gold files and read back in ``dateline eval 5w1h --pred``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from ..eval.five_w import QUESTIONS
from ..types import Analysis, MainEvent

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def main_event_json(doc_id: str, me: MainEvent | None) -> dict:
    """The per-document JSON of ``dateline main-event --json``: top answer per question."""
    out: dict = {"doc_id": doc_id}
    for q in QUESTIONS:
        cands = getattr(me, q) if me is not None else ()
        if not cands:
            out[q] = None
            continue
        a = cands[0]
        d: dict = {"text": a.text, "score": a.score}
        if a.value is not None:
            d["value"] = a.value
        if a.lat is not None and a.lon is not None:
            d["lat"], d["lon"] = a.lat, a.lon
        if a.start is not None:
            d["start"], d["end"] = a.start, a.end
        out[q] = d
    return out


def giveme5w1h_record(analysis: Analysis) -> dict:
    art = analysis.article
    me = analysis.main_event
    fw = {}
    for q in QUESTIONS:
        cands = getattr(me, q) if me is not None else ()
        ex = []
        for a in cands:
            d: dict = {"text": a.text, "score": a.score}
            if a.value is not None:
                d["value"] = a.value
            if a.lat is not None and a.lon is not None:
                d["lat"], d["lon"] = a.lat, a.lon
            ex.append(d)
        fw[q] = {"label": q, "extracted": ex}
    return {
        "dId": art.record_id or art.doc_id,
        "doc_id": art.doc_id,
        "title": art.title,
        "description": art.description,
        "date_publish": art.published.isoformat() if art.published else None,
        "fiveWoneH": fw,
    }


def file_stem(analysis: Analysis) -> str:
    art = analysis.article
    rid = art.record_id
    if not rid and art.source and art.source != "-":
        rid = Path(art.source.split("#", 1)[0]).stem
    return _UNSAFE.sub("_", rid or art.doc_id)


def write_giveme5w1h(analyses, out_dir: str | Path) -> int:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    n = 0
    for a in analyses:
        with open(out / f"{file_stem(a)}.json", "w", encoding="utf-8") as fh:
            json.dump(giveme5w1h_record(a), fh, ensure_ascii=False, indent=2)
        n += 1
    return n


def export_giveme5w1h(store, out_dir: str | Path) -> int:
    """Write one Giveme5W1H-layout file per stored document; returns the count."""
    return write_giveme5w1h((store.load_analysis(d) for d in store.doc_ids()), out_dir)
