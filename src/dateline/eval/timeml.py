"""Reading TimeML ``.tml`` files: the document creation time, the plain text, the gold TIMEX3s.

The text is what remains inside ``<TEXT>`` once every tag is stripped (entities
unescaped); gold offsets are character offsets into that text.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

_TAG = re.compile(r"(<[^>]+>)")
_ATTR = re.compile(r'([\w:]+)\s*=\s*"([^"]*)"')
_DCT = re.compile(r'<TIMEX3\b[^>]*functionInDocument="CREATION_TIME"[^>]*>', re.S)
_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)


@dataclass(frozen=True, slots=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None
    tid: str | None = None


@dataclass(frozen=True, slots=True)
class TimeMLDoc:
    name: str
    dct: date | None
    dct_value: str | None
    text: str
    timexes: tuple[GoldTimex, ...]


def _attrs(tag: str) -> dict[str, str]:
    return {k: html.unescape(v) for k, v in _ATTR.findall(tag)}


def _dct(raw: str) -> tuple[date | None, str | None]:
    """The document creation time: as a date, and as the value the file writes."""
    m = _DCT.search(raw)
    if not m:
        return None, None
    value = _attrs(m.group(0)).get("value")
    dm = re.match(r"^(\d{4})-?(\d\d)-?(\d\d)", value or "")
    if not dm:
        return None, value
    try:
        return date(int(dm[1]), int(dm[2]), int(dm[3])), value
    except ValueError:
        return None, value


def _text_and_timexes(body: str) -> tuple[str, tuple[GoldTimex, ...]]:
    """The text with every tag stripped (entities unescaped), and the TIMEX3s with offsets into it."""
    parts: list[str] = []
    pos = 0
    open_tx: tuple[int, dict[str, str]] | None = None
    gold: list[GoldTimex] = []
    for piece in _TAG.split(body):
        if piece.startswith("<TIMEX3"):
            open_tx = (pos, _attrs(piece))
        elif piece.startswith("</TIMEX3") and open_tx is not None:
            start, a = open_tx
            text = "".join(parts)[start:pos]
            gold.append(GoldTimex(start, pos, text, a.get("type", ""), a.get("value", ""), a.get("mod"), a.get("tid")))
            open_tx = None
        elif piece and not piece.startswith("<"):
            plain = html.unescape(piece)
            parts.append(plain)
            pos += len(plain)
    return "".join(parts), tuple(gold)


def read_tml(path: str | Path) -> TimeMLDoc:
    path = Path(path)
    raw = path.read_text(encoding="utf-8")
    dct, dct_value = _dct(raw)
    tm = _TEXT.search(raw)
    text, gold = _text_and_timexes(tm.group(1) if tm else "")
    return TimeMLDoc(path.stem, dct, dct_value, text, gold)


def read_dir(folder: str | Path) -> list[TimeMLDoc]:
    """Every ``.tml`` file under ``folder`` (recursively), in name order."""
    folder = Path(folder)
    files = sorted(folder.rglob("*.tml")) if folder.is_dir() else [folder]
    return [read_tml(p) for p in files]
