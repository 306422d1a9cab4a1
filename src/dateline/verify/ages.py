"""Ages against birth dates (``arithmetic.age_vs_birth``, per document).

"Max Verstappen was born on September 30, 1997" and "the 19-year-old" in a report of
14 November 2016: 19 years and a month. The age counts at the date its sentence states
("made his debut as a 17-year-old ... in 2015"), else at publication. An age of the person
named as born that does not fit is ``inconsistent``; an unnamed one ("the 19-year-old")
in a report with one birth date is taken to be that person's, and a mismatch then is
only ``unverifiable``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..types import Analysis, Check, Quantity, TimeValue
from .config import tolerances
from .rules import cite, fmt_num, iso_day, verdict


@dataclass(frozen=True)
class _Birth:
    sentence: int
    day: date  # the earliest day it can be
    last: date  # the latest
    person: str  # the name of the person born, "" when the sentence names none
    text: str


def _births(a: Analysis) -> list[_Birth]:
    words = tolerances().arithmetic.birth_words
    out = []
    for t in a.times:
        if t.type != "DATE" or "since" in (t.rule or ""):
            continue
        before = a.parsed.text[a.parsed.sentences[t.sentence].start : t.start].lower()
        if not re.search(r"\b(?:" + "|".join(words) + r")\b(?:\s+\w+){0,2}\s*$", before):
            continue
        d0, d1 = iso_day(t.earliest), iso_day(t.latest)
        if d0 is None or d1 is None:
            continue
        names = [
            m.text for m in a.parsed.mentions if m.sentence == t.sentence and m.label == "PERSON" and m.end <= t.start
        ]
        out.append(_Birth(t.sentence, d0, d1, names[-1] if names else "", t.text))
    return out


def _years_between(born: date, then: date) -> int:
    return then.year - born.year - ((then.month, then.day) < (born.month, born.day))


def _when(a: Analysis, q: Quantity, birth: _Birth) -> tuple[date, date, str] | None:
    """The dates the age holds at: its sentence's own date, else the publication day."""
    own: list[TimeValue] = [
        t
        for t in a.times
        if t.sentence == q.sentence and t.type == "DATE" and t.value != "PRESENT_REF" and t.sentence != birth.sentence
    ]
    for t in own:
        d0, d1 = iso_day(t.earliest), iso_day(t.latest)
        if d0 and d1:
            return d0, d1, t.text
    pub = a.article.published
    return (pub, pub, f"publication {pub.isoformat()}") if pub else None


def _named(q: Quantity, birth: _Birth) -> bool | None:
    """True when the age names the person born, None when it names nobody, False when someone else."""
    who = (q.measures or "").strip()
    if not who:
        return None  # "the 19-year-old" standing for someone named elsewhere
    if not who[:1].isupper():
        return False  # "a 42-year-old man": someone described, not the person born
    if not birth.person:
        return False
    return bool(set(who.casefold().split()) & set(birth.person.casefold().split()))


def _age_check(a: Analysis, q: Quantity, birth: _Birth, named: bool | None) -> Check | None:
    when = _when(a, q, birth)
    if when is None:
        return None
    d0, d1, said = when
    lo, hi = _years_between(birth.last, d0), _years_between(birth.day, d1)
    age = int(q.number)
    ok: bool | None = lo <= age <= hi
    span = fmt_num(lo) if lo == hi else f"{fmt_num(lo)} to {fmt_num(hi)}"
    who = birth.person or "the person born"
    computed = f"born {birth.text}; at {said} {who} is {span}; stated {q.text}"
    if ok:
        why = f"Born {birth.text}, {who} is {span} at {said}: '{q.text}' fits."
    else:
        why = f"Born {birth.text}, {who} is {span} at {said}, not {age}" + (
            ": the age and the birth date contradict each other." if named else " (if the age is that person's)."
        )
        ok = False if named else None
    cites = cite(a.parsed, birth.sentence, q.sentence)
    return verdict("arithmetic", "arithmetic.age_vs_birth", ok, f"{q.text}; born {birth.text}", computed, why, cites)


def check_ages(a: Analysis) -> list[Check]:
    births = _births(a)
    out = []
    for q in a.quantities:
        if q.kind != "age" or q.number != int(q.number):
            continue
        named = {id(b): _named(q, b) for b in births}
        mine = [b for b in births if named[id(b)]]
        if not mine and len(births) == 1 and named[id(births[0])] is None:
            mine = births  # "the 19-year-old" in a report with one birth date
        if len(mine) == 1:
            c = _age_check(a, q, mine[0], named[id(mine[0])])
            if c is not None:
                out.append(c)
    return out
