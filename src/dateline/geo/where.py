"""The place a clause or phrase names, for the main event's ``where``.

The events stage hands a character span (a clause, a prepositional phrase) and gets
the most specific place named inside it, resolved or not: a relative location ("about
900 miles north of Vladivostok") is a place with no coordinates, not its anchor's
point; an event named after a place ("the Brazilian Grand Prix") or an organisation
is no place at all, because recognition never made it one.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..types import Place, RelativeLocation

# most specific first: a facility says more than its city, a city more than its country
_SPECIFICITY = ("facility", "natural", "city", "region", "area", "country", "unresolved")


def _rank(p: Place) -> int:
    return _SPECIFICITY.index(p.feature) if p.feature in _SPECIFICITY else len(_SPECIFICITY)


def place_for_span(
    places: Sequence[Place], relatives: Sequence[RelativeLocation], start: int, end: int
) -> Place | None:
    """The place named in ``[start, end)``: the most specific resolved place inside it,
    else an unresolved one; a relative location inside it comes back as an unresolved
    place (``lat``/``lon`` None) whose ``context`` is its anchor. None when the span
    names no place."""
    for r in relatives:
        if start <= r.start and r.end <= end:
            return Place(
                r.start, r.end, r.text, r.sentence, r.text, "unresolved", None, None, None, None, context=r.anchor
            )
    inside = [p for p in places if start <= p.start and p.end <= end]
    if not inside:
        return None
    resolved = [p for p in inside if p.lat is not None]
    return min(resolved or inside, key=lambda p: (_rank(p), p.start))
