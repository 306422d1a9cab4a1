"""Quantities: numbers with their units, normalized to SI, and what they measure."""

from .extract import extract_quantities
from .lexicon import convert, load_lexicon

__all__ = ["extract_quantities", "convert", "load_lexicon"]
