"""Building :class:`Article` records: text normalization, identity, dates."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import date, datetime

from ..errors import BadDate
from ..types import Article
from . import boilerplate

_WS = re.compile(r"[ \t\f\v\u00a0]+")
_BLANKS = re.compile(r"\n{3,}")


def normalize_text(text: str) -> str:
    """NFC, unified newlines, collapsed runs of spaces: what the hash is taken over."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = boilerplate.strip(text)  # page furniture (photo credits, share widgets) is no article text
    text = "\n".join(_WS.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANKS.sub("\n\n", text).strip()


def doc_id_for(text: str) -> str:
    """A document's identity: 16 hex digits of SHA-256 over its normalized text."""
    return hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()[:16]


def parse_date(value: str | date | datetime | None) -> date | None:
    """ISO dates and datetimes, with or without time zone; None stays None."""
    if value is None or str(value).strip().lower() in ("", "none", "null", "nan", "unknown"):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    s = str(value).strip()
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", s)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError as exc:
            raise BadDate(s) from exc
    for fmt in ("%d %B %Y", "%B %d, %Y", "%d %b %Y", "%b %d, %Y", "%Y/%m/%d", "%d/%m/%Y", "%a, %d %b %Y %H:%M:%S %z"):
        try:
            return datetime.strptime(s, fmt).date()
        except ValueError:
            continue
    raise BadDate(s)


def make_article(
    body: str,
    *,
    source: str,
    published: date | None = None,
    title: str | None = None,
    description: str | None = None,
    fmt: str = "text",
    warnings: tuple[str, ...] = (),
    **extra,
) -> Article:
    """Join title, description and body into the analysed text and hash it.

    The title and lead are part of the text because the 5W1H stage ranks them
    highest, as news is written; ``body_start`` remembers where the body begins.
    """
    parts = []
    title = normalize_text(title) if title else None
    description = normalize_text(description) if description else None
    body = normalize_text(body)
    if title and not body.startswith(title):
        parts.append(title)
    if description and not body.startswith(description) and description != title:
        parts.append(description)
    body_start = sum(len(p) + 2 for p in parts)
    text = "\n\n".join(parts + [body])
    return Article(
        doc_id=doc_id_for(text),
        text=text,
        source=source,
        published=published,
        title=title,
        description=description,
        body_start=body_start,
        format=fmt,
        warnings=warnings,
        **extra,
    )
