"""Answering people: documents, entities, search, stats; cross-document entities, timelines, questions."""

from .basic import documents, entities, search, show, stats

__all__ = ["documents", "entities", "search", "show", "stats"]

# cross-document entities, timelines, questions (appended; basic's exports above stay)
from .ask import analyse_question, answer_json, ask  # noqa: E402
from .entity import EntityIndex, entity_index, entity_info  # noqa: E402
from .qa_eval import evaluate as evaluate_qa  # noqa: E402
from .timeline import timeline  # noqa: E402

__all__ += ["ask", "analyse_question", "answer_json", "entity_index", "entity_info", "EntityIndex", "timeline", "evaluate_qa"]
