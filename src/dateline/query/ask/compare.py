"""Comparisons between the two options a question names: "Which came first, the opening of
the cosmodrome or the first summit?".

The answer is always one of the options. When the question asks for the earlier or the later
one, each option becomes a question of its own ("When was the opening of the cosmodrome?"),
answered by the same pipeline, and the dates are compared: the answer is as sure as the less
sure of the two dates, and cites both. Other comparisons ("which hospital took in more")
keep the reader's candidates that name an option.
"""

from __future__ import annotations

from ...types import Alternative, Answer
from .answer import unknown
from .config import weights
from .match import names_option
from .question import Frame


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
    if confidence < weights().threshold:
        return unknown(
            f,
            f"{pick[1]!r} ({pick[0]}) looks {'earlier' if f.earlier else 'later'} than {other[1]!r} ({other[0]}), "
            f"but a date is too uncertain (confidence {confidence:.2f})",
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


def _best(a: Answer) -> Answer | Alternative | None:
    """The answer, or when the pipeline doubted it, its best candidate (its confidence says how sure)."""
    return a if a.answer else (a.alternatives[0] if a.alternatives else None)


def among_options(f: Frame, ranked: list[tuple[float, str, dict]]) -> list[tuple[float, str, dict]]:
    """The reader's candidates that name one of the options."""
    return [r for r in ranked if any(names_option(r[2]["opt"].text, o) for o in f.options)]
