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


def read_tml(path: str | Path) -> TimeMLDoc:
    path = Path(path)
    raw = path.read_text(encoding="utf-8")
    dct_value = dct = None
    m = _DCT.search(raw)
    if m:
        dct_value = _attrs(m.group(0)).get("value")
        dm = re.match(r"^(\d{4})-?(\d\d)-?(\d\d)", dct_value or "")
        if dm:
            try:
                dct = date(int(dm[1]), int(dm[2]), int(dm[3]))
            except ValueError:
                dct = None
    tm = _TEXT.search(raw)
    body = tm.group(1) if tm else ""
    parts: list[str] = []
    pos = 0
    open_tx: tuple[int, dict] | None = None
    gold: list[GoldTimex] = []
    for piece in _TAG.split(body):
        if not piece:
            continue
        if piece.startswith("<"):
            if piece.startswith("<TIMEX3"):
                open_tx = (pos, _attrs(piece))
            elif piece.startswith("</TIMEX3") and open_tx is not None:
                s, a = open_tx
                t = "".join(parts)[s:pos]
                gold.append(GoldTimex(s, pos, t, a.get("type", ""), a.get("value", ""), a.get("mod"), a.get("tid")))
                open_tx = None
            continue
        s = html.unescape(piece)
        parts.append(s)
        pos += len(s)
    return TimeMLDoc(path.stem, dct, dct_value, "".join(parts), tuple(gold))


def read_dir(folder: str | Path) -> list[TimeMLDoc]:
    """Every ``.tml`` file under ``folder`` (recursively), in name order."""
    folder = Path(folder)
    files = sorted(folder.rglob("*.tml")) if folder.is_dir() else [folder]
    return [read_tml(p) for p in files]
