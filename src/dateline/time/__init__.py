"""The time stage: TIMEX3 expressions normalized against the publication date,
and a resolved time for every sentence that states an event."""

from .extract import extract_times
from .resolve import resolve_sentence_times

__all__ = ["extract_times", "resolve_sentence_times"]
