"""Reading input files into :class:`Article` records.

Every reader yields either an Article or an :class:`InputError` naming its
source, so one bad file never stops a batch.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from ..errors import (
    BadDate,
    BinaryInput,
    EmptyInput,
    InputError,
    MalformedJSON,
    NoArticleInHTML,
    NoText,
    PathNotFound,
    UndecodableInput,
)
from ..types import Article
from .normalize import make_article, parse_date

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES | HTML_SUFFIXES

# " date 2023-09-12 Story..." : the reference format (leading space, the word, ISO date)
_DATELINE = re.compile(
    r"^\s*date\s+(?P<date>\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?)\s*(?P<rest>.*)\Z",
    re.S | re.I,
)
_DATE_HEADER = re.compile(r"^\s*date\s*:\s*(?P<date>[^\n]+?)\s*(?:\n|\Z)(?P<rest>.*)\Z", re.S | re.I)
_ISO_FIRST_LINE = re.compile(
    r"^\s*(?P<date>\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?)\s*\n(?P<rest>.*)\Z",
    re.S,
)
MIN_HTML_WORDS = 8
UNKNOWN_DATE_WARNING = "publication date unknown: relative dates stay unresolved. Pass --date YYYY-MM-DD to set it."


def decode(data: bytes, source: str) -> str:
    """Bytes to text: UTF-8 first, then charset detection; binaries are refused."""
    if not data.strip():
        raise EmptyInput(source=source)
    head = data[:8192]
    if b"\x00" in head and not (head.startswith((b"\xff\xfe", b"\xfe\xff"))):
        raise BinaryInput("contains NUL bytes", source=source)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise UndecodableInput("charset detection found no encoding", source=source)
    text = str(best)
    controls = sum(1 for c in text[:4096] if ord(c) < 32 and c not in "\n\r\t\f")
    if controls > 0.05 * min(len(text), 4096):
        raise BinaryInput("mostly control characters", source=source)
    return text


def _with_date(article_kwargs: dict, raw_date, source: str, default: date | None) -> dict:
    published = parse_date(raw_date) if raw_date else None
    warnings = ()
    if published is None:
        published = default
        if published is None:
            warnings = (UNKNOWN_DATE_WARNING,)
    return {**article_kwargs, "published": published, "warnings": warnings}


def read_text(text: str, source: str, default_date: date | None = None) -> Article:
    raw_date, body = None, text
    for pattern in (_DATELINE, _DATE_HEADER, _ISO_FIRST_LINE):
        m = pattern.match(text)
        if m:
            raw_date, body = m["date"], m["rest"]
            break
    try:
        kw = _with_date({}, raw_date, source, default_date)
    except BadDate as exc:
        if default_date is None:
            raise BadDate(exc.detail, source=source) from None
        kw = {"published": default_date, "warnings": (f"unparseable dateline {raw_date!r}; used --date",)}
    if not body.strip():
        raise NoText("the dateline is followed by no story", source=source)
    return make_article(body, source=source, fmt="text", record_id=Path(source).stem if source != "-" else None, **kw)


def _record_to_article(rec, source: str, default_date: date | None, fallback_id: str | None) -> Article:
    if not isinstance(rec, dict):
        raise MalformedJSON(f"expected an object, found {type(rec).__name__}", source=source)
    body = rec.get("maintext") or rec.get("text")
    if not isinstance(body, str) or not body.strip():
        raise NoText("no 'text' or 'maintext'", source=source)
    title = rec.get("title") if isinstance(rec.get("title"), str) else None
    desc = rec.get("description") if isinstance(rec.get("description"), str) else None
    try:
        kw = _with_date({}, rec.get("date_publish") or rec.get("date"), source, default_date)
    except BadDate as exc:
        raise BadDate(exc.detail, source=source) from None
    return make_article(
        body,
        source=source,
        title=title,
        description=desc,
        fmt="newsplease",
        url=rec.get("url"),
        source_domain=rec.get("source_domain") or rec.get("publisher"),
        language=rec.get("language"),
        record_id=rec.get("dId") or rec.get("id") or fallback_id,
        **kw,
    )


def read_json(text: str, source: str, default_date: date | None = None) -> Iterator[Article | InputError]:
    stem = Path(source).stem if source != "-" else None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        # Several objects, one per line, in a .json file: read it as JSON Lines.
        if text.lstrip().startswith("{") and "\n" in text.strip():
            yield from read_jsonl(text, source, default_date)
            return
        yield MalformedJSON(f"{exc.msg} at line {exc.lineno} column {exc.colno}", source=source)
        return
    records = data if isinstance(data, list) else [data]
    for n, rec in enumerate(records):
        src = source if len(records) == 1 else f"{source}#{n + 1}"
        try:
            yield _record_to_article(rec, src, default_date, stem if len(records) == 1 else None)
        except InputError as exc:
            yield exc


def read_jsonl(text: str, source: str, default_date: date | None = None) -> Iterator[Article | InputError]:
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        src = f"{source}#L{n}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            yield MalformedJSON(f"{exc.msg} at column {exc.colno}", source=src)
            continue
        try:
            yield _record_to_article(rec, src, default_date, None)
        except InputError as exc:
            yield exc


def read_html(text: str, source: str, default_date: date | None = None) -> Article:
    import trafilatura

    doc = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False, favor_precision=True)
    body = getattr(doc, "text", None) if doc is not None else None
    if isinstance(doc, dict):  # older trafilatura returned dicts
        body = doc.get("text")
    # Menus and footers survive extraction on pages with no article: demand prose.
    if not body or len(body.split()) < MIN_HTML_WORDS:
        raise NoArticleInHTML(source=source)
    # trafilatura puts one paragraph (or heading) per line: make each a paragraph of ours
    body = re.sub(r"\n+", "\n\n", body.strip())
    get = (lambda k: doc.get(k)) if isinstance(doc, dict) else (lambda k: getattr(doc, k, None))
    try:
        kw = _with_date({}, get("date"), source, default_date)
    except BadDate:
        kw = _with_date({}, None, source, default_date)
    return make_article(
        body,
        source=source,
        title=get("title"),
        description=None,
        fmt="html",
        url=get("url"),
        source_domain=get("hostname") or get("sitename"),
        language=get("language"),
        record_id=Path(source).stem if source != "-" else None,
        **kw,
    )


def _sniff(text: str, suffix: str) -> str:
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in JSON_SUFFIXES:
        return "json"
    if suffix in HTML_SUFFIXES:
        return "html"
    head = text.lstrip()[:512].lower()
    if head.startswith(("{", "[")):
        return "json"
    if head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in head):
        return "html"
    return "text"


def read_bytes(
    data: bytes, source: str, suffix: str = "", default_date: date | None = None
) -> Iterator[Article | InputError]:
    try:
        text = decode(data, source)
        kind = _sniff(text, suffix)
        if kind == "json":
            yield from read_json(text, source, default_date)
        elif kind == "jsonl":
            yield from read_jsonl(text, source, default_date)
        elif kind == "html":
            yield read_html(text, source, default_date)
        else:
            yield read_text(text, source, default_date)
    except InputError as exc:
        if exc.source is None:
            exc.source = source
        yield exc


def _walk(path: Path) -> Iterator[Path]:
    for p in sorted(path.rglob("*")):
        if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in KNOWN_SUFFIXES:
            yield p


def read_path(path: str | Path, default_date: date | None = None) -> Iterator[Article | InputError]:
    """One path: a file, a directory (recursive), or "-" for standard input."""
    if str(path) == "-":
        yield from read_bytes(sys.stdin.buffer.read(), "-", "", default_date)
        return
    p = Path(path)
    if not p.exists():
        yield PathNotFound(source=str(path))
        return
    files = _walk(p) if p.is_dir() else [p]
    for f in files:
        try:
            data = f.read_bytes()
        except OSError as exc:
            yield PathNotFound(str(exc), source=str(f))
            continue
        yield from read_bytes(data, str(f), f.suffix.lower(), default_date)


def read_paths(paths: Iterable[str | Path], default_date: date | None = None) -> Iterator[Article | InputError]:
    for path in paths:
        yield from read_path(path, default_date)
