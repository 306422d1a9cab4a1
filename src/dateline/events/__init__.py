"""The events stage: event frames per sentence and each article's main event (5W1H).

- ``extract_events(parsed, times, sentence_times, places)``: one :class:`Event`
  per trigger (a content verb, or an event noun of ``data/ontology.yaml``), with
  its type, status (occurred | ongoing | planned | possible | negated),
  ``reported_by`` and roles (agent, patient, recipient, instrument, manner,
  place, source, time, reason, purpose, weak_reason). Times come from the time
  stage when it has them (else a small fallback over spaCy DATE mentions),
  coordinates from the geo stage. Pronouns, role descriptions ("the Russian
  president") and "the two leaders" name the entities the ``entities`` stage
  linked them to (``Analysis.coref``).
- ``main_event(parsed, events, times, sentence_times, places)``: the article's
  main event as 5W1H candidates, best first (``main_event.py``, weights in
  ``data/main_event.yaml``).
- ``evaluate.py`` scores answers against Giveme5W1H's gold; ``export.py`` writes
  Giveme5W1H's output layout.
"""

from ..types import EntityLink, Event, MainEvent, ParsedDoc, Place, SentenceTime, TimeValue
from .frames import build_context, extract_events, extract_events_ctx
from .main_event import main_event, main_event_ctx


def analyse_events(
    parsed: ParsedDoc,
    times: tuple[TimeValue, ...],
    sentence_times: tuple[SentenceTime, ...],
    places: tuple[Place, ...],
    coref: tuple[EntityLink, ...] = (),
) -> tuple[tuple[Event, ...], MainEvent]:
    """The stage: every event frame and the main event, reading the entities stage's links."""
    ctx = build_context(parsed, coref)
    events = extract_events_ctx(ctx, times, sentence_times, places)
    return events, main_event_ctx(ctx, events, times, sentence_times, places)


__all__ = ["analyse_events", "extract_events", "main_event"]
