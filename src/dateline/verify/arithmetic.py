"""Arithmetic within one report: differences, sums of parts, percentages of change and
spans of years.

``arithmetic.difference``: "five people were initially trapped ... three have been
rescued ... two remain trapped": the count that remains is the first less those removed.
``arithmetic.parts_sum``: "six men and one woman died" against "seven people were killed".
``arithmetic.percentage_change``: "400g bars reduced to 360g ... an almost 10 per cent
decrease": (400 - 360) / 400 = 10%.
``arithmetic.years_since``: "a 39-year high ... the highest level since 1977": 2016 - 1977.

A sum or difference that does not come out is ``unverifiable`` (the report may count
different groups or moments); a percentage that fits none of the changes stated is
``inconsistent`` only when the report states one change next to it. Spans of years are
only confirmed: the parse does not say which span goes with which year well enough to
call a mismatch wrong.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..types import Analysis, Check, Quantity
from .config import tolerances
from .corpus import background, parts_text, told_of_another_moment
from .rules import bounds, cite, fmt_num, rounding_bounds, verdict


def _exact(q: Quantity) -> bool:
    return q.mod is None and q.kind == "count" and q.high is None


# -- differences ---------------------------------------------------------------------------------


def _difference(a: Analysis, first: Quantity, removed: Quantity, left: Quantity, what: str) -> Check:
    want = first.number - removed.number
    ok: bool | None = want == left.number
    claim = f"{first.text} {what}; {removed.text} {removed.counts}; {left.text} still {what}"
    computed = f"{fmt_num(first.number)} - {fmt_num(removed.number)} = {fmt_num(want)}; stated {fmt_num(left.number)}"
    if ok:
        n0, n1 = fmt_num(first.number), fmt_num(removed.number)
        why = f"Of the {n0} {what}, {n1} were {removed.counts}: {fmt_num(want)} remain, as stated."
    else:
        ok = None
        why = (
            f"{fmt_num(first.number)} {what} less {fmt_num(removed.number)} {removed.counts} is {fmt_num(want)}, "
            f"not the {fmt_num(left.number)} stated; the figures may be of different moments."
        )
    cites = cite(a.parsed, first.sentence, removed.sentence, left.sentence)
    return verdict("arithmetic", "arithmetic.difference", ok, claim, computed, why, cites)


def _remaining(qs: list[Quantity], removed: Quantity, what: str) -> Quantity | None:
    """The count left: of the same category, or in the removal's sentence, at the current moment."""
    same = [
        q
        for q in qs
        if q.moment == "current" and q is not removed and (q.counts == what or q.sentence == removed.sentence)
    ]
    return same[0] if len(same) == 1 else None


def check_differences(a: Analysis) -> list[Check]:
    cfg = tolerances().arithmetic
    counts = [q for q in a.quantities if _exact(q)]
    out = []
    for removed in (q for q in counts if q.counts in cfg.removed_counts):
        near = [q for q in counts if abs(q.sentence - removed.sentence) <= cfg.difference_window]
        firsts = [
            q
            for q in near
            if q.moment in (None, "initial")
            and q.counts not in cfg.removed_counts
            and q.relation is None
            and q.number > removed.number
        ]
        for first in firsts[:1]:
            what = first.counts or ""
            left = _remaining(near, removed, what)
            if left is not None and left is not first:
                out.append(_difference(a, first, removed, left, what))
    return out


# -- sums of parts -------------------------------------------------------------------------------


def _groups(a: Analysis) -> list[Quantity]:
    """One quantity per group of parts (its first member, carrying the group's total)."""
    seen: set[tuple[int, float]] = set()
    out = []
    for q in a.quantities:
        if q.relation == "part" and q.parts_total is not None and (q.sentence, q.parts_total) not in seen:
            seen.add((q.sentence, q.parts_total))
            out.append(q)
    return out


def _total_for(a: Analysis, g: Quantity) -> Quantity | None:
    """The report's total of the same category as a group of parts, about the same event."""
    cats = set(tolerances().counts.compared_counts)
    if g.counts not in cats:
        return None  # "three men and a woman were named": no category to total
    for q in a.quantities:
        if (
            q.kind == "count"
            and q.counts == g.counts
            and q.relation is None
            and q.moment is None
            and q.mod in (None, "AT_LEAST")
            and q.sentence != g.sentence
            and not background(a, q.sentence)
            and not told_of_another_moment(a, q)
        ):
            return q
    return None


