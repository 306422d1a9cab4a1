"""The events stage: event frames per sentence and each article's main event (5W1H)."""

from .frames import extract_events
from .main_event import main_event

__all__ = ["extract_events", "main_event"]
