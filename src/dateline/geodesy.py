"""Great-circle distance and bearings on a spherical Earth (mean radius 6371.0088 km).

A neutral module beside the stages: the geo stage resolves places with it and the
checks in ``verify`` measure stated distances with it, without one stage importing the other.
"""

from __future__ import annotations

import math

EARTH_RADIUS_KM = 6371.0088
COMPASS_16 = ("N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE", "S", "SSW", "SW", "WSW", "W", "WNW", "NW", "NNW")
COMPASS_8 = ("N", "NE", "E", "SE", "S", "SW", "W", "NW")
BEARING_DEG = {name: i * 22.5 for i, name in enumerate(COMPASS_16)}


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Haversine distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def initial_bearing_deg(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Initial bearing from point 1 to point 2, degrees clockwise from north in [0, 360)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dl = math.radians(lon2 - lon1)
    x = math.sin(dl) * math.cos(p2)
    y = math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dl)
    return (math.degrees(math.atan2(x, y)) + 360.0) % 360.0


def compass(deg: float, points: int = 8) -> str:
    """Compass point for a bearing: 8 (N, NE, ...) or 16 (N, NNE, ...) points."""
    names = COMPASS_8 if points == 8 else COMPASS_16
    step = 360.0 / len(names)
    return names[int(((deg % 360.0) + step / 2) // step) % len(names)]


def bearing_difference(a: float, b: float) -> float:
    """Smallest absolute angle between two bearings, degrees in [0, 180]."""
    d = abs(a - b) % 360.0
    return 360.0 - d if d > 180.0 else d


def destination(lat: float, lon: float, bearing_deg: float, distance_km: float) -> tuple[float, float]:
    """The point reached from (lat, lon) along a great circle."""
    d = distance_km / EARTH_RADIUS_KM
    b = math.radians(bearing_deg)
    p1, l1 = math.radians(lat), math.radians(lon)
    p2 = math.asin(math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(b))
    l2 = l1 + math.atan2(math.sin(b) * math.sin(d) * math.cos(p1), math.cos(d) - math.sin(p1) * math.sin(p2))
    return math.degrees(p2), (math.degrees(l2) + 540.0) % 360.0 - 180.0