def check_parts_sums(a: Analysis) -> list[Check]:
    out = []
    for g in _groups(a):
        other = background(a, g.sentence) or told_of_another_moment(a, g)
        t = None if other else _total_for(a, g)
        if t is None or g.parts_total is None:
            continue
        lo, hi = bounds(t.number, t.mod)
        ok: bool | None = lo <= g.parts_total <= hi
        shown = parts_text(a.quantities, g)
        computed = f"{shown}; stated {t.text}"
        claim = f"{shown} {g.counts}; {t.text} {g.counts}"
        if ok:
            why = f"The parts add up to {fmt_num(g.parts_total)} ({shown}), which fits '{t.text}'."
        else:
            ok = None
            why = (
                f"The parts add up to {fmt_num(g.parts_total)} ({shown}), not '{t.text}'; they may count another group."
            )
        out.append(
            verdict(
                "arithmetic", "arithmetic.parts_sum", ok, claim, computed, why, cite(a.parsed, g.sentence, t.sentence)
            )
        )
    return out


# -- percentages of change -----------------------------------------------------------------------

_TO = re.compile(r"^[^.;:]{0,40}?\bto\s*$", re.I)


def _changes(a: Analysis) -> list[tuple[Quantity, Quantity]]:
    """ "from 400 grams to 360 grams", "400g bars being reduced to 360g": (before, after) pairs."""
    out = []
    qs = [q for q in a.quantities if q.si_value and q.kind not in ("count", "percent", "multiplier", "age", "duration")]
    for p, q in zip(qs, qs[1:], strict=False):
        if (
            p.sentence == q.sentence
            and p.kind == q.kind
            and p.si_unit == q.si_unit
            and _TO.match(a.parsed.text[p.end : q.start])
        ):
            out.append((p, q))
    return out


def _direction(a: Analysis, pct: Quantity) -> int:
    """-1 for a decrease, +1 for an increase, 0 when the sentence does not say."""
    cfg = tolerances().arithmetic
    words = set(re.findall(r"[a-z]+", a.parsed.sentences[pct.sentence].text.lower()))
    if (pct.measures or "").lower() in cfg.decrease_words or words & cfg.decrease_words:
        return -1
    if (pct.measures or "").lower() in cfg.increase_words or words & cfg.increase_words:
        return 1
    return 0


def _change_percents(a: Analysis) -> list[Quantity]:
    cfg = tolerances().arithmetic
    out = []
    for q in a.quantities:
        if q.kind != "percent" or q.unit == "fraction" or q.si_value is None:
            continue
        words = set(re.findall(r"[a-z]+", a.parsed.sentences[q.sentence].text.lower()))
        if (q.measures or "").lower() in cfg.change_words or words & cfg.change_words:
            out.append(q)
    return out


_OWN_CHANGE = re.compile(r"\bfrom\b[^.;]*?\d[^.;]*?\bto\b[^.;]*?\d", re.I)


def _states_own_change(a: Analysis, pct: Quantity) -> bool:
    """ "dropped from 493 in 2008 to 309 this year, a 37 percent decline", "rose by another 13
    percent, to $105.9 million": the sentence states the change its percentage is of (or its
    end figure), whatever the quantity stage made of its figures."""
    if _OWN_CHANGE.search(a.parsed.sentences[pct.sentence].text):
        return True
    # "it rose by another 13 percent, to $105.9 million": its own end figure
    return any(q.sentence == pct.sentence and q.kind not in ("percent", "count") and q.si_value for q in a.quantities)


def _has_own_percent(a: Analysis, sentence: int, pct: Quantity) -> bool:
    """Another sentence's change that states its own percentage belongs to that one."""
    return any(q is not pct and q.sentence == sentence for q in _change_percents(a))


