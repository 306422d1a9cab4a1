"""Main events in Giveme5W1H's output layout, one JSON file per document.

``fiveWoneH.<question>.extracted[]`` holds ``{text, score}`` candidates, best
first (plus ``value``/``lat``/``lon`` where we have them); files are named
after the input record (news-please ``dId`` or the file stem) so they line up
with the gold files and read back in ``dateline eval 5w1h --pred``.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .. import serialize
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


# A file name longer than this is cut and given a hash of the whole name (most file
# systems stop at 255 bytes; a 300-character dId stopped the export).
MAX_STEM = 100


def file_stem(analysis: Analysis) -> str:
    return _stem(analysis)[0]


def _stem(analysis: Analysis) -> tuple[str, str | None]:
    """The file name for an analysis, and "shortened" when the id was too long for one."""
    art = analysis.article
    rid = art.record_id
    if not rid and art.source and art.source != "-":
        rid = Path(art.source.split("#", 1)[0]).stem
    stem = _UNSAFE.sub("_", rid or art.doc_id)
    if len(stem.encode("utf-8")) <= MAX_STEM:
        return stem, None
    digest = hashlib.sha256(stem.encode("utf-8")).hexdigest()[:12]
    return f"{stem[: MAX_STEM - 13]}-{digest}", "shortened"


@dataclass(frozen=True)
class Written:
    """One file the export wrote, and why its name is not the record id when it is not."""

    doc_id: str
    path: Path
    note: str | None = None  # "shortened", "shares its id with N other(s)"


def file_names(analyses: list[Analysis]) -> list[tuple[Analysis, str, str | None]]:
    """Each analysis with a file name of its own: records sharing an id get their doc id added."""
    named = [(a, *_stem(a)) for a in analyses]
    counts = Counter(stem.lower() for _, stem, _ in named)  # case-insensitive file systems too
    out = []
    for a, stem, note in named:
        n = counts[stem.lower()]
        if n > 1:
            stem, note = f"{stem}-{a.article.doc_id}", f"shares its id with {n - 1} other record(s)"
        out.append((a, stem, note))
    return out


def write_files(analyses, out_dir: str | Path) -> list[Written]:
    """One file per analysis in ``out_dir``; returns exactly what was written."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for a, stem, note in file_names(list(analyses)):
        path = out / f"{stem}.json"
        path.write_text(serialize.dumps(giveme5w1h_record(a), indent=2) + "\n", encoding="utf-8")
        written.append(Written(a.article.doc_id, path, note))
    return written


def write_giveme5w1h(analyses, out_dir: str | Path) -> int:
    return len(write_files(analyses, out_dir))


def export_giveme5w1h(store, out_dir: str | Path) -> list[Written]:
    """Write one Giveme5W1H-layout file per stored document; returns the files written."""
    return write_files((store.load_analysis(d) for d in store.doc_ids()), out_dir)
