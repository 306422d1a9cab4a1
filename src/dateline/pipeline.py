"""The analysis pipeline: Article -> ParsedDoc -> every stage -> Analysis.

Each stage is a pure function of the records before it; this module only wires
them in order and times them (the ingest benchmark prints each stage's share).
"""

from __future__ import annotations

import time as _time
from collections.abc import Iterable, Iterator

from .events import extract_events, main_event
from .geo import extract_places
from .nlp import parse_many
from .quantity import extract_quantities
from .time import extract_times, resolve_sentence_times
from .types import Analysis, Article, ParsedDoc

STAGES = ("time", "geo", "quantity", "events")


def analyse_parsed(parsed: ParsedDoc) -> Analysis:
    timings: dict[str, float] = {}
    t0 = _time.perf_counter()
    times = extract_times(parsed)
    sentence_times = resolve_sentence_times(parsed, times)
    t1 = _time.perf_counter()
    places, relative = extract_places(parsed)
    t2 = _time.perf_counter()
    quantities = extract_quantities(parsed)
    t3 = _time.perf_counter()
    events = extract_events(parsed, times, sentence_times, places)
    main = main_event(parsed, events, times, sentence_times, places)
    t4 = _time.perf_counter()
    timings.update(time=t1 - t0, geo=t2 - t1, quantity=t3 - t2, events=t4 - t3)
    return Analysis(
        parsed=parsed,
        times=tuple(times),
        sentence_times=tuple(sentence_times),
        places=tuple(places),
        relative_locations=tuple(relative),
        quantities=tuple(quantities),
        events=tuple(events),
        main_event=main,
        timings=timings,
    )


def analyse_many(articles: Iterable[Article], batch_size: int = 32) -> Iterator[Analysis]:
    """Analyse articles in order; spaCy batches them, the stages run per document."""
    it = iter(articles)
    while True:
        batch = [a for _, a in zip(range(batch_size), it, strict=False)]
        if not batch:
            return
        t0 = _time.perf_counter()
        parsed = list(parse_many(batch, batch_size=batch_size))
        nlp_each = (_time.perf_counter() - t0) / len(batch)
        for p in parsed:
            a = analyse_parsed(p)
            a.timings["nlp"] = nlp_each
            yield a


def analyse(article: Article) -> Analysis:
    return next(analyse_many([article]))
