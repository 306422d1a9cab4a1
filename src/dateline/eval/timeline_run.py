"""``dateline eval timeline``: SemEval-2015 Task 4 TimeLine on Dateline's entity timelines.

The corpus (CAT XML, ``eval/cat.py``) is ingested through the normal ingest path;
each gold timeline's target entity gets Dateline's timeline through the export's
adapter (``export.semeval_timeline.entity_timeline``), its mentions named by the
annotated tokens under each trigger (:func:`cat_locator`: the CAT document id, the
token's ``sentence`` attribute, the tokens' words in lower case joined by ``_``), and
it is scored with ``eval/timeline.py``.

The diagnosis follows every gold mention: whether Dateline's timeline names it
(on a dated line) and with the gold's date, and, for a dated gold mention it does
not name, the first cause that applies, in this order:
- entity not matched: no Dateline entity answers to the target's name;
- not in the corpus: the gold names a document, sentence or word the corpus lacks;
- no event at that word: no stored event's trigger overlaps the gold tokens;
- typed OTHER: every event there has a type the timelines skip;
- entity fills no role: none of those events has the entity in a role;
- undated: such an event has no time of its own or of its sentence;
- left out for another reason (vague time, a publication-dated event with too few
  participants, a report past the sources shown per event).
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..export.semeval_timeline import EntityTimeline, TimelineMention, entity_timeline, semeval_lines, word_of
from ..store import columns
from ..store.keys import BY_DOC
from ..store.read import event_records
from ..types import Event
from .cat import CatDocument, CatToken, ingest_documents, read_cat_dir, store_path
from .timeline import (
    Timeline,
    TimelineScore,
    format_timeline,
    micro_average,
    parse_timeline,
    read_timelines,
    score_timeline,
)

PUBLISHED = {"SemEval-2015 Task 4 Track A (raw text) best F1, on the test set": 7.85}

NAMED_RIGHT = "named, with the gold date"
NAMED_WRONG = "named, with another date"
CAUSES = (
    "entity not matched",
    "not in the corpus",
    "no event at that word",
    "typed OTHER (timelines skip it)",
    "event present but the entity fills no role",
    "undated",
    "left out for another reason",
)


def cat_locator(by_doc: dict[str, CatDocument]) -> Callable[[TimelineMention], str]:
    """``docid-sentence-word`` from the annotated tokens under a stored trigger."""
    starts = {d: [t.start for t in doc.tokens] for d, doc in by_doc.items()}

    def locate(m: TimelineMention) -> str:
        doc = by_doc.get(m.doc_id)
        if doc is None:
            return f"{m.record_id}-{m.sentence}-{word_of(m.trigger)}"
        toks = _overlapping(doc.tokens, starts[m.doc_id], m.start, m.end)
        if not toks:
            return f"{doc.doc_id}-{m.sentence}-{word_of(m.trigger)}"
        toks += _apart(doc.tokens, toks, m.trigger.split()[len(toks) :])
        return f"{doc.doc_id}-{toks[0].sentence}-" + "_".join(t.text.lower() for t in toks)

    return locate


def _apart(tokens: tuple[CatToken, ...], toks: list[CatToken], words: list[str]) -> list[CatToken]:
    """The tokens of a trigger's words written apart from it ("took six months off"): each the
    next token of the sentence with that word, after the trigger."""
    out: list[CatToken] = []
    k = tokens.index(toks[-1]) + 1
    for w in words:
        while k < len(tokens) and tokens[k].sentence == toks[0].sentence and tokens[k].text.lower() != w.lower():
            k += 1
        if k >= len(tokens) or tokens[k].sentence != toks[0].sentence:
            break
        out.append(tokens[k])
        k += 1
    return out


def _overlapping(tokens: tuple[CatToken, ...], starts: list[int], start: int, end: int) -> list[CatToken]:
    i = max(bisect.bisect_right(starts, start) - 1, 0)
    out = []
    while i < len(tokens) and tokens[i].start < end:
        if tokens[i].end > start:
            out.append(tokens[i])
        i += 1
    return out


@dataclass(frozen=True, slots=True)
class TimelineResult:
    gold: Timeline
    system: Timeline
    entity: EntityTimeline
    score: TimelineScore


def system_timeline(store, gold: Timeline, locate: Callable[[TimelineMention], str]) -> TimelineResult:
    ent = entity_timeline(store, gold.target)
    system = parse_timeline("\n".join(semeval_lines(ent, locate)) + "\n", gold.name)
    return TimelineResult(gold, system, ent, score_timeline(gold, system))


@dataclass
class _Context:
    """What the diagnosis reads about one gold timeline's corpus and Dateline's store."""

    cat: dict[str, CatDocument]  # by CAT doc id
    dateline_id: dict[str, str]  # CAT doc id -> Dateline doc id
    events: dict[str, list[Event]]  # by Dateline doc id
    timed: dict[str, set[int]]  # Dateline doc id -> sentence indexes with a time
    skip_types: frozenset[str]


def gold_spans(cat: dict[str, CatDocument], mention: str) -> list[tuple[int, int]] | None:
    """Character spans of the gold tokens a ``docid-sentence-word`` names (None: not in the corpus)."""
    parts = mention.split("-", 2)
    doc = cat.get(parts[0])
    if len(parts) < 3 or doc is None or not parts[1].isdigit():
        return None
    toks = [t for t in doc.tokens if t.sentence == int(parts[1])]
    words = parts[2].split("_")
    for i, t in enumerate(toks):  # a multi-word event may be split: "taking the iPhone out"
        if t.text.lower() != words[0]:
            continue
        spans, rest = [(t.start, t.end)], words[1:]
        for u in toks[i + 1 :]:
            if rest and u.text.lower() == rest[0]:
                spans.append((u.start, u.end))
                rest = rest[1:]
        if not rest:
            return spans
    return None


def _lost_cause(ctx: _Context, ent: EntityTimeline, mention: str) -> str:
    if ent.entity_id is None:
        return CAUSES[0]
    spans = gold_spans(ctx.cat, mention)
    if spans is None:
        return CAUSES[1]
    doc = ctx.dateline_id[mention.split("-", 1)[0]]
    here = [e for e in ctx.events.get(doc, ()) if any(e.trigger_start < b and e.trigger_end > a for a, b in spans)]
    if not here:
        return CAUSES[2]
    here = [e for e in here if e.type not in ctx.skip_types]
    if not here:
        return CAUSES[3]
    here = [e for e in here if any(x.entity and (doc, str(x.entity)) in ent.members for x in e.roles)]
    if not here:
        return CAUSES[4]
    if all(not e.time_earliest and e.sentence not in ctx.timed.get(doc, set()) for e in here):
        return CAUSES[5]
    return CAUSES[6]


def _dated_mentions(tl: Timeline) -> Iterator[tuple[str, str | None, int]]:
    for ln in tl.lines:
        for m in ln.mentions:
            yield m, ln.date, ln.order


def diagnose(ctx: _Context, results: list[TimelineResult]) -> dict:
    """Counts over the gold mentions: named or not, and why the dated ones are lost."""
    counts: Counter = Counter()
    total = dated = named = 0
    for res in results:
        system = {m: d for m, d, order in _dated_mentions(res.system) if order != 0}
        for m, when, _order in _dated_mentions(res.gold):
            total += 1
            named += m in system
            if when is None:
                continue
            dated += 1
            if m in system:
                counts[NAMED_RIGHT if system[m] == when else NAMED_WRONG] += 1
            else:
                counts[_lost_cause(ctx, res.entity, m)] += 1
    return {
        "gold_mentions": total,
        "named": named,
        "dated_gold_mentions": dated,
        "dated": {k: counts[k] for k in (NAMED_RIGHT, NAMED_WRONG)},
        "lost": {k: counts[k] for k in CAUSES},
    }


def _context(store, docs: list[CatDocument], ids: dict[str, str]) -> _Context:
    events: dict[str, list[Event]] = {}
    timed: dict[str, set[int]] = {}
    for doc in ids.values():
        rows = store.query(f"SELECT {columns.select('events')} FROM events WHERE {BY_DOC} ORDER BY idx", d=doc)
        events[doc] = event_records(store.query, rows)
        q = "SELECT idx FROM sentences WHERE doc_id = :d AND time_earliest IS NOT NULL"
        timed[doc] = {r["idx"] for r in store.query(q, d=doc)}
    # an entity's timeline keeps every type (query/timeline.py): none is skipped
    return _Context({d.doc_id: d for d in docs}, ids, events, timed, frozenset())


def run(
    gold_dir: str,
    corpus_dir: str,
    keep: str | None = None,
    limit: int | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> dict:
    """Ingest the corpus, score every gold timeline, diagnose the gold mentions."""
    from ..store import open_store

    gold = read_timelines(gold_dir)
    docs = read_cat_dir(corpus_dir, limit)
    with store_path(keep, "timeline.db") as db:
        ids = ingest_documents(docs, db, on_progress)
        store = open_store(db)
        try:
            by_dateline = {ids[d.doc_id]: d for d in docs}
            results = [system_timeline(store, g, cat_locator(by_dateline)) for g in gold]
            diagnosis = diagnose(_context(store, docs, ids), results)
        finally:
            store.close()
    return _report(gold_dir, corpus_dir, len(docs), results, diagnosis)


def _report(gold_dir: str, corpus_dir: str, n_docs: int, results: list[TimelineResult], diagnosis: dict) -> dict:
    return {
        "gold": gold_dir,
        "corpus": corpus_dir,
        "documents": n_docs,
        "timelines": [
            r.score.as_dict()
            | {"target": r.gold.target, "entity": r.entity.entity_name, "entity_id": r.entity.entity_id}
            for r in results
        ],
        "micro": micro_average([r.score for r in results]).as_dict(),
        "diagnosis": diagnosis,
        "published": PUBLISHED,
        "system_timelines": {r.gold.name: format_timeline(r.system) for r in results},
    }
