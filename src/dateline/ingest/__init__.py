"""Reading dated news reports: plain text with a dateline, news-please JSON/JSONL, HTML."""

from .files import read_path, read_paths, skipped_by_extension
from .normalize import doc_id_for, make_article, normalize_text, parse_date
from .readers import read_bytes

__all__ = [
    "doc_id_for",
    "make_article",
    "normalize_text",
    "parse_date",
    "read_bytes",
    "read_path",
    "read_paths",
    "skipped_by_extension",
]
