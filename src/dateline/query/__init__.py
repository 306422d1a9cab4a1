"""Answering people: documents, entities, search, stats; cross-document entities, timelines, questions."""

from .ask import analyse_question, answer_json, ask
from .basic import documents, entities, search, show, stats, times
from .entity import EntityIndex, entity_index, entity_info
from .timeline import timeline

__all__ = [
    "EntityIndex",
    "analyse_question",
    "answer_json",
    "ask",
    "documents",
    "entities",
    "entity_index",
    "entity_info",
    "search",
    "show",
    "stats",
    "timeline",
    "times",
]
