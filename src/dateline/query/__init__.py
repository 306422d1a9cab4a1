"""Answering people: documents, entities, search, stats (timelines and questions follow)."""

from .basic import documents, entities, search, show, stats

__all__ = ["documents", "entities", "search", "show", "stats"]
