"""Bytes to text: UTF-8 first, then the other Unicode forms, then charset detection.

Nothing is decoded silently wrong: a UTF-8 file with a few lines in a legacy 8-bit
encoding is read line by line and says which lines were repaired; UTF-16 without a
byte-order mark is recognised by where its zero bytes fall; binaries are refused.
"""

from __future__ import annotations

import codecs

from ..errors import BinaryInput, EmptyInput, UndecodableInput

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
HEAD = 8192
# UTF-16 of mostly Latin text has a zero in nearly every other byte, always the same side.
_UTF16_ZEROS = 0.3
_STRAY_ZEROS = 0.02  # a few characters such as U+0100 put a zero on the other side
# Text with more control characters than this is not text (binaries decode to many).
MAX_CONTROLS = 0.2
LEGACY = "cp1252"


def decode(data: bytes, source: str) -> tuple[str, tuple[str, ...]]:
    """The text of ``data`` and the warnings its decoding raised."""
    if not data.strip():
        raise EmptyInput(source=source)
    encoding = _bom_encoding(data) or _utf16_without_bom(data[:HEAD])
    if encoding:
        try:
            return _checked(data.decode(encoding), source), ()
        except UnicodeDecodeError as exc:
            raise UndecodableInput(f"not valid {encoding}: {exc.reason} at byte {exc.start}", source=source) from None
    if b"\x00" in data[:HEAD]:
        raise BinaryInput("contains NUL bytes", source=source)
    try:
        return _checked(data.decode("utf-8"), source), ()
    except UnicodeDecodeError:
        pass
    mixed = _mostly_utf8(data)
    if mixed is not None:
        return _checked(mixed[0], source), mixed[1]
    return _checked(_detect(data, source), source), ()


def _bom_encoding(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def _utf16_without_bom(head: bytes) -> str | None:
    n = len(head) // 2
    if n < 4:
        return None
    even = sum(1 for b in head[0 : 2 * n : 2] if b == 0) / n
    odd = sum(1 for b in head[1 : 2 * n : 2] if b == 0) / n
    if odd >= _UTF16_ZEROS and even <= _STRAY_ZEROS:
        return "utf-16-le"
    if even >= _UTF16_ZEROS and odd <= _STRAY_ZEROS:
        return "utf-16-be"
    return None


def _mostly_utf8(data: bytes) -> tuple[str, tuple[str, ...]] | None:
    """UTF-8 with some lines in a legacy encoding: each line decoded by what it is.

    None when no line holds valid multi-byte UTF-8 (then the file is in one legacy
    encoding, and charset detection decides which).
    """
    lines = data.split(b"\n")
    out: list[str] = []
    repaired: list[int] = []
    utf8_lines = 0
    for n, raw in enumerate(lines, start=1):
        try:
            line = raw.decode("utf-8")
            utf8_lines += not raw.isascii()
        except UnicodeDecodeError:
            line = _legacy(raw)
            repaired.append(n)
        out.append(line)
    if not utf8_lines:
        return None
    shown = ", ".join(str(n) for n in repaired[:10]) + (" ..." if len(repaired) > 10 else "")
    warning = (
        f"{len(repaired)} line(s) not in UTF-8 (line {shown}) were read as {LEGACY}; the rest is UTF-8."
        " Check those lines, or re-save the file as UTF-8."
    )
    return "\n".join(out), (warning,)


def _legacy(raw: bytes) -> str:
    try:
        return raw.decode(LEGACY)
    except UnicodeDecodeError:  # the five bytes cp1252 leaves undefined
        return raw.decode("latin-1")


def _detect(data: bytes, source: str) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise UndecodableInput("charset detection found no encoding", source=source)
    return str(best)


def _checked(text: str, source: str) -> str:
    sample = text[:4096]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f")
    if controls > MAX_CONTROLS * max(1, len(sample)):
        raise BinaryInput(f"{controls / max(1, len(sample)):.0%} control characters", source=source)
    return text
