"""The analysis pipeline: Article -> ParsedDoc -> every declared stage -> Analysis.

The stages are declared here, in order, in the spirit of spaCy's factories: each
names the :class:`Analysis` fields it requires and the fields it assigns (or, for
``refines``, replaces with a refined value), and a version that changes when its
output would. :func:`run_stages` loops over the
list, times each stage into a separate record (:class:`StageTimes`), and fails
loudly when a stage needs a field no earlier stage assigned, or does not assign
exactly what it declares. Stages are pure functions of the analysis so far.
"""

from __future__ import annotations

import dataclasses
import time as _time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from .entities import resolve_entities
from .errors import AnalysisError
from .events import analyse_events
from .geo import extract_places
from .nlp import parse_many
from .quantity import extract_quantities
from .time import extract_times, resolve_sentence_times
from .types import Analysis, Article, ParsedDoc, StageTimes

StageOutput = dict[str, Any]


@dataclass(frozen=True)
class Stage:
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    run: Callable[[Analysis], StageOutput]
    version: int = 1
    # fields an earlier step assigned that this stage replaces with a refined value
    # (the entities stage gives ``parsed`` its resolved mentions and entities)
    refines: tuple[str, ...] = ()


def _entities_stage(a: Analysis) -> StageOutput:
    parsed, links = resolve_entities(a.parsed)
    return {"parsed": parsed, "coref": links}


def _time_stage(a: Analysis) -> StageOutput:
    times = extract_times(a.parsed)
    return {"times": times, "sentence_times": resolve_sentence_times(a.parsed, times)}


def _geo_stage(a: Analysis) -> StageOutput:
    places, relative = extract_places(a.parsed)
    return {"places": tuple(places), "relative_locations": tuple(relative)}


def _quantity_stage(a: Analysis) -> StageOutput:
    return {"quantities": tuple(extract_quantities(a.parsed))}


def _events_stage(a: Analysis) -> StageOutput:
    events, main = analyse_events(a.parsed, a.times, a.sentence_times, a.places, a.coref)
    return {"events": events, "main_event": main}


STAGES: tuple[Stage, ...] = (
    Stage(
        "entities",
        ("parsed",),
        ("coref",),
        _entities_stage,
        refines=("parsed",),
        # 2: units and possessives split off names, headline words trimmed, surnames typed people;
        # 3: appositions as one phrase, "the two companies", the speaker's own organisation, plural names;
        # 4: a quotation's neighbour's speaker, binding in participle clauses, "they" that speaks is people,
        # "their" a team before a place, "the group of X" no reference back, headline clauses no names;
        # 5: "the phones" (units of a product), "company CEO", a copula's noun, part keys stored sorted,
        # "web browser X" no person, "their" after "users"/"some" not the company, "a zPod player, which"
        # 6: kinds of thing ("the laptops" no player), no phrase of a product's range, possessives that refer
        # ahead, model codes as written ("3G", "the 3G zPhone"), a person run into "U.S." split off, "as" phrases
        # 7: entities no name names ("a U.S. manufacturing company ... the company ... its"), document-local;
        # a possessive takes a named owner before one of them; groups of people no name names ("users ... their",
        # "some ... their")
        version=7,
    ),
    Stage(
        "time",
        ("parsed",),
        ("times", "sentence_times"),
        _time_stage,
        # 2: "one year later", "two days later" count from the last date the text told;
        # 3: a named hour with its day ("at midnight on Wednesday", "noon, Nov. 9")
        version=3,
    ),
    Stage("geo", ("parsed",), ("places", "relative_locations"), _geo_stage),
    Stage(
        "quantity",
        ("parsed",),
        ("quantities",),
        _quantity_stage,
        # 2: a number the parser hangs on the day after it ("rose to at least six Friday") is a count;
        # an update verb's subject says what is tallied before the verb's other words
        version=2,
    ),
    Stage(
        "events",
        ("parsed", "coref", "times", "sentence_times", "places"),
        ("events", "main_event"),
        _events_stage,
        # 2: dates by the event's own clause (quotations, reported speech), conditions; 3: ranges,
        # dates placed by an event, lead events, description status, agents of aides and mayors;
        # 4: denied complements, modifiers of event nouns, conjuncts' dates, no carried-over dates;
        # 5: types by a passive's subject, movers and parts, completed complements, split subjects,
        # reports updated a day later, speakers' statements dated deeper in the report;
        # 6: a date after an earlier clause's verb does not time a later conjunct with its own subject,
        # a past date after a past proposal's gerund is the proposal's, no report's day after background;
        # 7: light verbs carry their event noun ("held talks"), dates from neighbouring events (a definite
        # event noun, a participle adjunct, a speaker's next statement), gerund and reduced-relative
        # participants, "has been fighting since 2004", no attack in fighting an illness;
        # 8: a report's date line dates its undated lead news, "when X first did Y" is background,
        # an object before a controlled verb does it, "was on leave", "his period of leave", a verb's
        # particle in its trigger ("showed off"), "Jobs' death" dated by "died yesterday", an event
        # that occurred ends by the report's day ("has filed a lawsuit this week")
        version=8,
    ),
)


def check_declarations(stages: Iterable[Stage] = STAGES) -> None:
    """Every field a stage requires is assigned before it, and no field twice."""
    assigned = {"parsed"}
    for st in stages:
        missing = [f for f in (*st.requires, *st.refines) if f not in assigned]
        if missing:
            raise AnalysisError(f"stage {st.name!r} requires {', '.join(missing)}, which no earlier stage assigns")
        twice = assigned & set(st.assigns)
        if twice:
            raise AnalysisError(f"stage {st.name!r} assigns {', '.join(sorted(twice))} again")
        assigned.update(st.assigns)


def run_stages(parsed: ParsedDoc, stages: Iterable[Stage] = STAGES) -> tuple[Analysis, StageTimes]:
    stages = tuple(stages)
    analysis = Analysis(parsed=parsed, stages=tuple((st.name, st.version) for st in stages))
    seconds: list[tuple[str, float]] = []
    for st in stages:
        t0 = _time.perf_counter()
        out = st.run(analysis)
        seconds.append((st.name, _time.perf_counter() - t0))
        if set(out) != {*st.assigns, *st.refines}:
            got, declared = ", ".join(sorted(out)) or "nothing", ", ".join((*st.assigns, *st.refines))
            raise AnalysisError(f"stage {st.name!r} assigned {got} but declares {declared}")
        analysis = dataclasses.replace(analysis, **out)
    return analysis, StageTimes(parsed.article.doc_id, tuple(seconds))


def analyse_parsed(parsed: ParsedDoc) -> Analysis:
    return run_stages(parsed)[0]


def analyse_timed(articles: Iterable[Article], batch_size: int = 32) -> Iterator[tuple[Analysis, StageTimes]]:
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
            analysis, times = run_stages(p)
            yield analysis, dataclasses.replace(times, seconds=(("nlp", nlp_each), *times.seconds))


def analyse_many(articles: Iterable[Article], batch_size: int = 32) -> Iterator[Analysis]:
    for analysis, _ in analyse_timed(articles, batch_size):
        yield analysis


def analyse(article: Article) -> Analysis:
    return next(analyse_many([article]))


check_declarations()
