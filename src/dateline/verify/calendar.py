"""Dates against the calendar and against the publication date (per document).

``calendar.weekday_vs_date``: a weekday written with a date ("Sunday, Nov. 13, 2016",
"Tue, March 22, 2016") must be that date's weekday.
``calendar.dated_after_publication``: a report cannot carry text dated after it was
published: a date line of a quoted tweet, a gallery or a caption ("(@handle) November 8,
2016" in a page dated 8 February 2016), or an event told in the past tense on a full date
with its year. Planned events ("will meet on 5 December 2016") and dates after a
preposition ("on", "by", "until") that the sentence does not tell as past are not
evidence; a day's slack covers time zones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from ..nlp.syntax import Tree, governing_verb, span_head, tense
from ..types import Analysis, Check, TimeValue
from .config import tolerances
from .rules import cite, iso_day, verdict

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
_YEAR = re.compile(r"\b(1[89]\d\d|2\d\d\d)\b")
# what may stand before a date line: the end of a name or title, a bracket, a dash
_DATELINE_BEFORE = frozenset({"PUNCT", "NOUN", "PROPN", "SYM", "X", "NUM"})
_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _weekday_in(text: str) -> tuple[int, str] | None:
    """The weekday a date's text starts with ("Wed, November 30" -> (2, "Wed"))."""
    cfg = tolerances().calendar
    m = re.match(r"^\s*([A-Za-z]+)(\.|,)?", text)
    if not m:
        return None
    w = m.group(1).lower()
    if w in cfg.weekdays:
        return cfg.weekdays[w], m.group(1)
    if w in cfg.abbreviated_weekdays and m.group(2):
        return cfg.abbreviated_weekdays[w], m.group(1)
    return None


def _full_day(t: TimeValue) -> date | None:
    """The day of a DATE that names its month and day (the time stage's mdy/dmy readings)."""
    if t.type not in ("DATE", "TIME") or not _DAY.match(t.value or "") or not re.search(r"\b(?:mdy|dmy)", t.rule):
        return None
    return iso_day(t.value)


def _weekday_pairs(a: Analysis) -> list[tuple[TimeValue, int, str, date]]:
    """(timex, stated weekday, as written, date): a weekday inside a date's text, or a
    weekday expression right before a date ("Sunday, November 6")."""
    out = []
    times = sorted(a.times, key=lambda t: t.start)
    for n, t in enumerate(times):
        day = _full_day(t)
        if day is None:
            continue
        wd = _weekday_in(t.text)
        if wd is None and n > 0 and times[n - 1].sentence == t.sentence:
            prev = times[n - 1]
            if re.fullmatch(r"[\s,]*", a.parsed.text[prev.end : t.start]):
                wd = _weekday_in(prev.text)
        if wd is not None:
            out.append((t, wd[0], wd[1], day))
    return out


def check_weekdays(a: Analysis) -> list[Check]:
    out = []
    for t, stated, word, day in _weekday_pairs(a):
        actual = day.weekday()
        explicit_year = bool(_YEAR.search(t.text))
        computed = f"{day.isoformat()} is a {_WEEKDAY_NAMES[actual]}; stated {_WEEKDAY_NAMES[stated]} ({word})"
        claim = t.text if t.text.lower().startswith(word.lower()) else f"{word} ... {t.text}"
        ok: bool | None = stated == actual
        if ok:
            why = f"'{claim}': {day.isoformat()} is indeed a {_WEEKDAY_NAMES[actual]}."
        elif explicit_year:
            why = f"'{claim}': {day.isoformat()} is a {_WEEKDAY_NAMES[actual]}, not a {_WEEKDAY_NAMES[stated]}."
        else:
            ok = None  # the text may be of another year than the one the publication date suggests
            why = (
                f"'{claim}': in {day.year}, the year the publication date suggests, it is a "
                f"{_WEEKDAY_NAMES[actual]}, not a {_WEEKDAY_NAMES[stated]}; the text does not write the year, "
                "and in another year the weekday may fit."
            )
        out.append(
            verdict("calendar", "calendar.weekday_vs_date", ok, claim, computed, why, cite(a.parsed, t.sentence))
        )
    return out


@dataclass(frozen=True)
class _Late:
    timex: TimeValue
    day: date
    how: str  # "date line" | "told as past"


