"""Reading decoded input into :class:`Article` records, one format per reader.

Every reader yields either an Article or an :class:`InputError` naming its
source, so one bad file or record never stops a batch.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from ..errors import (
    BadDate,
    DateOutOfRange,
    InputError,
    InputTooLarge,
    MalformedJSON,
    NoArticleInHTML,
    NoRecords,
    NoText,
)
from ..types import Article
from .decode import decode
from .fields import record_fields
from .limits import limits
from .normalize import make_article, parse_date

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES | HTML_SUFFIXES

_ISO_DATE = r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
# " date 2023-09-12 Story..." : the reference format (leading space, the word, ISO date)
_DATELINE = re.compile(rf"^\s*date\s+(?P<date>{_ISO_DATE})\s*(?P<rest>.*)\Z", re.S | re.I)
# the date is bounded: an unbounded lazy run before "\s*\n" backtracks on long lines
_DATE_HEADER = re.compile(r"^\s*date\s*:[ \t]*(?P<date>[^\n]{1,80}?)[ \t]*(?:\n|\Z)(?P<rest>.*)\Z", re.S | re.I)
_ISO_FIRST_LINE = re.compile(rf"^\s*(?P<date>{_ISO_DATE})[ \t]*\n(?P<rest>.*)\Z", re.S)
# JSON looks like this at its start; "[Reuters] Officials said..." does not.
_JSON_START = re.compile(r'\s*(?:\{\s*["}]|\[\s*[{\["\]])')
MIN_HTML_WORDS = 8
UNKNOWN_DATE_WARNING = "publication date unknown: relative dates stay unresolved. Pass --date YYYY-MM-DD to set it."
Items = Iterator[Article | InputError]


def _dated(raw_date: str | None, source: str, default: date | None) -> dict:
    """``published`` and ``warnings`` for a document: its own date, else the default.

    An unparseable or out-of-range date is an error unless a default was given.
    """
    try:
        published = parse_date(raw_date) if raw_date else None
    except (BadDate, DateOutOfRange) as exc:
        if default is None:
            raise type(exc)(exc.detail, source=source) from None
        return {"published": default, "warnings": (f"{exc.message}; used --date {default.isoformat()}",)}
    if published is None:
        published = default
    return {"published": published, "warnings": () if published else (UNKNOWN_DATE_WARNING,)}


def read_text(text: str, source: str, default_date: date | None = None) -> Article:
    raw_date, body = None, text
    for pattern in (_DATELINE, _DATE_HEADER, _ISO_FIRST_LINE):
        m = pattern.match(text)
        if m:
            raw_date, body = m["date"], m["rest"]
            break
    kw = _dated(raw_date, source, default_date)
    if not body.strip():
        raise NoText("the dateline is followed by no story", source=source)
    return make_article(body, source=source, fmt="text", record_id=_stem(source), **kw)


def _stem(source: str) -> str | None:
    return Path(source).stem if source != "-" else None


def _record_to_article(rec: object, source: str, default_date: date | None, fallback_id: str | None) -> Article:
    if not isinstance(rec, dict):
        raise MalformedJSON(f"expected an object, found {type(rec).__name__}", source=source)
    r = record_fields(rec, source)
    kw = _dated(r.date, source, default_date)
    return make_article(
        r.body,
        source=source,
        title=r.title,
        description=r.description,
        fmt="newsplease",
        url=r.url,
        source_domain=r.source_domain,
        language=r.language,
        record_id=r.record_id or fallback_id,
        published=kw["published"],
        warnings=r.warnings + kw["warnings"],
    )


def _record(rec: object, source: str, default_date: date | None, fallback_id: str | None) -> Article | InputError:
    try:
        return _record_to_article(rec, source, default_date, fallback_id)
    except InputError as exc:
        if exc.source is None:
            exc.source = source
        return exc


def _int(digits: str) -> int | str:
    # Python refuses to convert more than 4,300 digits; no field we read is a number that long.
    return int(digits) if len(digits) <= limits().max_int_digits else digits


def loads(text: str) -> object:
    """JSON with huge integers kept as text; nesting too deep is malformed JSON."""
    try:
        return json.loads(text, parse_int=_int)
    except RecursionError:
        raise MalformedJSON("nested too deeply") from None


def read_json(text: str, source: str, default_date: date | None = None) -> Items:
    try:
        data = loads(text)
    except json.JSONDecodeError as exc:
        if _is_json_lines(text):  # several objects, one per line, in a .json file
            yield from read_jsonl(text, source, default_date)
            return
        yield MalformedJSON(f"{exc.msg} at line {exc.lineno} column {exc.colno}", source=source)
        return
    records = data if isinstance(data, list) else [data]
    if not records:
        yield NoRecords("an empty list", source=source)
    for n, rec in enumerate(records):
        one = len(records) == 1
        yield _record(rec, source if one else f"{source}#{n + 1}", default_date, _stem(source) if one else None)


def _is_json_lines(text: str) -> bool:
    """The first line is a whole JSON object by itself (pretty-printed JSON's is not)."""
    first = text.lstrip().split("\n", 1)[0]
    if not first.startswith("{"):
        return False
    try:
        return isinstance(loads(first), dict)
    except (json.JSONDecodeError, MalformedJSON):
        return False


def read_jsonl(text: str, source: str, default_date: date | None = None) -> Items:
    found = False
    for n, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        found = True
        src = f"{source}#L{n}"
        try:
            rec = loads(line)
        except json.JSONDecodeError as exc:
            yield MalformedJSON(f"{exc.msg} at line {n} column {exc.colno}", source=src)
            continue
        except MalformedJSON as exc:
            exc.source = src
            yield exc
            continue
        yield _record(rec, src, default_date, None)
    if not found:
        yield NoRecords("only blank lines", source=source)


def read_html(text: str, source: str, default_date: date | None = None) -> Article:
    import trafilatura

    if len(text) > limits().max_html_bytes:
        raise InputTooLarge(f"HTML page is {len(text):,} characters, over the limit of {limits().max_html_bytes:,}")
    # Dates come from the page's metadata only: a year in the body is not its date.
    doc = trafilatura.bare_extraction(
        text,
        with_metadata=True,
        include_comments=False,
        favor_precision=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )

    def get(key: str) -> str | None:
        value = doc.get(key) if isinstance(doc, dict) else getattr(doc, key, None)
        return value if isinstance(value, str) and value.strip() else None

    body = get("text")
    # Menus and footers survive extraction on pages with no article: demand prose.
    if not body or len(body.split()) < MIN_HTML_WORDS:
        raise NoArticleInHTML(source=source)
    # trafilatura puts one paragraph (or heading) per line: make each a paragraph of ours
    body = re.sub(r"\n+", "\n\n", body.strip())
    try:
        kw = _dated(get("date"), source, default_date)
    except (BadDate, DateOutOfRange):
        kw = _dated(None, source, default_date)
    return make_article(
        body,
        source=source,
        title=get("title"),
        description=None,
        fmt="html",
        url=get("url"),
        source_domain=get("hostname") or get("sitename"),
        language=get("language"),
        record_id=_stem(source),
        **kw,
    )


def _sniff(text: str, suffix: str) -> str:
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in JSON_SUFFIXES:
        return "json"
    if suffix in HTML_SUFFIXES:
        return "html"
    if _JSON_START.match(text[:512]):
        return "json"
    head = text.lstrip()[:512].lower()
    if head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in head):
        return "html"
    return "text"


def _read_decoded(text: str, source: str, suffix: str, default_date: date | None) -> Items:
    kind = _sniff(text, suffix)
    if kind == "json":
        yield from read_json(text, source, default_date)
    elif kind == "jsonl":
        yield from read_jsonl(text, source, default_date)
    elif kind == "html":
        yield read_html(text, source, default_date)
    else:
        yield read_text(text, source, default_date)


def read_bytes(data: bytes, source: str, suffix: str = "", default_date: date | None = None) -> Items:
    """Every article in one input's bytes, or the errors that stopped them."""
    try:
        text, warnings = decode(data, source)
        for item in _read_decoded(text, source, suffix, default_date):
            if warnings and isinstance(item, Article):
                item = _with_warnings(item, warnings)
            yield item
    except InputError as exc:
        if exc.source is None:
            exc.source = source
        yield exc


def _with_warnings(art: Article, warnings: tuple[str, ...]) -> Article:
    import dataclasses

    return dataclasses.replace(art, warnings=warnings + art.warnings)
