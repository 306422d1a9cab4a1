"""Events of our own sentences through the real pipeline, shared by the events tests."""

from __future__ import annotations

from datetime import date

from dateline.nlp import parse_text
from dateline.pipeline import analyse_parsed

PUB = date(2016, 11, 10)


def events_of(text: str, **kw):
    kw.setdefault("published", PUB)
    return analyse_parsed(parse_text(text, **kw)).events


def event_of(text: str, lemma: str, **kw):
    found = [e for e in events_of(text, **kw) if e.lemma == lemma]
    assert found, f"no {lemma!r} event"
    return found[0]
