"""Great-circle helpers now live in :mod:`dateline.geodesy` (shared with ``verify``); re-exported here."""

from ..geodesy import (
    BEARING_DEG,
    COMPASS_8,
    COMPASS_16,
    EARTH_RADIUS_KM,
    bearing_difference,
    compass,
    destination,
    great_circle_km,
    initial_bearing_deg,
)

__all__ = [
    "BEARING_DEG",
    "COMPASS_8",
    "COMPASS_16",
    "EARTH_RADIUS_KM",
    "bearing_difference",
    "compass",
    "destination",
    "great_circle_km",
    "initial_bearing_deg",
]