def _token_range(a: Analysis, t: TimeValue) -> tuple[int, int]:
    s = a.parsed.sentences[t.sentence]
    toks = [
        k
        for k in range(s.token_start, s.token_end)
        if a.parsed.tokens[k].start >= t.start and a.parsed.tokens[k].end <= t.end
    ]
    return (toks[0], toks[-1] + 1) if toks else (s.token_start, s.token_start + 1)


def _future_cue(a: Analysis, t: TimeValue) -> bool:
    """The sentence speaks of something planned or hoped for anywhere in it."""
    words = {w.lower() for w in re.findall(r"[\w']+", a.parsed.sentences[t.sentence].text)}
    return bool(words & tolerances().calendar.future_cues)


def _how_late(a: Analysis, tree: Tree, t: TimeValue) -> str | None:
    """How a date after publication is stated: as a date line (nothing before it that makes
    it an event's date), or as the date of something told in the past tense."""
    cfg = tolerances().calendar
    if _future_cue(a, t):
        return None
    i, j = _token_range(a, t)
    toks = a.parsed.tokens
    prev = toks[i - 1] if i > 0 and toks[i - 1].sentence == toks[i].sentence else None
    if prev is None or (prev.text.lower() not in cfg.stamp_blockers and prev.pos in _DATELINE_BEFORE):
        return "date line"
    v = governing_verb(toks, span_head(toks, i, j))
    if v is not None and tense(tree, v) == "past":
        return "told as past"
    return None


def _own_dateline(a: Analysis, t: TimeValue) -> bool:
    """A sentence that is only a date ("June 6, 2005") is the page's own date line: it
    restates the publication date and checks nothing."""
    return re.sub(r"\W", "", a.parsed.sentences[t.sentence].text) == re.sub(r"\W", "", t.text)


def _stated_dates(a: Analysis) -> tuple[list[_Late], list[_Late]]:
    """(dates after publication told as date lines or past events, date lines on or before it)."""
    pub = a.article.published
    if pub is None:
        return [], []
    limit = pub + timedelta(days=tolerances().calendar.publication_slack_days)
    tree: Tree | None = None
    late, stamps = [], []
    for t in a.times:
        day = _full_day(t)
        if day is None or not _YEAR.search(t.text):
            continue
        tree = tree or Tree(a.parsed)
        how = _how_late(a, tree, t)
        if how is not None and day > limit:
            late.append(_Late(t, day, how))
        elif how == "date line" and not _own_dateline(a, t):
            stamps.append(_Late(t, day, how))
    return late, stamps


def check_dated_after_publication(a: Analysis) -> list[Check]:
    late, stamps = _stated_dates(a)
    pub = a.article.published
    if pub is None:
        return []
    if not late:
        return _stamps_in_time(a, pub, stamps)
    shown = "; ".join(dict.fromkeys(f"{x.timex.text!r} ({x.how}, {(x.day - pub).days} days after)" for x in late))
    claim = f"published {pub.isoformat()}; dated later: " + "; ".join(dict.fromkeys(x.timex.text for x in late))
    computed = f"publication {pub.isoformat()}; " + shown
    why = (
        f"The report is dated {pub.isoformat()} but carries text dated after it ({shown}): either its "
        "publication date is wrong or the page was changed after it was published."
    )
    cites = cite(a.parsed, *sorted({x.timex.sentence for x in late}))
    return [verdict("calendar", "calendar.dated_after_publication", False, claim, computed, why, cites)]


def _stamps_in_time(a: Analysis, pub: date, stamps: list[_Late]) -> list[Check]:
    """The date lines a page carries (a quoted tweet's, a gallery's) are on or before its
    publication date: the page and its date agree."""
    if not stamps:
        return []
    shown = "; ".join(dict.fromkeys(f"{x.timex.text!r} ({(pub - x.day).days} days before)" for x in stamps))
    claim = f"published {pub.isoformat()}; date lines: " + "; ".join(dict.fromkeys(x.timex.text for x in stamps))
    computed = f"publication {pub.isoformat()}; " + shown
    why = f"Every date line the report carries ({shown}) is on or before its publication date {pub.isoformat()}."
    cites = cite(a.parsed, *sorted({x.timex.sentence for x in stamps}))
    return [verdict("calendar", "calendar.dated_after_publication", True, claim, computed, why, cites)]


def check_calendar(a: Analysis) -> list[Check]:
    return check_weekdays(a) + check_dated_after_publication(a)
