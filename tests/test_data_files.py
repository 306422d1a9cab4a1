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
