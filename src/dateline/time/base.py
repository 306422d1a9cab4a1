"""What a pattern's handler sees (:class:`Ctx`) and returns (:class:`Hit`).

A handler turns one regex match into TIMEX3 attributes against the anchor date
``Ctx.dct`` (the publication date unless :func:`dateline.time.resolve_against` gives
another), or returns None to reject the match.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple


def _unknown_direction(off: int, modal: int = 0) -> int:
    return 0


def _never(off: int) -> bool:
    return False


@dataclass(slots=True)
class Ctx:
    """What a handler may consult: the text, the anchor date, and the parse at an offset."""

    text: str
    dct: date | None
    # (offset, modal=0) -> -1 past, +1 future, 0 unknown, for the verb governing that offset
    direction: Callable[..., int] = _unknown_direction
    is_person: Callable[[int], bool] = _never  # the token there is part of a name (person, organization, work)
    is_count: Callable[[int], bool] = _never  # the number there counts a noun ("2000 people")
    # The extent was already accepted in its document: skip the checks of the words around it.
    trusted: bool = False


class Hit(NamedTuple):
    """A handler's reading of a match; ``start``/``end`` narrow the extent when set."""

    type: str
    value: str
    mod: str | None = None
    start: int | None = None
    end: int | None = None


Handler = Callable[[re.Match[str], Ctx], Hit | None]


def group(m: re.Match[str], name: str) -> str | None:
    """A named group's text, or None when the pattern has no such group or it did not take part."""
    return m.group(name) if name in m.re.groupindex else None


def sentence_start(text: str, i: int) -> bool:
    """Offset ``i`` opens a sentence (only quotes and spaces after a full stop or the start)."""
    j = i - 1
    while j >= 0 and text[j] in " \t\"'`“‘(":
        j -= 1
    return j < 0 or text[j] in ".!?\n:"
