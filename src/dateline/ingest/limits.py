"""Bounds on what one input may cost (``data/limits.yaml``), read through one typed loader."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from .. import config

PATH = Path(__file__).parent / "data" / "limits.yaml"


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int
    max_document_chars: int
    max_field_chars: int
    max_html_bytes: int
    max_int_digits: int
    min_year: int
    max_year: int


@functools.cache
def limits() -> Limits:
    return config.load(Limits, PATH)


config.register(PATH, limits)
