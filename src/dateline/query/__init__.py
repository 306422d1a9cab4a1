"""Answering people: documents, entities, search, stats; cross-document entities, timelines, questions."""

from .ask import analyse_question, answer_json, ask
from .basic import documents, search, show, stats, times
from .entity import EntityMap, canonical_id, canonical_ids, entities, entity_page, find_entities
from .timeline import timeline

__all__ = [
    "EntityMap",
    "analyse_question",
    "answer_json",
    "ask",
    "canonical_id",
    "canonical_ids",
    "documents",
    "entities",
    "entity_page",
    "find_entities",
    "search",
    "show",
    "stats",
    "timeline",
    "times",
]
