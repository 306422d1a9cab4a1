"""Checks of the numbers reports state: per document now, across documents next.

``check_document(analysis)`` runs every per-document rule family (kinematics,
geography); ``check_corpus(analyses)`` runs the cross-document ones. Each family
is a function ``Analysis -> list[Check]`` so new ones slot in without touching
the others. Tolerances are data: ``verify/data/tolerances.yaml``.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..types import Analysis, Check
from .corpus import check_numbers_across
from .geography import check_geography
from .kinematics import check_kinematics

DOCUMENT_RULES = (check_kinematics, check_geography)
CORPUS_RULES = (check_numbers_across,)


def _with_quantities(analysis: Analysis) -> Analysis:
    """Analyses stored before the quantity stage existed get their quantities now."""
    if analysis.quantities or not analysis.parsed.tokens:
        return analysis
    import dataclasses

    from ..quantity import extract_quantities

    return dataclasses.replace(analysis, quantities=extract_quantities(analysis.parsed))


def check_document(analysis: Analysis) -> tuple[Check, ...]:
    a = _with_quantities(analysis)
    out: list[Check] = []
    for rule in DOCUMENT_RULES:
        out.extend(rule(a))
    return tuple(out)


def check_corpus(analyses: Iterable[Analysis]) -> tuple[Check, ...]:
    """Cross-document checks (numbers now; time contradictions are added by the lead)."""
    items = [_with_quantities(a) for a in analyses]
    out: list[Check] = []
    for rule in CORPUS_RULES:
        out.extend(rule(items))
    return tuple(out)


__all__ = ["check_document", "check_corpus", "DOCUMENT_RULES", "CORPUS_RULES"]
