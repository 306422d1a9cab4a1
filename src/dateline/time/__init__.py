"""The time stage: TIMEX3 expressions normalized against the publication date,
and a resolved time for every sentence that states an event.

- ``extract_times(parsed)``: every time expression, anchored on ``Article.published``;
- ``resolve_sentence_times(parsed, times)``: the time of each sentence's main event;
- ``resolve_against(tv, anchor, direction=0)``: one expression re-read against another
  date (an event's, the last date mentioned), recording how (``anchor.py``);
- ``granularity(value)``: the unit a TIMEX3 value names (day, month, year ...).
"""

from .anchor import resolve_against
from .extract import extract_times
from .normalize import granularity
from .resolve import resolve_sentence_times

__all__ = ["extract_times", "granularity", "resolve_against", "resolve_sentence_times"]
