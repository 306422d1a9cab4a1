"""Building :class:`Article` records: text normalization, repair, identity, dates."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import date, datetime

from ..errors import BadDate, BadText, DateOutOfRange, InputTooLarge
from ..types import Article
from . import boilerplate
from .limits import limits

_WS = re.compile(r"[ \t\f\v\u00a0]+")
_BLANKS = re.compile(r"\n{3,}")
# Lone surrogates (from JSON "\ud800" escapes) cannot be encoded; C0 controls other than
# tab, vertical tab, form feed and newlines, DEL and the two non-characters break terminals and some databases.
_UNSTORABLE = re.compile("[\ud800-\udfff\x00-\x08\x0e-\x1f\x7f\ufffe\uffff]")
# More than this share of a text unstorable: it is not an article with a few bad bytes.
MAX_REPAIRED = 0.1
MIN_REFUSED = 8  # a short title with one bad escape is repaired, not refused
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_FORMATS = ("%d %B %Y", "%B %d, %Y", "%d %b %Y", "%b %d, %Y", "%Y/%m/%d", "%d/%m/%Y", "%a, %d %b %Y %H:%M:%S %z")


def normalize_text(text: str) -> str:
    """NFC, unified newlines, collapsed runs of spaces: what the hash is taken over."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = boilerplate.strip(text)  # page furniture (photo credits, share widgets) is no article text
    text = "\n".join(_WS.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANKS.sub("\n\n", text).strip()


def repair_text(text: str) -> tuple[str, int]:
    """``text`` with unstorable characters replaced by U+FFFD, and how many there were."""
    return _UNSTORABLE.subn("\ufffd", text)


def doc_id_for(text: str) -> str:
    """A document's identity: 16 hex digits of SHA-256 over its normalized text."""
    data = normalize_text(text).encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()[:16]


def parse_date(value: str | date | datetime | None) -> date | None:
    """ISO dates and datetimes, with or without time zone; None stays None.

    A date outside the years the time stage computes with is refused (E114).
    """
    if value is None or str(value).strip().lower() in ("", "none", "null", "nan", "unknown"):
        return None
    if isinstance(value, datetime):
        return checked_date(value.date())
    if isinstance(value, date):
        return checked_date(value)
    s = str(value).strip()[:100]
    m = _ISO.match(s)
    if m:
        try:
            return checked_date(date(int(m[1]), int(m[2]), int(m[3])))
        except ValueError as exc:
            raise BadDate(s) from exc
    for fmt in _FORMATS:
        try:
            parsed = datetime.strptime(s, fmt).date()
        except ValueError:
            continue
        return checked_date(parsed)
    raise BadDate(s)


def checked_date(d: date) -> date:
    lim = limits()
    if not lim.min_year <= d.year <= lim.max_year:
        raise DateOutOfRange(f"{d.isoformat()} (accepted: years {lim.min_year} to {lim.max_year})")
    return d


def _clean(text: str | None, what: str) -> tuple[str | None, int]:
    if not text:
        return None, 0
    fixed, n = repair_text(text)
    if n > max(MIN_REFUSED, MAX_REPAIRED * len(text)):
        raise BadText(f"{n:,} of {len(text):,} characters in the {what} are lone surrogates or control characters")
    return normalize_text(fixed), n


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
    Unstorable characters are replaced (with a warning); a text over the size
    limit is refused (E110).
    """
    title, n_title = _clean(title, "title")
    description, n_desc = _clean(description, "description")
    clean_body, n_body = _clean(body, "text")
    body = clean_body or ""
    parts = []
    if title and not body.startswith(title):
        parts.append(title)
    if description and not body.startswith(description) and description != title:
        parts.append(description)
    body_start = sum(len(p) + 2 for p in parts)
    text = "\n\n".join(parts + [body])
    _check_size(len(text))
    repaired = n_title + n_desc + n_body
    if repaired:
        warnings = (*warnings, f"{repaired} unpaired surrogate or control character(s) replaced by U+FFFD")
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


def _check_size(n: int) -> None:
    cap = limits().max_document_chars
    if n > cap:
        raise InputTooLarge(f"document is {n:,} characters, over the limit of {cap:,}")
