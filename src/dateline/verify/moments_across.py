"""The same moment of one contest put at different points of its clock by two reports.

``time.scale_moment_across``: reports of the same story (a shared lead place, or two shared
names, published days apart at most: ``corpus``'s test) that place the same occurrence of
one event (the first stoppage of the race, the crash of one driver) on a lap. Two lap
numbers, or two counts of completed laps, must be equal; a count c and a lap number n agree
when n is c or c + 1. One verdict per pair of reports, so each says which two disagree.
An occurrence known only by its rank in a report ("the race was halted on lap 28", the only
stoppage it tells) may be another one than the other report's: two such moments more than
``max_gap`` laps apart get no verdict.
"""

from __future__ import annotations

from collections import defaultdict

from ..types import Analysis, Check
from .config import tolerances
from .corpus import lead_terms, linked
from .moments import Moment, moments
from .rules import cite_one, verdict


def _agree(x: Moment, y: Moment) -> bool:
    if x.completed == y.completed:
        return x.value == y.value
    done, lap = (x, y) if x.completed else (y, x)
    return lap.value in (done.value, done.value + 1)


def _told(m: Moment) -> str:
    return f"'{m.text}' ({m.doc_id[:8]} [{m.sentence}])"


def _what(m: Moment) -> str:
    """ "Marcus Ericsson's crash", "the second stoppage of the race"."""
    if m.person:
        return f"{m.person}'s {m.event}"
    nth = {1: "first", 2: "second", 3: "third"}.get(m.occurrence, f"occurrence {m.occurrence} of the")
    return f"the {nth} {m.event} of the race"


def _pair_check(x: Moment, y: Moment) -> Check | None:
    ok = _agree(x, y)
    if not ok and abs(x.value - y.value) > tolerances().moments.max_gap and not (x.stated and y.stated):
        return None  # far apart, and a report leaves its occurrence unsaid: maybe another stoppage
    what = _what(x)
    claim = f"{what}: {_told(x)}; {_told(y)}"
    forms = {m.completed for m in (x, y)}
    how = "counts of completed laps" if forms == {True} else "lap numbers" if forms == {False} else "a count and a lap"
    computed = f"{how}: {x.value} vs {y.value}" + ("" if len(forms) == 1 else " (lap c + 1 is run when c are done)")
    if ok:
        why = f"Two reports of the same race place {what} on the same lap: {_told(x)} and {_told(y)}."
    else:
        why = (
            f"Two reports of the same race place {what} on different laps ({_told(x)}; {_told(y)}). "
            "One moment of a race has one lap: one of the two is wrong."
        )
    cites = tuple(sorted({cite_one(x.analysis, x.sentence), cite_one(y.analysis, y.sentence)}, key=_key))
    return verdict("time", "time.scale_moment_across", ok, claim, computed, why, cites)


def _surname(name: str) -> str:
    """ "Marcus Ericsson" and "Ericsson" are one driver in one race's reports."""
    return name.split()[-1].casefold() if name.split() else ""


def _key(c: object) -> tuple[str, int]:
    return getattr(c, "doc_id", ""), getattr(c, "sentence_index", 0)


def check_moments_across(analyses: list[Analysis]) -> list[Check]:
    by_event: dict[tuple[str, str, int], dict[str, Moment]] = defaultdict(dict)
    for a in analyses:
        for m in moments(a):
            by_event[(m.event, _surname(m.person), m.occurrence)].setdefault(m.doc_id, m)
    groups = [g for g in by_event.values() if len(g) >= 2]
    if not groups:
        return []
    terms = {a.article.doc_id: lead_terms(a) for a in analyses}
    out = []
    for g in groups:
        ms = sorted(g.values(), key=lambda m: m.doc_id)
        for n, x in enumerate(ms):
            for y in ms[n + 1 :]:
                c = _pair_check(x, y) if linked(x.analysis, y.analysis, terms) else None
                if c is not None:
                    out.append(c)
    return out
