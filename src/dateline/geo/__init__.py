"""Places: toponym recognition, resolution against an offline gazetteer, relative locations."""

from __future__ import annotations

from ..types import ParsedDoc, Place, RelativeLocation
from .distance import compass, great_circle_km, initial_bearing_deg
from .relative import extract_relative
from .resolve import find_toponyms, resolve


def extract_places(parsed: ParsedDoc) -> tuple[tuple[Place, ...], tuple[RelativeLocation, ...]]:
    """Every toponym of the document resolved to a gazetteer entry, and the relative locations."""
    places = tuple(resolve(parsed, find_toponyms(parsed)))
    return places, extract_relative(parsed, places)


__all__ = ["extract_places", "great_circle_km", "initial_bearing_deg", "compass"]
