"""Linguistic analysis with spaCy; the Doc never leaves this package."""

from .model import load_pipeline
from .parse import from_doc, parse, parse_many, parse_text

__all__ = ["load_pipeline", "from_doc", "parse", "parse_many", "parse_text"]
