"""Checks of the numbers and dates reports state, per document and across documents.

``check_document(analysis)`` runs every per-document rule family (kinematics,
geography, durations against dates); ``check_corpus(analyses)`` runs the
cross-document ones (numbers, "first ... since" claims, event dates). Each family
is a function ``Analysis -> list[Check]`` (or ``list[Analysis] -> list[Check]``)
so new ones slot in without touching the others. Tolerances are data:
``verify/data/tolerances.yaml``.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..types import Analysis, Check
from .corpus import check_numbers_across
from .geography import check_geography
from .kinematics import check_kinematics
from .timing import check_durations_vs_dates, check_event_dates_across, check_first_since

DOCUMENT_RULES = (check_kinematics, check_geography, check_durations_vs_dates)
CORPUS_RULES = (check_numbers_across, check_first_since, check_event_dates_across)


def check_document(analysis: Analysis) -> tuple[Check, ...]:
    out: list[Check] = []
    for rule in DOCUMENT_RULES:
        out.extend(rule(analysis))
    return tuple(out)


def check_corpus(analyses: Iterable[Analysis]) -> tuple[Check, ...]:
    """Cross-document checks: numbers, and time ("first since" claims, event dates)."""
    items = list(analyses)
    out: list[Check] = []
    for rule in CORPUS_RULES:
        out.extend(rule(items))
    return tuple(out)


def check_corpus_for(doc_id: str, analyses: Iterable[Analysis]) -> tuple[Check, ...]:
    """The cross-document checks that concern one document (cite one of its sentences):
    ``dateline check DOC`` can show "first meeting since 2019" against the rest of the store."""
    return tuple(c for c in check_corpus(analyses) if any(x.doc_id == doc_id for x in c.citations))


__all__ = ["check_document", "check_corpus", "check_corpus_for", "DOCUMENT_RULES", "CORPUS_RULES"]
