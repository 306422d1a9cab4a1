"""Comparisons between the two options a question names: "Which came first, the opening of
the cosmodrome or the first summit?".

The answer is always one of the options. When the question asks for the earlier or the later
one, each option becomes a question of its own ("When was the opening of the cosmodrome?"),
answered by the same pipeline, and the dates are compared: the answer is as sure as the less
sure of the two dates, and cites both. Other comparisons ("which hospital took in more")
keep the reader's candidates that name an option.

A comparison by a measure ("which is older, A or B?", "who was the youngest of the victims?")
asks each option's value ("How old is A?"); with no options, the options are the people the
question's own sentences name. The largest (or smallest) value answers, as sure as the less
sure of it and the runner-up's, citing both.
"""

from __future__ import annotations

from ...types import Alternative, Answer
from .._common import as_entity_key
from .answer import unknown
from .config import _cfg
from .frame import Frame, below, threshold
from .match import names_option
from .rank import probability


def by_dates(store, f: Frame, ask_one) -> Answer:
    """The earlier (or later) of the two options, from a "when" question about each."""
    dated = []
    for opt in f.options:
        sub = _best(ask_one(store, f"When was {opt}?"))
        if sub is None or not sub.value:
            return unknown(f, f"no date found for {opt!r}")
        dated.append((sub.value, opt, sub))
    (v1, o1, a1), (v2, o2, a2) = dated
    if v1[: len(v2)] == v2[: len(v1)]:  # "2016" and "2016-04-28": the text does not order them
        return unknown(f, f"{o1!r} and {o2!r} are both dated {min(v1, v2, key=len)}")
    first, second = sorted(dated, key=lambda d: d[0])
    pick, other = (first, second) if f.earlier else (second, first)
    confidence = round(min(a1.confidence, a2.confidence), 3)
    if confidence < threshold(f):
        return unknown(
            f,
            f"{pick[1]!r} ({pick[0]}) looks {'earlier' if f.earlier else 'later'} than {other[1]!r} ({other[0]}), "
            f"but a date is too uncertain ({below(f, confidence)})",
        )
    return Answer(
        question=f.question,
        answer=pick[1],
        value=pick[0],
        confidence=confidence,
        citations=(pick[2].citations[:1] + other[2].citations[:1]),
        reason=f"{pick[1]} ({pick[0]}) is {'before' if f.earlier else 'after'} {other[1]} ({other[0]})",
        answer_type="comparison",
        type=f.kind,
    )


def by_values(store, f: Frame, ask_one, options: tuple[str, ...], cap: float = 1.0) -> Answer:
    """The option with the largest (or smallest) value of the measure the question compares; ``cap``
    bounds the confidence (how sure it is that the options are the ones asked about)."""
    if f.measure is None:
        return unknown(f, "the question compares no measure")
    valued = []
    for opt in dict.fromkeys(options):
        sub = _best(ask_one(store, f.measure.format(opt)))
        number = _number(sub.value) if sub is not None else None
        if sub is not None and number is not None:
            valued.append((number, opt, sub))
    if len(valued) < 2:
        return unknown(f, f"fewer than two of {', '.join(options) or 'the options'} have a stated value to compare")
    valued.sort(key=lambda v: v[0], reverse=f.larger)
    (n1, pick, a1), (n2, other, a2) = valued[:2]
    if n1 == n2:
        return unknown(f, f"{pick!r} and {other!r} have the same value ({a1.answer})")
    confidence = round(min(a1.confidence, a2.confidence, cap), 3)
    reason = f"{pick}: {a1.answer}; {other}: {a2.answer}"
    if confidence < threshold(f):
        return unknown(f, f"{reason}, but a value is too uncertain ({below(f, confidence)})")
    return Answer(
        question=f.question,
        answer=pick,
        value=a1.value,
        confidence=confidence,
        citations=(a1.citations[:1] + a2.citations[:1]),
        reason=reason,
        answer_type="comparison",
        type=f.kind,
    )


def people(ranked: list[tuple[float, str, dict]]) -> tuple[tuple[str, ...], float]:
    """ "Who was the youngest of the victims?": the people the question's sentences name, as sure
    as the best of them; those far less likely than the best are not of the set asked about."""
    sc = _cfg()["scoring"]
    named = [(p, e) for p, _, e in ranked if e["opt"].key and as_entity_key(e["opt"].key).label == "PERSON"]
    if not named:
        return (), 0.0
    # each as likely as it would be in first place: the rank features ("first", the margin) say
    # which one the question asks about, not who belongs to the set it compares
    alike = [(probability(e["x"] | {"first": 1.0, "margin": 0.0}), e) for _, e in named]
    top_p, top = max(alike, key=lambda a: a[0])
    # a sentence that names several of them names the set ("named them as A, 34, B, 58 and C, 41")
    where = max(top["cites"], key=top["cites"].get) if top.get("cites") else None
    listed = [e["opt"].text for _, e in alike if where in e.get("cites", {})]
    if len(listed) >= 2:
        return tuple(listed[: sc["superlative_people"]]), named[0][0]
    keep = [e["opt"].text for p, e in alike if p >= top_p * sc["superlative_share"]]
    return tuple(keep[: sc["superlative_people"]]), named[0][0]


def _number(value: str | None) -> float | None:
    """The SI number of a quantity's value ("62 a (62 year)": 62)."""
    try:
        return float(value.split()[0]) if value else None
    except ValueError:
        return None


def _best(a: Answer) -> Answer | Alternative | None:
    """The answer, or when the pipeline doubted it, its best candidate (its confidence says how sure)."""
    return a if a.answer else (a.alternatives[0] if a.alternatives else None)


def among_options(f: Frame, ranked: list[tuple[float, str, dict]]) -> list[tuple[float, str, dict]]:
    """The reader's candidates that name one of the options."""
    return [r for r in ranked if any(names_option(r[2]["opt"].text, o) for o in f.options)]
