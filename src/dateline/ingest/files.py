"""Paths to input bytes: files, folders (recursive), standard input.

Each failure is named as what it is (missing, permission denied, a symbolic link
loop, an unreadable subfolder, too large) and yielded as an :class:`InputError`,
so the batch goes on. Reads are bounded, so ``/dev/zero`` cannot exhaust memory.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError, InputTooLarge, PathNotFound, PermissionDenied, ReaderFailed, RepeatedStdin, SymlinkLoop
from ..types import Article
from .limits import limits
from .readers import KNOWN_SUFFIXES, read_bytes

Items = Iterator[Article | InputError]


def os_error(exc: OSError, source: str) -> InputError:
    """The coded error for an operating-system failure on ``source``."""
    if isinstance(exc, PermissionError):
        return PermissionDenied(exc.strerror or "access denied", source=source)
    if exc.errno == errno.ELOOP:
        return SymlinkLoop(exc.strerror or "too many levels of symbolic links", source=source)
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return PathNotFound(source=source)
    return PathNotFound(f"{exc.strerror or exc}", source=source)


def read_limited(fh: BinaryIO, source: str) -> bytes:
    """At most the file size limit, or :class:`InputTooLarge`."""
    cap = limits().max_file_bytes
    data = fh.read(cap + 1)
    if len(data) > cap:
        raise InputTooLarge(f"input is over the limit of {cap:,} bytes", source=source)
    return data


def _walk(root: Path, seen: set[str]) -> Iterator[Path | InputError]:
    """Article files under ``root``, sorted, following links once; unreadable folders named."""
    try:
        real = os.path.realpath(root)
        if real in seen:
            return
        seen.add(real)
        with os.scandir(root) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        yield os_error(exc, str(root))
        return
    for e in entries:
        if e.name.startswith("."):
            continue
        path = Path(e.path)
        try:
            is_dir = e.is_dir()
            is_file = not is_dir and e.is_file()
        except OSError as exc:
            yield os_error(exc, e.path)
            continue
        if is_dir:
            yield from _walk(path, seen)
        elif is_file and path.suffix.lower() in KNOWN_SUFFIXES:
            yield path
        elif path.suffix.lower() in KNOWN_SUFFIXES and e.is_symlink() and not os.path.exists(e.path):
            yield _dangling(e.path)


def skipped_by_extension(paths: Iterable[str]) -> list[str]:
    """Files under the folders in ``paths`` that ingest leaves out for their extension (not
    hidden ones), sorted: so that a folder of .pdf or .docx files is not silently empty.
    A file named directly is read whatever its extension, so it is never listed."""
    out: list[str] = []
    for p in paths:
        if p != "-" and os.path.isdir(p):
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                out += [
                    os.path.join(root, f)
                    for f in sorted(files)
                    if not f.startswith(".") and Path(f).suffix.lower() not in KNOWN_SUFFIXES
                ]
    return out


def _dangling(path: str) -> InputError:
    try:
        os.stat(path)
    except OSError as exc:
        return os_error(exc, path)
    return PathNotFound(source=path)


def _read_file(f: Path, default_date: date | None) -> Items:
    try:
        with open(f, "rb") as fh:
            data = read_limited(fh, str(f))
    except OSError as exc:
        yield os_error(exc, str(f))
        return
    except InputError as exc:
        yield exc
        return
    yield from guarded(read_bytes(data, str(f), f.suffix.lower(), default_date), str(f))


def guarded(items: Items, source: str) -> Items:
    """``items``, with an unexpected exception turned into one error line for ``source``:
    a bug in reading one file never stops the batch."""
    while True:
        try:
            item = next(items)
        except StopIteration:
            return
        except Exception as exc:
            yield ReaderFailed(f"{type(exc).__name__}: {exc}"[:300], source=source)
            return
        yield item


def read_path(path: str | Path, default_date: date | None = None) -> Items:
    """One path: a file, a directory (recursive), or "-" for standard input."""
    if str(path) == "-":
        try:
            data = read_limited(sys.stdin.buffer, "-")
        except InputError as exc:
            yield exc
            return
        yield from guarded(read_bytes(data, "-", "", default_date), "-")
        return
    p = Path(path)
    try:
        os.stat(p)
        is_dir = p.is_dir()
    except OSError as exc:
        yield os_error(exc, str(path))
        return
    if not is_dir:
        yield from _read_file(p, default_date)
        return
    for f in _walk(p, set()):
        if isinstance(f, InputError):
            yield f
        else:
            yield from _read_file(f, default_date)


def read_paths(paths: Iterable[str | Path], default_date: date | None = None) -> Items:
    paths = list(paths)
    stdin = sum(1 for p in paths if str(p) == "-")
    if stdin > 1:
        raise RepeatedStdin(str(stdin))
    for path in paths:
        yield from read_path(path, default_date)


def input_files(paths: Iterable[str | Path]) -> Iterator[Path | str | InputError]:
    """The files :func:`read_paths` would read, in its order, without reading them
    ("-" stays "-"): for readers that spread the files over workers."""
    paths = list(paths)
    stdin = sum(1 for p in paths if str(p) == "-")
    if stdin > 1:
        raise RepeatedStdin(str(stdin))
    for path in paths:
        if str(path) == "-":
            yield "-"
            continue
        p = Path(path)
        try:
            os.stat(p)
            is_dir = p.is_dir()
        except OSError as exc:
            yield os_error(exc, str(path))
            continue
        yield from (_walk(p, set()) if is_dir else [p])
