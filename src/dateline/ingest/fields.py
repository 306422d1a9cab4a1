"""news-please fields, type-checked before use.

The article text must be a string (E111 when it is a list, an object or a number);
a metadata field of the wrong type, or absurdly long, is dropped with a warning so
that a good article is never lost to a bad ``url``.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import BadField, NoText
from .limits import limits
from .normalize import repair_text

TEXT_KEYS = ("maintext", "text")


@dataclass(frozen=True)
class Record:
    """The fields of one news-please record that Dateline reads, each a string or None."""

    body: str
    title: str | None
    description: str | None
    date: str | None
    url: str | None
    source_domain: str | None
    language: str | None
    record_id: str | None
    warnings: tuple[str, ...]


def kind(value: object) -> str:
    """How a JSON value is named in a message."""
    if isinstance(value, bool):
        return "a boolean"
    names = {dict: "an object", list: "a list", int: "a number", float: "a number", str: "a string"}
    return names.get(type(value), type(value).__name__)


def record_fields(rec: dict, source: str) -> Record:
    warnings: list[str] = []

    def meta(*keys: str, numbers: bool = False) -> str | None:
        return _meta(rec, keys, warnings, numbers)

    return Record(
        body=_body(rec, source),
        title=meta("title"),
        description=meta("description"),
        date=meta("date_publish", "date"),
        url=meta("url"),
        source_domain=meta("source_domain", "publisher"),
        language=meta("language"),
        record_id=meta("dId", "id", numbers=True),
        warnings=tuple(warnings),
    )


def _body(rec: dict, source: str) -> str:
    wrong = []
    for key in TEXT_KEYS:
        value = rec.get(key)
        if isinstance(value, str) and value.strip():
            return value
        if value is not None and not isinstance(value, str):
            wrong.append(f"{key!r} is {kind(value)}")
    if wrong:
        raise BadField(f"field {' and '.join(wrong)}, not a string", source=source)
    raise NoText("no 'text' or 'maintext'", source=source)


def _meta(rec: dict, keys: tuple[str, ...], warnings: list[str], numbers: bool) -> str | None:
    """The first of ``keys`` that holds a usable string (a number too, for ids)."""
    for key in keys:
        value = rec.get(key)
        if value is None or value == "":
            continue
        if numbers and isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            warnings.append(f"field {key!r} is {kind(value)}, not a string: ignored")
            continue
        if len(value) > limits().max_field_chars:
            warnings.append(f"field {key!r} is {len(value):,} characters long: ignored")
            continue
        fixed, n = repair_text(value)
        if n:
            warnings.append(f"field {key!r}: {n} unpaired surrogate or control character(s) replaced by U+FFFD")
        return fixed.strip() or None
    return None
