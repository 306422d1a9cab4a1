"""Unit conversions a report gives in brackets (``arithmetic.conversion``, per document).

"17 miles (27km)", "about 40 metres deep (131 feet)", "the 170-gram and 400-gram bars
(about six ounces and 14 ounces)": the figure in brackets restates the one before it in
another unit. Converted exactly, the first figure must fall within the rounding of the
second (half a unit of its last digit, "about" widening it), plus a small slack for a
reporter's rounded factor; either may be the one the reporter converted from, so the
reverse conversion may fit instead.
"""

from __future__ import annotations

import re

from ..types import Analysis, Check, Quantity
from .config import tolerances
from .rules import cite, rounding_bounds, verdict

_OPEN = re.compile(r"\(")


def _si_interval(q: Quantity) -> tuple[float, float]:
    lo, hi = rounding_bounds(q.number, q.mod)
    per = (q.si_value or 0.0) / q.number
    return lo * per, hi * per


def _bracketed(a: Analysis, sentence: int) -> list[tuple[list[Quantity], list[Quantity]]]:
    """(figures before a bracket, figures inside it) for each bracket of a sentence."""
    s = a.parsed.sentences[sentence]
    kinds = tolerances().arithmetic.conversion_kinds
    qs = [q for q in a.quantities if q.sentence == sentence and q.kind in kinds and q.si_value and q.number]
    out = []
    for m in _OPEN.finditer(s.text):
        start = s.start + m.start()
        close = s.text.find(")", m.start())
        end = s.start + (close if close >= 0 else len(s.text))
        inside = [q for q in qs if start < q.start and q.end <= end]
        before = [q for q in qs if q.end <= start]
        if inside and before and start - before[-1].end <= 40:
            out.append((before, inside))
    return out


def _pairs(before: list[Quantity], inside: list[Quantity]) -> list[tuple[Quantity, Quantity]]:
    """Bracketed figures restate the same number of figures just before, in order, of the
    same kind and another unit."""
    kind = inside[0].kind
    if any(q.kind != kind for q in inside):
        return []
    prior = [q for q in before if q.kind == kind][-len(inside) :]
    if len(prior) != len(inside):
        return []
    pairs = list(zip(prior, inside, strict=True))
    if any(p.si_unit != q.si_unit or (p.unit or "").lower() == (q.unit or "").lower() for p, q in pairs):
        return []
    return pairs


def _in_unit(value_si: float, q: Quantity) -> str:
    per = (q.si_value or 1.0) / q.number
    x = value_si / per
    return f"{x:,.4g}" if abs(x) < 1000 else f"{x:,.0f}"


def _within(x: float, q: Quantity) -> bool:
    slack = tolerances().arithmetic.conversion_slack
    lo, hi = _si_interval(q)
    return lo * (1 - slack) <= x <= hi * (1 + slack)


def _conversion(a: Analysis, p: Quantity, q: Quantity) -> Check:
    p_si, q_si = p.si_value or 0.0, q.si_value or 0.0
    ok = _within(p_si, q) or _within(q_si, p)
    unit = q.unit or ""
    q_lo, q_hi = _si_interval(q)
    computed = (
        f"{p.text} = {_in_unit(p_si, q)} {unit}; stated {q.text} "
        f"({_in_unit(q_lo, q)} to {_in_unit(q_hi, q)} {unit} within its rounding)"
    )
    claim = f"{p.text} ({q.text})"
    if ok:
        why = f"{p.text} is {_in_unit(p_si, q)} {unit}: the bracketed {q.text} restates it within rounding."
    else:
        why = (
            f"{p.text} is {_in_unit(p_si, q)} {unit}, outside what the bracketed {q.text} can stand for "
            f"({_in_unit(q_lo, q)} to {_in_unit(q_hi, q)} {unit}), and the reverse conversion does not fit "
            "either: one of the two figures is wrong."
        )
    return verdict("arithmetic", "arithmetic.conversion", ok, claim, computed, why, cite(a.parsed, p.sentence))


def check_conversions(a: Analysis) -> list[Check]:
    out: list[Check] = []
    sentences = sorted({q.sentence for q in a.quantities if q.si_value})
    for s in sentences:
        if "(" not in a.parsed.sentences[s].text:
            continue
        for before, inside in _bracketed(a, s):
            out.extend(_conversion(a, p, q) for p, q in _pairs(before, inside))
    return out