def _pct_check(a: Analysis, pct: Quantity, pairs: list[tuple[Quantity, Quantity]]) -> Check | None:
    lo, hi = rounding_bounds(pct.number, pct.mod)
    sign = _direction(a, pct)
    fits = []
    for p, q in pairs:
        change = ((q.si_value or 0.0) - (p.si_value or 0.0)) / (p.si_value or 1.0) * 100
        if (sign == 0 or sign * change > 0) and lo <= abs(change) <= hi:
            fits.append((p, q, change))
    if fits:
        p, q, change = fits[0]
        computed = (
            f"({fmt_num(q.number)} - {fmt_num(p.number)}) / {fmt_num(p.number)} = {change:+.1f}%; stated {pct.text}"
        )
        why = f"From {p.text} to {q.text} is a change of {change:+.1f}%, which '{pct.text}' states within its rounding."
        cites = cite(a.parsed, p.sentence, pct.sentence)
        return verdict(
            "arithmetic",
            "arithmetic.percentage_change",
            True,
            f"{p.text} to {q.text}; {pct.text}",
            computed,
            why,
            cites,
        )
    near = [(p, q) for p, q in pairs if abs(p.sentence - pct.sentence) <= tolerances().arithmetic.percent_window]
    if len(near) != 1 or len(pairs) != 1:
        return None  # several changes, none fitting: the report does not say which it means
    p, q = near[0]
    if p.sentence != pct.sentence and (_states_own_change(a, pct) or _has_own_percent(a, p.sentence, pct)):
        return None  # the percentage speaks of its own sentence's change; the other has its own
    change = ((q.si_value or 0.0) - (p.si_value or 0.0)) / (p.si_value or 1.0) * 100
    computed = f"({fmt_num(q.number)} - {fmt_num(p.number)}) / {fmt_num(p.number)} = {change:+.1f}%; stated {pct.text}"
    why = (
        f"From {p.text} to {q.text} is a change of {change:+.1f}%, but the report states {pct.text} "
        f"({fmt_num(lo)} to {fmt_num(hi)}% within its rounding): one of the figures is wrong."
    )
    cites = cite(a.parsed, p.sentence, pct.sentence)
    return verdict(
        "arithmetic",
        "arithmetic.percentage_change",
        False,
        f"{p.text} to {q.text}; {pct.text}",
        computed,
        why,
        cites,
        0.8,
    )


def check_percentages(a: Analysis) -> list[Check]:
    pairs = _changes(a)
    if not pairs:
        return []
    out = []
    for pct in _change_percents(a):
        c = _pct_check(a, pct, pairs)
        if c is not None:
            out.append(c)
    return out


# -- spans of years ------------------------------------------------------------------------------


def _year_spans(a: Analysis) -> Iterable[Quantity]:
    nouns = tolerances().arithmetic.year_span_nouns
    for q in a.quantities:
        if q.kind == "duration" and (q.unit or "").lower() in ("year", "years") and q.number == int(q.number):
            words = (q.measures or "").lower().split()
            after = a.parsed.text[q.end : q.end + 12].lower()
            if (
                (words and words[-1] in nouns)
                or after.startswith((" since", " after"))
                or re.search(r"\bin\s+$", a.parsed.text[max(0, q.start - 6) : q.start].lower())
            ):
                yield q


def check_years_since(a: Analysis) -> list[Check]:
    pub = a.article.published
    if pub is None:
        return []
    out = []
    for q in _year_spans(a):
        anchors = [
            t
            for t in a.times
            if abs(t.sentence - q.sentence) <= 1 and "since" in (t.rule or "") and re.fullmatch(r"\d{4}", t.value or "")
        ]
        for t in anchors:
            span = pub.year - int(t.value)
            if abs(span - q.number) <= 1:
                computed = f"{pub.year} - {t.value} = {span}; stated {q.text}"
                why = f"'{q.text}' and 'since {t.value}' agree: {pub.year} - {t.value} = {span} (a year's slack)."
                claim = f"{q.text}; since {t.value}"
                out.append(
                    verdict(
                        "arithmetic",
                        "arithmetic.years_since",
                        True,
                        claim,
                        computed,
                        why,
                        cite(a.parsed, q.sentence, t.sentence),
                    )
                )
                break
    return out


def check_arithmetic(a: Analysis) -> list[Check]:
    return check_differences(a) + check_parts_sums(a) + check_percentages(a) + check_years_since(a)
