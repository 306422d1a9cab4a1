"""The entities stage: which mentions of a document are one entity, and what refers to it.

- ``resolve_entities(parsed) -> (parsed, links)``: the model's name mentions cleaned,
  grouped into the document's entities and typed by vote (``resolve.py``), and every
  title, description and pronoun that refers to one of them (``coref.py``), and the
  entities only descriptions and pronouns refer to ("the company", ``unnamed.py``);
- ``names.same_entity`` / ``names.norm``: the one decision, used everywhere, whether
  two names name one entity;
- ``crossdoc.py`` and ``table.py``: the stored cross-document entity table.
"""

from __future__ import annotations

import dataclasses

from ..types import EntityLink, ParsedDoc
from .coref import coref_links
from .resolve import resolve_names
from .unnamed import unnamed_entities


def resolve_entities(parsed: ParsedDoc) -> tuple[ParsedDoc, tuple[EntityLink, ...]]:
    """The stage: resolved name mentions and entities, and every link to them, in text order."""
    named, titles = resolve_names(parsed)
    links = titles + coref_links(named, titles)
    unnamed = unnamed_entities(named.entities, links)
    if unnamed:  # "a U.S. manufacturing company ... the company": entities of their own, after the named
        named = dataclasses.replace(named, entities=named.entities + tuple(unnamed))
    return named, tuple(sorted(links, key=lambda x: (x.start, x.end, str(x.entity))))


__all__ = ["resolve_entities"]
