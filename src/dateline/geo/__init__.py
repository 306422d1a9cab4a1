"""Places: toponym recognition, resolution against an offline gazetteer, relative locations."""

from __future__ import annotations

from ..types import ParsedDoc, Place, RelativeLocation
from .distance import compass, great_circle_km, initial_bearing_deg
from .recognize import find_toponyms
from .relative import extract_relative
from .resolve import resolve
from .where import place_for_span


def extract_places(parsed: ParsedDoc) -> tuple[tuple[Place, ...], tuple[RelativeLocation, ...]]:
    """Every toponym of the document, resolved to a gazetteer entry or unresolved (no
    coordinates), and the relative locations ("900 miles north of Vladivostok")."""
    places = tuple(resolve(parsed, find_toponyms(parsed)))
    return places, extract_relative(parsed, places)


__all__ = ["extract_places", "place_for_span", "great_circle_km", "initial_bearing_deg", "compass"]
