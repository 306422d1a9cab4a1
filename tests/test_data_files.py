"""Every YAML data file of a stage is read through its typed loader, and loads.

A loader is a frozen dataclass built by ``dateline.config.load``, which fails on
unknown or missing keys: so a file that loads has every key read. Files still read
as untyped dicts are listed in DEBT, each owned by an open issue; the list only shrinks.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import dateline
from dateline import config

SRC = Path(dateline.__file__).parent

DEBT = {
    "events/data/cues.yaml",
    "events/data/main_event.yaml",
    "events/data/ontology.yaml",
    "query/data/questions.yaml",
}


def _import_everything() -> None:
    """Loaders register their files at import time."""
    for mod in pkgutil.walk_packages([str(SRC)], prefix="dateline."):
        if not mod.name.endswith("__main__"):  # running it would run the command
            importlib.import_module(mod.name)


def test_every_data_file_has_a_typed_loader_and_loads():
    _import_everything()
    loaders = config.registered()
    files = {p.relative_to(SRC).as_posix(): p.resolve() for p in SRC.glob("*/data/**/*.yaml")}
    untyped = {rel for rel, p in files.items() if p not in loaders}
    assert untyped - DEBT == set(), "data files without a typed loader (config.load + config.register)"
    assert DEBT - untyped == set(), "now typed: remove these from DEBT"
    for path, loader in loaders.items():
        assert loader() is not None, path


def _booleans_among_words(x, path: str) -> list[str]:
    """Keys, and members of word lists, that YAML 1.1 read as booleans (unquoted on/off/yes/no)."""
    out: list[str] = []
    if isinstance(x, dict):
        out += [f"{path}: key {k!r}" for k in x if isinstance(k, bool)]
        for k, v in x.items():
            out += _booleans_among_words(v, f"{path}/{k}")
    elif isinstance(x, list):
        if any(isinstance(e, str) for e in x):
            out += [f"{path}: {e!r}" for e in x if isinstance(e, bool)]
        for e in x:
            out += _booleans_among_words(e, path)
    return out


def test_untyped_data_files_quote_words_yaml_reads_as_booleans():
    """ "on" in a list of prepositions loads as True: a word silently gone (no typed loader checks it)."""
    import yaml

    found = [b for rel in sorted(DEBT) for b in _booleans_among_words(yaml.safe_load((SRC / rel).read_text()), rel)]
    assert found == []
