"""Checks of the numbers and dates reports state, per document and across documents.

``check_document(analysis)`` runs every per-document rule family (kinematics,
geography, durations against dates); ``check_corpus(analyses)`` runs the
cross-document ones (numbers, "first ... since" claims, event dates). Each family
is a function ``Analysis -> list[Check]`` (or ``list[Analysis] -> list[Check]``)
so new ones slot in without touching the others. Tolerances are data:
``verify/data/tolerances.yaml`` (read by ``verify/config.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..types import Analysis, Check
from .ages import check_ages
from .arithmetic import check_arithmetic
from .calendar import check_calendar
from .conversions import check_conversions
from .corpus import check_ages_across, check_numbers_across
from .durations import check_durations_vs_dates
from .event_dates import check_clock_times_across, check_event_dates_across
from .first_since import check_first_since
from .geography import check_geography
from .kinematics import check_kinematics
from .moments_across import check_moments_across
from .ordering import check_responses_before_events

DocumentRule = Callable[[Analysis], list[Check]]
CorpusRule = Callable[[list[Analysis]], list[Check]]
DOCUMENT_RULES: tuple[DocumentRule, ...] = (
    check_kinematics,
    check_geography,
    check_durations_vs_dates,
    check_calendar,
    check_conversions,
    check_arithmetic,
    check_ages,
)
CORPUS_RULES: tuple[CorpusRule, ...] = (
    check_numbers_across,
    check_ages_across,
    check_first_since,
    check_event_dates_across,
    check_clock_times_across,
    check_responses_before_events,
    check_moments_across,
)


def unique(checks: Iterable[Check]) -> tuple[Check, ...]:
    """Never the same verdict twice: one check per rule, verdict, claim and computed figures;
    a repeat stating the same claim from another sentence adds its citations to the first."""
    out: dict[tuple[str, str, str, str], Check] = {}
    for c in checks:
        key = (c.rule, c.verdict, c.claim, c.computed)
        if key not in out:
            out[key] = c
            continue
        seen = out[key]
        extra = tuple(
            x
            for x in c.citations
            if (x.doc_id, x.sentence_index) not in {(y.doc_id, y.sentence_index) for y in seen.citations}
        )
        if extra:
            cites = tuple(sorted(seen.citations + extra, key=lambda x: (x.doc_id, x.sentence_index)))
            out[key] = Check(
                seen.kind, seen.verdict, seen.claim, seen.computed, seen.rule, seen.explanation, cites, seen.confidence
            )
    return tuple(out.values())


def check_document(analysis: Analysis) -> tuple[Check, ...]:
    return unique(c for rule in DOCUMENT_RULES for c in rule(analysis))


def check_corpus(analyses: Iterable[Analysis]) -> tuple[Check, ...]:
    """Cross-document checks: numbers, and time ("first since" claims, event dates)."""
    items = list(analyses)
    return unique(c for rule in CORPUS_RULES for c in rule(items))


def check_corpus_for(doc_id: str, analyses: Iterable[Analysis]) -> tuple[Check, ...]:
    """The cross-document checks that concern one document (cite one of its sentences):
    ``dateline check DOC`` can show "first meeting since 2019" against the rest of the store."""
    return tuple(c for c in check_corpus(analyses) if any(x.doc_id == doc_id for x in c.citations))


__all__ = ["check_document", "check_corpus", "check_corpus_for", "unique", "DOCUMENT_RULES", "CORPUS_RULES"]
