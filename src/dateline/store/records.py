"""Dataclass <-> JSON for the per-stage records kept in ``data`` columns."""

from __future__ import annotations

import dataclasses
import json

from ..types import Event, MainEvent, Place, PlaceCandidate, Quantity, RelativeLocation, Role, TimeValue, W5Answer

# Fields holding tuples of nested records, per record type.
_NESTED = {
    Place: {"candidates": PlaceCandidate},
    Event: {"roles": Role},
    MainEvent: {q: W5Answer for q in ("who", "what", "when", "where", "why", "how")},
}


def dumps(record) -> str:
    return json.dumps(dataclasses.asdict(record), ensure_ascii=False, separators=(",", ":"))


def build(cls, data: dict):
    """Rebuild a record; keys the current class no longer has are ignored."""
    names = {f.name for f in dataclasses.fields(cls)}
    nested = _NESTED.get(cls, {})
    kw = {}
    for k, v in data.items():
        if k not in names:
            continue
        if k in nested and v is not None:
            v = tuple(build(nested[k], x) for x in v)
        elif isinstance(v, list):
            v = tuple(v)
        kw[k] = v
    return cls(**kw)


def loads(cls, text: str):
    return build(cls, json.loads(text))


__all__ = ["dumps", "loads", "build", "TimeValue", "Quantity", "RelativeLocation"]
