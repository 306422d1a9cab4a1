"""The events stage: event frames per sentence and each article's main event (5W1H).

- ``extract_events(parsed, times, sentence_times, places)``: one :class:`Event`
  per trigger (a content verb, or an event noun of ``data/ontology.yaml``), with
  its type, status (occurred | ongoing | planned | possible | negated),
  ``reported_by`` and roles (agent, patient, recipient, instrument, manner,
  place, source, time, reason, purpose, weak_reason). Times come from the time
  stage when it has them (else a small fallback over spaCy DATE mentions),
  coordinates from the geo stage. Pronouns, role descriptions ("the Russian
  president") and "the two leaders" resolve to entity keys (``coref.py``).
- ``main_event(parsed, events, times, sentence_times, places)``: the article's
  main event as 5W1H candidates, best first (``main_event.py``, weights in
  ``data/main_event.yaml``).
- ``evaluate.py`` scores answers against Giveme5W1H's gold; ``export.py`` writes
  Giveme5W1H's output layout.
"""

from .frames import extract_events
from .main_event import main_event

__all__ = ["extract_events", "main_event"]
