"""A small fallback normalizer for spaCy DATE mentions, used only when the time
stage gave nothing for a sentence: years, month names, weekdays and
today/yesterday, resolved against the publication date (never today's date)."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_MONTHS["sept"] = 9
_WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_DAY = re.compile(r"\b([0-3]?\d)(?:st|nd|rd|th)?\b")
_WORD = re.compile(r"[a-z]+")


def guess(text: str, published: date | None) -> tuple[str, str, str] | None:
    """(TIMEX3 value, earliest ISO, latest ISO) for a date phrase, or None."""
    low = text.lower()
    words = _WORD.findall(low)
    ym = _YEAR.search(low)
    month = next((_MONTHS[w] for w in words if w in _MONTHS and w != "may" or (w == "may" and ym)), None)
    if ym:
        y = int(ym.group(1))
        if month:
            rest = low.replace(ym.group(1), " ")
            dm = _DAY.search(rest)
            if dm and 1 <= int(dm.group(1)) <= calendar.monthrange(y, month)[1]:
                d = date(y, month, int(dm.group(1))).isoformat()
                return d, d, d
            last = calendar.monthrange(y, month)[1]
            return f"{y:04d}-{month:02d}", f"{y:04d}-{month:02d}-01", f"{y:04d}-{month:02d}-{last:02d}"
        return f"{y:04d}", f"{y:04d}-01-01", f"{y:04d}-12-31"
    if published is None:
        return None
    if month:
        dm = _DAY.search(low)
        if dm and 1 <= int(dm.group(1)) <= calendar.monthrange(published.year, month)[1]:
            d = date(published.year, month, int(dm.group(1))).isoformat()
            return d, d, d
    for w in words:
        if w in ("today", "tonight"):
            d = published.isoformat()
            return d, d, d
        if w == "yesterday":
            d = (published - timedelta(days=1)).isoformat()
            return d, d, d
        if w == "tomorrow":
            d = (published + timedelta(days=1)).isoformat()
            return d, d, d
        if w in _WEEKDAYS:
            delta = (published.weekday() - _WEEKDAYS[w]) % 7
            if "next" in words:
                d = published + timedelta(days=(_WEEKDAYS[w] - published.weekday()) % 7 or 7)
            else:
                d = published - timedelta(days=delta)
            s = d.isoformat()
            return s, s, s
    if "last" in words and "year" in words:
        y = published.year - 1
        return f"{y:04d}", f"{y:04d}-01-01", f"{y:04d}-12-31"
    if "last" in words and "month" in words:
        m = published.month - 1 or 12
        y = published.year - (1 if published.month == 1 else 0)
        last = calendar.monthrange(y, m)[1]
        return f"{y:04d}-{m:02d}", f"{y:04d}-{m:02d}-01", f"{y:04d}-{m:02d}-{last:02d}"
    return None
